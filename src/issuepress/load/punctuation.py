"""Half-width punctuation typed among Chinese text: where it is, and its full-width form where that is certain.

Copy typed on a phone (or folded by NFKC) has `,` `:` `?` `"` between Han characters; printed as typed they
stand half-width and cramped in a line of full-width text. `analyse` finds every ASCII mark beside Han
and decides its full-width form (clreq §3.1: Chinese text takes full-width punctuation, also around
Latin words inside a Chinese sentence), leaving numbers (3.5, 1,000, 12:30), URLs, e-mail addresses,
file names, abbreviations and whatever the caller protects (code spans, link addresses) alone. Pure
functions on a string: the loader says where the string came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The marks looked at, and their full-width forms (GB/T 15834). Quotes are decided by pairs, below.
FULL = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
QUOTES = {'"': ("“", "”"), "'": ("‘", "’")}
# Traditional Chinese (Taiwan, Hong Kong) quotes with corner brackets: 「」 outside, 『』 inside a quotation,
# 「」 again inside that (clreq §3.1.2; Taiwan's 重訂標點符號手冊). Which one a pair takes goes by how deep it
# sits among the other quotes, typed or fixed, not by the ASCII mark the editor happened to type.
CORNER_QUOTES = (("「", "」"), ("『", "』"))
_TYPED_OPEN = frozenset("「『“‘﹁﹃")
_TYPED_CLOSE = frozenset("」』”’﹂﹄")
MARKS = frozenset(FULL) | frozenset(QUOTES)
# Marks that end or split a clause; a run of them (`吗?!`) is decided as one: each looks past the others.
CLAUSE = frozenset(",:;?!")
# Characters a neighbour is looked for past: word spaces (`医院, 今天`, a soft line break) and the
# Markdown emphasis markers around a word (`**医院**,`), which are not printed.
SEE_THROUGH = frozenset(" \t\n*_~")
# A closing mark after which `.` ends a sentence as after a Han character (`“好”.`).
CLOSERS = frozenset("”’）》」』】〉〕")
# Characters of a Latin word besides letters and digits (spring-boot, C++, C#, snake_case).
LATIN_WORD = frozenset("-+#_")
# Chinese numerals: `一.` at a line start numbers an item (一、), it does not end a sentence.
NUMERALS = frozenset("一二三四五六七八九十")
# What may stand before such a number on its line: indentation, emphasis, a heading's or quote's marker.
ITEM_LEAD = frozenset(" \t\u3000*_#>-")
# How many times the decisions are run again: a mark made full-width makes its neighbour's context
# Chinese (`说:"好"` decides `:` first, then the quotes beside it). Three passes settle every chain of
# bracket, quote and clause mark; the fourth finds nothing new.
PASSES = 4

# Addresses printed as typed: a URL (its host may hold Han, an IDN), a bare www. address, an e-mail address.
# A mark that ends one (`见https://a.cn/x,今天`) belongs to the sentence, so trailing marks are trimmed off.
_URL = re.compile(r"(?:https?|ftp)://[A-Za-z0-9\-._~%\u4e00-\u9fff]+(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]*)?"
                  r"|\bwww\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]*)?")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_TRAILING = ".,:;!?'\")"
# A reference entry after GB/T 7714 (`刘瑞剑. 低功率……[J]. 临床个性化医学, 2025, 4(1): 827-833.`) is
# written with ASCII marks and spaces on purpose: such a line is left as typed.
_CITATION = re.compile(r"^.*\[(?:J|M|C|D|N|R|S|P|Z|A|G|DB|CP|EB/OL|J/OL|M/OL|N/OL|DB/OL)\].*$", re.MULTILINE)
# Markdown the loader still has to read (the body): code spans, a link's address (`](url "title")`), the
# `!` of an image, tags and autolinks, character references (`&amp;`), backslash escapes, the `:` of a
# footnote or reference definition (`[^1]:`) and ordered-list markers (`1)` at a line start).
_MARKDOWN = re.compile(r"(?<!`)(`++)[^`\n]*?\1(?!`)|\]\([^()\]\n]*\)|!(?=\[)|<[^<>\n]+>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
                       r"|\\[!-/:-@\[-`{-~]|(?<=\]):|^[ \t]*[0-9]{1,9}[.)](?=[ \t]|$)", re.MULTILINE)


_MARK_RE = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")
_HAN_RE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff\u3007]")


def is_han(ch: str) -> bool:
    """A Han character: the CJK unified ideographs (A–H extensions too), compatibility ideographs, 〇."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3FFFF or cp == 0x3007)


