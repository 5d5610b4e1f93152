"""Set one paragraph: classify, break optimally, then place every glyph (the text engine's entry point)."""

from __future__ import annotations

import gc
from typing import Sequence

from .breaker import break_paragraph
from .place import place_line
from .prepare import prepare
from .rules import check_level
from .types import Line, ParagraphSettings, StyledChar

ALIGNS = ("justify", "left", "center", "right")


def set_paragraph(chars: Sequence[StyledChar], settings: ParagraphSettings) -> tuple[Line, ...]:
    """Break `chars` (one paragraph; "\\n" forces a break) into lines set at `settings.measure_pt`.

    Every character lands in exactly one line, in order. Glyph x positions are relative to the
    line's left edge and include the first line's indent. Non-last lines of a justified paragraph
    end exactly on the measure; no line is wider than the measure unless a single glyph is
    (or hanging punctuation is on, which lets a closing mark hang ½ em past it).
    """
    if settings.align not in ALIGNS:
        raise ValueError(f"unknown align {settings.align!r} (expected one of {', '.join(ALIGNS)})")
    check_level(settings.level)
    if not chars:
        return ()
    # A long paragraph makes hundreds of thousands of small acyclic objects (prefix sums, glyphs);
    # the cycle collector would walk them again and again for nothing (a fifth of the time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        p = prepare(chars, settings)
        measure = settings.measure_pt
        indent = _indent(p.adv, chars, settings)
        spans = break_paragraph(
            p, measure, indent, justify=settings.align == "justify",
            ragged_last=settings.align in ("center", "right"), hanging=settings.hanging_punctuation,
            avoid_lone=settings.avoid_lone_last_char, hang_pt=_hang(p.adv, settings))
        return tuple(place_line(p, span, measure, settings.align, settings.hanging_punctuation)
                     for span in spans)
    finally:
        if gc_was_enabled:
            gc.enable()


def _hang(adv: list[float], settings: ParagraphSettings) -> float:
    """The hanging indent in pt, never so deep that the widest glyph would not fit after it."""
    return max(0.0, min(settings.hang_pt, settings.measure_pt - max(adv)))


def _indent(adv: list[float], chars: Sequence[StyledChar], settings: ParagraphSettings) -> float:
    """First-line indent in pt (indent_em of the first character's size).

    Never so deep that the first glyph would not fit on the first line: a measure narrower than
    indent + one glyph gets a smaller indent rather than an overflowing line.
    """
    indent = max(0.0, settings.indent_em) * chars[0].size_pt
    return max(0.0, min(indent, settings.measure_pt - adv[0]))
