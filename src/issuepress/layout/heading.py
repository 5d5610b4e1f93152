"""Set a headline (title, kicker, subtitle, subhead, continuation head) broken where a reader pauses.

The text engine may break body text between any two Han characters. A headline line must end at
the editor's line break, a punctuation mark or space, or a phrase boundary (text/phrases.py), and
its lines should be balanced: the fewest lines, then the most even ones, never a lone character.
The chosen breaks are written into the text as forced breaks and the engine sets the lines, so
what is measured here is what is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.measure import min_width, natural_width
from ..text.phrases import Tier, headline_gaps
from ..text.prepare import Prepared, prepare
from ..text.types import Line, ParagraphSettings
from .typeset import Setter

EPS = 1e-6
# A space the editor put between two Chinese phrases (柔肩担道义 温情铸医魂) is where the second line
# is meant to start: it costs nothing. A punctuation mark's pause costs a little more, so of two
# equally even arrangements the editor's space wins.
PUNCT_BREAK_COST = 0.1
# Cost of ending a line at a phrase boundary rather than at a punctuation mark or space: the pause
# the punctuation already makes wins unless its lines are far less even (in the evenness term
# below a 1:3 split of two lines costs 0.5, a 1:4 split 0.72).
PHRASE_BREAK_COST = 0.75
# Extra cost of a phrase boundary BudouX is unsure of, scaled down to 0 at CONFIDENT_SCORE: among
# equally even breaks, the one BudouX is surest of wins (湖南师大附中 at 师大|附中, not 湖|南师).
WEAK_PHRASE_COST = 0.5
CONFIDENT_SCORE = 3000.0
# A break inside a phrase (only when the phrase is wider than the measure) costs more than any
# arrangement of whole phrases.
INSIDE_BREAK_COST = 1.0


@dataclass(frozen=True, order=True)
class _Cost:
    """Lexicographic cost of a set of lines: compared field by field, in this order."""

    inside: int = 0  # breaks inside a phrase (last resort)
    lone: int = 0  # lines holding a single character (孤字)
    hung: int = 0  # lines that start one of the editor's space-separated parts and break it (名 陸 / 官方)
    lines: int = 0
    shape: float = 0.0  # break costs + unevenness

    def __add__(self, o: _Cost) -> _Cost:
        return _Cost(self.inside + o.inside, self.lone + o.lone, self.hung + o.hung, self.lines + o.lines,
                     self.shape + o.shape)


def set_heading(setter: Setter, text: str, style: str, width_pt: float, where: str,
                size_pt: float | None = None, lang: str | None = None, context: str = "") -> tuple[Line, ...]:
    """Lines of a headline set in `style` at `width_pt`, broken at phrase boundaries and balanced.

    Used for titles, kickers, subtitles, subheads and continuation heads. `lang` is the article's
    language tag when known (zh-Hant, zh-HK …); otherwise the script of the text chooses the
    Simplified or Traditional phrase model. `context` is the article's text, whose repeated names
    are kept whole (phrases.term_gaps). A headline whose every arrangement overflows the measure (a
    Latin word wider than it) is left to the engine's own last-resort breaks.
    """
    key = ("heading", text, style, round(width_pt, 3), size_pt, lang, context)
    hit = setter.cache.get(key)
    if hit is not None:
        return hit
    lines = _set(setter, text, style, width_pt, where, size_pt, lang, context)
    setter.cache[key] = lines
    return lines


def _set(setter: Setter, text: str, style: str, width_pt: float, where: str, size_pt: float | None,
         lang: str | None, context: str) -> tuple[Line, ...]:
    plain = setter.set(text, style, width_pt, where, size_pt=size_pt, indent_em=0)
    if len(plain) <= 1 or not text.strip():
        return plain
    chars = setter.chars([(text, False)], style, where, size_pt)
    if len(chars) != len(text):  # the fonts stage changed the text: no safe mapping of gaps
        return plain
    rules = setter.layout.text
    p = prepare(chars, ParagraphSettings(
        measure_pt=width_pt, indent_em=0, align="left", level=rules.level,
        han_latin_space_em=rules.han_latin_space_em, han_latin_space_min_em=rules.han_latin_space_min_em))
    gaps = headline_gaps(text, lang, rules.level, context)
    breaks = choose_breaks(p, gaps, width_pt)
    if breaks is None or breaks == line_ends(plain):
        return plain
    lines = setter.set(with_breaks(text, breaks), style, width_pt, where, size_pt=size_pt, indent_em=0)
    return lines if len(lines) == len(breaks) + 1 else plain


def line_ends(lines: tuple[Line, ...]) -> tuple[int, ...]:
    """The gap index where each line but the last ends (every character is one glyph of a line)."""
    ends, k = [], 0
    for ln in lines[:-1]:
        k += len(ln.glyphs)
        ends.append(k)
    return tuple(ends)


def with_breaks(text: str, breaks: tuple[int, ...]) -> str:
    """The text with a forced break at each chosen gap; a space run at a break becomes the break."""
    out, prev = [], 0
    for g in breaks:
        if text[g - 1] == "\n":
            continue
        a = g
        while a > prev and text[a - 1].isspace():
            a -= 1
        out.append(text[prev:a] + "\n")
        prev = g
    out.append(text[prev:])
    return "".join(out)


def choose_breaks(p: Prepared, gaps, width_pt: float) -> tuple[int, ...] | None:
    """The best line ends (gap indices; the editor's own included) or None when nothing fits.

    Each stretch between the editor's breaks is solved on its own (see _stretch and _Cost).
    """
    n = p.n
    tier = {g.index: g for g in gaps}
    forced = [g.index for g in gaps if g.tier == Tier.FORCED]
    out: list[int] = []
    a = 0
    for b in [*forced, n]:
        got = _stretch(p, tier, a, b, width_pt)
        if got is None:
            return None
        out.extend(got)
        if b < n:
            out.append(b)
        a = b
    return tuple(out)


def _stretch(p: Prepared, tier, a: int, b: int, width_pt: float) -> list[int] | None:
    """Best inner breaks of [a, b), a stretch with no forced break inside.

    Two passes: the fewest lines K (with the fewest breaks inside phrases, lone characters and
    parts of the editor's broken off after a space on the line before) without regard to shape, then the most even K lines, each line measured against 1/K of the
    stretch. Both are dynamic programmes over the candidate gaps, a line's possible starts limited
    to those that fit, so the work is candidates × (phrases per line) × K.
    """
    if _fits(p, a, b, width_pt):
        return []
    nodes = [a, *_candidates(p, tier, a, b, width_pt), b]
    spaces = [g for g in range(a + 1, b) if tier[g].tier == Tier.SPACE]
    m = len(nodes)
    starts = [_starts(p, nodes, j, width_pt) for j in range(m)]
    first: list[_Cost | None] = [None] * m
    first[0] = _Cost()
    for j in range(1, m):
        for i in starts[j]:
            c = first[i]
            if c is None:
                continue
            line = _line_cost(p, nodes[i], nodes[j], 1.0, tier.get(nodes[j]), j == m - 1, spaces)
            cand = c + _Cost(line.inside, line.lone, line.hung, 1)
            if first[j] is None or cand < first[j]:
                first[j] = cand
    best_first = first[m - 1]
    if best_first is None:
        return None
    k = best_first.lines
    target = max(EPS, natural_width(p, a, b, True) / k)
    # cost[j][l]: (best cost, previous node) of l lines ending at nodes[j]
    cost: list[dict[int, tuple[_Cost, int]]] = [dict() for _ in range(m)]
    cost[0][0] = (_Cost(), -1)
    for j in range(1, m):
        for i in starts[j]:
            if not cost[i]:
                continue
            line = _line_cost(p, nodes[i], nodes[j], target, tier.get(nodes[j]), j == m - 1, spaces)
            for n_lines, (c, _) in cost[i].items():
                if n_lines + 1 > k:
                    continue
                cand = c + line
                if n_lines + 1 not in cost[j] or cand < cost[j][n_lines + 1][0]:
                    cost[j][n_lines + 1] = (cand, i)
    if k not in cost[m - 1]:
        return None
    path, j, n_lines = [], m - 1, k
    while j > 0:
        i = cost[j][n_lines][1]
        if i > 0:
            path.append(nodes[i])
        j, n_lines = i, n_lines - 1
    return path[::-1]


def _starts(p: Prepared, nodes: list[int], j: int, width_pt: float) -> list[int]:
    """Indices i < j of the nodes a line ending at nodes[j] may start at (it fits the measure)."""
    out = []
    for i in range(j - 1, -1, -1):
        if not _fits(p, nodes[i], nodes[j], width_pt):
            break  # widths only grow as the line starts earlier
        out.append(i)
    return out


def _candidates(p: Prepared, tier, a: int, b: int, width_pt: float) -> list[int]:
    """Gaps of [a, b) a line may end at: whole-phrase gaps, and inside a phrase wider than the measure."""
    whole = [g for g in range(a + 1, b) if tier[g].tier <= Tier.PHRASE]
    out: list[int] = []
    for lo, hi in zip([a, *whole], [*whole, b]):
        if not _fits(p, lo, hi, width_pt):
            out.extend(g for g in range(lo + 1, hi) if tier[g].tier == Tier.INSIDE)
        if hi < b:
            out.append(hi)
    return sorted(out)


def _fits(p: Prepared, a: int, b: int, width_pt: float) -> bool:
    return min_width(p, a, b, True) <= width_pt + EPS


def _line_cost(p: Prepared, a: int, b: int, target: float, end, last: bool, spaces: list[int]) -> _Cost:
    """Cost of the line [a, b) ending at gap `end` (None: the stretch's end).

    `spaces` are the gaps after the editor's spaces between Chinese phrases: each starts a part
    meant to begin a line, so a line that holds one of them and then ends inside that part is hung.
    """
    w = natural_width(p, a, b, True)
    shape = ((w - target) / target) ** 2
    inside = 0
    if end is not None and not last:
        if end.tier == Tier.PHRASE:
            shape += PHRASE_BREAK_COST + WEAK_PHRASE_COST * max(0.0, 1.0 - end.score / CONFIDENT_SCORE)
        elif end.tier == Tier.INSIDE:
            inside = 1
            shape += INSIDE_BREAK_COST
        elif end.tier == Tier.PUNCT:
            shape += PUNCT_BREAK_COST
    lone = 1 if p.p_content[b] - p.p_content[a] == 1.0 else 0
    hung = int(not last and (end is None or end.tier != Tier.SPACE) and any(a < s < b for s in spaces))
    return _Cost(inside, lone, hung, 1, shape)
