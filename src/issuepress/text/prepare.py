"""Per-character widths, blank halves, Han–Latin spaces and prefix sums for one paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from typing import Sequence

from .classes import FULL_WIDTH_MIN_EM, HALF_EM, SHRINK_TIERS, Blank, CharClass, Cls, Tier, centred, resolve
from .rules import Brk, gap_kinds
from .types import ParagraphSettings, StyledChar

# clreq "Procedures for Inter-Character Space Expansion": word spaces and Han–Western spaces
# grow to at most ½ em before the remaining room is spread between all characters.
MAX_SPACE_EM = 0.5
# Western word spaces give up at most a third of their width (TeX's interword shrink) so
# mixed Latin text never looks run together.
SPACE_SHRINK_SHARE = 1 / 3
# Gaps where even inter-character expansion is avoided (clreq: not inside —— ……, not next to
# connectors and solidi); used only when a line has no other place to put its spare room.
_NO_SPREAD = frozenset({Cls.CONNECTOR, Cls.SOLIDUS, Cls.DASH, Cls.ELLIPSIS})
# Advance of the hyphen added at a hyphenation break when the paragraph has no "-" of its own in that
# face to measure: the widest of the default faces' hyphens (Noto Serif/Sans CJK SC Bold 0.37 em,
# Regular 0.346, LXGW WenKai 0.35), so a hyphenated line never passes the measure.
HYPHEN_EM = 0.37
# Pause and stop marks, which are centred in Traditional text (classes.centred).
_CENTRED = frozenset({Cls.COMMA, Cls.STOP})
# Characters counted when looking for a lone last character (孤字): not punctuation or space.
_CONTENT = frozenset({Cls.ID, Cls.AL, Cls.NU, Cls.SMALL})


def _prefix(values: Sequence[float]) -> list[float]:
    """p[i] = sum(values[:i])."""
    return [0.0, *accumulate(values)]


@dataclass
class Prepared:
    """Everything the breaker and the placer need, indexed by character (k) or gap (g: before k=g)."""

    chars: Sequence[StyledChar]
    text: list[str]
    classes: list[CharClass]
    kinds: list[int]  # rules.Brk per gap
    adv: list[float]  # natural advance (missing glyph: 1 em, control character: 0)
    em: list[float]
    sq_l: list[float]  # left blank taken by the adjacent-mark squeeze
    sq_r: list[float]  # right blank taken by the adjacent-mark squeeze
    cap: list[float]  # blank left to squeeze inside a line, in tier `tier[k]`
    tier: list[int]
    start_trim: list[float]  # blank half an opening mark loses at a line start
    end_trim: list[float]  # blank half a closing / pause / stop mark loses at a line end
    ws_grow: list[float]  # room a word space has to grow to ½ em
    glue: list[float]  # Han–Latin space in gap g
    glue_shrink: list[float]
    glue_grow: list[float]
    spread: list[int]  # 1: gap g takes inter-character expansion
    trail: list[int]  # for a break before k=b: first index of the whitespace run ending at b-1
    hyphen: dict[int, float]  # gap g -> advance of the hyphen added when the line breaks there
    # prefix sums (length n + 1)
    p_w: list[float]
    p_cap: list[list[float]]
    p_cap_all: list[float]
    p_glue: list[float]
    p_gshrink: list[float]
    p_pair: list[float]
    p_ws_grow: list[float]
    p_ggrow: list[float]
    p_spread: list[int]
    p_content: list[float]

    @property
    def n(self) -> int:
        return len(self.text)


def prepare(chars: Sequence[StyledChar], settings: ParagraphSettings) -> Prepared:
    """Measure and classify every character and gap of a paragraph once, for all candidate lines."""
    text = [c.ch for c in chars]
    classes = resolve(text)
    for k, c in enumerate(chars):
        if c.centred:
            classes[k] = centred(classes[k])
    kinds = gap_kinds(text, classes, settings.level)
    n = len(text)
    em = [c.size_pt for c in chars]
    adv = [0.0] * n
    blank_l = [0.0] * n
    blank_r = [0.0] * n
    tier = [-1] * n
    cap = [0.0] * n
    ws_grow = [0.0] * n
    content = [0.0] * n
    for k, (c, cc) in enumerate(zip(chars, classes)):
        cls = cc.cls
        if c.missing:
            adv[k] = c.size_pt  # a missing glyph is set as a 1 em box
        elif cls != Cls.CM and cls != Cls.BK:  # zero-width and control characters take no room
            adv[k] = c.advance_pt if c.advance_pt > 0 else 0.0
        if cls in _CONTENT:
            content[k] = 1.0
        elif cls == Cls.SP or cls == Cls.GL:
            tier[k] = Tier.SPACE
            cap[k] = adv[k] * SPACE_SHRINK_SHARE
            ws_grow[k] = max(0.0, MAX_SPACE_EM * em[k] - adv[k])
        elif cc.blank and not c.missing and adv[k] >= FULL_WIDTH_MIN_EM * em[k]:
            room = adv[k] - HALF_EM * em[k]
            tier[k] = cc.tier
            if cc.blank == Blank.LEFT:
                blank_l[k] = room
            elif cc.blank == Blank.RIGHT:
                blank_r[k] = room
            else:
                blank_l[k] = blank_r[k] = room / 2

    # clreq "Adjustment of adjacent punctuation marks" (#h-adjustment_of_adjacent_punctuation_marks),
    # mainland GB style: two adjacent full-width marks take 1.5 em together. A centred mark (Taiwan /
    # Hong Kong) keeps its em: a bracket beside it gives its blank instead (」，and ，「 take 1.5 em), and
    # two centred marks (？！) stay 2 em, as those styles set them.
    sq_l = [0.0] * n
    sq_r = [0.0] * n
    pair = [0.0] * n
    start_trim = [0.0] * n
    end_trim = [0.0] * n
    for k in range(n):
        if tier[k] < Tier.MIDDLE:
            continue  # neither a mark with a blank half nor next to one on its right
        if k + 1 < n and tier[k + 1] > Tier.SPACE:
            left, right = classes[k].blank, classes[k + 1].blank
            next_centred = right == Blank.BOTH and classes[k + 1].cls in _CENTRED
            if blank_r[k] > 0 and left == Blank.RIGHT and (right in (Blank.RIGHT, Blank.LEFT) or next_centred):
                sq_r[k] = pair[k + 1] = blank_r[k]  # closing+closing: first loses; closing+opening
            elif left == Blank.LEFT and right == Blank.LEFT and blank_l[k + 1] > 0:
                sq_l[k + 1] = pair[k + 1] = blank_l[k + 1]  # opening+opening: the second loses
            elif (left == Blank.BOTH and classes[k].cls in _CENTRED and right == Blank.LEFT
                  and blank_l[k + 1] > 0):
                sq_l[k + 1] = pair[k + 1] = blank_l[k + 1]  # centred mark+opening: the opening loses
        blank = classes[k].blank
        if blank == Blank.LEFT:
            start_trim[k] = blank_l[k]
        elif blank == Blank.RIGHT:
            end_trim[k] = blank_r[k]
    for k in range(n):
        if tier[k] > Tier.SPACE:
            cap[k] = blank_l[k] - sq_l[k] + blank_r[k] - sq_r[k]

    glue = [0.0] * n
    glue_shrink = [0.0] * n
    glue_grow = [0.0] * n
    spread = [0] * n
    # clreq "Mixed text composition in horizontal writing mode": a Han character next to a Western
    # letter or digit gets ¼ em (settings), squeezable to ⅛ em and growable to ½ em; none next to
    # punctuation, and none at a line edge (the gap glue belongs to the gap, not to a glyph).
    hl, hl_min = settings.han_latin_space_em, settings.han_latin_space_min_em
    memo: dict[tuple[int, bool, int, bool], bool] = {}
    for g in range(1, n):
        lc, rc = classes[g - 1], classes[g]
        if hl > 0 and ((lc.han and rc.latin) or (lc.latin and rc.han)):
            size = em[g - 1] if lc.han else em[g]
            glue[g] = hl * size
            glue_shrink[g] = max(0.0, (hl - hl_min) * size)
            glue_grow[g] = max(0.0, (MAX_SPACE_EM - hl) * size)
        key = (lc.cls, lc.wordish, rc.cls, rc.wordish)
        sp = memo.get(key)
        if sp is None:
            sp = memo[key] = _spreads(lc, rc)
        spread[g] = 1 if sp else 0

    trail = list(range(n + 1))
    for b in range(1, n + 1):
        if classes[b - 1].cls in (Cls.SP, Cls.BK):
            trail[b] = trail[b - 1]
    hyphen = _hyphens(chars, kinds, adv) if Brk.HYPHEN in kinds else {}
    zero = [0.0] * (n + 1)
    p_cap = [_prefix([cap[k] if tier[k] == t else 0.0 for k in range(n)]) if t in tier else zero
             for t in SHRINK_TIERS]
    w = [adv[k] - sq_l[k] - sq_r[k] for k in range(n)]
    return Prepared(
        chars=chars, text=text, classes=classes, kinds=kinds, adv=adv, em=em, sq_l=sq_l, sq_r=sq_r,
        cap=cap, tier=tier, start_trim=start_trim, end_trim=end_trim, ws_grow=ws_grow, glue=glue,
        glue_shrink=glue_shrink, glue_grow=glue_grow, spread=spread, trail=trail,
        hyphen=hyphen,
        p_w=_prefix(w), p_cap=p_cap, p_cap_all=_prefix(cap), p_glue=_prefix(glue),
        p_gshrink=_prefix(glue_shrink), p_pair=_prefix(pair), p_ws_grow=_prefix(ws_grow),
        p_ggrow=_prefix(glue_grow), p_spread=[0, *accumulate(spread)], p_content=_prefix(content))


def _hyphens(chars: Sequence[StyledChar], kinds: list[int], adv: list[float]) -> dict[int, float]:
    """The hyphen's advance at each hyphenation point: the paragraph's own "-" in the face of the
    letter before it (scaled to its size), else HYPHEN_EM."""
    own = {c.face: adv[k] / c.size_pt for k, c in enumerate(chars) if c.ch == "-" and c.size_pt > 0}
    return {g: own.get(chars[g - 1].face, HYPHEN_EM) * chars[g - 1].size_pt
            for g, kind in enumerate(kinds) if kind == Brk.HYPHEN}


def _spreads(left: CharClass, right: CharClass) -> bool:
    """Whether inter-character expansion may widen the gap between these two characters.

    Not between letters of a word (only at its spaces and Han–Latin boundaries), not before a
    space (the space itself grows), not after an opening or before a closing / pause mark (they
    belong to their text), and not inside —— …… or next to connectors and solidi (clreq).
    """
    lc, rc = left.cls, right.cls
    if rc in (Cls.SP, Cls.GL, Cls.CM, Cls.BK):
        return False
    if lc in (Cls.SP, Cls.GL):
        return True
    if left.wordish and right.wordish:
        return False
    if lc == Cls.OP or rc in (Cls.CL, Cls.COMMA, Cls.STOP):
        return False
    return lc not in _NO_SPREAD and rc not in _NO_SPREAD
