"""Where a story stands in a region taller than itself: spare lines shared out, columns level at the foot."""

from __future__ import annotations

from issuepress.layout.compose import settle
from issuepress.layout.flow import Fill
from issuepress.layout.module import ModulePlan
from issuepress.layout.story import Headline, Story

PAGE_LINES = 60


def plan(body: int) -> ModulePlan:
    """A story of `body` grid lines (no headline, no photo)."""
    return ModulePlan(Story("a.md", "t", (), 0, None), 1, Headline((), 0, 100.0), (), (0,), body, Fill(((0, 0),), 0))


def test_a_story_at_the_top_of_the_page_stays_there():
    assert settle(plan(20), 0, 30, PAGE_LINES) == 0


def test_a_story_at_the_foot_ends_level_with_it():
    assert settle(plan(20), 31, 29, PAGE_LINES) == 9


def test_a_story_between_two_others_shares_its_spare_lines_above_and_below():
    assert settle(plan(20), 10, 26, PAGE_LINES) == 3


def test_a_story_that_fills_its_region_does_not_move():
    assert settle(plan(29), 31, 29, PAGE_LINES) == 0
