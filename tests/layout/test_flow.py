"""Column filling and balancing on made-up units (no fonts)."""

from __future__ import annotations

from issuepress.layout.flow import balance, fill
from issuepress.layout.story import Unit


def para(n: int, no: int) -> list[Unit]:
    return [Unit("line", (), 1, "body", 16.0, para=no, index=i, para_len=n) for i in range(n)]


def subhead(lines: int = 2) -> Unit:
    return Unit("subhead", (), lines, "subhead", 16.0, keep_next=2)


def test_balance_levels_columns_within_one_line():
    units = para(10, 0) + para(7, 1) + para(12, 2)
    h, f = balance(units, lambda h: [h, h, h], 100)
    assert f.placed == len(units)
    heights = [sum(u.grid_lines for u in units[a:b]) for a, b in f.ranges]
    assert max(heights) - min(heights) <= 2  # widow rules may cost a line
    assert heights[0] == max(heights)  # the first column is never the short one
    assert h == max(heights)


def test_no_single_paragraph_line_alone_at_column_edge():
    units = para(5, 0) + para(5, 1)
    f = fill(units, [6, 6])
    for a, b in f.ranges[1:]:
        if a < len(units):
            first = units[a]
            assert first.index != 1 and first.para_len - first.index != 1


def test_subhead_kept_with_two_lines_after_it():
    units = para(4, 0) + [subhead()] + para(6, 1)
    f = fill(units, [6, 20])  # the subhead would fit at the foot of column one alone
    (a0, b0), _ = f.ranges
    assert units[b0 - 1].kind != "subhead"


def test_overset_when_nothing_fits():
    units = para(30, 0)
    h, f = balance(units, lambda h: [h], 10)
    assert h == 10 and f.placed == 10


def test_photo_obstacle_reduces_first_column():
    units = para(20, 0)
    h, f = balance(units, lambda h: [max(0, h - 6), h], 40)
    heights = [sum(u.grid_lines for u in units[a:b]) for a, b in f.ranges]
    assert sum(heights) == 20 and heights[0] + 6 <= h and heights[1] <= h
    assert h == 13
