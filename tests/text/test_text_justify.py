"""Justification and alignment: clreq's order of squeezing and spreading, Han–Latin spaces, indents."""

from __future__ import annotations

import pytest
from textkit import SIZE, right_edge, set_text, texts

EM = SIZE
BODY = ("我院举办失能老人照护服务专题座谈会，提升失能照护服务水平。会议由院长主持，全科医学科、"
        "护理部等部门负责人参加。“医养结合”是今年的重点工作（见附件）；我们将在2026年完成"
        "Phase 2的建设——包括康复中心……等项目。")


def x_of(line, ch: str, nth: int = 0) -> float:
    hits = [g for g in line.glyphs if g.ch == ch]
    return hits[nth].x_pt


@pytest.mark.parametrize("width", [6, 7, 9, 10.5, 11, 13, 17, 24])
def test_justified_lines_end_on_measure(width):
    lines = set_text(BODY, width, indent_em=2)
    assert "".join(texts(lines)) == BODY
    for line in lines[:-1]:
        assert line.justified
        assert right_edge(line) == pytest.approx(width * EM, abs=0.01)
        assert line.width_pt == pytest.approx(width * EM, abs=0.01)
    assert lines[-1].last and not lines[-1].justified
    assert right_edge(lines[-1]) <= width * EM + 1e-6


def test_last_line_of_justified_paragraph_is_left_aligned():
    lines = set_text("一二三四五六七八九十一二", 5)
    last = lines[-1]
    assert last.text == "一二"
    assert [g.x_pt for g in last.glyphs] == [0.0, EM]


def test_first_line_indent_two_em():
    lines = set_text("一二三四五六七八九十一二三四五", 6, indent_em=2)
    assert texts(lines)[0] == "一二三四"
    assert lines[0].glyphs[0].x_pt == pytest.approx(2 * EM)
    assert lines[0].indent_pt == pytest.approx(2 * EM)
    assert lines[1].glyphs[0].x_pt == 0.0 and lines[1].indent_pt == 0.0


def test_indent_uses_the_first_characters_size():
    lines = set_text("一二三四五六", 10, size=12.0, indent_em=2, align="left")
    assert lines[0].glyphs[0].x_pt == pytest.approx(24.0)


def test_han_latin_space_quarter_em():
    (line,) = set_text("中文ABC中文2026年", 20, align="left")
    assert x_of(line, "A") == pytest.approx(2.25 * EM)
    assert x_of(line, "中", 1) - (x_of(line, "C") + 0.5 * EM) == pytest.approx(0.25 * EM)
    assert x_of(line, "2") - (x_of(line, "文", 1) + EM) == pytest.approx(0.25 * EM)
    assert x_of(line, "年") - (x_of(line, "6") + 0.55 * EM) == pytest.approx(0.25 * EM)


def test_han_latin_space_can_be_switched_off():
    (line,) = set_text("中文ABC中文", 20, align="left", han_latin_space_em=0.0)
    assert x_of(line, "A") == pytest.approx(2 * EM)
    assert x_of(line, "中", 1) == pytest.approx(3.5 * EM)


def test_no_han_latin_space_next_to_punctuation():
    (line,) = set_text("好，ABC。", 20, align="left")
    assert x_of(line, "A") == pytest.approx(2 * EM)
    assert x_of(line, "。") == pytest.approx(3.5 * EM)


def test_han_latin_space_dropped_at_line_edges():
    lines = set_text("一二三四ABCDEFGH五六", 4)
    assert texts(lines) == ["一二三四", "ABCDEFGH", "五六"]
    assert right_edge(lines[0]) == pytest.approx(4 * EM)
    assert [g.x_pt for g in lines[0].glyphs] == [0.0, EM, 2 * EM, 3 * EM]  # nothing to spread
    assert lines[1].glyphs[0].x_pt == 0.0 and lines[2].glyphs[0].x_pt == 0.0


def test_latin_letters_not_spaced_apart_when_justifying():
    lines = set_text("我们的ABCD系统今天上线了，欢迎大家使用", 9)
    first = lines[0]
    assert "ABCD" in first.text
    xs = [g.x_pt for g in first.glyphs if g.ch in "ABCD"]
    assert [b - a for a, b in zip(xs, xs[1:])] == pytest.approx([0.5 * EM] * 3)
    assert right_edge(first) == pytest.approx(9 * EM)


