"""Finding faces: name tables read once, the JSON index reused, weights matched to the nearest."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from fonts_testdata import FALLBACK, FALLBACK_FILE, SERIF, SERIF_FILE

from issuepress.fonts import scan
from issuepress.fonts.defaults import CJK_FAMILIES, DEFAULT_ROLES
from issuepress.fonts.match import family_faces, nearest_weight
from issuepress.fonts.registry import FontChoice, FontError, FontRole
from issuepress.fonts.roles import weight_class, weight_name
from issuepress.fonts.scan import FaceInfo, FontIndex, read_faces


def _font_dir(tmp_path: Path) -> Path:
    d = tmp_path / "fonts"
    (d / "sub").mkdir(parents=True)
    shutil.copy(SERIF_FILE, d / "serif.ttf")
    (d / "notes.txt").write_text("not a font")
    (d / "broken.ttf").write_bytes(b"\x00\x01\x00\x00 not really a font")
    return d


def test_read_faces_reports_names_weight_and_metrics() -> None:
    (face,) = read_faces(SERIF_FILE)
    assert (face.family, face.style, face.ps_name) == (SERIF, "Regular", "IssuePressTestSerif-Regular")
    assert SERIF in face.names
    assert (face.weight_class, face.italic, face.units_per_em, face.outlines) == (400, False, 1000, "glyf")
    assert face.ascender > 0 > face.descender
    assert read_faces(FALLBACK_FILE)[0].family == FALLBACK


def test_scan_finds_fonts_in_subfolders_and_skips_broken_files(tmp_path: Path) -> None:
    d = _font_dir(tmp_path)
    shutil.copy(FALLBACK_FILE, d / "sub" / "fallback.TTF")
    faces = FontIndex([d], tmp_path / "cache").faces
    assert sorted(f.family for f in faces) == [FALLBACK, SERIF]


def test_second_scan_reads_the_index_not_the_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _font_dir(tmp_path)
    cache = tmp_path / "cache"
    first = FontIndex([d], cache).faces
    index = json.loads((cache / scan.INDEX_NAME).read_text(encoding="utf-8"))
    assert str(d / "serif.ttf") in index["files"]

    def no_reading(path: Path) -> tuple[FaceInfo, ...]:
        raise AssertionError(f"font file opened again: {path}")

    monkeypatch.setattr(scan, "read_faces", no_reading)
    assert FontIndex([d], cache).faces == first


def test_a_font_added_later_is_found(tmp_path: Path) -> None:
    d = _font_dir(tmp_path)
    cache = tmp_path / "cache"
    assert [f.family for f in FontIndex([d], cache).faces] == [SERIF]
    shutil.copy(FALLBACK_FILE, d / "sub" / "fallback.ttf")
    st = (d / "sub").stat()  # make sure the folder's mtime moves even on a coarse clock
    os.utime(d / "sub", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert sorted(f.family for f in FontIndex([d], cache).faces) == [FALLBACK, SERIF]


def test_a_replaced_font_file_is_read_again(tmp_path: Path) -> None:
    d = _font_dir(tmp_path)
    cache = tmp_path / "cache"
    FontIndex([d], cache).faces
    shutil.copy(FALLBACK_FILE, d / "serif.ttf")  # same name, new content, same folder entries
    assert [f.family for f in FontIndex([d], cache).faces] == [FALLBACK]


def _info(weight: int, italic: bool = False, name: str = "F") -> FaceInfo:
    return FaceInfo(path=f"/{name}-{weight}{'i' if italic else ''}.ttf", index=0, family=name, style="x",
                    names=(name,), full_name=f"{name} {weight}", ps_name=f"{name}-{weight}", weight_class=weight,
                    italic=italic, units_per_em=1000, ascender=880, descender=-120, typo_ascender=880,
                    typo_descender=-120, outlines="glyf")


@pytest.mark.parametrize(("target", "expected"), [(400, 400), (700, 700), (300, 400), (500, 400), (600, 700),
                                                  (900, 700), (100, 400)])
def test_nearest_weight(target: int, expected: int) -> None:
    faces = [_info(400), _info(700), _info(400, italic=True)]
    hit = nearest_weight(faces, target)
    assert hit is not None and (hit.weight_class, hit.italic) == (expected, False)


def test_weight_ties_follow_css_direction() -> None:
    faces = [_info(300), _info(700)]
    assert nearest_weight(faces, 500).weight_class == 300  # type: ignore[union-attr]
    assert nearest_weight([_info(500), _info(700)], 600).weight_class == 700  # type: ignore[union-attr]


def test_family_lookup_uses_every_family_name_then_full_and_ps_names() -> None:
    face = FaceInfo(**{**_info(400).__dict__, "names": ("LXGW WenKai", "霞鹜文楷"), "full_name": "LXGW WenKai",
                       "ps_name": "LXGWWenKai-Regular"})
    assert family_faces([face], "霞鹜文楷") == [face]
    assert family_faces([face], "lxgwwenkai-regular") == [face]
    assert family_faces([face], "LXGW WenKai Mono") == []


def test_weight_names() -> None:
    assert [weight_class(w) for w in ("regular", "Bold", "light", "medium", "600")] == [400, 700, 300, 500, 600]
    assert [weight_name(c) for c in (400, 700, 350, 500)] == ["regular", "bold", "light", "medium"]
    with pytest.raises(FontError, match="unknown font weight 'fat'"):
        FontChoice("X", weight="fat")
    with pytest.raises(FontError, match="needs a family or a file"):
        FontChoice()
    with pytest.raises(FontError, match="has no fonts"):
        FontRole("song", ())


def test_default_roles_end_with_the_other_cjk_families() -> None:
    expected_primary = {"song": "Noto Serif CJK SC", "hei": "Noto Sans CJK SC", "kai": "LXGW WenKai",
                        "fangsong": "LXGW WenKai"}
    for base, primary in expected_primary.items():
        for name, weight in ((base, "regular"), (base + "-bold", "bold")):
            role = DEFAULT_ROLES[name]
            families = [c.family for c in role.chain]
            assert role.name == name and families[0] == primary
            assert set(families) == set(CJK_FAMILIES) and len(families) == len(CJK_FAMILIES)
            assert {c.weight for c in role.chain} == {weight}
    assert [c.family for c in DEFAULT_ROLES["kai"].chain][:2] == ["LXGW WenKai", "Noto Serif CJK SC"]
