"""Line breaking: clreq prohibitions, unbreakable marks, words and numbers, last-resort splits."""

from __future__ import annotations

import pytest
from textkit import SIZE, joined, right_edge, set_text, texts

from issuepress.text import breaker
from issuepress.text.classes import Cls, char_class, resolve
from issuepress.text.rules import Brk, gap_kinds, may_end_line, may_start_line


def test_break_between_any_two_han():
    assert texts(set_text("一二三四五六七八九十", 4)) == ["一二三四", "五六七八", "九十"]


def test_no_comma_at_line_start():
    # Ten Han fill the measure; the comma cannot start line 2, and nothing in line 1 can be
    # squeezed to take it in, so a character is carried down with it.
    lines = texts(set_text("一二三四五六七八九十，一二三", 10))
    assert lines == ["一二三四五六七八九", "十，一二三"]
    for mark in "、。．：；！？":
        lines = texts(set_text(f"一二三四五六七八九十{mark}一二三", 10))
        assert not lines[1].startswith(mark)


def test_squeeze_in_before_pushing_out():
    # 先挤进后推出: the line can take the comma by squeezing the inner one to ½ em.
    lines = set_text("一，二三四五六七八九，十一", 10)
    assert texts(lines) == ["一，二三四五六七八九，", "十一"]
    assert lines[0].glyphs[1].width_pt == pytest.approx(5.0)  # inner comma squeezed
    assert lines[0].glyphs[-1].width_pt == pytest.approx(5.0)  # line-end comma trimmed


def test_no_closing_bracket_or_quote_at_line_start():
    for close in "）》」』”’】〕":
        lines = texts(set_text(f"一二三四五{close}六七", 5))
        assert not any(line.startswith(close) for line in lines), (close, lines)


def test_no_opening_bracket_or_quote_at_line_end():
    for open_ in "（《「『“‘【〔":
        lines = texts(set_text(f"一二三四{open_}五六七", 5))
        assert not any(line.endswith(open_) for line in lines), (open_, lines)
        assert any(line.startswith(open_) for line in lines)


@pytest.mark.parametrize("open_", ["(", "（", "“", "【"])
@pytest.mark.parametrize("level", ["loose", "basic"])
def test_no_opening_mark_at_line_end_before_a_space(open_, level):
    """"分出( 我上" broke after the space: the space vanished and "(" ended the line (found by
    test_no_prohibited_mark_at_line_start_or_end)."""
    text = f"一二三四{open_} 五六七"
    lines = set_text(text, 5, level=level)
    assert joined(lines) == text
    assert not any(line.rstrip().endswith(open_) for line in texts(lines)), texts(lines)


def test_no_connector_interpunct_or_solidus_at_line_start():
    for mark in "～–·・/":
        lines = texts(set_text(f"一二三四五{mark}六七", 5))
        assert not any(line.startswith(mark) for line in lines), (mark, lines)


@pytest.mark.parametrize("text", ["一二三四五/4元", "一二三四五-4度", "一二三四五 -4度", "一二三四五 /usr"])
def test_solidus_or_hyphen_before_a_number_or_word_does_not_start_a_line(text):
    """A "/" or "-" that belongs to the word after it ("人/4", found by
    test_no_prohibited_mark_at_line_start_or_end) started line 2 at width 5 em."""
    lines = set_text(text, 5)
    assert joined(lines) == text
    assert not any(line[0] in "/-" for line in texts(lines)), texts(lines)
    loose = texts(set_text(text, 5, level="loose"))  # loose only keeps the core rules
    assert any(line[0] in "/-" for line in loose), loose


def test_single_em_dash_is_a_connector():
    lines = texts(set_text("一二三四五—六七", 5))
    assert not lines[1].startswith("—")


def test_dash_pair_never_split():
    for width in range(3, 12):
        lines = texts(set_text("一二三四五六七八——九十一二三", width))
        assert not any(line.endswith("—") and not line.endswith("——") for line in lines)
        assert "——" in "".join(lines)
        assert all(line.count("—") in (0, 2) for line in lines), lines


def test_dash_pair_may_start_a_line():
    assert texts(set_text("一二三四五六七八九——十一", 10)) == ["一二三四五六七八九", "——十一"]


def test_ellipsis_pair_never_split():
    for width in range(3, 12):
        lines = texts(set_text("一二三四五六七……八九十一二三", width))
        assert all(line.count("…") in (0, 2) for line in lines), lines


def test_latin_word_not_broken():
    text = "我们使用Python语言和 open source 软件开发，版本号为v3.12.1正式版"
    for width in range(7, 16):
        lines = texts(set_text(text, width))
        assert "".join(lines) == text
        for before, after in zip(lines, lines[1:]):
            assert not (before[-1].isascii() and before[-1].isalnum() and after[0].isascii()
                        and after[0].isalnum()), (width, lines)
            assert not before.endswith("v3.") and not before.endswith("v3.12.")


def test_number_with_unit_kept_whole():
    for text, whole in [("今年是二〇二六年也就是2026年的春天", "2026年"),
                        ("病人体温升高到37.5℃需要观察", "37.5℃"),
                        ("治愈率达到了百分之98.6%左右", "98.6%"),
                        ("圆周率约等于数值3.14左右吧", "3.14")]:
        for width in range(4, 12):
            lines = texts(set_text(text, width))
            assert any(whole in line for line in lines), (width, lines)


