"""The entry point's contract: every character once, in order; forced breaks; odd input; speed."""

from __future__ import annotations

import time

import pytest
from textkit import SIZE, right_edge, set_text, styled, texts

from issuepress.text.paragraph import set_paragraph
from issuepress.text.types import ParagraphSettings, StyledChar

EM = SIZE


def test_empty_input_gives_no_lines():
    assert set_paragraph([], ParagraphSettings(measure_pt=100)) == ()


def test_every_char_once_in_order_with_sources():
    text = "第一段，“引号”（括号）2026年COVID-19 test —— 完。"
    lines = set_text(text, 7, indent_em=2)
    assert "".join(line.text for line in lines) == text
    sources = [g.source for line in lines for g in line.glyphs]
    assert sources == list(range(len(text)))


def test_forced_line_break_for_two_line_titles():
    lines = set_text("深化医养融合\n提升照护水平", 20, align="center")
    assert texts(lines) == ["深化医养融合\n", "提升照护水平"]
    newline = lines[0].glyphs[-1]
    assert newline.ch == "\n" and newline.width_pt == 0.0
    assert lines[0].glyphs[0].x_pt == pytest.approx(7 * EM)  # centred without the "\n"
    assert not lines[0].last and lines[1].last


def test_line_before_forced_break_is_not_justified():
    lines = set_text("一二三\n四五六七八九十一二三四五", 5)
    assert texts(lines)[0] == "一二三\n"
    assert not lines[0].justified and lines[0].glyphs[2].x_pt == pytest.approx(2 * EM)
    assert lines[1].glyphs[0].x_pt == 0.0  # the indent belongs to the paragraph's first line only


def test_opening_mark_after_forced_break_is_trimmed():
    lines = set_text("一二三\n“四五”", 10, align="left")
    assert lines[1].glyphs[0].x_pt == pytest.approx(-0.5 * EM)


def test_missing_glyph_is_a_one_em_box():
    chars = styled("甲乙丙", missing="乙")
    chars[1] = StyledChar("乙", "song", SIZE, 0.0, missing=True, source=1)
    (line,) = set_paragraph(chars, ParagraphSettings(measure_pt=10 * EM, indent_em=0, align="left"))
    assert line.glyphs[1].missing and line.glyphs[1].width_pt == pytest.approx(EM)
    assert line.glyphs[2].x_pt == pytest.approx(2 * EM)


def test_control_and_zero_width_characters_take_no_room():
    text = "甲\u200b乙\u00ad丙\u0007丁"
    chars = [StyledChar(ch, "song", SIZE, SIZE, source=i) for i, ch in enumerate(text)]
    (line,) = set_paragraph(chars, ParagraphSettings(measure_pt=10 * EM, indent_em=0, align="left"))
    assert line.text == text
    assert [g.width_pt for g in line.glyphs] == [EM, 0, EM, 0, EM, 0, EM]
    assert right_edge(line) == pytest.approx(4 * EM)


def test_ascent_and_descent_from_the_largest_size():
    chars = styled("一二") + styled("三", size=20.0)
    (line,) = set_paragraph(chars, ParagraphSettings(measure_pt=200, indent_em=0))
    assert line.ascent_pt == pytest.approx(0.88 * 20)
    assert line.descent_pt == pytest.approx(0.12 * 20)


def test_lone_last_char_avoided():
    text = "一二三四五六七八九十一二三四五六七八九十一"  # 21 Han in a 10 em measure
    avoided = texts(set_text(text, 10))
    assert len(avoided[-1]) >= 2
    kept = texts(set_text(text, 10, avoid_lone_last_char=False))
    assert kept[-1] == "一"


def test_lone_last_char_with_its_punctuation_avoided():
    text = "一二三四五六七八九十一二三四五六七八九十一。"
    lines = texts(set_text(text, 10))
    assert lines[-1] != "一。"


def test_measure_narrower_than_indent_and_first_glyph():
    lines = set_text("一二三", 1.5, indent_em=2)
    assert texts(lines) == ["一", "二", "三"]
    assert all(right_edge(line) <= 1.5 * EM + 1e-9 for line in lines)


def test_spaces_only_paragraph():
    lines = set_text("   ", 5)
    assert "".join(texts(lines)) == "   "
    assert all(right_edge(line) == 0.0 for line in lines)


def test_unknown_align_is_rejected():
    with pytest.raises(ValueError):
        set_text("一二三", 5, align="justified")


def test_five_thousand_han_without_punctuation_is_fast():
    text = "我院举办失能老人照护服务专题座谈会" * 300  # 5,100 Han, no break preference at all
    start = time.perf_counter()
    lines = set_text(text, 11, indent_em=2)
    assert time.perf_counter() - start < 2.0
    assert "".join(texts(lines)) == text
    assert all(right_edge(line) == pytest.approx(11 * EM) for line in lines[:-1])


def test_long_article_sets_quickly():
    para = ("我院举办失能老人照护服务专题座谈会，提升失能照护服务水平。会议由院长主持，全科医学科、"
            "护理部等部门负责人参加。“医养结合”是今年的重点工作；我们将在2026年完成Phase 2的建设。")
    paragraphs = [styled(para * 3) for _ in range(120)]  # about 40,000 characters
    settings = ParagraphSettings(measure_pt=11 * EM, indent_em=2)
    start = time.process_time()
    for chars in paragraphs:
        set_paragraph(chars, settings)
    assert time.process_time() - start < 4.0


def test_garbage_collector_state_is_restored():
    import gc

    assert gc.isenabled()
    set_text("一二三", 5)
    assert gc.isenabled()
    gc.disable()
    try:
        set_text("一二三", 5)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_fast_glyph_construction_matches_the_constructor():
    from issuepress.text import place

    chars = styled("一（二）")
    xs, ws, cuts = [0.0, 10.0, 15.0, 25.0], [10.0, 5.0, 10.0, 5.0], [0.0, 5.0, 0.0, 0.0]
    assert place._glyphs_by_dict(chars, xs, ws, cuts) == place._glyphs_by_init(chars, xs, ws, cuts)
