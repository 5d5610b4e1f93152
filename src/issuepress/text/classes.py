"""Character classes for Chinese line composition: what each character is for breaking and spacing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence


class Cls:
    """Line-breaking class of a character (after context is resolved); names follow clreq's terms.

    Plain int constants rather than an Enum: they are hashed and compared in the per-character
    hot loops, where Enum's Python-level __hash__ costs more than the rest of the work.
    """

    ID = 0  # Han, kana, hangul, full-width forms, CJK symbols: a break is allowed on both sides
    AL = 1  # letters of alphabetic scripts
    NU = 2  # European (ASCII) digits
    SP = 3  # breaking space: a break goes after it, it vanishes at a line end
    GL = 4  # no-break space: glues its neighbours
    BK = 5  # forced line break "\n"
    CM = 6  # combining mark, zero-width or control character: sticks to what precedes it
    OP = 7  # opening bracket, quote or book-title mark
    CL = 8  # closing bracket, quote or book-title mark
    COMMA = 9  # pause marks 、，：； (and ASCII , : ; inside Chinese text)
    STOP = 10  # stop marks 。．？！‼⁇ (and ASCII . ? ! inside Chinese text)
    CONNECTOR = 11  # ～ – and a single —
    MIDDLE = 12  # interpuncts · ・ ‧
    SOLIDUS = 13  # / ／ between Chinese text
    DASH = 14  # a run of em dashes —— (or ⸺): never split
    ELLIPSIS = 15  # … and ……: never split
    PREFIX = 16  # currency and number signs before a number: ¥100, #3
    POSTFIX = 17  # units after a number: 98.6%, 37.5℃
    QU = 18  # ambiguous ASCII quotes ' and ": no break on either side
    SMALL = 19  # small kana, iteration and prolonged sound marks (forbidden at line start when strict)
    WP = 20  # ASCII punctuation inside a word, URL or number (3.14, a/b, e-mail)


class Blank:
    """Where a full-width punctuation mark has its blank half (clreq: punctuation adjustment space)."""

    NONE = 0
    LEFT = 1  # opening marks: ink in the right half
    RIGHT = 2  # closing marks and pause/stop marks: ink in the left half
    BOTH = 3  # interpuncts: ink centred, a quarter em blank on each side


class Tier:
    """Order in which room is taken from a line that is too long.

    clreq "Procedures for Inter-Character Spacing Reduction"
    (#procedures_for_inter-character_spacing_reduction): Western word spaces, interpuncts,
    brackets, commas/secondary commas/semicolons, Han–Western spaces, then periods/?/!.
    """

    SPACE = 0
    MIDDLE = 1
    BRACKET = 2
    COMMA = 3
    HAN_LATIN = 4
    PERIOD = 5


SHRINK_TIERS = tuple(range(Tier.PERIOD + 1))

# Character tables. clreq's appendix table of Chinese punctuation marks
# names the marks; their widths follow clreq "Punctuation adjustment space"
# (#h-punctuation_adjustment_space) in the mainland GB/T 15834 position: pause and stop marks
# 、，。．：；！？ sit in the left half of their em ("居左偏下"), so they are compressible like closing
# marks. ！ and ？ are treated the same way (not as centred, uncompressible marks): GB/T 15834 puts
# them left too, and Noto Serif/Sans CJK SC draw them within the left half. clreq lets them be
# squeezed inside a line last of all (see Tier.PERIOD). Full-width (CJK) forms have blank halves;
# ASCII forms are proportional and never compressed.
CJK_OPENING = "（〔［｛〖【《〈“‘「『｟〘〚﹙﹛﹝"
CJK_CLOSING = "）〕］｝〗】》〉”’」』｠〙〛﹚﹜﹞"
# Corner brackets and double primes as Taiwan and Hong Kong quote with them: the vertical presentation
# forms ﹁﹂﹃﹄ (of 「」『』) and the double prime quotes 〝〞〟 open and close like brackets for line
# breaking (clreq's prohibition rules count every quotation mark), but their ink is not in one half of
# the em, so no blank is taken from them.
CJK_OPENING_SOLID = "﹁﹃〝"
CJK_CLOSING_SOLID = "﹂﹄〞〟"
ASCII_OPENING = "([{"
ASCII_CLOSING = ")]}"
CJK_COMMAS = "、，：；﹐﹑﹔﹕"
CJK_STOPS = "。．？！‼⁇⁈⁉﹒﹖﹗｡"
ASCII_COMMAS = ",:;"  # pauses when not inside a number or word
ASCII_STOPS = ".?!"
CONNECTORS = "～〜~–⁓"  # clreq 连接号 (an em dash alone is one too, see resolve())
INTERPUNCTS = "·・‧•･"
SOLIDI = "/／"
EM_DASHES = "—⸺⸻"  # clreq 破折号: two em long, unbreakable (#prohibition_rules_for_unbreakable_marks)
ELLIPSES = "…⋯‥"  # clreq 省略号: unbreakable (#prohibition_rules_for_unbreakable_marks)
PREFIXES = "¥￥$＄€£￡₩#＃№+＋±"
POSTFIXES = "%％‰‱℃℉°′″"
SMALL_KANA = ("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
              "々〻ゝゞヽヾー")
ASCII_QUOTES = "'\""
SPACES = " \t\u3000\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f"
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
# URL and path characters after which an over-long word may be split (spec: after / - . ? & = _).
SAFE_SPLIT_AFTER = "/-.?&=_"

# A punctuation mark counts as full width (and so has a blank half) when its advance is at least
# this share of its em: SC fonts give full-width marks 1 em, proportional Latin marks about 0.3–0.6 em.
FULL_WIDTH_MIN_EM = 0.75
# What is left of a full-width mark once its blank half is gone: clreq/GB/T 15834 §5.1.10, ½ em.
HALF_EM = 0.5


@dataclass(frozen=True)
class CharClass:
    """Static facts about one character, before its neighbours are looked at."""

    cls: int  # Cls
    blank: int = Blank.NONE
    tier: int = -1  # shrink tier of the mark's blank (-1: none)
    wordish: bool = False  # part of a Latin word, number or URL: no break inside a run of these
    han: bool = False  # gets a Han–Latin space next to a Latin letter or digit
    latin: bool = False  # Latin letter or digit: gets a Han–Latin space next to Han


def _is_han(cp: int) -> bool:
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3FFFF or 0x3040 <= cp <= 0x30FF or 0x3100 <= cp <= 0x312F
            or 0x31A0 <= cp <= 0x31BF or 0xAC00 <= cp <= 0xD7AF or cp == 0x3007)


@lru_cache(maxsize=8192)
def char_class(ch: str) -> CharClass:
    """The context-free class of `ch` (ASCII punctuation is resolved later by `resolve`)."""
    cp = ord(ch)
    if ch == "\n":
        return CharClass(Cls.BK)
    if ch in SPACES:
        return CharClass(Cls.SP, tier=Tier.SPACE)
    if ch in NO_BREAK_SPACES:
        return CharClass(Cls.GL, tier=Tier.SPACE)
    if ch in CJK_OPENING:
        return CharClass(Cls.OP, Blank.LEFT, Tier.BRACKET)
    if ch in CJK_CLOSING:
        return CharClass(Cls.CL, Blank.RIGHT, Tier.BRACKET)
    if ch in CJK_OPENING_SOLID:
        return CharClass(Cls.OP)
    if ch in CJK_CLOSING_SOLID:
        return CharClass(Cls.CL)
    if ch in ASCII_OPENING:
        return CharClass(Cls.OP, wordish=True)
    if ch in ASCII_CLOSING:
        return CharClass(Cls.CL, wordish=True)
    if ch in CJK_COMMAS:
        return CharClass(Cls.COMMA, Blank.RIGHT, Tier.COMMA)
    if ch in CJK_STOPS:
        return CharClass(Cls.STOP, Blank.RIGHT, Tier.PERIOD)
    if ch in ASCII_COMMAS:
        return CharClass(Cls.COMMA, wordish=True)
    if ch in ASCII_STOPS:
        return CharClass(Cls.STOP, wordish=True)
    if ch in ASCII_QUOTES:
        return CharClass(Cls.QU, wordish=True)
    if ch in CONNECTORS:
        return CharClass(Cls.CONNECTOR, wordish=ch == "~")
    if ch in INTERPUNCTS:
        return CharClass(Cls.MIDDLE, Blank.BOTH, Tier.MIDDLE)
    if ch in SOLIDI:
        return CharClass(Cls.SOLIDUS, wordish=ch == "/")
    if ch in EM_DASHES:
        return CharClass(Cls.DASH if ch != "—" else Cls.CONNECTOR)
    if ch in ELLIPSES:
        return CharClass(Cls.ELLIPSIS)
    if ch in PREFIXES:
        return CharClass(Cls.PREFIX, wordish=cp < 0x80)
    if ch in POSTFIXES:
        return CharClass(Cls.POSTFIX, wordish=cp < 0x80)
    if ch in SMALL_KANA:
        return CharClass(Cls.SMALL, han=True)
    if "0" <= ch <= "9":
        return CharClass(Cls.NU, wordish=True, latin=True)
    if _is_han(cp):
        return CharClass(Cls.ID, han=True)
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cc", "Cf", "Zl", "Zp") or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return CharClass(Cls.CM, wordish=True)
    if cat[0] in "LN" and unicodedata.east_asian_width(ch) not in ("W", "F"):
        return CharClass(Cls.AL, wordish=True, latin=cat[0] == "L")
    if cp < 0x80:  # remaining ASCII punctuation and symbols (- _ @ & = * ...)
        return CharClass(Cls.WP, wordish=True)
    return CharClass(Cls.ID)  # other wide letters and symbols behave like ideographs


_WORD_PUNCT = CharClass(Cls.WP, wordish=True)
_LONE_HYPHEN = CharClass(Cls.CONNECTOR)
# "/", "-" and "~" before a word but after Han text, a space or a mark ("每人/4元", "零下-4℃",
# " /usr"): part of the word that follows, yet still a solidus or connector that may not start
# a line (basic and strict levels); inside the word they split like word punctuation.
_LEADING_MARK = {"/": CharClass(Cls.SOLIDUS, wordish=True), "-": CharClass(Cls.CONNECTOR, wordish=True),
                 "~": CharClass(Cls.CONNECTOR, wordish=True)}
_DASH_HALF = CharClass(Cls.DASH)
# Pause and stop marks that are centred in the em (see centred()).
_CENTRED_MARKS = frozenset({Cls.COMMA, Cls.STOP})


@lru_cache(maxsize=64)
def centred(cc: CharClass) -> CharClass:
    """The class of a pause or stop mark its face draws centred (Taiwan / Hong Kong, CNS style): its
    blank is a quarter em on each side, so compression takes from both sides equally (clreq
    "Procedures for inter-character spacing reduction", steps 5 and 7) and a line end does not trim it
    (clreq: centred marks are not hung or set flush in horizontal Traditional text). Other classes
    are returned unchanged."""
    if cc.cls in _CENTRED_MARKS and cc.blank == Blank.RIGHT:
        return CharClass(cc.cls, Blank.BOTH, cc.tier, cc.wordish, cc.han, cc.latin)
    return cc


# Characters whose class depends on their neighbours (see resolve()).
_CONTEXTUAL = frozenset(",.:;!?/-~’—")


def resolve(text: Sequence[str]) -> list[CharClass]:
    """Classes of every character of a paragraph, with context applied.

    ASCII , . : ; ! ? are stops in Chinese text but part of the word between letters or digits
    (3.14, example.com, 12:30); "/" and "-" likewise (before a word only, they keep their line-start
    rule); ’ between letters is an apostrophe; an
    em dash next to another em dash is half of a —— (unbreakable, may start a line), alone it is
    a connector (may not start a line).
    """
    base = [char_class(ch) for ch in text]
    out = list(base)
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in _CONTEXTUAL:
            continue
        prev_word = i > 0 and base[i - 1].wordish and base[i - 1].cls != Cls.CM
        next_word = i + 1 < n and base[i + 1].wordish
        prev_alnum = i > 0 and base[i - 1].cls in (Cls.AL, Cls.NU)
        next_alnum = i + 1 < n and base[i + 1].cls in (Cls.AL, Cls.NU)
        if ch in ",.:;!?" and prev_alnum and next_alnum:
            out[i] = _WORD_PUNCT
        elif ch in "/-~" and prev_word:
            out[i] = _WORD_PUNCT
        elif ch in "/-~" and next_word:
            out[i] = _LEADING_MARK[ch]
        elif ch == "-":
            out[i] = _LONE_HYPHEN
        elif ch == "’" and prev_alnum and next_alnum:
            out[i] = _WORD_PUNCT
        elif ch == "—" and ((i > 0 and text[i - 1] == "—") or (i + 1 < n and text[i + 1] == "—")):
            out[i] = _DASH_HALF
    return out
