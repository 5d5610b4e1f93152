"""Proof overlays: the page grid (columns and baselines), slot frames and overset markers, for editors."""

from __future__ import annotations

from .grid import PageGrid
from .items import BoxItem, Item, RuleItem

# Overlay colours print only on proofs: a light cyan grid like a layout program's guides.
GRID_COLOR = "guide"
OVERSET_COLOR = "missing"
# Size of the overset marker square at a module's foot (the mark layout programs show as a red plus).
MARKER_PT = 8.0


def grid_overlay(grid: PageGrid) -> list[Item]:
    """Column edges and every baseline of the type area as hairlines."""
    out: list[Item] = []
    bottom = grid.line_y(grid.lines)
    for c in range(grid.columns):
        x0 = grid.col_x(c)
        out.append(BoxItem(x0, grid.top, grid.col_w, bottom - grid.top, stroke=GRID_COLOR, stroke_pt=0.3))
    for i in range(1, grid.lines):
        y = grid.line_y(i)
        out.append(RuleItem(grid.left, y, grid.left + grid.width, y, width_pt=0.1, color=GRID_COLOR))
    return out


def slot_frame(grid: PageGrid, col: int, span: int, line: int, lines: int) -> Item:
    return BoxItem(grid.col_x(col), grid.line_y(line), grid.span_width(span), lines * grid.baseline,
                   stroke=GRID_COLOR, stroke_pt=0.8)


def overset_marker(grid: PageGrid, col: int, span: int, line: int, lines: int) -> Item:
    """A red square at the bottom right of a module whose text does not all fit."""
    x = grid.col_x(col) + grid.span_width(span) - MARKER_PT
    y = grid.line_y(line + lines) - MARKER_PT
    return BoxItem(x, y, MARKER_PT, MARKER_PT, stroke=OVERSET_COLOR, fill=OVERSET_COLOR)
