"""One story as a module on the grid: headline over its columns, photos at its head, balanced legs."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .continued import continuation_head
from .figure import fit_figures
from .flow import Fill, balance
from .grid import PageGrid
from .items import BoxItem, Finding, ImageItem, Item, TextLine, shifted
from .photos import PhotoPlan, photo_at_width
from .story import Headline, Story, Unit, set_headline, unit_chars
from .table import printed_ranks
from .table_span import foot_items, span_tables
from .typeset import Setter, baseline_offset


@dataclass(frozen=True)
class ModulePlan:
    """A story measured for a span: line counts for each part and how the body fills its legs."""

    story: Story
    span: int
    headline: Headline
    photo_rows: tuple[tuple[PhotoPlan, ...], ...]
    photo_lines: tuple[int, ...]  # per column: grid lines taken by photos at the module head
    body_lines: int
    fill: Fill
    air: int = 0  # spare grid lines given to the headline, set under it
    photo_choice: int | None = None  # columns chosen for photos whose width the article leaves open
    dropped: tuple[PhotoPlan, ...] = ()  # photos (with their captions) below the module's last line: not printed
    foot: tuple[Unit, ...] = ()  # rows of tables set across the module under its legs (table_span.py)
    table_ranks: tuple[int, ...] = ()  # how well each table too wide for the column is printed (table.rank)

    @property
    def head_lines(self) -> int:
        return self.headline.grid_lines + self.air

    @property
    def lines(self) -> int:
        return self.head_lines + max(self.body_lines, max(self.photo_lines, default=0))

    @property
    def photos_narrowed(self) -> int:
        """Columns by which photos are narrower than the article asked because the module is narrow."""
        return sum((p.asked or 0) - p.columns for row in self.photo_rows for p in row if p.narrowed == "span")

    @property
    def overset_units(self) -> tuple[Unit, ...]:
        return self.story.units[self.fill.placed:]

    @property
    def overset_chars(self) -> int:
        return sum(unit_chars(u) for u in self.overset_units)


def photo_rows(setter: Setter, story: Story, span: int, grid: PageGrid, photo_cols: int | None = None,
               grow: int = 0) -> tuple[tuple[PhotoPlan, ...], ...]:
    """The article's photos packed in rows of at most `span` columns, widest rows first; `grow` makes
    every photo that many lines taller (or shorter) than its natural frame, within its crop limits."""
    preferred = photo_cols or setter.layout.blocks.photo_columns_default
    rows: list[list[PhotoPlan]] = []
    row: list[PhotoPlan] = []
    used = 0
    for photo in story.article.photos:
        p = photo_at_width(setter, photo, span, preferred, grid.col_w, grid.gutter, story.file)
        if grow:
            p = p.resized(grow)
        if used + p.columns > span and row:
            rows.append(row)
            row, used = [], 0
        row.append(p)
        used += p.columns
    if row:
        rows.append(row)
    # widest rows on top: the columns a row covers then hold every row below it, so no column has
    # a photo under its text (the stable sort keeps the article's order among rows of one width)
    rows.sort(key=lambda r: -sum(p.columns for p in r))
    return tuple(tuple(r) for r in rows)


def _stacked(rows: tuple[tuple[PhotoPlan, ...], ...], span: int) -> list[tuple[tuple[PhotoPlan, ...], int, int, int]]:
    """(row, first column, top line, bottom line) of each photo row below the headline: every row
    stands at the module's right, on the rows above it, with one line of space under it."""
    out = []
    top_by_col = [0] * span
    for row in rows:
        c0 = span - sum(p.columns for p in row)
        top = max(top_by_col[c0:] or [0])
        bottom = top + max(p.lines for p in row) + 1
        out.append((row, c0, top, bottom))
        for k in range(c0, span):
            top_by_col[k] = bottom
    return out


def photo_positions(rows: tuple[tuple[PhotoPlan, ...], ...], span: int) -> tuple[tuple[PhotoPlan, int, int], ...]:
    """(photo, first column, first line below the headline) of each photo. Photos stand at the
    module's right, so the body's first column starts under the headline beside them (LAYOUT.md: a
    narrower photo never has the first paragraph under it)."""
    out: list[tuple[PhotoPlan, int, int]] = []
    for row, c, top, _ in _stacked(rows, span):
        for p in row:
            out.append((p, c, top))
            c += p.columns
    return tuple(out)


