"""Line-breaking rules: where a line may break, per clreq level, and where only as a last resort."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import pyphen

from . import hyphen_cache
from .classes import SAFE_SPLIT_AFTER, CharClass, Cls

LEVELS = ("loose", "basic", "strict")

# clreq §"Prohibition rules for line start and line end" (#prohibition_rules_for_line_start_end).
# The core set holds at every level (GB/T 15834: pause/stop marks, closing quotes, brackets and
# book-title marks never start a line; opening ones never end it); curly quotes count as brackets.
_CORE_NO_START = frozenset({Cls.CL, Cls.COMMA, Cls.STOP})
_CORE_NO_END = frozenset({Cls.OP})
# Basic level adds connectors (～ – and a single —), interpuncts and solidi at line start.
_BASIC_NO_START = _CORE_NO_START | {Cls.CONNECTOR, Cls.MIDDLE, Cls.SOLIDUS}
# Strict level also keeps small kana, iteration / prolonged-sound marks and unit signs off the
# line start, and currency / number signs off the line end.
_STRICT_NO_START = _BASIC_NO_START | {Cls.SMALL, Cls.POSTFIX}
_STRICT_NO_END = _CORE_NO_END | {Cls.PREFIX}

NO_START: dict[str, frozenset[int]] = {
    "loose": _CORE_NO_START, "basic": _BASIC_NO_START, "strict": _STRICT_NO_START}
NO_END: dict[str, frozenset[int]] = {
    "loose": _CORE_NO_END, "basic": _CORE_NO_END, "strict": _STRICT_NO_END}

# clreq §"Prohibition rules for unbreakable marks" (#prohibition_rules_for_unbreakable_marks):
# —— and …… are never split; a number stays with its unit or sign (2026年, 37.5℃, ¥100).
_UNBREAKABLE_RUNS = frozenset({Cls.DASH, Cls.ELLIPSIS})
_NUMBER_SUFFIX = frozenset({Cls.ID, Cls.POSTFIX, Cls.SMALL})


class Brk:
    """What a gap between two characters allows."""

    ALLOW = 0  # a normal break opportunity
    KINSOKU = 1  # forbidden by a line start/end or unbreakable-mark rule (last resort only)
    WORD_SAFE = 2  # inside a word/URL, after / - . ? & = _ (last resort, preferred split)
    WORD = 3  # inside a word or number (last resort)
    NEVER = 4  # before a space, a combining mark or "\n": never a break
    URL = 5  # a safe split point of a URL, or after the hyphen of a hyphenated word: penalised
    HYPHEN = 6  # a hyphenation point of a long Latin word: the line ends with an added hyphen


# Kinds the breaker always considers (the others only inside a unit wider than the measure).
NORMAL_BREAKS = frozenset({Brk.ALLOW, Brk.URL, Brk.HYPHEN})

# A URL or e-mail address: a scheme, www., or an @ between word characters (stops at CJK text).
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+\.[\x21-\x7e]+",
                  re.ASCII)
# URL split points: after / - . ? & = _ (a mark at a line end shows the address goes on); before
# # % ~ & = _ too (Chicago Manual of Style 14.18), but never before . or ? or a slash, which
# clreq's line-start rule keeps off a line start (ASCII stops) or which would cut "//".
_URL_AFTER = frozenset(SAFE_SPLIT_AFTER)
_URL_BEFORE = frozenset("#%~&=_")
# Latin words at least this long may be hyphenated (shorter ones never force a loose line).
HYPHEN_MIN_WORD = 7
# Letters kept before and after a hyphenation point (TeX's lefthyphenmin / righthyphenmin for English).
HYPHEN_LEFT, HYPHEN_RIGHT = 2, 3
# A plain word, not part of a file name, path, address or identifier (example.com, a_b, x/y).
# Lower case or capitalised only: an all-capitals or mixed-case word is an abbreviation or a name.
_WORD = re.compile(r"(?<![A-Za-z0-9./@_-])[A-Z]?[a-z]{%d,}(?![A-Za-z0-9/@_-]|\.[A-Za-z0-9])" % (HYPHEN_MIN_WORD - 1))
# After an ASCII comma or semicolon that an editor left without its space before a letter
# (g/L,P=0.000): a clause boundary, not a decimal or thousands separator (1,000 stays whole).
_TIGHT_COMMA = re.compile(r"(?<=[A-Za-z0-9)\]][,;])(?=[A-Za-z(\[])")
# After the hyphen of a hyphenated Latin word (Endo-PLIF, COVID-19), not of a date, range or code.
_HYPHENATED = re.compile(r"(?<=[A-Za-z]{2}-)(?=[A-Za-z0-9]{2})")


def check_level(level: str) -> str:
    if level not in NO_START:
        raise ValueError(f"unknown line-breaking level {level!r} (expected one of {', '.join(LEVELS)})")
    return level


def gap_kinds(text: Sequence[str], classes: Sequence[CharClass], level: str) -> list[int]:
    """Kind of every gap: entry g is the gap before character g (entry 0 is unused, NEVER)."""
    no_start = NO_START[check_level(level)]
    no_end = NO_END[level]
    n = len(classes)
    kinds = [Brk.NEVER] * n
    memo: dict[tuple[int, bool, int, bool, bool], int] = {}
    base = -1  # index of the last character that is not a combining mark
    for g in range(1, n):
        if classes[g - 1].cls != Cls.CM:
            base = g - 1
        if base < 0:
            continue
        left, right = classes[base], classes[g]
        key = (left.cls, left.wordish, right.cls, right.wordish, text[base] in SAFE_SPLIT_AFTER)
        kind = memo.get(key)
        if kind is None:
            kind = memo[key] = _kind(text[base], left, right, no_start, no_end)
        kinds[g] = kind
    if n > 1:
        _word_breaks("".join(text), kinds)
        _no_end_before_spaces(classes, kinds, no_end)
    return kinds


def _no_end_before_spaces(classes: Sequence[CharClass], kinds: list[int], no_end: frozenset[int]) -> None:
    """A break after spaces that follow an opening mark ("( 我", "“ 对") would leave the mark at the
    line end, since the spaces vanish there: such a break is as forbidden as one right after it."""
    n = len(classes)
    for g in range(1, n):
        if kinds[g] != Brk.ALLOW or classes[g - 1].cls != Cls.SP:
            continue
        k = g - 1
        while k >= 0 and classes[k].cls in (Cls.SP, Cls.CM):
            k -= 1
        if k >= 0 and classes[k].cls in no_end:
            kinds[g] = Brk.KINSOKU


def _word_breaks(s: str, kinds: list[int]) -> None:
    """Mark the points where a URL or a long Latin word may be split (a penalised, normal break).

    Only gaps inside a word (WORD / WORD_SAFE) are changed: a break next to a line start/end mark
    stays forbidden. Decimal points and dates are never split (they are not URLs or words).
    """
    inside = (Brk.WORD, Brk.WORD_SAFE)
    urls = [m.span() for m in _URL.finditer(s)]
    for a, b in urls:
        for g in range(a + 2, b - 1):  # at least two characters on either side
            if kinds[g] in inside and s[g] not in "/.?" and (s[g - 1] in _URL_AFTER or s[g] in _URL_BEFORE):
                kinds[g] = Brk.URL
    if "," in s or ";" in s:
        for m in _TIGHT_COMMA.finditer(s):
            g = m.start()
            if kinds[g] in inside:
                kinds[g] = Brk.URL
    if "-" in s:
        for m in _HYPHENATED.finditer(s):
            g = m.start()
            if kinds[g] in inside:
                kinds[g] = Brk.URL
    for m in _WORD.finditer(s):
        a = m.start()
        if any(u0 <= a < u1 for u0, u1 in urls):
            continue
        for pos in hyphenation_points(m.group()):
            if kinds[a + pos] == Brk.WORD:
                kinds[a + pos] = Brk.HYPHEN


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return hyphen_cache.load("en_US", HYPHEN_LEFT, HYPHEN_RIGHT)


@lru_cache(maxsize=4096)
def hyphenation_points(word: str) -> tuple[int, ...]:
    """Where an English word may be hyphenated (offsets of the gaps), from the LibreOffice patterns."""
    return tuple(_hyphenator().positions(word))


def _kind(lch: str, left: CharClass, right: CharClass, no_start: frozenset[int],
          no_end: frozenset[int]) -> int:
    lc, rc = left.cls, right.cls
    if rc in (Cls.SP, Cls.CM, Cls.BK, Cls.GL) or lc == Cls.GL:
        return Brk.NEVER
    if rc in no_start or lc in no_end:
        return Brk.KINSOKU
    if lc == Cls.SP:
        return Brk.ALLOW
    if left.wordish and right.wordish:
        return Brk.WORD_SAFE if lch in SAFE_SPLIT_AFTER else Brk.WORD
    if lc == rc and lc in _UNBREAKABLE_RUNS:
        return Brk.KINSOKU
    if lc == Cls.NU and rc in _NUMBER_SUFFIX:
        return Brk.KINSOKU
    if lc == Cls.PREFIX and rc == Cls.NU:
        return Brk.KINSOKU
    if lc == Cls.QU or rc == Cls.QU:
        return Brk.KINSOKU
    return Brk.ALLOW


def may_start_line(cc: CharClass, level: str) -> bool:
    """Whether a character of this class may begin a line at `level` (for checks and tests)."""
    return cc.cls not in NO_START[check_level(level)]


def may_end_line(cc: CharClass, level: str) -> bool:
    """Whether a character of this class may end a line at `level` (for checks and tests)."""
    return cc.cls not in NO_END[check_level(level)]
