"""Optimal line breaking over a whole paragraph (Knuth–Plass style) with clreq costs and a safe fallback."""

from __future__ import annotations

from dataclasses import dataclass

from .adjust import EPS, ragged_bad, shrink_bad, shrink_split, stretch_cost
from .classes import Cls, Tier
from .measure import min_width
from .prepare import Prepared
from .rules import NORMAL_BREAKS, Brk

INF = float("inf")
# Demerits for breaking at a gap of each kind. Last-resort breaks (inside a word or against a
# line start/end rule) cost more than any ordinary paragraph, so they are taken only where a
# unit is wider than the measure; inside a word, URL split points (after / - . ? & = _) first.
# A URL split at a safe point or a long word hyphenated (issue 8) is an ordinary, penalised break:
# dearer than a lone last character, cheaper than a line spread past ¼ em (adjust.LOOSE_STEP).
BREAK_PENALTY = {Brk.ALLOW: 0.0, Brk.URL: 6000.0, Brk.HYPHEN: 8000.0, Brk.WORD_SAFE: 1e6, Brk.WORD: 3e6,
                 Brk.KINSOKU: 1e7}
# Every line costs at least (LINE_COST + badness)²: among equally good settings, fewer lines win.
LINE_COST = 1.0
# clreq "Handling of widows and orphans": a last line holding a single character (孤字), with or
# without punctuation, is avoided unless only a much worse paragraph avoids it.
LONE_LAST_CHAR = 5000.0
# Two lines in a row that had to be squeezed to fit look cramped together.
CONSECUTIVE_SQUEEZE = 300.0
# A line that overflows the measure (only when one glyph is wider than the measure).
OVERFULL = 1e15
# Lines needing more than this much extra room (em) are tried only when no tighter line can end
# at a break: this bounds the work per break to the few starts that nearly fill a line.
LOOSE_LIMIT_EM = 3.0


@dataclass(frozen=True)
class Span:
    """One line chosen by the breaker: characters [start, end) and how it is to be set."""

    start: int
    end: int
    indent_pt: float  # room before the first glyph (the first line's indent)
    trim_start: bool  # an opening mark at the start loses its blank half
    segment_last: bool  # last line before a forced break or the paragraph end: not justified
    final: bool  # the paragraph's last line
    hyphen: float = 0.0  # advance of the hyphen added after the last glyph (a hyphenated word)
    hung: bool = False  # indented by the paragraph's hanging indent (not its first line)


def break_paragraph(p: Prepared, measure_pt: float, indent_pt: float, justify: bool,
                    ragged_last: bool, hanging: bool, avoid_lone: bool, hang_pt: float = 0.0) -> list[Span]:
    """Break the paragraph into lines; forced breaks ("\\n") split it into independent segments.

    `hang_pt` indents every line but the paragraph's first (a hanging indent: a list item's lines
    after its marker, a verse line's continuation), the lines after a forced break too."""
    n = p.n
    spans: list[Span] = []
    start = 0
    while start < n:
        end = start
        while end < n and p.classes[end].cls != Cls.BK:
            end += 1
        end = min(n, end + 1)  # the "\n" stays on its line
        breaks = _Segment(p, start, end, measure_pt, indent_pt if start == 0 else hang_pt, justify,
                          ragged_last, hanging, avoid_lone, hang_pt).run()
        prev = start
        for b in breaks:
            spans.append(Span(prev, b, indent_pt if prev == 0 else hang_pt, prev != 0 or indent_pt <= 0,
                              b == end, b == n, p.hyphen.get(b, 0.0) if b < end else 0.0, prev != 0 and hang_pt > 0))
            prev = b
        start = end
    return spans