def plan_photos(setter: Setter, story: Story, span: int, grid: PageGrid, findings: list[Finding], grow: int = 0,
                photo_cols: int | None = None, room: int | None = None
                ) -> tuple[tuple[tuple[PhotoPlan, ...], ...], tuple[int, ...], tuple[PhotoPlan, ...]]:
    """The photo rows that end within `room` grid lines under the headline, per column of the module
    the grid lines they take at its head, and the photos of the rows that do not fit (never drawn past
    the module: they are reported instead)."""
    rows = photo_rows(setter, story, span, grid, photo_cols, grow)
    per_col = [0] * span
    kept: list[tuple[PhotoPlan, ...]] = []
    dropped: list[PhotoPlan] = []
    for row, c0, _, bottom in _stacked(rows, span):
        if room is not None and bottom > room:
            dropped += row
            continue
        kept.append(row)
        for k in range(c0, span):
            per_col[k] = bottom
    if len(kept) < len(rows):
        kept_rows = tuple(kept)
        per_col = [0] * span
        for _, c0, _, bottom in _stacked(kept_rows, span):
            for k in range(c0, span):
                per_col[k] = bottom
        return kept_rows, tuple(per_col), tuple(dropped)
    return rows, tuple(per_col), ()


def plan_module(setter: Setter, story: Story, span: int, grid: PageGrid, max_lines: int,
                findings: list[Finding], grow: int = 0, head: Headline | None = None,
                photo_cols: int | None = None) -> ModulePlan:
    """Measure the story in `span` columns with at most `max_lines` grid lines; balance its legs."""
    width = grid.span_width(span)
    if head is None and story.continued_from is not None:
        head = continuation_head(setter, story.title, getattr(story.article, "short_title", None),
                                 story.continued_from, width, story.file)
    elif head is None:
        head = set_headline(setter, story.article, width, span, setter.layout.title_sizes, story.file)
    avail = max(0, max_lines - head.grid_lines)
    rows, per_col, dropped = plan_photos(setter, story, span, grid, findings, grow, photo_cols, avail)

    full = story
    story, foot, foot_lines = span_tables(setter, story, span, grid)

    def caps(h: int) -> list[int]:
        return [max(0, h - per_col[c] - foot_lines) for c in range(span)]

    h, f = balance(story.units, caps, avail)
    if foot and max(per_col, default=0) + foot_lines > avail:
        # no room in the module for the table across it: it stays in the column, as set there
        story, foot, foot_lines = span_tables(setter, full, 1, grid)
        h, f = balance(story.units, caps, avail)
    story, h, f = fit_figures(setter, story, caps, avail, h, f)
    h = max(h, max(per_col, default=0)) if story.article.photos else h
    h = max(h, max(per_col, default=0) + foot_lines) if foot else h
    ranks = printed_ranks(setter, story, foot, grid.col_w, width)
    return ModulePlan(story, span, head, rows, per_col, min(h, avail) if avail else 0, f, photo_choice=photo_cols,
                      dropped=dropped, foot=foot, table_ranks=ranks)


# The most spare lines a headline takes as air, set under it: one line keeps every empty band of a
# page under the 2 % hole limit (two would join the gap above or the next empty line into a hole).
MAX_AIR = 1


def _resize_budget(plan: ModulePlan) -> tuple[int, int]:
    """(most lines any photo may grow, most it may shrink) from its natural frame, within its limits."""
    photos = [p for row in plan.photo_rows for p in row]
    grow = max((p.max_lines - p.natural_lines for p in photos), default=0)
    shrink = max((p.natural_lines - p.min_lines for p in photos), default=0)
    return grow, shrink


def fit_module(setter: Setter, story: Story, span: int, grid: PageGrid, target: int,
               findings: list[Finding], natural: ModulePlan | None = None) -> ModulePlan:
    """The story in exactly `target` lines where it can.

    Too short: grow the photos (within images.max_crop and min_ppi), then give the headline air. Too
    long: make the photos shorter (within images.max_crop) before any text is overset.
    """
    plan = natural or plan_module(setter, story, span, grid, target, findings)
    complete = plan.fill.placed == len(story.units)
    grow_max, shrink_max = _resize_budget(plan)
    if complete and plan.lines <= target and not plan.dropped:
        for grow in range(1, grow_max + 1) if plan.lines < target else ():
            cand = plan_module(setter, story, span, grid, target, findings, grow, plan.headline, plan.photo_choice)
            if cand.lines > target or cand.fill.placed < len(story.units) or len(cand.dropped) > len(plan.dropped):
                break
            plan = cand
            if plan.lines == target:
                return plan
        if plan.lines < target and story.continued_from is None:
            plan = _larger_title(setter, story, span, grid, target, plan)
        return replace(plan, air=min(MAX_AIR, max(0, target - plan.lines)))
    for shrink in range(1, shrink_max + 1):
        cand = plan_module(setter, story, span, grid, target, findings, -shrink, plan.headline, plan.photo_choice)
        if len(cand.dropped) > len(plan.dropped):
            continue
        if cand.fill.placed == len(story.units) and cand.lines <= target:
            return cand
        if cand.overset_chars < plan.overset_chars or len(cand.dropped) < len(plan.dropped):
            plan = cand
    return plan


# Title sizes tried, as multiples of the span's size, when a module has lines to spare after its photos
# grew: a larger headline fills them with type, as a layout editor does, instead of leaving a band empty.
TITLE_GROWTH = (1.15, 1.3)