def test_punctuation_squeezed_before_han_latin_space():
    # 10.5 em natural in a 10.25 em line: the comma gives the ¼ em, the Han–Latin spaces keep ¼ em.
    text = "一二，三四ABCD五六七" + "八九十" * 6
    first = set_text(text, 10.25)[0]
    assert first.text == "一二，三四ABCD五六七"
    assert first.glyphs[2].width_pt == pytest.approx(0.75 * EM)
    assert x_of(first, "A") - (x_of(first, "四") + EM) == pytest.approx(0.25 * EM)
    assert right_edge(first) == pytest.approx(10.25 * EM)


def test_han_latin_space_shrinks_after_punctuation_down_to_an_eighth():
    # 10.5 em natural in 9.9: the comma gives ½ em, then the two spaces 0.05 em each.
    text = "一二，三四ABCD五六七" + "八九十" * 6
    first = set_text(text, 9.9)[0]
    assert first.text == "一二，三四ABCD五六七"
    assert first.glyphs[2].width_pt == pytest.approx(0.5 * EM)
    assert x_of(first, "A") - (x_of(first, "四") + EM) == pytest.approx(0.2 * EM)
    assert x_of(first, "五") - (x_of(first, "D") + 0.5 * EM) == pytest.approx(0.2 * EM)
    assert right_edge(first) == pytest.approx(9.9 * EM)
    # Beyond ⅛ em there is nothing left to squeeze: 七 goes down instead.
    assert "七" not in set_text(text, 10.5 - 0.5 - 0.25 - 0.01)[0].text


def test_squeezed_halves_restored_first_when_a_line_is_short():
    lines = set_text("一二。”三四五六七八九十", 10)
    first = lines[0]
    assert first.text == "一二。”三四五六七八"
    assert [g.width_pt for g in first.glyphs[2:4]] == [EM, EM]  # 。 back to a full em
    assert [g.x_pt for g in first.glyphs] == [i * EM for i in range(10)]  # nothing else moved


def test_inter_character_spreading_is_even():
    lines = set_text("一二三四五六七八九十一二三", 10)  # line 1 short by 1 em? no: exactly full
    assert [g.x_pt for g in lines[0].glyphs] == [i * EM for i in range(10)]
    lines = set_text("一二三四五六七八九，十一二三", 10)  # 9.5 em: ½ em over 8 gaps
    xs = [g.x_pt for g in lines[0].glyphs]
    steps = [b - a for a, b in zip(xs, xs[1:])][:8]
    assert steps == pytest.approx([EM + 0.5 * EM / 8] * 8)


def test_word_spaces_grow_and_take_the_spreading():
    lines = set_text("alpha beta gamma delta", 8)
    first = lines[0]
    assert first.text == "alpha beta gamma "
    assert right_edge(first) == pytest.approx(8 * EM)
    xs = {g.ch + str(i): g.x_pt for i, g in enumerate(first.glyphs)}
    assert xs["l1"] - xs["a0"] == pytest.approx(0.5 * EM)  # letters keep their spacing


def test_align_center_and_right():
    (c,) = set_text("一二三", 10, align="center")
    assert c.glyphs[0].x_pt == pytest.approx(3.5 * EM) and c.width_pt == pytest.approx(6.5 * EM)
    (r,) = set_text("一二三。", 10, align="right")
    assert right_edge(r) == pytest.approx(10 * EM)
    (left,) = set_text("一二三", 10, align="left")
    assert left.glyphs[0].x_pt == 0.0 and not left.justified


def test_centered_lines_are_balanced():
    lines = set_text("一二三四五六七八九十一二三四", 10, align="center")
    assert [len(t) for t in texts(lines)] == [7, 7]


def test_ragged_lines_are_not_spread():
    lines = set_text("一二三四五六七八九，十一二三四五", 10, align="left")
    assert [g.x_pt for g in lines[0].glyphs[:3]] == [0.0, EM, 2 * EM]
    assert not any(line.justified for line in lines)


def test_single_glyph_line_cannot_be_justified():
    lines = set_text("一二", 1.5)
    assert texts(lines) == ["一", "二"]
    assert not lines[0].justified and lines[0].glyphs[0].x_pt == 0.0


def test_letterspacing_only_for_split_words():
    lines = set_text("Supercalifragilisticexpialidocious", 6)
    assert all(right_edge(line) <= 6 * EM + 1e-6 for line in lines)
    assert all(right_edge(line) == pytest.approx(6 * EM) for line in lines[:-1])
