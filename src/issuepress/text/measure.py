"""Width and adjustable room of a candidate line [a, b) from the paragraph's prefix sums."""

from __future__ import annotations

from .adjust import Room
from .classes import SHRINK_TIERS, Tier
from .prepare import Prepared


def content_end(p: Prepared, a: int, b: int) -> int:
    """End of the line's visible content: spaces and a forced break at its end take no room."""
    s = p.trail[b]
    return s if s > a else a


def natural_width(p: Prepared, a: int, b: int, trim_start: bool) -> float:
    """Width of [a, b) with adjacent marks squeezed and line-edge marks trimmed (GB style).

    A squeeze with a character on the neighbouring line is undone, then the edge rules apply:
    an opening mark at the start and a closing / pause / stop mark at the end lose their blank half.
    """
    s = content_end(p, a, b)
    if s == a:
        return 0.0
    w = p.p_w[s] - p.p_w[a] + p.p_glue[s] - p.p_glue[a + 1] + p.sq_l[a] + p.sq_r[s - 1]
    if trim_start:
        w -= p.start_trim[a]
    return w - p.end_trim[s - 1]


def hang_width(p: Prepared, a: int, b: int) -> float:
    """Width a trimmed closing mark at the end may hang past the measure (hanging punctuation)."""
    s = content_end(p, a, b)
    if s == a or p.end_trim[s - 1] <= 0:
        return 0.0
    k = s - 1
    return p.adv[k] - p.sq_l[k] - p.end_trim[k]


def room(p: Prepared, a: int, b: int, trim_start: bool, hyphen: bool = False) -> Room:
    """The room line [a, b) can give (shrink per tier) and take (restore, spaces, spreading).

    A hyphen added at the end (`hyphen`) is a glyph of its own: the gap before it can be
    letter-spaced too, so even one letter and its hyphen can be justified.
    """
    s = content_end(p, a, b)
    if s == a:
        return Room(tuple(0.0 for _ in SHRINK_TIERS), 0.0, 0.0, 0.0, 0, 0)
    shrink = [p.p_cap[t][s] - p.p_cap[t][a] for t in SHRINK_TIERS]
    shrink[Tier.HAN_LATIN] += p.p_gshrink[s] - p.p_gshrink[a + 1]
    if trim_start and p.start_trim[a] > 0:
        shrink[p.tier[a]] -= p.cap[a]
    if p.end_trim[s - 1] > 0:
        shrink[p.tier[s - 1]] -= p.cap[s - 1]
    return Room(
        shrink=tuple(max(0.0, x) for x in shrink),
        restore=p.p_pair[s] - p.p_pair[a + 1],
        space_grow=p.p_ws_grow[s] - p.p_ws_grow[a],
        glue_grow=p.p_ggrow[s] - p.p_ggrow[a + 1],
        spread_gaps=p.p_spread[s] - p.p_spread[a + 1],
        letter_gaps=s - a - 1 + (1 if hyphen else 0),
    )


def min_width(p: Prepared, a: int, b: int, trim_start: bool) -> float:
    """Width of [a, b) with every blank half and space squeezed as far as allowed."""
    s = content_end(p, a, b)
    if s == a:
        return 0.0
    w = natural_width(p, a, b, trim_start)
    total = p.p_cap_all[s] - p.p_cap_all[a] + p.p_gshrink[s] - p.p_gshrink[a + 1]
    if trim_start and p.start_trim[a] > 0:
        total -= p.cap[a]
    if p.end_trim[s - 1] > 0:
        total -= p.cap[s - 1]
    return w - total
