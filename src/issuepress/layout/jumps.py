"""Continuations (转版): a story that does not fit its page ends with （下转第N版） and goes on there."""

from __future__ import annotations

from dataclasses import replace

from .grid import PageGrid
from .items import Finding
from .module import ModulePlan, fit_module
from .story import Story, Unit
from .typeset import Setter

# How many units the first part may give back to make room for the jump line (a line or two, usually).
MAX_GIVE_BACK = 6


def jump_unit(setter: Setter, text: str, measure_pt: float, where: str) -> Unit:
    """The （下转第N版） line: right-aligned in the byline style, one grid line."""
    st = setter.style("byline")
    lines = setter.set(text, "byline", measure_pt, where, indent_em=0, align="right")
    return Unit("jump", lines, max(1, len(lines)), "byline", st.leading_pt)


def split_for_jump(setter: Setter, plan: ModulePlan, grid: PageGrid, lines: int, page_no: int, next_page: int,
                   findings: list[Finding]) -> tuple[ModulePlan, Story] | None:
    """The first part of an overset story with its jump line, and the rest as a story for `next_page`.

    None when no split fits (the story is then reported overset where it stands).
    """
    story = plan.story
    where = story.file
    jump = jump_unit(setter, f"（下转第{next_page}版）", grid.col_w, where)
    placed = plan.fill.placed
    for k in range(placed, max(0, placed - MAX_GIVE_BACK) - 1, -1):
        if k == 0:
            break
        first = Story(story.file, story.title, story.units[:k] + (jump,), story.char_count, story.article)
        cand = fit_module(setter, first, plan.span, grid, lines, findings)
        if cand.fill.placed == len(first.units) and cand.lines <= lines:
            rest_article = replace(story.article, kicker=None, subtitle=f"（上接第{page_no}版）", photos=(),
                                   note=None)
            rest = Story(story.file, story.title, story.units[k:], story.char_count, rest_article, page_no)
            return cand, rest
    return None