def _title_lines(head: Headline) -> int:
    return next((len(lines) for style, lines, _ in head.parts if style == "title"), 0)


def _larger_title(setter: Setter, story: Story, span: int, grid: PageGrid, target: int,
                  plan: ModulePlan) -> ModulePlan:
    """The plan with its title a size or two larger while that fills spare lines without wrapping the
    title onto more lines."""
    layout = setter.layout
    base = layout.title_sizes.get(span) or layout.styles["title"].size_pt
    width = grid.span_width(span)
    for factor in TITLE_GROWTH:
        key = ("larger-title", story.file, span, width, factor)
        if key not in setter.cache:
            setter.cache[key] = set_headline(setter, story.article, width, span, {span: base * factor}, story.file)
        head = setter.cache[key]
        if head.grid_lines <= plan.headline.grid_lines:
            continue
        if _title_lines(head) > _title_lines(plan.headline):
            break
        # the body and photos keep their shape under a taller headline: only the module's height changes
        if plan.lines + head.grid_lines - plan.headline.grid_lines > target:
            break
        plan = replace(plan, headline=head)
    return plan


def headline_items(head: Headline, x: float, y: float, B: float, art: str) -> list[Item]:
    """The headline's lines, centred vertically in its whole grid lines from y."""
    items: list[Item] = []
    total = sum(len(ls) * lead for _, ls, lead in head.parts)
    hy = y + (head.grid_lines * B - total) / 2
    for style, lines_, lead in head.parts:
        for ln in lines_:
            size = max((g.size_pt for g in ln.glyphs), default=lead)
            items.append(TextLine(x, hy + baseline_offset(lead, size), ln, role=style, article=art))
            hy += lead
    return items


def photo_items(p: PhotoPlan, x: float, y: float, width: float, B: float, art: str) -> list[Item]:
    """A photo's frame from (x, y) and its caption lines directly under it, on the grid."""
    ph = p.photo_lines * B
    items: list[Item] = [ImageItem(x, y, width, ph, p.src, p.ok, label=str(p.src.name), article=art,
                                   px=p.px if p.ok else None, focus=p.focus)]
    cy = y + ph
    lead = B if len(p.caption) <= 1 else p.caption_lines * B / len(p.caption)
    for ln in p.caption:
        size = max((g.size_pt for g in ln.glyphs), default=B)
        items.append(TextLine(x, cy + baseline_offset(lead, size), ln, role="caption", article=art))
        cy += lead
    return items


# Inner padding of a boxed unit (the credit box) from its frame.
BOX_PAD_PT = 4.0


def unit_items(u: Unit, x: float, y: float, col_w: float, B: float, art: str) -> list[Item]:
    """A body unit from grid position (x, y): a body line on the grid, or a block centred in its lines."""
    items: list[Item] = []
    if u.boxed:
        items.append(BoxItem(x, y + 2, col_w, u.grid_lines * B - 4, stroke="black", stroke_pt=0.5))
    ly = y + ((u.grid_lines * B - len(u.lines) * u.leading_pt) / 2 if u.kind != "line" else 0.0)
    dx = BOX_PAD_PT if u.boxed else 0.0
    for ln in u.lines:
        size = max((g.size_pt for g in ln.glyphs), default=u.leading_pt)
        items.append(TextLine(x + dx, ly + baseline_offset(u.leading_pt, size), ln,
                              role="body" if u.kind == "line" else u.kind, article=art))
        ly += u.leading_pt
    items += [shifted(it, x, y) for it in u.drawn]
    return items


def draw_module(plan: ModulePlan, grid: PageGrid, col0: int, line0: int, lines: int) -> list[Item]:
    """Items for the module placed at column col0, grid line line0, `lines` tall."""
    B = grid.baseline
    art = plan.story.file
    items = headline_items(plan.headline, grid.col_x(col0), grid.line_y(line0), B, art)
    body_top = line0 + plan.head_lines
    # photos in rows at the module's right, captions under them
    for p, c, top in photo_positions(plan.photo_rows, plan.span):
        items += photo_items(p, grid.col_x(col0 + c), grid.line_y(body_top + top), grid.span_width(p.columns), B, art)
    items += foot_items(plan.foot, grid, col0, body_top + plan.body_lines, art)
    # body legs
    units = plan.story.units
    for c, (a, b) in enumerate(plan.fill.ranges):
        line = body_top + plan.photo_lines[c]
        for u in (units[a].repeat if b > a else ()) + units[a:b]:
            items += unit_items(u, grid.col_x(col0 + c), grid.line_y(line), grid.col_w, B, art)
            line += u.grid_lines
        if b > a and units[b - 1].close:  # the leg ends inside a table: its part is closed by the frame rule
            last = units[b - 1]
            items += [shifted(it, grid.col_x(col0 + c), grid.line_y(line - last.grid_lines)) for it in last.close]
    return items
