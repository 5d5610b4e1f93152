"""Embeddable subsets: TrueType outlines, exactly the characters asked, cached, and usable by ReportLab."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pikepdf
import pdfplumber
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.areaPen import AreaPen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
from fonts_testdata import (
    FALLBACK_FILE,
    FALLBACK_ID,
    FALLBACK_ONLY,
    FONT_DIR,
    NOTO_SERIF_TTC,
    SERIF_FILE,
    SERIF_ID,
)

from issuepress.fonts import embed
from issuepress.fonts.defaults import DEFAULT_ROLES
from issuepress.fonts.registry import FontChoice, FontRegistry, FontRole

CFF_FAMILY = "IssuePress Test CFF"
CFF_ID = "IssuePressTestCFF-Regular"
TEXT = "我院举办座谈会，提升服务水平。"
LATIN = "Issue 215: 3 pages"


def _cff_copy(src: Path, chars: str, out: Path) -> Path:
    """A CFF (cubic) font with `chars` of `src`, standing in for Noto CJK without the machine's fonts."""
    font = TTFont(src)
    cmap = font.getBestCmap()
    glyphs = font.getGlyphSet()
    order = [".notdef"] + sorted({cmap[ord(c)] for c in chars})
    charstrings, metrics = {}, {}
    for name in order:
        advance = font["hmtx"][name][0]
        pen = T2CharStringPen(advance, None)
        glyphs[name].draw(pen)
        charstrings[name] = pen.getCharString()
        bounds = BoundsPen(glyphs)
        glyphs[name].draw(bounds)
        metrics[name] = (advance, bounds.bounds[0] if bounds.bounds else 0)
    fb = FontBuilder(font["head"].unitsPerEm, isTTF=False)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(c): cmap[ord(c)] for c in chars})
    fb.setupCFF(CFF_ID, {"FullName": CFF_FAMILY}, charstrings, {})
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=font["hhea"].ascent, descent=font["hhea"].descent)
    fb.setupNameTable({"familyName": CFF_FAMILY, "styleName": "Regular", "psName": CFF_ID})
    fb.setupOS2(usWeightClass=400, sTypoAscender=880, sTypoDescender=-120)
    fb.setupPost()
    fb.save(out)
    return out


@pytest.fixture
def cff_registry(tmp_path: Path) -> FontRegistry:
    cff_dir = tmp_path / "cff"
    cff_dir.mkdir()
    _cff_copy(SERIF_FILE, TEXT + LATIN, cff_dir / "TestCFF.otf")
    roles = {"song": FontRole("song", (FontChoice(CFF_FAMILY),))}
    return FontRegistry(roles, search_dirs=[cff_dir], cache_dir=tmp_path / "cache", standard_dirs=False)


def _advances(font: TTFont) -> dict[int, int]:
    hmtx = font["hmtx"]
    return {cp: hmtx[name][0] for cp, name in font.getBestCmap().items()}


def _assert_truetype_subset(path: Path, source: Path, source_index: int, chars: str) -> TTFont:
    font = TTFont(path)
    assert font.sfntVersion == "\x00\x01\x00\x00"
    assert "glyf" in font and "loca" in font
    assert not {"CFF ", "CFF2", "VORG"} & set(font.keys())
    assert font["maxp"].tableVersion == 0x00010000
    assert set(font.getBestCmap()) == {ord(c) for c in chars}
    assert font.getGlyphOrder()[0] == ".notdef"
    with TTFont(source, fontNumber=source_index, lazy=True) as src:
        expected = _advances(src)
    assert _advances(font) == {cp: expected[cp] for cp in font.getBestCmap()}
    return font


def test_embeddable_file_has_exactly_the_chars_asked(registry: FontRegistry) -> None:
    registry.face_ids("song")
    chars = set(TEXT + LATIN)
    path = registry.embeddable_file(SERIF_ID, chars)
    _assert_truetype_subset(path, SERIF_FILE, 0, "".join(chars))
    assert path.parent == registry.cache_dir / embed.SUBSET_DIR


def test_chars_the_face_lacks_are_left_out(registry: FontRegistry) -> None:
    registry.face_ids("song")
    path = registry.embeddable_file(SERIF_ID, "中" + FALLBACK_ONLY)
    assert set(TTFont(path).getBestCmap()) == {ord("中")}


def test_cff_outlines_become_truetype_with_the_same_shapes(cff_registry: FontRegistry) -> None:
    assert cff_registry.face_ids("song") == (CFF_ID,)
    source = cff_registry.face(CFF_ID).path
    path = cff_registry.embeddable_file(CFF_ID, TEXT + LATIN)
    font = _assert_truetype_subset(path, source, 0, "".join(set(TEXT + LATIN)))
    with TTFont(source) as cff:
        cff_glyphs, tt_glyphs = cff.getGlyphSet(), font.getGlyphSet()
        cff_cmap, tt_cmap = cff.getBestCmap(), font.getBestCmap()
        for ch in set(TEXT + LATIN) - {" "}:
            before, after = AreaPen(cff_glyphs), AreaPen(tt_glyphs)
            cff_glyphs[cff_cmap[ord(ch)]].draw(before)
            tt_glyphs[tt_cmap[ord(ch)]].draw(after)
            # same ink within 0.5 %, and contours reversed (PostScript counter-clockwise -> TrueType clockwise)
            assert after.value == pytest.approx(-before.value, rel=0.005), ch
            b0, b1 = BoundsPen(cff_glyphs), BoundsPen(tt_glyphs)
            cff_glyphs[cff_cmap[ord(ch)]].draw(b0)
            tt_glyphs[tt_cmap[ord(ch)]].draw(b1)
            assert all(abs(x - y) <= 1 for x, y in zip(b0.bounds, b1.bounds)), ch
            lsb = font["hmtx"][tt_cmap[ord(ch)]][1]
            assert lsb == font["glyf"][tt_cmap[ord(ch)]].xMin


