"""An overset story ends its printed text at a sentence or clause end (made-up lines, no fonts)."""

from __future__ import annotations

from issuepress.layout.flow import Fill
from issuepress.layout.jumps import end_at_sentence
from issuepress.layout.module import ModulePlan
from issuepress.layout.story import Headline, Story, counted, unit_chars, Unit
from issuepress.text.types import Line, PlacedGlyph

ADV = 10.0


def line(text: str) -> Line:
    glyphs = tuple(PlacedGlyph(ch, "f", 10.0, i * ADV, ADV) for i, ch in enumerate(text))
    return Line(glyphs, len(text) * ADV, len(text) * ADV, 8.8, 1.2, justified=True)


def story_of(texts: list[str]) -> Story:
    n = len(texts)
    units = tuple(counted(Unit("line", (line(t),), 1, "body", 16.0, para=0, index=i, para_len=n))
                  for i, t in enumerate(texts))
    return Story("a.md", "标题", units, sum(unit_chars(u) for u in units), None)


def plan_of(story: Story, placed: int) -> ModulePlan:
    return ModulePlan(story, 1, Headline((), 0, 100.0), (), (0,), placed, Fill(((0, placed),), placed))


def printed(plan: ModulePlan) -> str:
    return "".join(ln.text for u in plan.story.units[:plan.fill.placed] for ln in u.lines)


def test_whole_line_ending_a_sentence_is_where_printing_stops():
    texts = ["第一句话说完了。", "第二句话还没有", "说完就到了栏尾", "后面还有很多字", "结尾。"]
    plan = end_at_sentence(plan_of(story_of(texts), 3))
    assert printed(plan) == "第一句话说完了。"
    assert plan.overset_chars == sum(len(t) for t in texts[1:])


def test_a_line_is_cut_right_after_its_sentence_end():
    texts = ["开头的一些文字在", "这里，句子结束！然后", "下一句没写完的", "结尾。"]
    plan = end_at_sentence(plan_of(story_of(texts), 2))
    assert printed(plan) == "开头的一些文字在这里，句子结束！"
    last = plan.story.units[plan.fill.placed - 1].lines[0]
    assert last.last and not last.justified
    # nothing is lost: what is cut from the line is counted overset
    assert plan.overset_chars + len(printed(plan)) == sum(len(t) for t in texts)


def test_closing_quote_stays_with_its_sentence():
    texts = ["他说：“好的。”然后", "走了没有说话的人"]
    plan = end_at_sentence(plan_of(story_of(texts + ["还有。"]), 2))
    assert printed(plan) == "他说：“好的。”"


def test_text_without_any_sentence_end_is_left_as_it_is():
    texts = ["没有句号的一行字"] * 4
    plan = end_at_sentence(plan_of(story_of(texts), 3))
    assert plan.fill.placed == 3
