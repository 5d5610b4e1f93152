"""Where a headline may break: the editor's line break, punctuation and spaces, then BudouX phrases.

Body text may break between any two Han characters; a headline may not: a reader pauses at the
end of a headline line, so it must end where a phrase ends (湖南师大 / 附中, never 湖南师 / 大).
BudouX (Google's phrase segmenter for line breaking in CJK headings) gives the phrase boundaries;
its Simplified and Traditional Chinese models ship inside the package. Two things it does not know
are kept whole as well: a number with its measure word (數十人, 7.2萬個, 第三屆), and a name the
article's own text repeats (元盛樓 in a story that names the block four times).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ..fonts.langs import is_traditional
from .classes import CharClass, Cls, resolve
from .rules import Brk, gap_kinds


class Tier:
    """How good a place to end a headline line a gap is (lower is better)."""

    FORCED = 0  # the editor's "\n": always a break
    SPACE = 1  # a space the editor put between two Chinese phrases (柔肩担道义 温情铸医魂)
    PUNCT = 2  # after a punctuation mark, before an opening mark, or at a word space
    PHRASE = 3  # a BudouX phrase boundary
    INSIDE = 4  # inside a phrase: only when the phrase is wider than the measure
    NEVER = 5  # inside a Latin word or number, or against a line start/end rule


@dataclass(frozen=True)
class Gap:
    """The gap before character `index` of a headline: its tier and BudouX's score for it."""

    index: int
    tier: int
    score: float  # BudouX's boundary score (> 0: a phrase boundary); 0 where BudouX was not asked


# Language tags whose text is Simplified Chinese (BCP 47 script or region); which are Traditional the
# fonts' variants say (fonts.langs.is_traditional: zh-Hant, zh-TW, zh-HK, zh-MO, yue …).
SIMPLIFIED_TAGS = ("zh-hans", "zh-cn", "zh-sg", "zh-my")
# Marks after which a headline line may end (a pause the punctuation itself makes). Not connectors
# or solidi: they join what is on either side (2024—2025, 医/护).
_AFTER_MARK = frozenset({Cls.CL, Cls.COMMA, Cls.STOP, Cls.DASH, Cls.ELLIPSIS, Cls.MIDDLE})
# BudouX's models learnt Chinese punctuation in its full-width forms; editors often type ASCII
# marks in headlines (病痛多年,加重三周), so the text is scored with the full-width forms.
_FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
# budoux's loader for each model name.
_LOADERS = {"zh-hans": "load_default_simplified_chinese_parser",
            "zh-hant": "load_default_traditional_chinese_parser",
            "ja": "load_default_japanese_parser"}


@lru_cache(maxsize=4096)
def model_for(text: str, lang: str | None = None) -> str:
    """The BudouX model for a text: by its language tag when known, else by its script.

    Without a tag, a text with more Traditional-only characters (in Big5 but not in GB 2312) than
    Simplified-only ones (in GB 2312 but not in Big5) is Traditional: the two national character
    sets are the standard lists of each script, so no table of our own is needed.
    """
    if lang:
        if is_traditional(lang):
            return "zh-hant"
        tag = lang.strip().lower().replace("_", "-")
        if tag.startswith(SIMPLIFIED_TAGS) or tag == "zh":
            return "zh-hans" if tag != "zh" else _by_script(text)
        if tag.startswith("ja"):
            return "ja"
    return _by_script(text)


def _by_script(text: str) -> str:
    trad = simp = 0
    for ch in text:
        if ord(ch) < 0x3400:
            continue
        in_gb, in_big5 = _encodes(ch, "gb2312"), _encodes(ch, "big5")
        trad += in_big5 and not in_gb
        simp += in_gb and not in_big5
    return "zh-hant" if trad > simp else "zh-hans"


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=None)
def parser(model: str):
    """One BudouX parser per model for the whole run (imported on first use: the CLI starts faster)."""
    import budoux

    return getattr(budoux, _LOADERS[model])()


