"""A unit that carries a block laid out from its own corner (a table, a figure) is drawn where the flow
puts it, and its text counts as characters of the story."""

from issuepress.layout.items import BoxItem, RuleItem, TextLine, shifted
from issuepress.layout.module import unit_items
from issuepress.layout.story import Unit, counted, unit_chars
from issuepress.text.types import Line, PlacedGlyph


def _line(text: str) -> Line:
    glyphs = tuple(PlacedGlyph(ch, "f", 10.0, 10.0 * i, 10.0) for i, ch in enumerate(text))
    return Line(glyphs, 10.0 * len(text), 10.0 * len(text), 8.8, 1.2)


def test_drawn_items_move_with_the_unit_and_their_text_counts() -> None:
    cell = TextLine(3.0, 12.0, _line("科室 周一"), role="table")
    rule = RuleItem(0.0, 0.0, 50.0, 0.0)
    box = BoxItem(1.0, 2.0, 5.0, 6.0)
    u = Unit("table", (), 3, "body", 14.0, drawn=(cell, rule, box))
    items = unit_items(u, 100.0, 200.0, 120.0, 14.0, "a.md")
    assert items[0] == TextLine(103.0, 212.0, cell.line, role="table")
    assert (items[1].x1_pt, items[1].y1_pt, items[1].x2_pt, items[1].y2_pt) == (100.0, 200.0, 150.0, 200.0)
    assert (items[2].x_pt, items[2].y_pt, items[2].width_pt) == (101.0, 202.0, 5.0)
    assert unit_chars(u) == 4 and counted(u).chars == 4


def test_shifted_leaves_the_original_alone() -> None:
    r = RuleItem(1.0, 2.0, 3.0, 4.0)
    assert shifted(r, 10, 20) == RuleItem(11.0, 22.0, 13.0, 24.0)
    assert r == RuleItem(1.0, 2.0, 3.0, 4.0)
