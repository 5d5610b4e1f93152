"""The largest empty rectangle of a page grid."""

from __future__ import annotations

from issuepress.layout.holes import largest_empty


def grid(rows: list[str]) -> list[list[bool]]:
    return [[ch == "#" for ch in r] for r in rows]


def test_full_page_has_no_hole():
    assert largest_empty(grid(["####"] * 5))[0] == 0


def test_hole_at_page_foot():
    area, cols, lines, top = largest_empty(grid(["####", "####", "#...", "....", "...."]))
    assert (area, cols, lines, top) == (9, 3, 3, 2)


def test_column_hole_versus_row_hole():
    area, cols, lines, _ = largest_empty(grid(["##.#", "##.#", "##.#", "##.#", "####"]))
    assert (area, cols, lines) == (4, 1, 4)
