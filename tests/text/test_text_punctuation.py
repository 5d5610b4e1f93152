"""Punctuation widths, mainland GB style: adjacent marks squeezed, line-edge marks trimmed."""

from __future__ import annotations

import pytest
from textkit import SIZE, right_edge, set_text, styled, texts

from issuepress.text.paragraph import set_paragraph
from issuepress.text.types import ParagraphSettings

EM = SIZE


def glyph_widths(text: str) -> list[tuple[str, float]]:
    (line,) = set_text(text, 40, align="left")
    return [(g.ch, g.width_pt) for g in line.glyphs]


@pytest.mark.parametrize("pair", ["。”", "”。", "）。", "，“", "）（", "（“", "》，", "？”", "」』"])
def test_adjacent_punct_takes_one_and_half_em(pair):
    widths = dict(enumerate(w for _, w in glyph_widths(f"甲{pair}乙")))
    assert widths[1] + widths[2] == pytest.approx(1.5 * EM)


def test_adjacent_punct_squeezes_the_right_mark():
    assert glyph_widths("甲。”乙")[1:3] == [("。", 0.5 * EM), ("”", EM)]  # closing+closing: first
    assert glyph_widths("甲，“乙")[1:3] == [("，", 0.5 * EM), ("“", EM)]  # closing+opening: one
    assert glyph_widths("甲（“乙")[1:3] == [("（", EM), ("“", 0.5 * EM)]  # opening+opening: second


def test_opening_after_opening_is_drawn_shifted_left():
    (line,) = set_text("甲（“乙", 40, align="left")
    quote = line.glyphs[2]
    assert quote.dx_pt == pytest.approx(0.5 * EM)
    assert quote.x_pt + quote.dx_pt == pytest.approx(2 * EM)  # its box starts where （ ends


def test_opening_and_closing_facing_each_other_keep_full_width():
    assert [w for _, w in glyph_widths("甲（）乙")] == [EM, EM, EM, EM]


def test_three_marks_in_a_row():
    widths = [w for _, w in glyph_widths("甲。”）乙")]
    assert widths == [EM, 0.5 * EM, 0.5 * EM, EM, EM]


def test_closing_mark_trimmed_at_line_end():
    lines = set_text("一二三四五六七八九，十一", 10)
    assert texts(lines)[0].endswith("，")
    comma = lines[0].glyphs[-1]
    assert comma.width_pt == pytest.approx(0.5 * EM)
    assert comma.x_pt + comma.width_pt == pytest.approx(10 * EM)


@pytest.mark.parametrize("mark", "、，。．：；！？”’）》」』】")
def test_every_closing_and_stop_mark_trimmed_at_line_end(mark):
    lines = set_text(f"一二三四五六七八九{mark}十一", 10)
    assert lines[0].glyphs[-1].ch == mark
    assert lines[0].glyphs[-1].width_pt == pytest.approx(0.5 * EM)


def test_last_line_mark_trimmed_too():
    lines = set_text("一二三。", 10, align="left")
    assert lines[-1].glyphs[-1].width_pt == pytest.approx(0.5 * EM)
    assert lines[-1].width_pt == pytest.approx(3.5 * EM)


def test_opening_mark_at_line_start_loses_blank_half():
    lines = set_text("一二三四“五六七八”", 4)
    second = lines[1]
    assert second.text.startswith("“")
    quote = second.glyphs[0]
    assert quote.width_pt == pytest.approx(0.5 * EM)
    assert quote.dx_pt == pytest.approx(0.5 * EM)
    assert quote.x_pt == pytest.approx(-0.5 * EM)  # origin left of the line, ink at its edge
    assert second.glyphs[1].x_pt == pytest.approx(0.5 * EM)


def test_opening_mark_after_first_line_indent_keeps_full_width():
    (line,) = set_text("“一二。”", 10, indent_em=2, align="left")
    quote = line.glyphs[0]
    assert quote.x_pt == pytest.approx(2 * EM) and quote.width_pt == pytest.approx(EM)
    assert line.indent_pt == pytest.approx(2 * EM)


def test_squeeze_undone_across_a_break():
    # ）（ squeezed inside a line; across a break each gets its own edge rule (½ em each).
    lines = set_text("一二三四）（五六七八", 5)
    assert texts(lines) == ["一二三四）", "（五六七八"]
    assert lines[0].glyphs[-1].width_pt == pytest.approx(0.5 * EM)
    assert lines[1].glyphs[0].width_pt == pytest.approx(0.5 * EM)


def test_proportional_punctuation_is_never_squeezed():
    # A curly quote set in a Latin face (narrow advance) has no blank half to lose.
    chars = styled("甲“乙”丙")
    chars = [c if c.ch not in "“”" else type(c)(c.ch, "latin", c.size_pt, 0.4 * EM) for c in chars]
    (line,) = set_paragraph(chars, ParagraphSettings(measure_pt=20 * EM, indent_em=0, align="left"))
    assert [g.width_pt for g in line.glyphs] == pytest.approx([EM, 0.4 * EM, EM, 0.4 * EM, EM])


def test_interpunct_shrinks_on_both_sides_when_needed():
    # Ten Han + a full-width middle dot in a 10.5 em line: the dot gives ½ em, half from each side.
    lines = set_text("一二三四五·六七八九十", 10.5)
    assert texts(lines) == ["一二三四五·六七八九十"]
    dot = lines[0].glyphs[5]
    assert dot.width_pt == pytest.approx(0.5 * EM)
    assert dot.dx_pt == pytest.approx(0.25 * EM)
    assert right_edge(lines[0]) == pytest.approx(10.5 * EM)


def test_hanging_punctuation_lets_the_mark_pass_the_edge():
    lines = set_text("一二三四五六七八九十，十一", 10, hanging_punctuation=True)
    assert texts(lines)[0] == "一二三四五六七八九十，"
    comma = lines[0].glyphs[-1]
    assert comma.x_pt == pytest.approx(10 * EM)
    assert comma.x_pt + comma.width_pt == pytest.approx(10.5 * EM)
    plain = set_text("一二三四五六七八九十，十一", 10)
    assert texts(plain)[0] != "一二三四五六七八九十，"