def test_break_allowed_between_han_and_latin():
    lines = texts(set_text("一二三ABCDEFGH", 6))
    assert lines == ["一二三", "ABCDEFGH"]


def test_long_url_breaks_at_slash():
    url = "https://example.org/wechat/articles/2026"
    lines = set_text(f"请访问{url}了解详情", 10)
    text = texts(lines)
    assert "".join(text) == f"请访问{url}了解详情"
    for line in lines:
        assert right_edge(line) <= 10 * SIZE + 1e-6
    inner = [t for t in text[:-1] if t and t[-1] in "/.-?&=_"]
    assert inner, text  # the URL was split after safe characters
    assert all(t[-1] in "/.-?&=_访" for t in text[:-1] if t[-1].isascii()), text


def test_overlong_word_breaks_between_letters_within_measure():
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    lines = set_text(f"一二{word}三四", 6)
    assert joined(lines) == f"一二{word}三四"
    assert all(right_edge(line) <= 6 * SIZE + 1e-6 for line in lines)
    assert len(lines) >= 4
    # split at its hyphenation points, each marked with an added hyphen
    text = texts(lines)
    inside = [t for t, nxt in zip(text, text[1:]) if nxt[0].isalpha() and nxt[0].isascii()]
    assert len(inside) >= 3 and all(t.endswith("-") for t in inside), text


def test_prohibitions_break_down_only_inside_overwide_units():
    # A run of closing marks wider than the measure has to break somewhere.
    lines = set_text("一」」」」」」」」」", 3)
    assert "".join(texts(lines)) == "一」」」」」」」」」"
    assert all(right_edge(line) <= 3 * SIZE + 1e-6 for line in lines)


def test_glyph_wider_than_measure_overflows_alone():
    lines = set_text("一二三", 0.5)  # the measure cannot hold one Han
    assert texts(lines) == ["一", "二", "三"]


def test_break_after_space_and_space_stays_with_zero_width():
    lines = set_text("alpha beta gamma", 4.5)
    assert texts(lines) == ["alpha ", "beta ", "gamma"]
    assert lines[0].glyphs[-1].ch == " " and lines[0].glyphs[-1].width_pt == 0.0


def test_levels_differ_on_what_may_start_a_line():
    text = "一二三四五·六七"  # an interpunct would start line 2 at width 5
    assert not any(t.startswith("·") for t in texts(set_text(text, 5, level="basic")))
    assert any(t.startswith("·") for t in texts(set_text(text, 5, level="loose")))
    kana = "あいうえおっかき"
    assert any(t.startswith("っ") for t in texts(set_text(kana, 5, level="basic")))
    assert not any(t.startswith("っ") for t in texts(set_text(kana, 5, level="strict")))


def test_loose_still_keeps_the_core_prohibitions():
    assert not any(t.startswith("，") for t in texts(set_text("一二三四五，六七", 5, level="loose")))


def test_unknown_level_is_rejected():
    with pytest.raises(ValueError):
        set_text("一二三", 5, level="gb")


def test_gap_kinds_table():
    text = "中文，“好”2026年abc.def 3.14"
    kinds = gap_kinds(list(text), resolve(list(text)), "basic")
    at = {i: k for i, k in enumerate(kinds)}
    assert at[1] == Brk.ALLOW  # 中|文
    assert at[2] == Brk.KINSOKU  # 文|，
    assert at[4] == Brk.KINSOKU  # “|好
    assert at[10] == Brk.KINSOKU  # 6|年
    assert at[12] == Brk.WORD  # a|b
    assert at[15] == Brk.WORD_SAFE  # .|d
    assert at[18] == Brk.NEVER  # before a space
    assert at[19] == Brk.ALLOW  # after a space


def test_ascii_punctuation_in_context():
    classes = resolve(list("3.14, e.g. 好."))
    assert classes[1].cls == Cls.WP  # decimal point
    assert classes[4].cls == Cls.COMMA  # comma after a number, before a space
    assert classes[12].cls == Cls.STOP  # full stop after Han


def test_line_edge_predicates_follow_the_level():
    assert not may_start_line(char_class("，"), "loose")
    assert not may_start_line(char_class("·"), "basic") and may_start_line(char_class("·"), "loose")
    assert not may_start_line(char_class("々"), "strict") and may_start_line(char_class("々"), "basic")
    assert not may_end_line(char_class("《"), "basic")
    assert not may_end_line(char_class("¥"), "strict") and may_end_line(char_class("¥"), "basic")


def squeezed_lines(text: str, width: float) -> list[bool]:
    """Which non-last lines had to be squeezed: set alone and unjustified they are wider than the measure."""
    out = []
    for line in set_text(text, width)[:-1]:
        (alone,) = set_text(line.text, 100, align="left")
        out.append(right_edge(alone) > width * SIZE + 1e-9)
    return out


def test_consecutive_squeezed_lines_are_penalised(monkeypatch):
    text = "、九。五八九。，四十一十八。，九八。；七五，六九三七二四九"
    monkeypatch.setattr(breaker, "CONSECUTIVE_SQUEEZE", 0.0)
    free = squeezed_lines(text, 8)
    assert any(a and b for a, b in zip(free, free[1:]))
    monkeypatch.undo()
    penalised = squeezed_lines(text, 8)
    assert not any(a and b for a, b in zip(penalised, penalised[1:]))