def is_wide_mark(ch: str) -> bool:
    """CJK punctuation and full-width forms (U+3000–303F, U+FF00–FFEF): text around them is Chinese."""
    cp = ord(ch)
    return 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF


@dataclass(frozen=True)
class Mark:
    """An ASCII mark beside Han at `at`. `full` is its full-width form, or None when no form is certain
    (an unpaired quote, `...`): kept as typed and still reported. `spaces` are the word spaces beside
    it that go with it, since a full-width mark carries its own blank half."""

    at: int
    ch: str
    full: str | None
    spaces: tuple[int, ...] = ()


def _trimmed(m: re.Match[str]) -> tuple[int, int]:
    """A URL's span without the marks that end the sentence after it (and an unpaired `)`)."""
    s, e = m.span()
    text = m.group()
    while e > s and text[e - s - 1] in _TRAILING:
        if text[e - s - 1] == ")" and text.count("(") >= text.count(")"):
            break
        e -= 1
    return s, e


def protected_spans(text: str, markdown: bool = False) -> list[tuple[int, int]]:
    """Spans whose marks are left alone: addresses, reference entries and (in a Markdown body) syntax."""
    spans = [_trimmed(m) for m in _URL.finditer(text)]
    spans += [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _CITATION.finditer(text)]
    if markdown:
        spans += [m.span() for m in _MARKDOWN.finditer(text)]
    return spans


class _Text:
    """The text with the marks decided so far; what counts as Chinese context around a position.

    Neighbours are remembered and Han positions and runs of dots found once, so a run of thousands of
    marks costs no more than ordinary text."""

    def __init__(self, text: str, protected: Iterable[tuple[int, int]]) -> None:
        self.text = text
        guard = bytearray(len(text))
        for s, e in protected:
            guard[s:e] = b"\1" * (e - s)
        self.cands = [m.start() for m in _MARK_RE.finditer(text) if not guard[m.start()]]
        self.span_end = {e - 1: s for s, e in protected if e > s}  # last position of a protected span -> its start
        self.clause = {i for i in self.cands if text[i] in CLAUSE}
        self.full: dict[int, str] = {}
        self.hans = [m.start() for m in _HAN_RE.finditer(text)]
        self.dot_run = {k: m.span() for m in re.finditer(r"\.{2,}", text) for k in range(*m.span())}
        # each candidate's nearest position left and right past see-through characters ([0]) and past
        # clause marks too ([1]); a clause mark on the way lends its own answer, so a run is walked once
        n = len(text)
        self._left: tuple[dict[int, int], dict[int, int]] = ({}, {})
        self._right: tuple[dict[int, int], dict[int, int]] = ({}, {})
        for i in self.cands:
            j = i - 1
            while j >= 0 and text[j] in SEE_THROUGH:
                j -= 1
            self._left[0][i] = j
            self._left[1][i] = self._left[1][j] if j in self.clause else j
        for i in reversed(self.cands):
            j = i + 1
            while j < n and text[j] in SEE_THROUGH:
                j += 1
            self._right[0][i] = j
            self._right[1][i] = self._right[1][j] if j in self.clause else j

    def neighbour(self, i: int, step: int, past_clause: bool = True) -> int:
        """The nearest position from candidate i (step -1 or +1) that is not a space or emphasis marker,
        nor (past_clause) another clause mark of the text; -1 or len(text) at the text's ends."""
        return (self._left if step < 0 else self._right)[1 if past_clause else 0][i]

    def wide(self, j: int) -> bool:
        """Position j is Chinese: Han, a CJK mark, or a mark already made full-width."""
        if j < 0 or j >= len(self.text):
            return False
        ch = self.text[j]
        return is_han(ch) or is_wide_mark(ch) or j in self.full

    def neighbour(self, i: int, step: int, past_clause: bool = True) -> int:
        """The nearest position from i (step -1 or +1) that is not a space or emphasis marker, nor
        (past_clause) another clause mark of the text; -1 or len(text) at the text's ends."""
        return (self._left if step < 0 else self._right)[1 if past_clause else 0][i]

    def han_beside(self, i: int) -> bool:
        """A Han character (or CJK mark) next to position i, past spaces and other clause marks, or a
        clause mark already made full-width on the way (as a second fix would see it)."""
        return any(self.wide(self.neighbour(i, step, past)) for step in (-1, 1) for past in (True, False))

    def touching(self, i: int) -> bool:
        """A Han character or CJK mark right next to position i (no space between)."""
        return self.wide(i - 1) or self.wide(i + 1)

    def has_han(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.hans, start)
        return k < len(self.hans) and self.hans[k] < end


