"""Properties that must hold for any mixed Chinese / Latin / digit / punctuation text and any widths."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from issuepress.text.classes import Cls, char_class, resolve
from issuepress.text.paragraph import set_paragraph
from issuepress.text.prepare import HYPHEN_EM
from issuepress.text.rules import NORMAL_BREAKS, Brk, gap_kinds
from issuepress.text.types import ParagraphSettings, StyledChar

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可"
CJK_PUNCT = "，。、；：？！“”‘’（）《》「」【】～·／"
TOKENS = (
    [*HAN] * 6 + [*CJK_PUNCT] + [*"abcdefghXYZ"] + [*"0123456789"] + [" ", " ", ",", ".", "(", ")", "-", "/"]
    + ["——", "……", "…", "—", "2026年", "37.5℃", "98.6%", "COVID-19", "https://example.org/a/b?c=d",
       "Supercalifragilistic", "\n"]
)
SIZES = (9.0, 10.5, 12.0)
# The rules restated independently of the engine's tables (clreq prohibition rules).
NO_START_CORE = "、，。．：；！？,.:;!?）〕］｝〗】》〉”’」』)"
NO_START_BASIC = NO_START_CORE + "～·／/-"
NO_END = "（〔［｛〖【《〈“‘「『("
LINE_TOLERANCE = 1e-6  # no line wider than the measure
JUSTIFY_TOLERANCE = 0.01  # justified lines end on the measure


@st.composite
def paragraphs(draw):
    text = "".join(draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=120)))
    han_em = draw(st.floats(0.9, 1.1))
    latin_em = draw(st.floats(0.3, 0.7))
    digit_em = draw(st.floats(0.45, 0.65))
    space_em = draw(st.floats(0.2, 0.35))
    mixed = draw(st.booleans())
    chars = []
    for i, ch in enumerate(text):
        size = draw(st.sampled_from(SIZES)) if mixed else 10.0
        cls = char_class(ch).cls
        if ch == "\n":
            em = 0.0
        elif cls == Cls.SP:
            em = space_em
        elif cls == Cls.NU:
            em = digit_em
        elif ch.isascii():
            em = latin_em
        elif cls == Cls.ID:
            em = han_em
        else:
            em = draw(st.sampled_from((1.0, 1.0, 0.4)))  # full-width mark, or set in a Latin face
        chars.append(StyledChar(ch, "f", size, em * size, source=i))
    widest = max(c.advance_pt for c in chars)
    measure = max(widest, draw(st.floats(3.0, 25.0)) * 10.0)
    ps = ParagraphSettings(
        measure_pt=measure,
        indent_em=draw(st.sampled_from((0.0, 2.0))),
        align=draw(st.sampled_from(("justify", "justify", "justify", "left", "center", "right"))),
        level=draw(st.sampled_from(("loose", "basic", "basic", "strict"))),
        avoid_lone_last_char=draw(st.booleans()),
    )
    return chars, ps


def natural_width(chars, ps) -> float:
    """Sum of advances plus the Han–Latin spaces between Han and ASCII letters or digits."""
    width = sum(c.advance_pt for c in chars)
    for left, right in zip(chars, chars[1:]):
        for han, latin in ((left, right), (right, left)):
            if (han.ch in HAN or han.ch == "年") and latin.ch.isascii() and latin.ch.isalnum():
                width += ps.han_latin_space_em * han.size_pt
    return width


def hyphen_at(chars, kinds, u1) -> float:
    """Room for the hyphen added when a unit ends at a hyphenation point: the widest it can be."""
    if u1 >= len(chars) or kinds[u1] != Brk.HYPHEN:
        return 0.0
    own = [c.advance_pt / c.size_pt for c in chars if c.ch == "-"]
    return max([HYPHEN_EM, *own]) * chars[u1 - 1].size_pt


def box(g):
    return g.x_pt + g.dx_pt, g.x_pt + g.dx_pt + g.width_pt


def content(line):
    """Glyphs of the line before its trailing spaces / forced break."""
    glyphs = list(line.glyphs)
    while glyphs and glyphs[-1].ch in " \n":
        glyphs.pop()
    return glyphs


@settings(max_examples=250, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_lines_join_back_to_the_input_in_order(case):
    chars, ps = case
    lines = set_paragraph(chars, ps)
    assert "".join(line.source_text for line in lines) == "".join(c.ch for c in chars)
    assert [g.source for line in lines for g in line.source_glyphs] == [c.source for c in chars]
    for line in lines:  # a hyphen is added only after a letter, at a break inside a word
        assert line.hyphen_free or (line.text[-1] == "-" and line.text[-2].isalpha() and not line.last)
    assert lines[-1].last and not any(line.last for line in lines[:-1])


@settings(max_examples=250, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_no_line_wider_than_the_measure_and_no_overlap(case):
    chars, ps = case
    for line in set_paragraph(chars, ps):
        end = 0.0 if line is not None else None
        previous_end = -1e9
        for g in line.glyphs:
            start, end = box(g)
            assert start >= -LINE_TOLERANCE
            assert end <= ps.measure_pt + LINE_TOLERANCE
            assert start >= previous_end - LINE_TOLERANCE  # in order, never overlapping
            assert g.width_pt >= -LINE_TOLERANCE
            previous_end = end
        assert line.width_pt <= ps.measure_pt + LINE_TOLERANCE


@settings(max_examples=250, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_justified_lines_end_on_the_measure(case):
    chars, ps = case
    if ps.align != "justify":
        return
    lines = set_paragraph(chars, ps)
    for line in lines[:-1]:
        if line.text.endswith("\n") or len(content(line)) < 2:
            continue
        assert line.justified
        assert abs(box(content(line)[-1])[1] - ps.measure_pt) <= JUSTIFY_TOLERANCE


@settings(max_examples=250, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_breaks_only_where_allowed_unless_a_unit_is_wider_than_the_measure(case):
    chars, ps = case
    text = [c.ch for c in chars]
    kinds = gap_kinds(text, resolve(text), ps.level)
    lines = set_paragraph(chars, ps)
    start = 0
    starts = []
    for line in lines[:-1]:
        start += len(line.source_glyphs)
        if not line.text.endswith("\n"):
            starts.append(start)
    for g in starts:
        if kinds[g] in NORMAL_BREAKS:  # including a URL's safe points and hyphenation points
            continue
        # A last-resort break: the unbreakable unit around it must be wider than the line.
        u0 = max([0] + [i for i in range(1, g) if kinds[i] in NORMAL_BREAKS or text[i - 1] == "\n"])
        u1 = min([len(text)] + [i for i in range(g + 1, len(text))
                                if kinds[i] in NORMAL_BREAKS or text[i - 1] == "\n"])
        end = u1
        while end > u0 and text[end - 1] in " \n":
            end -= 1
        natural = natural_width(chars[u0:end], ps) + hyphen_at(chars, kinds, u1)
        avail = ps.measure_pt - (ps.indent_em * chars[0].size_pt if u0 == 0 else 0.0)
        assert kinds[g] != Brk.NEVER
        assert natural > avail - LINE_TOLERANCE, ("".join(text[u0:u1]), g - u0)


def violates(before: str, after: str, level: str, spaced: bool = False) -> bool:
    """A break between these two characters goes against a line start/end or unbreakable rule.

    `spaced`: a word space stands between them (it vanishes at the line end), so they end and
    start lines but are not one word, number or —— (1 37.5℃ breaks at its space).
    """
    no_start = NO_START_CORE if level == "loose" else NO_START_BASIC
    if after in no_start or before in NO_END:
        return True
    if spaced:
        return False
    if before == after and before in "—…":
        return True  # —— and …… are never split
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return True  # inside a word or number
    return before.isdigit() and after in "年℃%"


@settings(max_examples=250, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_no_prohibited_mark_at_line_start_or_end(case):
    chars, ps = case
    text = [c.ch for c in chars]
    kinds = gap_kinds(text, resolve(text), ps.level)
    lines = set_paragraph(chars, ps)
    g = 0
    for line, following in zip(lines, lines[1:]):
        g += len(line.source_glyphs)
        if line.text.endswith("\n"):
            continue
        last = content(line)
        before = last[-1].ch if last else " "
        after = following.glyphs[0].ch
        single_dash = after == "—" and (g + 1 >= len(text) or text[g + 1] != "—")
        spaced = len(last) < len(line.glyphs)
        if not (violates(before, after, ps.level, spaced) or (single_dash and ps.level != "loose")):
            continue
        # Allowed only inside a unit wider than the line (all its own breaks being last-resort).
        u0 = max([0] + [i for i in range(1, g) if kinds[i] in NORMAL_BREAKS or text[i - 1] == "\n"])
        u1 = min([len(text)] + [i for i in range(g + 1, len(text))
                                if kinds[i] in NORMAL_BREAKS or text[i - 1] == "\n"])
        while u1 > u0 and text[u1 - 1] in " \n":
            u1 -= 1
        avail = ps.measure_pt - (ps.indent_em * chars[0].size_pt if u0 == 0 else 0.0)
        assert natural_width(chars[u0:u1], ps) + hyphen_at(chars, kinds, u1) > avail - LINE_TOLERANCE, \
            (line.text, following.text)


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 4000), st.floats(4.0, 30.0), st.sampled_from(("", "，", "——", " ab ")))
def test_long_paragraphs_terminate_quickly(n, measure_em, filler):
    text = ("的一是在不了有和人这中大为" * (n // 13 + 1))[:n]
    if filler:
        text = filler.join(text[i:i + 37] for i in range(0, len(text), 37))
    chars = [StyledChar(ch, "f", 10.0, (0.5 if ch.isascii() else 1.0) * 10.0) for ch in text]
    begin = time.process_time()
    lines = set_paragraph(chars, ParagraphSettings(measure_pt=measure_em * 10.0))
    assert time.process_time() - begin < 2.0
    assert "".join(line.text for line in lines) == text


HANGING_MARKS = "，。、；：？！”’）》」』】〕"


@settings(max_examples=120, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_hanging_punctuation_only_lets_a_closing_mark_pass_the_edge(case):
    chars, ps = case
    ps = ParagraphSettings(measure_pt=ps.measure_pt, indent_em=ps.indent_em, align=ps.align, level=ps.level,
                           hanging_punctuation=True)
    lines = set_paragraph(chars, ps)
    assert "".join(line.source_text for line in lines) == "".join(c.ch for c in chars)
    for line in lines:
        glyphs = content(line)
        if not glyphs:
            continue
        start, end = box(glyphs[-1])
        if end > ps.measure_pt + LINE_TOLERANCE:
            assert glyphs[-1].ch in HANGING_MARKS and start <= ps.measure_pt + LINE_TOLERANCE
        if ps.align == "justify" and not line.last and not line.text.endswith("\n") and len(glyphs) >= 2:
            # either the last glyph or the hanging mark meets the measure
            assert min(abs(end - ps.measure_pt), abs(start - ps.measure_pt)) <= JUSTIFY_TOLERANCE
