"""Hanging indents: a list item's marker at its start and every line of its text after the marker; a
verse line whose continuation is set in further (the two shapes text/ sets with ParagraphSettings.hang_pt)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from ..text.types import Line, PlacedGlyph
from .typeset import Setter

# Between a marker that ends in a narrow character (1. ● ①) and the item's text: half an em, the
# room a full-width 、 or ） gives the markers that end in one (一、 （一）), which get no more.
MARKER_GAP_EM = 0.5
# How far a nested list's marker stands in from the enclosing list's marker, in em per level.
NEST_EM = 2.0
# A verse line too long for the column goes on indented this much further than its start (em): the
# continuation of a line of poetry is set in, so it never reads as a line of its own.
VERSE_HANG_EM = 2.0


def _wide_end(marker: str) -> bool:
    return unicodedata.east_asian_width(marker[-1]) in ("W", "F")


def set_item(setter: Setter, marker: str, spans: Sequence[tuple], style: str, measure_pt: float, where: str,
             depth: int = 0, indent_em: float = 0.0) -> tuple[Line, ...]:
    """A list item: `marker` set at the item's start (after the list's indent), the text's lines all
    starting where the text after the marker starts (the marker's width measured with the setter)."""
    st = setter.style(style)
    size = st.size_pt
    left = (max(0.0, indent_em) + NEST_EM * depth) * size
    mchars = setter.chars([(marker, False)], style, where)
    mwidth = sum(c.advance_pt for c in mchars)
    hang = left + mwidth + (0.0 if _wide_end(marker) else MARKER_GAP_EM * size)
    hang = min(hang, measure_pt / 2)  # a marker never takes more than half the column
    lines = setter.set(spans, style, measure_pt, where, indent_em=hang / size, hang_pt=hang) if spans else ()
    x = left
    glyphs = []
    for c in mchars:
        glyphs.append(PlacedGlyph(c.ch, c.face, c.size_pt, x, c.advance_pt, c.color, c.missing, -1))
        x += c.advance_pt
    if not lines:
        return (Line(tuple(glyphs), measure_pt, x, 0.88 * size, 0.12 * size, last=True),)
    first = lines[0]
    return (replace(first, glyphs=tuple(glyphs) + first.glyphs, indent_pt=left),) + lines[1:]


def set_verse_line(setter: Setter, spans: Sequence[tuple], style: str, measure_pt: float,
                   where: str) -> tuple[Line, ...]:
    """One line of a poem as written: it starts at the verse style's indent, is never joined with the
    next, and a part that does not fit goes on VERSE_HANG_EM further in (clreq rules still apply)."""
    st = setter.style(style)
    start = max(0.0, st.indent_em) * st.size_pt
    return setter.set(spans, style, measure_pt, where, hang_pt=start + VERSE_HANG_EM * st.size_pt)