def _clause(t: _Text, i: int) -> str | None:
    """`, : ; ? !`: full-width beside Chinese, except between digits (1,000 12:30 1:2)."""
    s = t.text
    if s[i] in ",:;" and 0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit() \
            and s[i - 1].isascii() and s[i + 1].isascii():
        return None
    if t.han_beside(i):
        return FULL[s[i]]
    if s[i] in "?!" and _sentence_end_after_latin(t, i):
        return FULL[s[i]]
    return None


def _latin_in_chinese(t: _Text, j: int) -> bool:
    """Does a Latin word (or number, code span, link) end at j that stands in a Chinese sentence: one
    word with Chinese right before it, or one space between (`推送到influxdb`, `选用 bizid`, `使用`code``,
    `地址:[名字](url)`)? Not `a science`, `U.S`, `e.g`."""
    s = t.text
    if j in t.span_end:  # a code span or a link's address ends here: the whole of it is the word
        j = t.span_end[j]
        if s[j] == "]":  # [text](address): the link's text belongs to it
            j = s.rfind("[", s.rfind("\n", 0, j) + 1, j)
        j -= 1
    elif j >= 0 and s[j].isascii() and (s[j].isalnum() or s[j] in LATIN_WORD):
        while j >= 0 and s[j].isascii() and (s[j].isalnum() or s[j] in LATIN_WORD):
            j -= 1
    else:
        return False
    if j >= 0 and s[j] == " ":
        j -= 1
    return t.wide(j)


def _sentence_end_after_latin(t: _Text, i: int) -> bool:
    """A `. ? !` closing a Chinese sentence whose last word is Latin: after it (past spaces) the text's or
    line's end or Chinese (`才能pull.`, `选用 bizid?`, `relabel.添加`), never more Latin (`Dr. Smith`)."""
    s = t.text
    k = i + 1
    while k < len(s) and s[k] in "*_~":
        k += 1
    while k < len(s) and s[k] in " \t":
        k += 1
    if k < len(s) and not (s[k] == "\n" or t.wide(k)):
        return False  # more Latin follows (Dr. Smith), or a bracket, quote or number
    j = i - 1
    while j >= 0 and s[j] in "*_~":
        j -= 1
    return _latin_in_chinese(t, j)


