"""Measure a page's empty space on its grid: the largest empty rectangle of column-lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .flow import leg_lines

# LAYOUT.md: the largest empty area of a page stays under 2 % of its type area (the last page excepted).
MAX_HOLE_SHARE = 0.02


def occupancy(columns: int, lines: int, modules: Iterable[tuple[object, int, int, int]]) -> list[list[bool]]:
    """cells[line][column] is True where a module puts ink: headline, photos, captions, body lines."""
    cells = [[False] * columns for _ in range(lines)]

    def mark(c: int, top: int, n: int) -> None:
        for ln in range(max(0, top), min(lines, top + n)):
            if 0 <= c < columns:
                cells[ln][c] = True

    for plan, col, line0, _lines in modules:
        head_top = line0
        for c in range(plan.span):
            mark(col + c, head_top, plan.headline.grid_lines)
        body_top = line0 + plan.head_lines
        for c in range(plan.span):
            mark(col + c, body_top, plan.photo_lines[c])
        units = plan.story.units
        for c, (a, b) in enumerate(plan.fill.ranges):
            mark(col + c, body_top + plan.photo_lines[c], leg_lines(units, a, b))
        foot = sum(u.grid_lines for u in getattr(plan, "foot", ()))  # tables set across the module at its foot
        for c in range(plan.span):
            mark(col + c, body_top + plan.body_lines - foot, foot)
    return cells


def largest_empty(cells: Sequence[Sequence[bool]]) -> tuple[int, int, int, int]:
    """(area, columns, lines, top line) of the largest all-empty rectangle (histogram method)."""
    if not cells:
        return 0, 0, 0, 0
    width = len(cells[0])
    heights = [0] * width
    best = (0, 0, 0, 0)
    for row, line in enumerate(cells):
        for c in range(width):
            heights[c] = 0 if line[c] else heights[c] + 1
        stack: list[int] = []
        for c in range(width + 1):
            h = heights[c] if c < width else 0
            while stack and heights[stack[-1]] >= h:
                top = heights[stack.pop()]
                left = stack[-1] + 1 if stack else 0
                area = top * (c - left)
                if area > best[0]:
                    best = (area, c - left, top, row - top + 1)
            stack.append(c)
    return best
