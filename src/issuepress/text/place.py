"""Turn a chosen line into positioned glyphs: apply squeezes, trims and expansion, then align."""

from __future__ import annotations

from dataclasses import fields
from typing import Sequence

from .adjust import EPS, Plan, plan_line
from .breaker import Span
from .classes import SHRINK_TIERS, Blank, Cls, Tier
from .measure import hang_width, natural_width, room
from .prepare import Prepared
from .types import Line, PlacedGlyph, StyledChar

# Line extent of the ideographic em box (the layout's baseline grid uses the same split).
EM_ASCENT = 0.88
EM_DESCENT = 0.12


def place_line(p: Prepared, span: Span, measure_pt: float, align: str, hanging: bool) -> Line:
    """Glyph positions of one line: pen x includes the indent and the alignment offset."""
    a, b = span.start, span.end
    s = max(p.trail[b], a)
    trim = span.trim_start and s > a and p.start_trim[a] > 0
    avail = measure_pt - span.indent_pt
    justify = align == "justify" and not span.segment_last
    em = max(p.em[a:b]) or 1.0
    width = natural_width(p, a, b, trim) + span.hyphen
    hang = hang_width(p, a, b) if hanging else 0.0
    slack = avail - (width - hang)
    if slack >= -EPS and not justify:
        plan = Plan(tuple(0.0 for _ in SHRINK_TIERS))  # set as it comes: nothing to take or give
    else:
        plan = plan_line(slack, em, room(p, a, b, trim, span.hyphen > 0), justify)

    xs = [0.0] * (b - a)  # pen position of each glyph's box
    ws = [0.0] * (b - a)  # width of each glyph's box
    cuts = [0.0] * (b - a)  # blank cut from each glyph's left
    x = span.indent_pt
    if s > a:
        left, right = _cuts(p, a, s, trim, plan)
        extra = _gaps(p, a, s, plan, span.hyphen > 0)
        adv = p.adv
        for i in range(s - a):
            x += extra[i]
            w = adv[a + i] - left[i] - right[i]
            xs[i] = x
            ws[i] = w
            cuts[i] = left[i]
            x += w
    for i in range(s - a, b - a):  # trailing spaces and the forced break: no room at the line end
        xs[i] = x
    hyphen_x = x
    if span.hyphen:  # the added hyphen follows the word's last letter (s == b here)
        hyphen_x = x + _letter_gap(plan, s - a + 1)
        x = hyphen_x + span.hyphen
    right_edge = x
    if not justify or not plan.filled:
        visible = right_edge - span.indent_pt - hang
        shift = 0.0
        if align == "center":
            shift = (avail - visible) / 2
        elif align == "right":
            shift = avail - visible
        if shift > 0:
            xs = [v + shift for v in xs]
            hyphen_x += shift
            right_edge += shift
    glyphs = _make_glyphs(p.chars[a:b], xs, ws, cuts)
    if span.hyphen:
        c = p.chars[b - 1]
        glyphs += (PlacedGlyph("-", c.face, c.size_pt, hyphen_x, span.hyphen, c.color),)
    size = max(c.size_pt for c in p.chars[a:b])
    return Line(glyphs=glyphs, measure_pt=measure_pt, width_pt=right_edge, ascent_pt=EM_ASCENT * size,
                descent_pt=EM_DESCENT * size, justified=justify and plan.filled and s > a,
                last=span.final, indent_pt=span.indent_pt, hyphen_free=not span.hyphen, hung=span.hung)


def _glyphs_by_init(chars: Sequence[StyledChar], xs: list[float], ws: list[float],
                    cuts: list[float]) -> tuple[PlacedGlyph, ...]:
    return tuple(PlacedGlyph(c.ch, c.face, c.size_pt, xs[i] - cuts[i], ws[i], c.color, c.missing, c.source,
                             cuts[i]) for i, c in enumerate(chars))


def _glyphs_by_dict(chars: Sequence[StyledChar], xs: list[float], ws: list[float],
                    cuts: list[float]) -> tuple[PlacedGlyph, ...]:
    """PlacedGlyphs without the frozen __init__ (nine guarded setattr calls: a sixth of placing)."""
    new, set_ = object.__new__, object.__setattr__
    out = []
    for i, c in enumerate(chars):
        g = new(PlacedGlyph)
        set_(g, "__dict__", {"ch": c.ch, "face": c.face, "size_pt": c.size_pt, "x_pt": xs[i] - cuts[i],
                             "width_pt": ws[i], "color": c.color, "missing": c.missing, "source": c.source,
                             "dx_pt": cuts[i]})
        out.append(g)
    return tuple(out)


