"""Where a headline may break: the editor's line break, punctuation and spaces, then BudouX phrases.

Body text may break between any two Han characters; a headline may not: a reader pauses at the
end of a headline line, so it must end where a phrase ends (湖南师大 / 附中, never 湖南师 / 大).
BudouX (Google's phrase segmenter for line breaking in CJK headings) gives the phrase boundaries;
its Simplified and Traditional Chinese models ship inside the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

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


# Language tags whose text is Traditional Chinese (BCP 47 script or region).
TRADITIONAL_TAGS = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
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
        tag = lang.strip().lower().replace("_", "-")
        if tag.startswith(TRADITIONAL_TAGS):
            return "zh-hant"
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


@lru_cache(maxsize=4096)
def _gaps(text: str, model: str, level: str) -> tuple[Gap, ...]:
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
    out = []
    for g in range(1, n):
        out.append(Gap(g, _tier(g, classes, kinds, scores), scores[g]))
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


def headline_gaps(text: str, lang: str | None = None, level: str = "basic") -> tuple[Gap, ...]:
    """Every gap of a headline (gap g is before character g, g = 1 … len-1) with its tier.

    Only gaps the body breaker also allows (rules.gap_kinds) get a tier better than NEVER, so a
    headline never breaks inside a Latin word or number or against the line start/end rules.
    Cached per text: placement sets the same headline at several widths.
    """
    return _gaps(text, model_for(text, lang), level)


def allowed_breaks(text: str, lang: str | None = None, level: str = "basic") -> tuple[int, ...]:
    """Where a headline line may end: gap indices of tier PHRASE or better (the editor's, marks, phrases)."""
    return tuple(g.index for g in headline_gaps(text, lang, level) if g.tier <= Tier.PHRASE)
