"""Fill a story's grid units into column segments, and balance them (the smallest height that fits)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .story import Unit

# How far below the bisection's answer a lower feasible height is looked for: widow and keep rules
# break monotonicity only by a few lines.
NON_MONOTONE_SPAN = 4
# The fewest lines of a paragraph that may stand alone at a column's top or bottom (no widows/orphans).
MIN_PARA_LINES_AT_EDGE = 2


@dataclass(frozen=True)
class Fill:
    """Units per segment (start, end indices into the unit list) and what did not fit."""

    ranges: tuple[tuple[int, int], ...]
    placed: int  # units placed; units[placed:] are overset


def _break_ok(units: Sequence[Unit], i: int) -> bool:
    """May a column end between units[i-1] and units[i]?"""
    if i <= 0 or i >= len(units):
        return True
    prev, nxt = units[i - 1], units[i]
    # keep a subhead with the lines after it
    for back in range(1, 1 + max((u.keep_next for u in units[max(0, i - 3):i]), default=0)):
        j = i - back
        if j >= 0 and units[j].keep_next >= back:
            return False
    if prev.para == nxt.para and prev.para >= 0:
        before = nxt.index
        after = nxt.para_len - nxt.index
        if before < MIN_PARA_LINES_AT_EDGE or after < MIN_PARA_LINES_AT_EDGE:
            return False
    return True


def leg_lines(units: Sequence[Unit], a: int, b: int) -> int:
    """Grid lines a leg holding units[a:b] takes: its units, and the header rows repeated over a table row
    that opens it."""
    return sum(u.grid_lines for u in units[a:b]) + (units[a].repeat_lines if b > a else 0)


# How many unit lists fill() keeps its break table for (a page's stories, and those of a few pages
# more in a long watch session); the placement search fills the same story's units thousands of times.
PREPARED_KEPT = 256


@dataclass(frozen=True)
class _Prepared:
    """What fill() and the module planner ask of a unit list again and again, worked out once."""

    units: Sequence[Unit]  # kept alive, so its id is not reused while it is remembered
    prefix: list[int]  # grid lines of units[:i]
    ok: list[bool]  # may a column end before units[i]
    repeats: list[int]  # header lines repeated over units[i] when it opens a leg
    kinds: frozenset[str]


_PREPARED: dict[int, _Prepared] = {}


def _prepared(units: Sequence[Unit]) -> _Prepared:
    found = _PREPARED.get(id(units))
    if found is not None and found.units is units:
        return found
    prefix = [0]
    for u in units:
        prefix.append(prefix[-1] + u.grid_lines)
    made = _Prepared(units, prefix, [_break_ok(units, i) for i in range(len(units) + 1)],
                     [u.repeat_lines for u in units], frozenset(u.kind for u in units))
    if isinstance(units, tuple):  # a list could change after this; a tuple of frozen units cannot
        if len(_PREPARED) >= PREPARED_KEPT:
            del _PREPARED[next(iter(_PREPARED))]
        _PREPARED[id(units)] = made
    return made


def unit_kinds(units: Sequence[Unit]) -> frozenset[str]:
    """The kinds of unit a story has (a table, a figure …), known once per unit list."""
    return _prepared(units).kinds


def fill(units: Sequence[Unit], capacities: Sequence[int], strict: bool = True) -> Fill:
    """Greedy fill of units into segments of `capacities` grid lines, honouring break rules.

    With strict=False a segment that can hold no allowed break takes what fits (better a widow than
    a dropped line); balancing uses strict=True first.
    """
    prep = _prepared(units)
    prefix, ok, repeats = prep.prefix, prep.ok, prep.repeats
    ranges: list[tuple[int, int]] = []
    i = 0
    n = len(units)
    for cap in capacities:
        start = i
        rep = repeats[i] if i < n else 0  # header rows repeated over a table row opening the leg
        # the most units from `start` whose lines (with those header rows) add up to at most `cap`
        j = max(start, bisect_right(prefix, prefix[start] + cap - rep, start, n + 1) - 1)
        if j < n and j > start:
            k = j
            while k > start and not ok[k]:
                k -= 1
            if k == start and not strict:
                k = j
            j = k
        ranges.append((start, j))
        i = j
    return Fill(tuple(ranges), i)


def balance(units: Sequence[Unit], capacity_at: Callable[[int], Sequence[int]], max_h: int) -> tuple[int, Fill]:
    """The smallest height h <= max_h for which all units fit into the segments capacity_at(h).

    Returns (h, fill); when nothing fits, the fill at max_h (strict, then lenient) with its overset.
    """
    total = _prepared(units).prefix[-1]
    if total == 0:
        return 0, Fill(tuple((0, 0) for _ in capacity_at(0)), 0)
    lo, hi = 1, max_h
    best: tuple[int, Fill] | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        f = fill(units, capacity_at(mid))
        if f.placed == len(units):
            best = (mid, f)
            hi = mid - 1
        else:
            lo = mid + 1
    if best is not None:
        # Widow and keep rules make feasibility not quite monotonic in h: a lower height the bisection
        # stepped over may still fit. Heights below the average leg cannot; try the few in between.
        legs = max(1, len(capacity_at(best[0])))
        for h in range(max(1, -(-total // legs), best[0] - NON_MONOTONE_SPAN), best[0]):
            f = fill(units, capacity_at(h))
            if f.placed == len(units):
                return h, f
        return best
    f = fill(units, capacity_at(max_h))
    if f.placed < len(units):
        lenient = fill(units, capacity_at(max_h), strict=False)
        if lenient.placed > f.placed:
            f = lenient
    return max_h, f
