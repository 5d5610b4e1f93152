"""Data passed into and out of the text engine: styled characters in, positioned lines out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StyledChar:
    """One character to set, already mapped to the face that has it (fonts/ did the fallback).

    `advance_pt` is the natural advance from the face's metrics at `size_pt`. `missing` marks a
    character no face in the role's chain has: the engine sets it as a 1 em box.
    """

    ch: str
    face: str
    size_pt: float
    advance_pt: float
    color: str = "black"
    missing: bool = False
    source: int = -1  # index of the character in the paragraph's source text (for reports)
    # The face draws this pause or stop mark centred in its em (Taiwan / Hong Kong, CNS style): its
    # blank is on both sides, not on the right as in the mainland's (GB) marks.
    centred: bool = False


@dataclass(frozen=True)
class PlacedGlyph:
    """A glyph with its final pen position inside the line, in pt from the line's left edge.

    `x_pt` is where the renderer draws the glyph's origin; `dx_pt` is the amount of the glyph's
    own advance box cut away on its left (opening punctuation that lost its blank half), so the
    glyph's box on the line starts at x_pt + dx_pt. An opening mark at a line start that lost its
    blank half therefore has x_pt = its line position - 0.5 em and dx_pt = 0.5 em. `width_pt` is
    the advance the glyph occupies on the line (a closing mark trimmed at a line end: 0.5 em;
    spaces at a break and a forced "\n": 0).
    """

    ch: str
    face: str
    size_pt: float
    x_pt: float
    width_pt: float
    color: str = "black"
    missing: bool = False
    source: int = -1
    dx_pt: float = 0.0


@dataclass(frozen=True)
class Line:
    """One set line: glyphs with x positions, its measure and its vertical extent in pt."""

    glyphs: tuple[PlacedGlyph, ...]
    measure_pt: float
    width_pt: float  # right edge of the last glyph's advance box
    ascent_pt: float
    descent_pt: float
    justified: bool = False
    last: bool = False  # a paragraph's last line (not justified, unless align says so)
    indent_pt: float = 0.0
    hyphen_free: bool = True  # False: the last glyph is a hyphen added at a hyphenation break
    hung: bool = False  # indent_pt is the paragraph's hanging indent (a continuation line), not its first-line indent

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)

    @property
    def source_glyphs(self) -> tuple[PlacedGlyph, ...]:
        """The glyphs of the paragraph's own characters (without a hyphen added at a break)."""
        return self.glyphs if self.hyphen_free else self.glyphs[:-1]

    @property
    def source_text(self) -> str:
        return "".join(g.ch for g in self.source_glyphs)


@dataclass(frozen=True)
class ParagraphSettings:
    """How a paragraph is set: measure, indent, alignment and the clreq level."""

    measure_pt: float
    indent_em: float = 2.0
    align: str = "justify"  # justify | left | center | right
    level: str = "basic"  # clreq line-breaking level: loose | basic | strict
    han_latin_space_em: float = 0.25
    han_latin_space_min_em: float = 0.125
    hanging_punctuation: bool = False
    avoid_lone_last_char: bool = True
    hang_pt: float = 0.0  # hanging indent: every line but the first starts this far in (lists, verse)
    extra: dict[str, float] = field(default_factory=dict)
