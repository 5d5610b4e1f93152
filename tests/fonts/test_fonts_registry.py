"""Role resolution, per-character fallback, missing characters and advances, on the checked-in test fonts."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from fonts_testdata import (
    FALLBACK,
    FALLBACK_FILE,
    FALLBACK_ID,
    FALLBACK_ONLY,
    FONT_DIR,
    NOTO_SERIF_TTC,
    NOWHERE,
    SERIF,
    SERIF_FILE,
    SERIF_ID,
    SHARED,
)

from issuepress.fonts.registry import FontChoice, FontError, FontRegistry, FontRole
from issuepress.text.types import StyledChar


def _registry(roles: dict[str, FontRole], cache_dir: Path, **kw) -> FontRegistry:
    kw.setdefault("search_dirs", [FONT_DIR])
    return FontRegistry(roles, cache_dir=cache_dir, standard_dirs=False, **kw)


def test_roles_resolve_to_the_test_faces_primary_first(registry: FontRegistry) -> None:
    assert registry.face_ids("song") == (SERIF_ID, FALLBACK_ID)
    assert registry.face_ids("kai") == (FALLBACK_ID, SERIF_ID)
    face = registry.face(SERIF_ID)
    assert (face.family, face.weight, face.path, face.index) == (SERIF, "regular", SERIF_FILE, 0)
    assert face.units_per_em == 1000
    assert face.ascender > 0 > face.descender


def test_unresolvable_choices_are_skipped(cache_dir: Path) -> None:
    roles = {"song": FontRole("song", (FontChoice("No Such Family"), FontChoice(FALLBACK)))}
    assert _registry(roles, cache_dir).face_ids("song") == (FALLBACK_ID,)


def test_unresolvable_role_names_the_role_and_the_families_tried(cache_dir: Path) -> None:
    roles = {"kai": FontRole("kai", (FontChoice("LXGW WenKai"), FontChoice("Noto Serif CJK SC")))}
    reg = _registry(roles, cache_dir)
    with pytest.raises(FontError) as err:
        reg.face_ids("kai")
    assert str(err.value) == "font role 'kai': none of LXGW WenKai (regular), Noto Serif CJK SC (regular) found"
    with pytest.raises(FontError):
        reg.style_chars("中", "kai", 10.0)


def test_undefined_role_is_a_font_error(registry: FontRegistry) -> None:
    with pytest.raises(FontError, match=r"font role 'fangsong' is not defined \(defined: kai, song\)"):
        registry.style_chars("中", "fangsong", 10.0)


def test_family_match_ignores_case_and_spacing_and_takes_nearest_weight(cache_dir: Path) -> None:
    roles = {"x": FontRole("x", (FontChoice("issuepress  TEST serif", weight="bold"),))}
    reg = _registry(roles, cache_dir)
    assert reg.face_ids("x") == (SERIF_ID,)  # only a regular face exists: the nearest weight wins


def test_file_choice_wins_over_the_family(cache_dir: Path) -> None:
    roles = {
        "a": FontRole("a", (FontChoice(SERIF, file=FALLBACK_FILE.name),)),
        "b": FontRole("b", (FontChoice(SERIF, file="no-such-file.ttf"),)),  # missing file: family lookup
        "c": FontRole("c", (FontChoice(file=str(SERIF_FILE)),)),  # absolute path, no family
    }
    reg = _registry(roles, cache_dir, search_dirs=[], base_dir=FONT_DIR)
    assert reg.face_ids("a") == (FALLBACK_ID,)
    assert reg.face_ids("c") == (SERIF_ID,)
    with pytest.raises(FontError, match="none of no-such-file.ttf"):
        reg.face_ids("b")  # nothing searched, so the family is not found either


def test_same_face_twice_in_a_chain_appears_once(cache_dir: Path) -> None:
    roles = {"x": FontRole("x", (FontChoice(SERIF), FontChoice(file=str(SERIF_FILE)), FontChoice(FALLBACK)))}
    assert _registry(roles, cache_dir).face_ids("x") == (SERIF_ID, FALLBACK_ID)


def test_fallback_takes_a_char_the_primary_lacks(registry: FontRegistry) -> None:
    text = "中" + FALLBACK_ONLY[0] + "文"
    faces = [sc.face for sc in registry.style_chars(text, "song", 10.0)]
    assert faces == [SERIF_ID, FALLBACK_ID, SERIF_ID]


def test_primary_wins_when_both_faces_have_the_char(registry: FontRegistry) -> None:
    assert {sc.face for sc in registry.style_chars(SHARED, "song", 10.0)} == {SERIF_ID}
    assert {sc.face for sc in registry.style_chars(SHARED, "kai", 10.0)} == {FALLBACK_ID}


def test_missing_char_is_flagged_with_a_one_em_box_on_the_primary(registry: FontRegistry) -> None:
    chars = registry.style_chars("中" + NOWHERE, "kai", 9.0)
    assert chars[1] == StyledChar(NOWHERE, FALLBACK_ID, 9.0, 9.0, "black", True, 1)
    assert not chars[0].missing
    assert registry.missing_chars() == [("kai", NOWHERE)]
    registry.style_chars(NOWHERE * 3, "kai", 9.0)
    assert registry.missing_chars() == [("kai", NOWHERE)]  # reported once per role


def test_control_chars_are_not_reported_missing(registry: FontRegistry) -> None:
    newline, zwsp = registry.style_chars("\n\u200b", "song", 10.0)
    assert not newline.missing and not zwsp.missing
    assert newline.advance_pt == zwsp.advance_pt == 0.0
    assert registry.missing_chars() == []


def test_style_chars_carries_size_colour_and_source_offsets(registry: FontRegistry) -> None:
    chars = registry.style_chars("中文", "song", 12.0, color="red", source_offset=7)
    assert [(c.ch, c.size_pt, c.color, c.source) for c in chars] == [("中", 12.0, "red", 7), ("文", 12.0, "red", 8)]


def test_advances_equal_the_fonts_hmtx(registry: FontRegistry) -> None:
    text = "中文版式，abc W1.。“座谈会”（服务）——……"
    size = 10.5
    fonts = {SERIF_ID: TTFont(SERIF_FILE), FALLBACK_ID: TTFont(FALLBACK_FILE)}
    for sc in registry.style_chars(text + FALLBACK_ONLY, "song", size):
        font = fonts[sc.face]
        glyph = font.getBestCmap()[ord(sc.ch)]
        expected = font["hmtx"][glyph][0] / font["head"].unitsPerEm * size
        assert sc.advance_pt == pytest.approx(expected, abs=1e-9), sc.ch
    # proportional Latin really is narrower than a Han character
    a, han = registry.style_chars("i中", "song", 10.0)
    assert a.advance_pt < han.advance_pt == pytest.approx(10.0)


def test_face_has_and_advance_em(registry: FontRegistry) -> None:
    face = registry.face(registry.face_ids("song")[0])
    assert face.has("中") and not face.has(FALLBACK_ONLY[0])
    assert face.advance_em("中") == pytest.approx(1.0)
    with pytest.raises(KeyError):
        face.advance_em(FALLBACK_ONLY[0])
    with pytest.raises(KeyError):
        registry.face("NoSuchFace-Regular")


def test_style_chars_on_200000_chars_is_fast(registry: FontRegistry) -> None:
    text = ("我院举办座谈会，提升服务水平。Latin words 123 " + FALLBACK_ONLY + NOWHERE) * 6000
    text = text[:200_000]
    assert len(text) == 200_000
    registry.style_chars(text[:1000], "song", 10.0)  # warm the per-character tables
    start = time.perf_counter()
    out = registry.style_chars(text, "song", 10.0)
    elapsed = time.perf_counter() - start
    assert len(out) == 200_000
    # a bound against pathological slowness (a per-character font lookup), not a benchmark: it is about
    # 0.2 s here, and a busy CI machine must not make it fail
    assert elapsed < 3.0, f"{elapsed:.2f} s"


def test_face_ids_are_unique_when_two_files_share_a_postscript_name(tmp_path: Path) -> None:
    copy_dir = tmp_path / "copy"
    copy_dir.mkdir()
    shutil.copy(SERIF_FILE, copy_dir / "again.ttf")
    roles = {"x": FontRole("x", (FontChoice(SERIF), FontChoice(file=str(copy_dir / "again.ttf"))))}
    ids = _registry(roles, tmp_path / "cache").face_ids("x")
    assert ids == (SERIF_ID, SERIF_ID + "~2")


@pytest.mark.skipif(not NOTO_SERIF_TTC.is_file(), reason="system Noto Serif CJK not installed")
def test_default_song_is_the_sc_face_of_the_noto_collection(tmp_path: Path) -> None:
    from issuepress.fonts.defaults import DEFAULT_ROLES

    reg = FontRegistry(DEFAULT_ROLES, cache_dir=tmp_path)
    song = reg.face(reg.face_ids("song")[0])
    assert song.family == "Noto Serif CJK SC" and song.weight == "regular"
    assert song.path.suffix == ".ttc"
    bold = reg.face(reg.face_ids("song-bold")[0])
    assert bold.family == "Noto Serif CJK SC" and bold.weight == "bold"
    assert song.id == "NotoSerifCJKsc-Regular"
    assert reg.face_ids("kai")[1:] == ("NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular")



def test_fast_path_builds_the_same_frozen_chars_as_the_constructor(registry: FontRegistry,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from issuepress.fonts import registry as registry_module

    assert registry_module._FAST_STYLED  # StyledChar still allows the fast path
    text = "我院" + FALLBACK_ONLY[:2] + NOWHERE + " a"
    fast = registry.style_chars(text, "song", 10.5, color="accent", source_offset=3)
    monkeypatch.setattr(registry_module, "_FAST_STYLED", False)
    slow = registry.style_chars(text, "song", 10.5, color="accent", source_offset=3)
    assert fast == slow
    assert [type(c) for c in fast] == [StyledChar] * len(text)
    assert len({*fast}) == len(text)  # hashable, and distinct by source
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast[0].face = "other"  # type: ignore[misc]
