"""Headlines set with the layout's own fonts break at phrase boundaries, balanced, never past the edge."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from issuepress.layout.grid import PageGrid
from issuepress.layout.heading import line_ends, set_heading
from issuepress.layout.typeset import Setter
from issuepress.load.layout import load_layout
from issuepress.pipeline import fonts_for
from issuepress.text.phrases import allowed_breaks, headline_gaps

DATA = Path(__file__).resolve().parent / "data" / "headlines.tsv"
HEADLINES = [line.split("\t", 1)[1].replace("\\n", "\n") for line in DATA.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
# A line may pass the measure by rounding only.
TOL_PT = 0.01


@lru_cache(maxsize=None)
def setter() -> Setter:
    layout = load_layout("tabloid-4col")
    return Setter(fonts_for(layout, Path(".")), layout)


def measures() -> list[tuple[str, float, float]]:
    """(style, width, size) for the title at every span of the tabloid and a subhead in one column."""
    lay = setter().layout
    g = lay.grid
    col = PageGrid.for_area(0, 0, 1000, 1000, g.columns, g.gutter_pt, g.baseline_pt).col_w
    out = []
    for span in range(1, g.columns + 1):
        size = (lay.title_sizes or {}).get(span) or lay.styles["title"].size_pt
        out.append(("title", span * col + (span - 1) * g.gutter_pt, size))
    out.append(("subhead", col, lay.styles["subhead"].size_pt))
    out.append(("kicker", col, lay.styles["kicker"].size_pt))
    # A narrow measure too (a title beside a photo, a sidebar), so that every headline wraps.
    out.append(("title", 7 * lay.styles["title"].size_pt, lay.styles["title"].size_pt))
    return out


def visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def breaks_of(text: str, lines) -> list[int]:
    """Gap index of each line end in the original text (the engine's text may have a "\\n" added)."""
    out, k = [], 0
    vis = [i for i, ch in enumerate(text) if not ch.isspace()]
    for ln in lines[:-1]:
        k += len(visible(ln.text))
        out.append(vis[k])  # the gap before the next visible character
    return out


def content(s: str) -> int:
    return sum(1 for ch in s if ch.isalnum())


def whole_phrases_fit(text: str, style: str, width: float, size: float) -> bool:
    """Every stretch between allowed breaks fits the measure on its own (no last-resort break needed)."""
    cuts = [0, *allowed_breaks(text), len(text)]
    return all(len(set_heading(setter(), text[a:b].strip(), style, width, "t", size_pt=size)) <= 1
               for a, b in zip(cuts, cuts[1:]) if text[a:b].strip())


@pytest.mark.parametrize("text", HEADLINES)
def test_real_headlines_break_at_phrases_balanced(text):
    wrapped = 0
    for style, width, size in measures():
        lines = set_heading(setter(), text, style, width, "t", size_pt=size)
        assert visible("".join(ln.text for ln in lines)) == visible(text)
        assert all(ln.width_pt <= width + TOL_PT for ln in lines), [ln.text for ln in lines]
        if len(lines) < 2:
            continue
        wrapped += 1
        if whole_phrases_fit(text, style, width, size):
            ok = set(allowed_breaks(text)) | {i + 1 for i, ch in enumerate(text) if ch.isspace()}
            for g in breaks_of(text, lines):
                assert g in ok or text[g - 1].isspace(), (style, width, [ln.text for ln in lines], g)
        assert all(content(ln.text) != 1 for ln in lines), (style, width, [ln.text for ln in lines])
    assert wrapped


def test_editor_space_between_phrases_wins():
    """The seed's two parallel phrases go one to a line whenever the title wraps."""
    text = "柔肩担道义 温情铸医魂"
    size = setter().layout.styles["title"].size_pt
    for em in (5.2, 6, 7, 8, 9):
        lines = set_heading(setter(), text, "title", em * size, "t", size_pt=size)
        assert [visible(ln.text) for ln in lines] == ["柔肩担道义", "温情铸医魂"], em


@pytest.mark.parametrize("text, words", [
    ("湖南师大附中教师来我院交流", ("湖南", "师大", "教师", "交流")),
    ("晋城市第一中心学校教师风采", ("中心", "学校", "教师")),
    ("我院成功开展首例钬激光前列腺剜除术", ("钬激光", "成功", "首例")),
    ("全国爱耳日义诊活动走进社区", ("爱耳日", "义诊")),
    ("简讯（a）：志愿服务进社区 温暖传递到万家", ("志愿", "服务", "社区")),
])
def test_issue_examples_keep_their_words(text, words):
    """The breaks the issue found inside words (中心学/校, 教/师, 钬激/光, 爱/耳日, 志/愿服务) do not happen."""
    size = setter().layout.styles["title"].size_pt
    for em in range(5, 16):
        lines = set_heading(setter(), text, "title", em * size, "t", size_pt=size)
        for g in breaks_of(text, lines):
            for w in words:
                a = text.index(w)
                assert not a < g < a + len(w), (em, w, [ln.text for ln in lines])


def test_traditional_headline_uses_traditional_phrases():
    text = "聯合醫院有手術燈突然掉下承建商指或與螺絲狀態有關"
    size = setter().layout.styles["title"].size_pt
    lines = set_heading(setter(), text, "title", 14 * size, "t", size_pt=size, lang="zh-HK")
    assert len(lines) == 2
    bounds = {g.index for g in headline_gaps(text, "zh-HK") if g.score > 0}
    assert all(g in bounds for g in breaks_of(text, lines))


def test_phrase_wider_than_measure_breaks_inside_only_there():
    text = "前列腺增生患者手术"
    size = setter().layout.styles["title"].size_pt
    lines = set_heading(setter(), text, "title", 2.2 * size, "t", size_pt=size)
    assert visible("".join(ln.text for ln in lines)) == text
    assert all(ln.width_pt <= 2.2 * size + TOL_PT for ln in lines)


def test_set_lines_are_what_was_chosen():
    """The forced breaks written into the text give back the chosen lines (nothing re-broken)."""
    text = "我国首次在南海发现新的可燃冰分布区海马冷泉"
    size = setter().layout.styles["title"].size_pt
    lines = set_heading(setter(), text, "title", 11 * size, "t", size_pt=size)
    assert len(lines) == 2 and len(line_ends(lines)) == 1


HAN = "中心学校教师湖南师大附中钬激光爱耳日志愿服务活动医院开展健康宣传我院举办专题培训"
ALPHABET = st.sampled_from(list(HAN) + list("，、：；。！？“”（）《》——") + list("AIHoLEP2025 ") + ["\n"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(ALPHABET, min_size=1, max_size=40), em=st.floats(min_value=2.0, max_value=20.0),
       style=st.sampled_from(["title", "subhead", "kicker", "subtitle"]))
def test_no_character_lost_or_doubled_and_no_line_too_wide(text, em, style):
    size = setter().layout.styles[style].size_pt
    width = em * size
    lines = set_heading(setter(), text, style, width, "t")
    assert visible("".join(ln.text for ln in lines)) == visible(text)
    # No line passes the edge unless one unbreakable piece (a Latin word, ——) is wider than the measure.
    plain = setter().set(text, style, width, "t", indent_em=0)
    if all(ln.width_pt <= width + TOL_PT for ln in plain):
        assert all(ln.width_pt <= width + TOL_PT for ln in lines), [ln.text for ln in lines]


def test_editor_space_is_where_the_line_ends_even_at_a_line_more():
    """爲新生兒命名 陸官方籲少用生僻字: the second part too long for the measure is not begun on the
    first line (爲新生兒命名 陸 / 官方…); the first line ends at the typed space."""
    text = "爲新生兒命名 陸官方籲少用生僻字"
    size = setter().layout.styles["title"].size_pt
    for em in (7.5, 8.5):  # the part after the space (9 characters) does not fit on one line
        lines = set_heading(setter(), text, "title", em * size, "t", size_pt=size, lang="zh-Hant")
        assert [ln.text.strip() for ln in lines][0] == "爲新生兒命名", (em, [ln.text for ln in lines])
        assert all(ln.width_pt <= em * size + TOL_PT for ln in lines)
    # Where the whole second part fits, two lines, broken at the space.
    lines = set_heading(setter(), text, "title", 10 * size, "t", size_pt=size, lang="zh-Hant")
    assert [visible(ln.text) for ln in lines] == ["爲新生兒命名", "陸官方籲少用生僻字"]


def test_numbers_and_repeated_names_stay_whole_at_every_width():
    """數十人 and 元盛樓 (a block the story names four times) are never cut, whatever the measure."""
    story = "有元州邨元盛樓的居民求助，指元州邨元盛樓升降機停止服務。到達元盛樓地下大堂。更換元盛樓6號升降機零件。"
    size = setter().layout.styles["title"].size_pt
    for text, word, context in (("六𨋢齊壞數十人鼓譟", "數十人", ""), ("跟進元州邨元盛樓停𨋢事件", "元盛樓", story)):
        a = text.index(word)
        for em in range(4, 12):
            lines = set_heading(setter(), text, "title", em * size, "t", size_pt=size, lang="zh-HK", context=context)
            assert visible("".join(ln.text for ln in lines)) == text
            assert not any(a < g < a + len(word) for g in breaks_of(text, lines)), (em, [ln.text for ln in lines])