def test_fonttools_subsetter_gives_the_same_chars_when_harfbuzz_is_missing(
        cff_registry: FontRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_subset_harfbuzz", lambda *args: None)
    cff_registry.face_ids("song")
    path = cff_registry.embeddable_file(CFF_ID, "我院，Issue")
    _assert_truetype_subset(path, cff_registry.face(CFF_ID).path, 0, "我院，Issue")


def test_second_call_hits_the_cache(registry: FontRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    registry.face_ids("song")
    first = registry.embeddable_file(SERIF_ID, "我院举办")
    before = first.stat()

    def no_building(*args: object) -> bytes:
        raise AssertionError("the cached subset was built again")

    monkeypatch.setattr(embed, "truetype_subset_bytes", no_building)
    assert registry.embeddable_file(SERIF_ID, "办举院我院") == first  # order and repeats do not matter
    fresh = FontRegistry(registry.roles, search_dirs=[FONT_DIR], cache_dir=registry.cache_dir, standard_dirs=False)
    fresh.face_ids("song")
    again = fresh.embeddable_file(SERIF_ID, ["我", "院", "举", "办"])
    after = again.stat()
    assert again == first
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert list(first.parent.glob("*.tmp")) == []  # written through a renamed temporary file


def test_other_chars_make_another_file(registry: FontRegistry) -> None:
    registry.face_ids("song")
    assert registry.embeddable_file(SERIF_ID, "我院") != registry.embeddable_file(SERIF_ID, "我院举")


def test_same_input_gives_the_same_bytes(registry: FontRegistry, tmp_path: Path) -> None:
    registry.face_ids("song")
    a = embed.truetype_subset_bytes(SERIF_FILE, 0, TEXT)
    assert a == embed.truetype_subset_bytes(SERIF_FILE, 0, TEXT)
    assert registry.embeddable_font(SERIF_ID, TEXT) == a
    assert registry.embeddable_file(SERIF_ID, TEXT).read_bytes()[:len(a)] == a  # and its checked trailer


def _pdf_with(registry: FontRegistry, lines: list[tuple[str, str]], out: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), invariant=1)
    y = 760.0
    for face_id, text in lines:
        path = registry.embeddable_file(face_id, text)
        name = f"T-{face_id}-{path.stem[-8:]}"
        pdfmetrics.registerFont(RLTTFont(name, str(path)))
        c.setFont(name, 12)
        c.drawString(72, y, text)
        y -= 40
    c.save()
    return out


def test_reportlab_embeds_the_subsets_with_text_that_extracts_back(registry: FontRegistry, cff_registry: FontRegistry,
                                                                   tmp_path: Path) -> None:
    registry.face_ids("song")
    cff_registry.face_ids("song")
    lines = [(SERIF_ID, TEXT + LATIN), (FALLBACK_ID, FALLBACK_ONLY + "中文")]
    pdf = _pdf_with(registry, lines, tmp_path / "a.pdf")
    pdf_cff = _pdf_with(cff_registry, [(CFF_ID, "提升服务水平。" + LATIN)], tmp_path / "b.pdf")
    with pdfplumber.open(pdf) as doc:
        assert doc.pages[0].extract_text().split("\n") == [text for _, text in lines]
    with pdfplumber.open(pdf_cff) as doc:
        assert doc.pages[0].extract_text() == "提升服务水平。" + LATIN
    for path, count in ((pdf, 2), (pdf_cff, 1)):
        with pikepdf.open(path) as doc:
            fonts = doc.pages[0].Resources.Font
            ours = [fonts[k] for k in sorted(fonts.keys()) if fonts[k].Subtype == "/TrueType"]
            assert len(ours) == count  # (ReportLab's default Helvetica is the other entry)
            for font in ours:
                assert "/FontFile2" in font.FontDescriptor and "/FontFile3" not in font.FontDescriptor
                assert "/ToUnicode" in font


def test_checked_in_test_fonts_hold_what_the_builder_promises() -> None:
    spec = importlib.util.spec_from_file_location("make_test_font", FONT_DIR.parents[1] / "scripts" / "make_test_font.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    serif = set(TTFont(SERIF_FILE).getBestCmap())
    fallback = set(TTFont(FALLBACK_FILE).getBestCmap())
    assert {ord(c) for c in builder.ASCII + builder.PUNCTUATION + builder.han_chars()} == serif
    assert len(builder.han_chars()) >= 380
    assert {ord(c) for c in builder.FALLBACK_ONLY} <= fallback and not {ord(c) for c in builder.FALLBACK_ONLY} & serif
    for path in (SERIF_FILE, FALLBACK_FILE):
        assert path.stat().st_size < builder.SIZE_LIMIT
        font = TTFont(path)
        assert "glyf" in font and "CFF " not in font
        assert "IssuePress" in font["name"].getDebugName(1)


@pytest.mark.skipif(not NOTO_SERIF_TTC.is_file(), reason="system Noto Serif CJK not installed")
def test_noto_serif_sc_subset_from_the_collection(tmp_path: Path) -> None:
    reg = FontRegistry(DEFAULT_ROLES, cache_dir=tmp_path)
    face = reg.face(reg.face_ids("song")[0])
    path = reg.embeddable_file(face.id, TEXT + LATIN)
    _assert_truetype_subset(path, face.path, face.index, "".join(set(TEXT + LATIN)))
    pdf = _pdf_with(reg, [(face.id, TEXT)], tmp_path / "noto.pdf")
    with pdfplumber.open(pdf) as doc:
        assert doc.pages[0].extract_text() == TEXT
