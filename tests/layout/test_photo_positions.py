"""Photos stand at their module's right, widest rows on top: the body's first column is never under one."""

from __future__ import annotations

from pathlib import Path

from issuepress.layout.module import photo_positions
from issuepress.layout.photos import PhotoPlan


def plan(columns: int, lines: int, name: str = "p.jpg") -> PhotoPlan:
    return PhotoPlan(Path(name), True, columns, lines, (), 1, (1000, 1000), natural_lines=lines, min_lines=lines,
                     max_lines=lines)


def test_a_narrower_photo_stands_at_the_right() -> None:
    ((p, col, top),) = photo_positions(((plan(1, 10),),), 4)
    assert (col, top) == (3, 0)


def test_rows_stack_at_the_right_under_the_wider_row() -> None:
    wide, narrow = plan(3, 10, "wide.jpg"), plan(2, 8, "narrow.jpg")
    placed = photo_positions(((wide,), (narrow,)), 4)
    assert [(p.src.name, c, t) for p, c, t in placed] == [("wide.jpg", 1, 0), ("narrow.jpg", 2, 12)]


def test_photos_of_one_row_sit_side_by_side_from_the_row_start() -> None:
    a, b = plan(1, 6, "a.jpg"), plan(2, 9, "b.jpg")
    placed = photo_positions(((a, b),), 4)
    assert [(p.src.name, c, t) for p, c, t in placed] == [("a.jpg", 1, 0), ("b.jpg", 2, 0)]