def _fast_glyphs_work() -> bool:
    """True when _glyphs_by_dict builds exactly what the constructor builds (PlacedGlyph may change)."""
    names = ("ch", "face", "size_pt", "x_pt", "width_pt", "color", "missing", "source", "dx_pt")
    if tuple(f.name for f in fields(PlacedGlyph)) != names:
        return False
    sample = [StyledChar("中", "f", 10.0, 10.0, "black", False, 3)]
    try:
        fast, slow = _glyphs_by_dict(sample, [1.0], [10.0], [0.5]), _glyphs_by_init(sample, [1.0], [10.0], [0.5])
        return fast == slow and vars(fast[0]) == vars(slow[0])
    except (AttributeError, TypeError):
        return False


_make_glyphs = _glyphs_by_dict if _fast_glyphs_work() else _glyphs_by_init


def _cuts(p: Prepared, a: int, s: int, trim: bool, plan: Plan) -> tuple[list[float], list[float]]:
    """How much each glyph of [a, s) loses on its left and right: squeeze, edge trims, shrink.

    A squeeze with a mark on the neighbouring line is undone; the edge rules replace it.
    """
    last = s - 1
    left = p.sq_l[a:s]
    right = p.sq_r[a:s]
    if plan.restore > EPS:
        keep = 1.0 - plan.restore / (p.p_pair[s] - p.p_pair[a + 1])
        left = [v * keep for v in left]
        right = [v * keep for v in right]
    left[0] = p.start_trim[a] if trim else 0.0
    right[last - a] = p.end_trim[last]
    if not plan.shrunk:
        return left, right
    caps = room(p, a, s, trim).shrink
    ratio = [plan.shrink[t] / caps[t] if caps[t] > EPS else 0.0 for t in SHRINK_TIERS]
    for k in range(a, s):
        t = p.tier[k]
        if t < 0 or ratio[t] == 0.0 or p.cap[k] <= 0:
            continue
        if (k == a and trim) or (k == last and p.end_trim[k] > 0):
            continue  # already trimmed to ½ em at the line edge
        cut = p.cap[k] * ratio[t]
        blank = p.classes[k].blank
        if blank == Blank.LEFT:
            left[k - a] += cut
        elif blank == Blank.BOTH:
            left[k - a] += cut / 2
            right[k - a] += cut / 2
        else:  # closing / pause / stop marks and word spaces give from their right side
            right[k - a] += cut
    return left, right


def _letter_gap(plan: Plan, glyphs: int) -> float:
    """Letter-spacing between two of a line's `glyphs` glyphs (an added hyphen counts as one)."""
    return plan.letter / (glyphs - 1) if glyphs > 1 else 0.0


def _gaps(p: Prepared, a: int, s: int, plan: Plan, hyphen: bool) -> list[float]:
    """Room before each glyph of [a, s): Han–Latin spaces (shrunk or grown), space growth, spreading."""
    spread_n = p.p_spread[s] - p.p_spread[a + 1]
    per_spread = plan.spread / spread_n if spread_n else 0.0
    per_letter = _letter_gap(plan, s - a + (1 if hyphen else 0))
    extra = [0.0] + [per_spread * f + per_letter for f in p.spread[a + 1:s]]
    if p.p_glue[s] - p.p_glue[a + 1] > 0:
        hl_cap = p.p_gshrink[s] - p.p_gshrink[a + 1]
        hl_ratio = plan.shrink[Tier.HAN_LATIN] / hl_cap if hl_cap > EPS else 0.0
        grow_cap = p.p_ggrow[s] - p.p_ggrow[a + 1]
        grow_ratio = plan.glue_grow / grow_cap if grow_cap > EPS else 0.0
        for k in range(a + 1, s):
            if p.glue[k]:
                extra[k - a] += p.glue[k] - p.glue_shrink[k] * hl_ratio + p.glue_grow[k] * grow_ratio
    ws_cap = p.p_ws_grow[s] - p.p_ws_grow[a]
    if plan.space_grow > EPS and ws_cap > EPS:
        ratio = plan.space_grow / ws_cap
        for k in range(a, s - 1):
            if p.classes[k].cls in (Cls.SP, Cls.GL):
                extra[k + 1 - a] += p.ws_grow[k] * ratio  # the space grows into the gap after it
    return extra
