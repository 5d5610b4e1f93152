"""Where fonts are looked for and where the font cache lives; atomic file writes for the cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# The usual font folders of a Linux desktop or server (fontconfig's defaults), in search order
# after the caller's own folders. fc-list is not used: fontconfig is not always installed.
STANDARD_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
)

# fonts/ at the repository root: users' own fonts and the font map (see fonts/README.md).
PROJECT_FONTS_DIR = Path(__file__).resolve().parents[3] / "fonts"

# Environment variable naming the font cache folder (bench/ and tests point it at a temporary one).
CACHE_ENV = "ISSUEPRESS_CACHE"


def default_cache_dir() -> Path:
    """$ISSUEPRESS_CACHE when set, else ~/.cache/issuepress/fonts."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "issuepress" / "fonts"


def default_search_dirs() -> tuple[Path, ...]:
    """The project's fonts/ folder (users' fonts win over the system's), then the standard folders."""
    dirs = [PROJECT_FONTS_DIR] if PROJECT_FONTS_DIR.is_dir() else []
    return tuple(dirs) + STANDARD_DIRS


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
