"""Where fonts are looked for: $ISSUEPRESS_FONTS, the platform's folders, and never a repository checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fonts_testdata import FALLBACK, FALLBACK_FILE, FALLBACK_ONLY, SERIF, SERIF_FILE
from issuepress.fonts import paths
from issuepress.fonts.registry import FontChoice, FontRegistry, FontRole

REPO = Path(__file__).resolve().parents[2]


def test_windows_folders_are_the_system_and_the_per_user_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WINDIR", r"D:\Win")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\li\AppData\Local")
    got = [str(p).replace("\\", "/") for p in paths.platform_dirs("win32")]
    assert got == ["D:/Win/Fonts", "C:/Users/li/AppData/Local/Microsoft/Windows/Fonts"]


def test_macos_folders_are_the_users_the_machines_and_the_systems(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    got = paths.platform_dirs("darwin")
    assert got[:3] == [tmp_path / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]


def test_linux_folders_follow_fontconfig_and_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text('<fontconfig><dir>/opt/house-fonts</dir><dir prefix="xdg">fonts</dir>'
                    '<dir>~/.my-fonts</dir></fontconfig>', encoding="utf-8")
    monkeypatch.setattr(paths, "FONTCONFIG_FILES", (conf,))
    monkeypatch.setattr(paths, "FONTCONFIG_INCLUDE_DIRS", ())
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_DIRS", "/usr/share:/opt/share")
    user_conf = tmp_path / "config" / "fontconfig" / "fonts.conf"
    user_conf.parent.mkdir(parents=True)
    user_conf.write_text("<fontconfig><dir>~/Fonts-of-mine</dir></fontconfig>", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    got = paths.platform_dirs("linux")
    for want in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), tmp_path / "home/.fonts",
                 tmp_path / "data/fonts", Path("/opt/share/fonts"), Path("/opt/house-fonts"),
                 tmp_path / "home/.my-fonts", tmp_path / "home/Fonts-of-mine"):
        assert want in got, want


def test_only_existing_folders_are_searched_and_env_folders_come_first(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    mine, other = tmp_path / "mine", tmp_path / "other"
    mine.mkdir()
    monkeypatch.setenv(paths.FONTS_ENV, f"{mine}:{other}")
    dirs = paths.default_search_dirs()
    assert dirs[0] == mine and other not in dirs
    assert all(d.is_dir() for d in dirs)


def test_no_search_folder_is_found_from_the_source_files_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.FONTS_ENV, raising=False)
    assert not any(d.resolve().is_relative_to(REPO) for d in paths.default_search_dirs())


def test_a_family_in_an_issuepress_fonts_folder_is_found_and_wins(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    fonts = tmp_path / "house fonts"
    fonts.mkdir()
    shutil.copy(SERIF_FILE, fonts)
    shutil.copy(FALLBACK_FILE, fonts)
    monkeypatch.setenv(paths.FONTS_ENV, str(fonts))
    roles = {"song": FontRole("song", (FontChoice(SERIF), FontChoice(FALLBACK))),
             "kai": FontRole("kai", (FontChoice(None, file=FALLBACK_FILE.name),))}
    reg = FontRegistry(roles, cache_dir=tmp_path / "cache")
    assert [reg.face(f).path.parent for f in reg.face_ids("song")] == [fonts, fonts]
    assert reg.face(reg.face_ids("kai")[0]).path == fonts / FALLBACK_FILE.name  # a relative file, from the folder
    styled = reg.style_chars(FALLBACK_ONLY, "song", 10)
    assert {reg.face(s.face).family for s in styled} == {FALLBACK}
