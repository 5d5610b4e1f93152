"""Made-up widths for text-engine tests: Han and CJK punctuation 1 em, Latin ½ em, digits 0.55 em, space ¼ em."""

from __future__ import annotations

from issuepress.text.classes import Cls, char_class
from issuepress.text.paragraph import set_paragraph
from issuepress.text.types import Line, ParagraphSettings, StyledChar

SIZE = 10.0
LATIN_EM = 0.5
DIGIT_EM = 0.55
SPACE_EM = 0.25
# ASCII punctuation in a Latin font: narrow.
ASCII_PUNCT_EM = 0.3


def em_width(ch: str) -> float:
    """Advance in em for the made-up font."""
    if ch == "\n":
        return 0.0
    if ch in " \t":
        return SPACE_EM
    if "0" <= ch <= "9":
        return DIGIT_EM
    if ch.isascii():
        return LATIN_EM if ch.isalpha() else ASCII_PUNCT_EM
    cc = char_class(ch)
    if cc.cls == Cls.AL:
        return LATIN_EM
    return 1.0


def styled(text: str, size: float = SIZE, missing: str = "") -> list[StyledChar]:
    return [StyledChar(ch, "song", size, em_width(ch) * size, missing=ch in missing, source=i)
            for i, ch in enumerate(text)]


def settings(measure_em: float, size: float = SIZE, **kw) -> ParagraphSettings:
    kw.setdefault("indent_em", 0.0)
    return ParagraphSettings(measure_pt=measure_em * size, **kw)


def set_text(text: str, measure_em: float, size: float = SIZE, **kw) -> tuple[Line, ...]:
    return set_paragraph(styled(text, size), settings(measure_em, size, **kw))


def texts(lines: tuple[Line, ...]) -> list[str]:
    return [line.text for line in lines]


def joined(lines: tuple[Line, ...]) -> str:
    """The paragraph read back: the lines' own characters, without hyphens added at breaks."""
    return "".join(line.source_text for line in lines)


def right_edge(line: Line) -> float:
    """Right edge of the line's last glyph box with width (trailing spaces have none)."""
    edge = 0.0
    for g in line.glyphs:
        if g.width_pt > 0:
            edge = max(edge, g.x_pt + g.dx_pt + g.width_pt)
    return edge
