"""The line checks catch what the engine must never let through, on made-up laid-out lines."""

from __future__ import annotations

from issuepress.layout.items import DocumentLayout, PageLayout, TextLine
from issuepress.preflight.lines import check_lines
from issuepress.text.types import Line, PlacedGlyph


def line(text: str, measure: float = 100.0, em: float = 10.0) -> Line:
    glyphs = tuple(PlacedGlyph(ch, "f", em, i * em, em) for i, ch in enumerate(text))
    return Line(glyphs, measure, len(text) * em, 8.8, 1.2)


def doc(*lines: Line) -> DocumentLayout:
    items = tuple(TextLine(0, 20 + 16 * i, ln, role="body", article="a.md") for i, ln in enumerate(lines))
    return DocumentLayout((PageLayout(1, 600, 800, items, (0, 0, 600, 800)),))


def codes(d: DocumentLayout) -> list[str]:
    return [f.code for f in check_lines(d)]


def test_clean_lines_pass():
    assert codes(doc(line("一二三四五六七八九十"), line("十一，十二。"))) == []


def test_comma_at_line_start_is_kinsoku():
    found = check_lines(doc(line("一二三四五六七八九十"), line("，一二三")))
    assert [f.code for f in found] == ["kinsoku"] and found[0].page == 1 and found[0].article == "a.md"


def test_opening_quote_at_line_end_is_kinsoku():
    assert codes(doc(line("一二三四五六七八九“"))) == ["kinsoku"]


def test_split_dash_is_kinsoku():
    assert codes(doc(line("一二三四五六七八九—"), line("—一二三"))) == ["kinsoku"]


def test_line_past_edge():
    assert codes(doc(line("一二三四五六七八九十一"))) == ["line-past-edge"]
    assert codes(doc(line("一二三四五六七八九十"))) == []


def spaced(text: str, gap_em: float, justified: bool = True, em: float = 10.0) -> Line:
    step = em * (1 + gap_em)
    glyphs = tuple(PlacedGlyph(ch, "f", em, i * step, em) for i, ch in enumerate(text))
    return Line(glyphs, 200.0, (len(text) - 1) * step + em, 8.8, 1.2, justified=justified)


def test_line_loose_names_the_page_article_and_line_start():
    found = check_lines(doc(spaced("一二三四五六七", 0.3)))
    assert [f.code for f in found] == ["line-loose"]
    assert found[0].page == 1 and found[0].article == "a.md" and "一二三四" in found[0].message
    assert found[0].severity == "warning"


def test_line_loose_threshold_and_scope():
    assert codes(doc(spaced("一二三四五六七", 0.25))) == []  # ¼ em is allowed
    assert codes(doc(spaced("一二三四五六七", 0.4, justified=False))) == []  # a last line is not spread
    assert codes(doc(spaced("ab cd ef", 0.4))) == []  # only gaps between two Han characters count