class _Segment:
    """Dynamic programme over the break candidates of one segment [sa, sb)."""

    def __init__(self, p: Prepared, sa: int, sb: int, measure: float, indent: float, justify: bool,
                 ragged_last: bool, hanging: bool, avoid_lone: bool, hang: float = 0.0) -> None:
        self.p, self.sa, self.sb = p, sa, sb
        self.measure, self.indent, self.hang = measure, indent, hang
        self.justify, self.ragged_last = justify, ragged_last
        self.hanging, self.avoid_lone = hanging, avoid_lone
        self.em = max(p.em[sa:sb]) if sb > sa else 1.0
        if self.em <= 0:
            self.em = 1.0

    def avail(self, a: int) -> float:
        return self.measure - (self.indent if a == self.sa else self.hang)

    def trims(self, a: int) -> bool:
        """An opening mark at a line start loses its blank half, except on an indented first line."""
        return not (a == 0 and self.indent > 0)

    def candidates(self) -> tuple[list[int], list[float]]:
        """Normal break opportunities, plus last-resort ones inside units wider than the measure."""
        p, kinds = self.p, self.p.kinds
        normal = [g for g in range(self.sa + 1, self.sb) if kinds[g] in NORMAL_BREAKS]
        cands, pens = [self.sa], [0.0]
        u0 = self.sa
        for u1 in [*normal, self.sb]:
            raw = p.p_w[u1] - p.p_w[u0] + p.p_glue[u1] - p.p_glue[u0] + p.sq_l[u0] + p.sq_r[u1 - 1]
            hy = p.hyphen.get(u1, 0.0) if p.hyphen and u1 < self.sb else 0.0  # a hyphen added at u1
            if raw + hy > self.avail(u0) and min_width(p, u0, u1, self.trims(u0)) + hy > self.avail(u0) + EPS:
                for g in range(u0 + 1, u1):
                    if kinds[g] != Brk.NEVER:
                        cands.append(g)
                        pens.append(BREAK_PENALTY[kinds[g]])
            cands.append(u1)
            pens.append(BREAK_PENALTY[kinds[u1]] if u1 < self.sb else 0.0)
            u0 = u1
        return cands, pens

    def run(self) -> list[int]:
        """Best breaks of the segment: for each candidate end, try the starts that can reach it.

        Starts are dropped for good once even fully squeezed lines from them overflow (widths only
        grow with the end), and starts whose lines would be very loose are skipped while a tighter
        one works, so the work is O(candidates × starts per line).
        """
        p = self.p
        cands, pens = self.candidates()
        m = len(cands)
        # Line [a, b) = part depending on the start a + part depending on the end b.
        start_w, start_s, start_avail = [], [], []
        for a in cands:
            if a >= p.n:  # the paragraph end is never a line start
                start_w.append(0.0)
                start_s.append(0.0)
                start_avail.append(self.measure)
                continue
            trim = self.trims(a) and p.start_trim[a] > 0
            start_w.append(-p.p_w[a] - p.p_glue[a + 1] + p.sq_l[a] - (p.start_trim[a] if trim else 0.0))
            start_s.append(-p.p_cap_all[a] - p.p_gshrink[a + 1] - (p.cap[a] if trim else 0.0))
            start_avail.append(self.avail(a))
        # Node state 2i + f: a line ends at candidate i; f = 1 when that line had to be squeezed.
        cost = [INF] * (2 * m)
        back = [-1] * (2 * m)  # best previous state
        cost[0] = 0.0
        loose = LOOSE_LIMIT_EM * self.em
        lo = 0
        last_reached = 0
        trail, p_w, p_glue, p_cap_all, p_gshrink = p.trail, p.p_w, p.p_glue, p.p_cap_all, p.p_gshrink
        p_pair, p_ws_grow, p_ggrow, p_spread = p.p_pair, p.p_ws_grow, p.p_ggrow, p.p_spread
        sq_r, end_trim, cap, hyphen = p.sq_r, p.end_trim, p.cap, p.hyphen
        justify, em, sb, hanging = self.justify, self.em, self.sb, self.hanging
        for j in range(1, m):
            b = cands[j]
            final = b == sb
            s = trail[b]
            k = s - 1 if s > 0 else 0
            end_w = p_w[s] + p_glue[s] + sq_r[k] - end_trim[k]
            hy_gap = 0  # an added hyphen is one more glyph to letter-space (measure.room)
            if hyphen and b in hyphen and not final:
                end_w += hyphen[b]  # the added hyphen
                hy_gap = 1
            end_s = p_cap_all[s] + p_gshrink[s] - (cap[k] if end_trim[k] > 0 else 0.0)
            if hanging and s > 0 and end_trim[k] > 0:
                end_w -= p.adv[k] - p.sq_l[k] - end_trim[k]  # the trimmed mark hangs outside
            while lo < j:
                if cost[2 * lo] < INF or cost[2 * lo + 1] < INF:
                    if s <= cands[lo] or end_w + start_w[lo] - end_s - start_s[lo] <= start_avail[lo] + EPS:
                        break
                lo += 1
            found = False
            for i in range(lo, j):
                c0 = cost[2 * i]
                c1 = cost[2 * i + 1]
                if c0 == INF and c1 == INF:
                    continue
                a = cands[i]
                slack = start_avail[i] - (end_w + start_w[i]) if s > a else start_avail[i]
                if not final and found and slack > loose:
                    break  # every later start is looser still
                if slack >= -EPS and justify and not final:  # the common case, inlined
                    squeezed = False
                    if (c0 if c0 < c1 else c1) + LINE_COST * LINE_COST + pens[j] >= cost[2 * j]:
                        found = True  # even a perfect line from here cannot beat what j has
                        continue
                    if slack <= EPS or s <= a:
                        bad = 0.0
                    else:
                        bad = stretch_cost(slack, em, p_pair[s] - p_pair[a + 1], p_ws_grow[s] - p_ws_grow[a],
                                           p_ggrow[s] - p_ggrow[a + 1], p_spread[s] - p_spread[a + 1],
                                           s - a - 1 + hy_gap)
                else:
                    res = self.line(a, s, slack, final, hy_gap)
                    if res is None:
                        continue
                    bad, squeezed = res
                dem = (LINE_COST + bad) ** 2 + pens[j]
                if final and self.avoid_lone and a > self.sa and self.lone(a, s):
                    dem += LONE_LAST_CHAR
                here = 2 * j + (1 if squeezed else 0)
                c = c0 + dem
                if c < cost[here]:
                    cost[here] = c
                    back[here] = 2 * i
                c = c1 + dem + (CONSECUTIVE_SQUEEZE if squeezed else 0.0)
                if c < cost[here]:
                    cost[here] = c
                    back[here] = 2 * i + 1
                found = True
            if not found and (lo >= j or final):
                # Nothing fits: a glyph wider than the measure. Overflow from the last reached node.
                best = 2 * last_reached + (0 if cost[2 * last_reached] <= cost[2 * last_reached + 1] else 1)
                cost[2 * j] = cost[best] + OVERFULL
                back[2 * j] = best
                lo = j
            if cost[2 * j] < INF or cost[2 * j + 1] < INF:
                last_reached = j
        state = 2 * (m - 1) + (0 if cost[2 * (m - 1)] <= cost[2 * (m - 1) + 1] else 1)
        out = []
        while state > 1:
            out.append(cands[state // 2])
            state = back[state]
        return out[::-1]

    def lone(self, a: int, s: int) -> bool:
        """The line's content is a single character, with or without punctuation (孤字)."""
        return self.p.p_content[s] - self.p.p_content[a] == 1.0

    def line(self, a: int, s: int, slack: float, final: bool, hy_gap: int) -> tuple[float, bool] | None:
        """(badness, squeezed) of a line from a with content end s, or None when it cannot fit
        (hy_gap: 1 when a hyphen is added at its end)."""
        p = self.p
        em = self.em
        if slack < -EPS:
            caps = [pc[s] - pc[a] for pc in p.p_cap]
            caps[Tier.HAN_LATIN] += p.p_gshrink[s] - p.p_gshrink[a + 1]
            if self.trims(a) and p.start_trim[a] > 0:
                caps[p.tier[a]] -= p.cap[a]
            if p.end_trim[s - 1] > 0:
                caps[p.tier[s - 1]] -= p.cap[s - 1]
            taken, fits = shrink_split(-slack, caps)
            return (shrink_bad(taken, em), True) if fits else None
        if final:
            return (ragged_bad(slack, em) if self.ragged_last else 0.0), False
        if not self.justify:
            return ragged_bad(slack, em), False
        if slack <= EPS or s <= a:
            return 0.0, False
        return stretch_cost(slack, em, p.p_pair[s] - p.p_pair[a + 1], p.p_ws_grow[s] - p.p_ws_grow[a],
                            p.p_ggrow[s] - p.p_ggrow[a + 1], p.p_spread[s] - p.p_spread[a + 1],
                            s - a - 1 + hy_gap), False
