"""Where a headline may break: the editor's break, punctuation and spaces, BudouX's phrase boundaries."""

from __future__ import annotations

from pathlib import Path

import budoux
import pytest

from issuepress.text.phrases import (Tier, allowed_breaks, headline_gaps, model_for, number_gaps, phrase_scores, phrases,
                                     term_gaps)

DATA = Path(__file__).resolve().parents[1] / "layout" / "data" / "headlines.tsv"
HEADLINES = [line.split("\t", 1)[1].replace("\\n", "\n") for line in DATA.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
TRADITIONAL = [h for h in HEADLINES if any(ch in h for ch in "醫國團區進灣")]


def tiers(text: str) -> dict[int, int]:
    return {g.index: g.tier for g in headline_gaps(text)}


@pytest.mark.parametrize("text", HEADLINES)
def test_scores_give_budoux_own_phrases(text):
    """The scores kept for ranking breaks put boundaries exactly where budoux.Parser.parse does."""
    model = model_for(text)
    load = {"zh-hans": budoux.load_default_simplified_chinese_parser,
            "zh-hant": budoux.load_default_traditional_chinese_parser}[model]
    chunks = load().parse(text)
    cuts, k = set(), 0
    for c in chunks[:-1]:
        k += len(c)
        cuts.add(k)
    scores = phrase_scores(text, model)
    assert {g for g in range(1, len(text)) if scores[g] > 0} == cuts
    assert "".join(phrases(text)) == text


def test_model_by_language_tag_and_by_script():
    assert TRADITIONAL and all(model_for(h) == "zh-hant" for h in TRADITIONAL)
    assert all(model_for(h) == "zh-hans" for h in HEADLINES if h not in TRADITIONAL)
    # A tag the front matter may give wins over the script (zh-HK text typed with common characters).
    assert model_for("中心学校", "zh-HK") == "zh-hant"
    assert model_for("中心學校", "zh-Hans") == "zh-hans"
    assert model_for("中心学校", "zh_TW") == "zh-hant"


def test_editor_space_between_chinese_phrases_and_word_space():
    t = tiers("柔肩担道义 温情铸医魂")
    assert t[6] == Tier.SPACE  # before 温
    t = tiers("低功率HoLEP 在治疗中")
    assert t[len("低功率HoLEP ")] == Tier.PUNCT  # a space beside a Latin word is a word space


def test_never_inside_latin_word_number_or_range():
    text = "低功率HoLEP在2024—2025年度治疗良性前列腺增生"
    t = tiers(text)
    for word in ("HoLEP", "2024—2025年"):
        a = text.index(word)
        for g in range(a + 1, a + len(word)):
            assert t[g] >= Tier.INSIDE, (word, g)
    assert all(t[g] == Tier.NEVER for g in range(text.index("HoLEP") + 1, text.index("HoLEP") + 5))


def test_punctuation_and_forced_break_tiers():
    text = "简讯（a）：志愿服务进社区\n第二行"
    t = tiers(text)
    assert t[text.index("志")] == Tier.PUNCT  # after ：
    assert t[text.index("（")] == Tier.PUNCT  # before an opening bracket
    assert t[text.index("第")] == Tier.FORCED
    assert t[text.index("）")] == Tier.NEVER  # a closing mark never starts a line
    assert text.index("志") in allowed_breaks(text)


def test_allowed_breaks_are_phrase_boundaries_or_marks():
    for text in HEADLINES:
        cuts = set(allowed_breaks(text))
        bounds = {g.index for g in headline_gaps(text) if g.score > 0}
        for g in cuts:
            left = text[g - 1]
            assert g in bounds or left in " \u3000\n，、：；。！？,:;—…”’）》" or text[g] in "（《“‘", (text, g)


def test_language_tag_chooses_the_model_over_the_script():
    """A Hong Kong item typed in characters common to both scripts is cut by the Traditional model."""
    text = "政府宣布新措施支援中小企业"
    hant = {g.index for g in headline_gaps(text, "zh-HK") if g.score > 0}
    hans = {g.index for g in headline_gaps(text) if g.score > 0}
    assert hant == {g for g, s in enumerate(phrase_scores(text, "zh-hant")) if s > 0}
    assert hans == {g for g, s in enumerate(phrase_scores(text, "zh-hans")) if s > 0}
    assert hant != hans  # the models disagree here (中小企业 whole in the Traditional one)
    assert phrases(text, "zh-HK")[-1] == "中小企业"


def test_number_and_its_measure_word_are_never_a_phrase_break():
    """BudouX's Traditional model cuts 壞數|十|人; a number stays with its measure word (數十人, 7.2萬個, 第三屆)."""
    text = "六𨋢齊壞數十人鼓譟"
    scores = phrase_scores(text, "zh-hant")
    assert scores[5] > 0 and scores[6] > 0  # the model's own boundaries inside 數十人
    t = {g.index: g.tier for g in headline_gaps(text, "zh-HK")}
    assert t[5] == t[6] == Tier.INSIDE
    assert not {5, 6} & set(allowed_breaks(text, "zh-HK"))
    text = "陸官方收集7.2萬個生僻字 第三屆大會"
    cut = set(number_gaps(text))
    num = text.index("7")
    assert set(range(num + 1, num + 5)) <= cut  # 7|.|2|萬|個
    assert {text.index("三"), text.index("屆")} <= cut
    assert num not in cut and text.index("生") not in cut  # before the number, after its measure word
    assert number_gaps("人數上升 統一大業") == frozenset()  # 數 with no numeral beside it; 一 before a noun
    assert number_gaps("今日9月8日") == {3, 5}  # 9|月 and 8|日 whole, 月|8 open


def test_name_the_article_repeats_is_kept_whole():
    """元州邨元盛樓: BudouX cuts 元|盛樓; the story names 元盛樓 four times, always so, so it is one word."""
    text = "跟進元州邨元盛樓停𨋢事件"
    story = "有元州邨元盛樓的居民求助，指元州邨元盛樓升降機停止服務。到達元盛樓地下大堂了解情況。更換元盛樓6號升降機零件。"
    g = text.index("盛")
    assert phrase_scores(text, "zh-hant")[g] > 0
    assert g in allowed_breaks(text, "zh-HK")
    assert g in term_gaps(text, story)
    assert g not in allowed_breaks(text, "zh-HK", context=story)
    assert text.index("元盛") in allowed_breaks(text, "zh-HK", context=story)  # 元州邨|元盛樓: 元盛 follows 邨 達 換
    # Seen once, or beside different characters, a string is no name.
    assert g not in term_gaps(text, "有元州邨元盛樓的居民求助。")
    assert g not in term_gaps(text, "元盛樓地下，東盛樓地下，元盛樓五樓。")