# BudouX's features around the gap before character i: the characters text[i + lo:i + hi] (unigrams
# UW1-6, bigrams BW1-3, trigrams TW1-4), as budoux.Parser.parse reads them.
_FEATURES = (("UW1", -3, -2), ("UW2", -2, -1), ("UW3", -1, 0), ("UW4", 0, 1), ("UW5", 1, 2), ("UW6", 2, 3),
             ("BW1", -2, 0), ("BW2", -1, 1), ("BW3", 0, 2),
             ("TW1", -3, 0), ("TW2", -2, 1), ("TW3", -1, 2), ("TW4", 0, 3))


@lru_cache(maxsize=4096)
def phrase_scores(text: str, model: str) -> tuple[float, ...]:
    """BudouX's score for the gap before each character (entry 0 unused): > 0 is a phrase boundary.

    The sum of the model's feature weights around the gap, exactly as budoux.Parser.parse adds them
    (its documented model format); kept as a number so a confident boundary can be preferred.
    """
    m = parser(model).model
    base = -sum(sum(g.values()) for g in m.values()) * 0.5
    n = len(text)
    out = [0.0] * n
    feats = [(m.get(name, {}), lo, hi) for name, lo, hi in _FEATURES]
    for i in range(1, n):
        s = base
        for table, lo, hi in feats:
            if i + lo >= 0 and i + hi <= n:
                s += table.get(text[i + lo:i + hi], 0)
        out[i] = s
    return tuple(out)