def _dot_kind(t: _Text, i: int) -> str:
    """'stop' for a sentence end after Chinese (。), 'unsure' for a dot beside Han with no certain form
    (`...`, `一.` numbering an item), 'other' for everything else (3.5, a.jpg, e.g., U.S., 医院.cn)."""
    s = t.text
    if i in t.dot_run:
        run_start, run_end = t.dot_run[i]
        return "unsure" if t.touching(run_start) or t.touching(run_end) else "other"
    j = i - 1
    while j >= 0 and s[j] in "*_~":
        j -= 1
    if j < 0 or not (is_han(s[j]) or s[j] in CLOSERS or j in t.full):
        if _sentence_end_after_latin(t, i):
            return "stop"  # 推送到influxdb.
        return "other"
    k = i + 1
    while k < len(s) and s[k] in "*_~":
        k += 1
    if k < len(s) and s[k].isascii() and s[k].isalnum():
        return "other"  # a file name or an address: 照片.jpg, 云岭医院.cn
    if s[j] in NUMERALS:
        b = j - 1
        while b >= 0 and s[b] in ITEM_LEAD:
            b -= 1
        if b < 0 or s[b] == "\n":
            return "unsure"  # 一.概况 at a line start: an item's number; 一、 is meant
    return "stop"


def _pairs(t: _Text, ch: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched pairs and unmatched positions of the bracket or quote `ch` among the candidates."""
    pos = [i for i in t.cands if t.text[i] == ch or (ch == "(" and t.text[i] == ")")]
    pairs: list[tuple[int, int]] = []
    alone: list[int] = []
    if ch == "(":
        stack: list[int] = []
        for i in pos:
            if t.text[i] == "(":
                stack.append(i)
            elif stack:
                pairs.append((stack.pop(), i))
            else:
                alone.append(i)
        alone += stack
    elif ch == '"':  # open and close alternate within the text (a paragraph)
        pairs = list(zip(pos[0::2], pos[1::2]))
        alone = pos[len(pairs) * 2:]
    else:  # ' : as ", open and close alternate; an apostrophe (don't, 90's) is none of them
        s = t.text
        quotes = [i for i in pos if not (i > 0 and i + 1 < len(s) and _latin(s[i - 1]) and _latin(s[i + 1]))]
        for o, c in zip(quotes[0::2], quotes[1::2]):
            # a pair opens before its text and closes after it: ' 好' or '好 ' is no pair
            if o + 1 < c and not s[o + 1].isspace() and not s[c - 1].isspace():
                pairs.append((o, c))
            else:
                alone += [o, c]
        alone += quotes[len(quotes) // 2 * 2:]
    return pairs, alone


def _latin(ch: str) -> bool:
    """An ASCII letter or digit: an apostrophe stands between two (don't, 90's)."""
    return ch.isascii() and ch.isalnum()


def _pair_chinese(t: _Text, o: int, c: int) -> bool:
    """A bracket or quote pair is Chinese when it holds Han or touches Chinese outside (`术(HoLEP)是`); set
    off by spaces around Latin text (`字型 (PMingLiU-ExtB) 才能`) it belongs to that text and stays."""
    return t.has_han(o + 1, c) or t.wide(_outside(t.text, o, -1)) or t.wide(_outside(t.text, c, 1))


def _outside(s: str, i: int, step: int) -> int:
    """The position next to i past emphasis markers only (`**(HoLEP)**是`), not past spaces."""
    j = i + step
    while 0 <= j < len(s) and s[j] in "*_~":
        j += step
    return j


def _decide(t: _Text, traditional: bool = False) -> None:
    pairs = {ch: _pairs(t, ch) for ch in ("(", '"', "'")}
    for _ in range(PASSES):
        before = len(t.full)
        for i in t.cands:
            if i in t.full:
                continue
            ch = t.text[i]
            if ch in CLAUSE:
                form = _clause(t, i)
                if form:
                    t.full[i] = form
            elif ch == "." and _dot_kind(t, i) == "stop":
                t.full[i] = FULL["."]
        for ch, (matched, _alone) in pairs.items():
            for o, c in matched:
                if o not in t.full and _pair_chinese(t, o, c):
                    t.full[o], t.full[c] = (FULL["("], FULL[")"]) if ch == "(" else QUOTES[ch]
        if len(t.full) == before:
            break
    if traditional:
        _corner_quotes(t, [pair for ch in ('"', "'") for pair in pairs[ch][0] if pair[0] in t.full])


def _corner_quotes(t: _Text, fixed: list[tuple[int, int]]) -> None:
    """The quote pairs made full-width, as corner brackets by depth: 「」 at even depth, 『』 at odd, the
    depth being how many quotes (fixed or typed full-width) enclose the pair."""
    typed: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(t.text):
        if ch in _TYPED_OPEN:
            stack.append(i)
        elif ch in _TYPED_CLOSE and stack:
            typed.append((stack.pop(), i))
    spans = fixed + typed
    for o, c in fixed:
        depth = sum(1 for a, b in spans if a < o and c < b)
        t.full[o], t.full[c] = CORNER_QUOTES[depth % 2]


def _spaces(t: _Text, i: int) -> tuple[int, ...]:
    """Word spaces between a full-width mark and the text beside it on the same line; never the spaces
    at a line's start or end (Markdown reads indentation and a two-space line break there), nor those
    before a mark left half-width (the space is part of what decided it: `字型 (PMingLiU-ExtB)`)."""
    text = t.text
    out: list[int] = []
    for step in (-1, 1):
        j = i + step
        run = []
        while 0 <= j < len(text) and text[j] == " ":
            run.append(j)
            j += step
        k = j
        while 0 <= k < len(text) and text[k] in "*_~":
            k += step
        if run and 0 <= j < len(text) and text[j] != "\n" and not (0 <= k < len(text) and text[k] in MARKS
                                                                  and k not in t.full):
            out += run
    return tuple(sorted(out))


def analyse(text: str, protected: Sequence[tuple[int, int]] = (), traditional: bool = False) -> tuple[Mark, ...]:
    """Every ASCII mark beside Han in `text`, in order, with its full-width form where it is certain.

    Marks inside `protected` spans (see protected_spans) are never looked at. `traditional`: the text
    is Traditional Chinese, whose quotes are corner brackets (「」『』) instead of “” ‘’."""
    t = _Text(text, protected)
    if not t.cands:
        return ()
    _decide(t, traditional)
    out: list[Mark] = []
    taken: set[int] = set()
    for i in t.cands:
        ch = text[i]
        if i in t.full:
            spaces = tuple(j for j in _spaces(t, i) if j not in taken)
            taken.update(spaces)
            out.append(Mark(i, ch, t.full[i], spaces))
        elif ch == ".":
            if _dot_kind(t, i) == "unsure" and not (i > 0 and text[i - 1] == "."):  # a run once
                out.append(Mark(i, ch, None))
        elif ch in CLAUSE:
            continue  # between digits, or not beside Chinese
        elif t.touching(i):  # an unpaired bracket or quote, or a pair that is not Chinese, touching Han
            out.append(Mark(i, ch, None))
    return tuple(out)


def apply(text: str, marks: Iterable[Mark]) -> str:
    """`text` with each decided mark in its full-width form and the spaces that go with it removed."""
    repl: dict[int, str] = {}
    for m in marks:
        if m.full is not None:
            repl[m.at] = m.full
            for j in m.spaces:
                repl[j] = ""
    if not repl:
        return text
    return "".join(repl.get(i, ch) for i, ch in enumerate(text))


def fix(text: str, markdown: bool = False, traditional: bool = False) -> tuple[str, tuple[Mark, ...]]:
    """The text with its certain marks made full-width, and every mark found (decided or not);
    `traditional` quotes with 「」『』 (see analyse)."""
    marks = analyse(text, protected_spans(text, markdown), traditional)
    return apply(text, marks), marks


def context(text: str, at: int, width: int = 2) -> str:
    """A mark with `width` characters either side on its line, to show an editor where it is."""
    start = max(0, at - width)
    start = text.rfind("\n", start, at) + 1 or start
    end = min(len(text), at + width + 1)
    cut = text.find("\n", at, end)
    return text[start:cut if cut >= 0 else end]
