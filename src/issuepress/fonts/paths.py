"""Where fonts are looked for and where the font cache lives; atomic file writes for the cache.

Fonts are found in documented places only, never by walking up from this file to a repository checkout
(an installed package has none): the issue's fonts/ folder, the folders in $ISSUEPRESS_FONTS, then the
platform's font folders that exist on this machine.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

# Environment variable naming the user's own font folders (os.pathsep between several), searched after
# the fonts/ and before the system's folders, so a face there wins over an installed one.
FONTS_ENV = "ISSUEPRESS_FONTS"

# fontconfig's configuration, read for its <dir> entries (fc-list is not used: fontconfig is not
# always installed, and a container may have the config without the tools).
FONTCONFIG_FILES = (Path("/etc/fonts/fonts.conf"),)
FONTCONFIG_INCLUDE_DIRS = (Path("/etc/fonts/conf.d"),)
_DIR_RE = re.compile(r"<dir(?P<attrs>[^>]*)>(?P<path>[^<]+)</dir>")


def _home() -> Path:
    try:
        return Path.home()
    except RuntimeError:  # no HOME and no password entry (a bare container): no user folders
        return Path("/nonexistent")


def _xdg_data_home() -> Path:
    env = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(env) if env else _home() / ".local" / "share"


def _user_fontconfig() -> tuple[Path, Path]:
    """The user's fontconfig file and conf.d folder (fontconfig's 50-user.conf includes them)."""
    env = os.environ.get("XDG_CONFIG_HOME", "").strip()
    base = (Path(env) if env else _home() / ".config") / "fontconfig"
    return base / "fonts.conf", base / "conf.d"


def _fontconfig_dirs() -> list[Path]:
    """The <dir> entries of fontconfig's files (the system's and the user's), with `~` and
    prefix="xdg" made absolute."""
    user_file, user_dir = _user_fontconfig()
    files = [*FONTCONFIG_FILES, user_file]
    for folder in (*FONTCONFIG_INCLUDE_DIRS, user_dir):
        try:
            files += sorted(folder.glob("*.conf"))
        except OSError:
            continue
    out: list[Path] = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for m in _DIR_RE.finditer(text):
            raw = m.group("path").strip()
            if 'prefix="xdg"' in m.group("attrs"):
                out.append(_xdg_data_home() / raw)
            elif raw.startswith("~"):
                out.append(_home() / raw[1:].lstrip("/"))
            elif raw.startswith("/"):
                out.append(Path(raw))
    return out


def linux_dirs() -> list[Path]:
    """fontconfig's default folders (/usr/share/fonts, /usr/local/share/fonts, ~/.fonts, the XDG data
    folders' fonts/), then any other <dir> its configuration names."""
    home = _home()
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts", _xdg_data_home() / "fonts"]
    for part in os.environ.get("XDG_DATA_DIRS", "").split(":"):
        if part.strip():
            dirs.append(Path(part.strip()) / "fonts")
    return dirs + _fontconfig_dirs()


def macos_dirs() -> list[Path]:
    """The user's, the machine's and the system's font folders, as Font Book keeps them."""
    return [_home() / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"), Path("/Network/Library/Fonts")]


def windows_dirs() -> list[Path]:
    """%WINDIR%\\Fonts (fonts installed for all users) and the fonts one user installed."""
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
    dirs = [Path(windir) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def platform_dirs(platform: str | None = None) -> list[Path]:
    """The platform's font folders, in search order (whether they exist or not)."""
    plat = platform or sys.platform
    if plat.startswith("win"):
        return windows_dirs()
    if plat == "darwin":
        return macos_dirs()
    return linux_dirs()


def env_font_dirs() -> list[Path]:
    """The folders named in $ISSUEPRESS_FONTS, in the order given."""
    return [Path(p.strip()).expanduser() for p in os.environ.get(FONTS_ENV, "").split(os.pathsep) if p.strip()]


def _existing(dirs: list[Path]) -> tuple[Path, ...]:
    out: dict[Path, None] = {}
    for d in dirs:
        try:
            if d.is_dir():
                out[d] = None
        except OSError:
            continue
    return tuple(out)


def standard_dirs() -> tuple[Path, ...]:
    """The platform's font folders that exist on this machine."""
    return _existing(platform_dirs())


# Kept for callers that read the folders once (scripts/make_test_font.py).
STANDARD_DIRS: tuple[Path, ...] = standard_dirs()

# Environment variable naming the font cache folder (bench/ and tests point it at a temporary one).
CACHE_ENV = "ISSUEPRESS_CACHE"


def default_cache_dir() -> Path:
    """$ISSUEPRESS_CACHE when set, else ~/.cache/issuepress/fonts."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else _home() / ".cache" / "issuepress" / "fonts"


def cache_subdir(name: str) -> Path:
    """The folder of one kind of cache: $ISSUEPRESS_CACHE/NAME, else ~/.cache/issuepress/NAME (the
    paragraph, picture, probe, hyphenation and Word-picture caches each keep one)."""
    env = os.environ.get(CACHE_ENV)
    return (Path(env) if env else _home() / ".cache" / "issuepress") / name


def default_search_dirs() -> tuple[Path, ...]:
    """$ISSUEPRESS_FONTS (the user's fonts win over the system's), then the platform's font folders."""
    return _existing(env_font_dirs()) + tuple(d for d in standard_dirs() if d not in env_font_dirs())


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path` and rename it over, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
