"""How a line reaches its measure: which room is taken or given, in clreq's order, and what it costs."""

from __future__ import annotations

from dataclasses import dataclass

from .classes import SHRINK_TIERS

# Cost of taking 1 em from each shrink tier, in clreq's reduction order
# (#procedures_for_inter-character_spacing_reduction: word spaces, interpuncts, brackets, commas,
# Han–Latin spaces, periods/?/!). Periods cost most: they end a sentence; some styles keep them 1 em.
SHRINK_COST_PER_EM = (8.0, 8.0, 8.0, 8.0, 10.0, 16.0)
# Giving room, in clreq's expansion order (#procedures_for_inter-character_space_expansion):
# first the halves taken from adjacent marks (they were full width before), then word spaces
# and Han–Latin spaces up to ½ em, then spreading between all characters.
RESTORE_COST_PER_EM = 4.0
SPACE_GROW_COST_PER_EM = 8.0
# Inter-character expansion: a linear part, so that squeezing a line (先挤进) beats carrying a
# character down (后推出) for the same room, and a quadratic part in the per-gap looseness.
SPREAD_COST_PER_EM = 12.0
SPREAD_LOOSENESS_COST = 400.0
# Issue 8: a justified line has at most ¼ em added between two Han characters. Past that a line
# costs a step plus a steep slope per em of excess per gap, so the paragraph breaker moves a break,
# squeezes other lines, or splits a URL or long word (BREAK_PENALTY in breaker.py) first. The step
# (badness 100, demerits of about 2.5e4 on a 16-em line) is larger than a URL split or a
# hyphenation; a line still past the limit is reported `line-loose` by preflight.
LOOSE_MAX_EM = 0.25
LOOSE_STEP = 100.0
LOOSE_SLOPE_PER_EM = 2000.0
# Letter-spacing (only when a line has no other gap, e.g. a split URL) looks worst.
LETTERSPACE_FACTOR = 3.0
# A line that cannot reach the measure at all (a single glyph) costs this much per missing em.
UNFILLABLE_COST_PER_EM = 1000.0
# Ragged (left / centre / right) lines: cost of unused room, quadratic in em.
RAGGED_COST = 2.0
EPS = 1e-9  # amounts below this (pt) count as nothing
# Rounding allowance when deciding whether the squeezable room is enough.
FIT_TOLERANCE_PT = 1e-7


@dataclass(frozen=True)
class Room:
    """What a line can give and take, in pt summed over the line."""

    shrink: tuple[float, ...]  # per shrink tier (classes.Tier order)
    restore: float  # halves taken from adjacent marks that may be given back
    space_grow: float  # word spaces up to ½ em
    glue_grow: float  # Han–Latin spaces up to ½ em
    spread_gaps: int  # gaps taking inter-character expansion
    letter_gaps: int  # all gaps between the line's glyphs (fallback)


@dataclass(frozen=True)
class Plan:
    """Amounts to apply to a line (pt) and the badness of doing so."""

    shrink: tuple[float, ...]
    restore: float = 0.0
    space_grow: float = 0.0
    glue_grow: float = 0.0
    spread: float = 0.0  # total inter-character expansion
    letter: float = 0.0  # total letter-spacing (fallback)
    bad: float = 0.0
    fits: bool = True  # False: even all shrink cannot make the line fit
    filled: bool = True  # False: the line could not be stretched to the measure

    @property
    def shrunk(self) -> bool:
        return sum(self.shrink) > EPS


NO_SHRINK = tuple(0.0 for _ in SHRINK_TIERS)


def shrink_split(excess: float, caps: tuple[float, ...] | list[float]) -> tuple[list[float], bool]:
    """Take `excess` pt from the tiers in order; returns the part taken from each and whether it fit."""
    taken = []
    need = excess
    for cap in caps:
        part = cap if cap < need else need
        if part < 0.0:
            part = 0.0
        taken.append(part)
        need -= part
    return taken, need <= FIT_TOLERANCE_PT


def shrink_bad(taken: list[float], em: float) -> float:
    return sum(c * x for c, x in zip(SHRINK_COST_PER_EM, taken)) / em


def stretch_split(room: float, restore: float, space: float, glue: float,
                  spread_gaps: int, letter_gaps: int) -> tuple[float, float, float, float, float, float]:
    """Split `room` pt into (restore, space, glue, spread, letter, unfilled) in clreq's order."""
    need = room
    r = restore if restore < need else need
    need -= r
    sp = space if space < need else need
    need -= sp
    gl = glue if glue < need else need
    need -= gl
    if need <= EPS:
        return r, sp, gl, 0.0, 0.0, 0.0
    if spread_gaps > 0:
        return r, sp, gl, need, 0.0, 0.0
    if letter_gaps > 0:
        return r, sp, gl, 0.0, need, 0.0
    return r, sp, gl, 0.0, 0.0, need


def stretch_cost(room: float, em: float, restore: float, space: float, glue: float,
                 spread_gaps: int, letter_gaps: int) -> float:
    """Badness of giving a line `room` pt, split as stretch_split does (the breaker's hot path)."""
    need = room
    r = restore if restore < need else need
    need -= r
    grow = space + glue
    g = grow if grow < need else need
    need -= g
    bad = (RESTORE_COST_PER_EM * r + SPACE_GROW_COST_PER_EM * g) / em
    if need <= EPS:
        return bad
    if spread_gaps > 0:
        per = need / spread_gaps / em
        bad += SPREAD_COST_PER_EM * need / em + SPREAD_LOOSENESS_COST * per * per
        if per > LOOSE_MAX_EM:
            bad += LOOSE_STEP + LOOSE_SLOPE_PER_EM * (per - LOOSE_MAX_EM)
        return bad
    if letter_gaps > 0:
        per = need / letter_gaps / em
        return bad + LETTERSPACE_FACTOR * (SPREAD_COST_PER_EM * need / em + SPREAD_LOOSENESS_COST * per * per)
    return bad + UNFILLABLE_COST_PER_EM * need / em


def ragged_bad(slack: float, em: float) -> float:
    return RAGGED_COST * (slack / em) ** 2


def plan_line(slack: float, em: float, r: Room, justify: bool) -> Plan:
    """The plan for a line with `slack` pt of room (negative: too long) and its badness."""
    if slack < -EPS:
        taken, fits = shrink_split(-slack, r.shrink)
        return Plan(tuple(taken), bad=shrink_bad(taken, em), fits=fits)
    if not justify or slack <= EPS:
        return Plan(NO_SHRINK)
    parts = stretch_split(slack, r.restore, r.space_grow, r.glue_grow, r.spread_gaps, r.letter_gaps)
    bad = stretch_cost(slack, em, r.restore, r.space_grow, r.glue_grow, r.spread_gaps, r.letter_gaps)
    return Plan(NO_SHRINK, *parts[:5], bad=bad, filled=parts[5] <= EPS)