def phrases(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The text cut at its BudouX phrase boundaries (what budoux.Parser.parse returns)."""
    return tuple(parser(model_for(text, lang)).parse(text))


# Han numerals, and the characters that count only beside one (數十 幾百 十多 百餘 第三).
NUMERALS = frozenset("〇零一二三四五六七八九十百千萬万億亿兩两廿卅")
_NEAR_NUMERAL = frozenset("數数幾几多餘余")
_ORDINAL = frozenset("第")
# Measure words (量詞) and units that a number binds to, in both scripts.
MEASURE_WORDS = frozenset(
    "個个位名人口戶户家間间座棟栋幢層层樓楼部台臺輛辆架艘列班趟次回遍場场屆届期年歲岁月日號号天週周"
    "時时點点分秒元圓圆塊块角毛倍成宗起件項项條条張张本冊册頁页篇首句行段章節节份套對对雙双副批組组"
    "隊队支枝隻只頭头匹尾棵株朵顆颗粒片滴杯瓶碗盤盘盒包袋箱桶罐斤公克米里尺寸畝亩噸吨升度萬万億亿千百十％%")
# A name the article repeats: the two characters on each side of a gap, each seen at least this often
# in the article's text and always beside the same character as in the headline.
TERM_SIDE = 2
TERM_MIN_SEEN = 2


def _is_digit(ch: str) -> bool:
    return ch.isdigit() and ord(ch) < 0x3000 or "０" <= ch <= "９"


def number_gaps(text: str) -> frozenset[int]:
    """Gaps inside a number or between a number and its measure word (數|十|人, 7|萬, 第|三): never phrase breaks.

    A number is a run of Han numerals or digits (a decimal point or thousands comma between digits
    included); 數 幾 多 餘 join it only next to a numeral, 第 only before one. The measure word right
    after the run belongs to it.
    """
    n = len(text)
    num = [ch in NUMERALS or _is_digit(ch) for ch in text]
    for i, ch in enumerate(text):  # 3.5 1,000: the mark between two digits is part of the number
        if ch in ".,，．" and 0 < i < n - 1 and _is_digit(text[i - 1]) and _is_digit(text[i + 1]):
            num[i] = True
    core = list(num)
    for i, ch in enumerate(text):
        left = i > 0 and core[i - 1]
        right = i + 1 < n and core[i + 1]
        if ch in _NEAR_NUMERAL and (left or right) or ch in _ORDINAL and right:
            num[i] = True
    out = set()
    for g in range(1, n):
        if num[g - 1] and (num[g] or text[g] in MEASURE_WORDS):
            out.add(g)
    return frozenset(out)


def term_gaps(text: str, context: str) -> frozenset[int]:
    """Gaps inside a name the article's text repeats: never phrase breaks.

    BudouX knows words, not the names of a story (元州邨元盛樓: it cuts 元|盛樓). A gap is inside a
    name when the TERM_SIDE characters on its right are seen in `context` at least TERM_MIN_SEEN times,
    always after the character the headline has before the gap, and the characters on its left
    likewise always before the one after it: the name never varies there, so it is one word.
    """
    out: set[int] = set()
    if not context:
        return frozenset()
    k = TERM_SIDE
    for g in range(k, len(text) - k + 1):
        left, right = text[g - k:g], text[g:g + k]
        if not (_all_han(left) and _all_han(right)):
            continue
        if _always(context, right, text[g - 1], before=True) and _always(context, left, text[g], before=False):
            out.add(g)
    return frozenset(out)


def _all_han(s: str) -> bool:
    return all(ord(ch) >= 0x3400 and ch.isalpha() for ch in s)


def _always(context: str, piece: str, neighbour: str, before: bool) -> bool:
    """`piece` is seen TERM_MIN_SEEN times or more in `context`, every time with `neighbour` before (or after) it."""
    seen, at = 0, context.find(piece)
    while at >= 0:
        k = at - 1 if before else at + len(piece)
        if not 0 <= k < len(context) or context[k] != neighbour:
            return False
        seen += 1
        at = context.find(piece, at + 1)
    return seen >= TERM_MIN_SEEN


@lru_cache(maxsize=4096)
def _gaps(text: str, model: str, level: str, context: str = "") -> tuple[Gap, ...]:
    chars = list(text)
    classes = resolve(chars)
    kinds = gap_kinds(chars, classes, level)
    n = len(chars)
    scores = [0.0] * n
    start = 0
    for line in text.split("\n"):  # each line of the editor's is a phrase sequence of its own
        for i, s in enumerate(phrase_scores(line.translate(_FULL_WIDTH), model)):
            scores[start + i] = s if i else 0.0
        start += len(line) + 1
    bound = number_gaps(text) | term_gaps(text, context)
    out = []
    for g in range(1, n):
        tier = _tier(g, classes, kinds, scores)
        if tier == Tier.PHRASE and g in bound:
            tier = Tier.INSIDE
        out.append(Gap(g, tier, scores[g]))
    return tuple(out)


def _tier(g: int, classes: Sequence[CharClass], kinds: Sequence[int], scores: Sequence[float]) -> int:
    if classes[g - 1].cls == Cls.BK:
        return Tier.FORCED
    if kinds[g] != Brk.ALLOW:
        return Tier.NEVER
    left = classes[g - 1]
    if left.cls == Cls.SP:
        k = g - 1
        while k > 0 and classes[k - 1].cls == Cls.SP:
            k -= 1
        before = classes[k - 1] if k > 0 else None
        # A space between two Chinese phrases is the editor's; one beside a Latin word is a word space.
        if before is not None and not before.wordish and not classes[g].wordish:
            return Tier.SPACE
        return Tier.PUNCT
    if left.cls in _AFTER_MARK or classes[g].cls == Cls.OP:
        return Tier.PUNCT
    if scores[g] > 0:
        return Tier.PHRASE
    return Tier.INSIDE


def headline_gaps(text: str, lang: str | None = None, level: str = "basic", context: str = "") -> tuple[Gap, ...]:
    """Every gap of a headline (gap g is before character g, g = 1 … len-1) with its tier.

    Only gaps the body breaker also allows (rules.gap_kinds) get a tier better than NEVER, so a
    headline never breaks inside a Latin word or number or against the line start/end rules. A
    BudouX boundary inside a number with its measure word, or inside a name `context` (the
    article's text) repeats, is a gap INSIDE a phrase. Cached per text: placement sets the same
    headline at several widths.
    """
    return _gaps(text, model_for(text, lang), level, context)


def allowed_breaks(text: str, lang: str | None = None, level: str = "basic", context: str = "") -> tuple[int, ...]:
    """Where a headline line may end: gap indices of tier PHRASE or better (the editor's, marks, phrases)."""
    return tuple(g.index for g in headline_gaps(text, lang, level, context) if g.tier <= Tier.PHRASE)
