"""A table too wide for its column set across its module instead, at the module's foot like a spanning photo.

The legs of the module are balanced above it with the table's rows taking no room there; the rows
set at the module's width stand under them, one grid line below the text, every row whole grid lines.
"""

from __future__ import annotations

from dataclasses import replace

from .flow import unit_kinds
from .grid import PageGrid
from .items import Item
from .story import Story, Unit
from .table import WIDE_KIND, fit_table, rank, table_units
from .typeset import Setter

# Grid lines between the legs of the module and a table standing at its foot (a photo row has one too).
FOOT_GAP_LINES = 1


def span_tables(setter: Setter, story: Story, span: int, grid: PageGrid) -> tuple[Story, tuple[Unit, ...], int]:
    """(the story for the legs, rows of the tables set across the module, grid lines those take at the foot).

    A table whose column setting is smaller or broken inside words goes to the foot when the module's
    width sets it better; its rows stay in the story's units at no height and draw nothing there, so
    every index into the units (fill, overset, jumps) keeps its meaning. A table not moved keeps (or
    gets back) its rows set at the column."""
    if WIDE_KIND not in unit_kinds(story.units):
        return story, (), 0
    width = grid.span_width(span)
    foot: list[Unit] = []
    rows: dict[int, tuple[Unit, ...]] = {}
    for para in dict.fromkeys(u.para for u in story.units if u.kind == WIDE_KIND):
        table = setter.cache.get(("table-of", story.file, para))
        if table is None:
            continue
        column = table_units(setter, table, grid.col_w, story.file, para)
        if span >= 2 and rank(setter, fit_table(setter, table, width, story.file)) < \
                rank(setter, fit_table(setter, table, grid.col_w, story.file)):
            foot += table_units(setter, table, width, story.file, para)
            # printed at the foot: its rows in the legs take no room, draw nothing and count no characters
            column = tuple(replace(u, grid_lines=0, keep_next=0, drawn=(), chars=0, repeat=(), close=()) for u in column)
        rows[para] = column
    if not rows:  # no table: the story itself (its units keep their identity, flow.fill knows them)
        return story, (), 0
    units = tuple(rows[u.para][u.index] if u.kind == WIDE_KIND and u.para in rows else u for u in story.units)
    text = any(u.grid_lines for u in units)
    lines = sum(u.grid_lines for u in foot) + (FOOT_GAP_LINES if foot and text else 0)
    return replace(story, units=units), tuple(foot), lines


def foot_lines(plan) -> int:
    """Grid lines a module's foot tables take at the bottom of its body, the line of space above them in."""
    if not plan.foot:
        return 0
    return sum(u.grid_lines for u in plan.foot) + (FOOT_GAP_LINES if any(u.grid_lines for u in plan.story.units) else 0)


def foot_items(foot: tuple[Unit, ...], grid: PageGrid, col0: int, bottom_line: int, art: str) -> list[Item]:
    """The foot tables' rows, the last one ending on grid line `bottom_line`."""
    from .module import unit_items  # module.py calls this; its unit drawing is the one every unit uses

    line = bottom_line - sum(u.grid_lines for u in foot)
    items: list[Item] = []
    for u in foot:
        items += unit_items(u, grid.col_x(col0), grid.line_y(line), grid.col_w, grid.baseline, art)
        line += u.grid_lines
    return items
