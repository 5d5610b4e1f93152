"""Lay out a whole issue: furniture first, then each page's stories as modules on its grid, in order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .furniture import Area, footer_credits, masthead, page_header
from .grid import PageGrid
from .holes import MAX_HOLE_SHARE, largest_empty, occupancy
from .items import ArticleResult, BoxItem, DocumentLayout, Finding, ImageItem, Item, PageLayout, RuleItem
from .module import ModulePlan, draw_module, fit_module, plan_module
from .overlay import grid_overlay, overset_marker, slot_frame
from .photos import photo_findings
from .jumps import split_for_jump
from .placement import arrange
from .story import Story, build_story
from .typeset import Setter, display_path



@dataclass(frozen=True)
class Geometry:
    """A page's trim size and type area (mirrored margins: inside margin at the spine)."""

    width: float
    height: float
    area: Area


def page_geometry(layout, page_no: int) -> Geometry:
    p = layout.page
    recto = page_no % 2 == 1
    left = p.margin_inside_pt if recto else p.margin_outside_pt
    right = p.margin_outside_pt if recto else p.margin_inside_pt
    area = Area(left, p.margin_top_pt, p.width_pt - left - right, p.height_pt - p.margin_top_pt - p.margin_bottom_pt)
    return Geometry(p.width_pt, p.height_pt, area)


def _template(layout, page, index: int):
    name = page.template or ("front" if index == 0 else "inner")
    return layout.templates[name]


def compose_issue(issue, fonts, proof: bool = False) -> tuple[DocumentLayout, Setter]:
    """Every page of the issue; findings for missing glyphs, images and overset text."""
    layout = issue.layout
    setter = Setter(fonts, layout, root=Path(issue.path))
    findings: list[Finding] = []
    pages: list[PageLayout] = []
    results: list[ArticleResult] = []
    carry: list = []
    for i, page in enumerate(issue.pages):
        page_no = i + 1
        geo = page_geometry(layout, page_no)
        tpl = _template(layout, page, i)
        a = geo.area
        items: list[Item] = []
        top = a.y
        bottom = a.y + a.h
        if tpl.masthead:
            its, h = masthead(setter, issue, a, findings)
            items += its
            top += h
            if layout.masthead.credits == "footer":
                its, h = footer_credits(setter, issue, a)
                items += its
                bottom -= h
        elif tpl.header:
            its, h = page_header(setter, issue, page_no, page, a)
            items += its
            top += h
        grid = PageGrid.for_area(a.x, top, a.w, bottom - top, layout.grid.columns, layout.grid.gutter_pt,
                                 layout.grid.baseline_pt)
        nxt = page_no + 1 if page_no < len(issue.pages) else None
        page_items, page_results, hole, carry = place_stories(setter, page, page_no, grid, tpl, findings, proof,
                                                              tuple(carry), nxt)
        area, h_cols, h_lines, h_top = hole
        total_cells = grid.columns * grid.lines
        if total_cells and area / total_cells > MAX_HOLE_SHARE and page_no < len(issue.pages):
            findings.append(Finding("warning", "page-hole",
                                    f"page {page_no}: {h_cols} columns × {h_lines} lines empty from line {h_top + 1} "
                                    f"({100 * area / total_cells:.1f}% of the type area); add text or a photo, "
                                    f"or move a story to this page", page=page_no))
        if tpl.background:
            b = layout.page.bleed_pt
            items.insert(0, BoxItem(-b, -b, geo.width + 2 * b, geo.height + 2 * b, stroke=None, fill=tpl.background))
        if proof:
            items += grid_overlay(grid)
        items += page_items
        results = merge_results(results, page_results)
        n_art = len(page.articles)
        summary = f"page {page_no} {page.title}: {n_art} article{'s' if n_art != 1 else ''}"
        over = sum(r.overset_chars for r in page_results)
        if over:
            summary += f", {over} characters overset"
        pages.append(PageLayout(page_no, geo.width, geo.height, tuple(items), (a.x, a.y, a.w, a.h),
                                title=page.title, summary=summary))
    where = {r.file: r.pages[0] for r in results if r.pages}
    findings = [f if f.page is not None or f.article not in where else Finding(
        f.severity, f.code, f.message, where[f.article], f.article) for f in findings]
    for m in setter.missing:
        findings.append(Finding("error", "glyph-missing",
                                f"{m.ch!r} (U+{ord(m.ch):04X}) has no glyph in any face of font role '{m.role}'; "
                                f"set as a marked box", page=where.get(m.where), article=m.where))
    return DocumentLayout(tuple(pages), tuple(_dedupe(findings)), tuple(results), title=issue.paper.name), setter


def merge_results(done: list[ArticleResult], new: list[ArticleResult]) -> list[ArticleResult]:
    """One result per article: a continuation adds its page and decides the final status."""
    out = list(done)
    index = {r.file: k for k, r in enumerate(out)}
    for r in new:
        if r.file in index:
            old = out[index[r.file]]
            out[index[r.file]] = ArticleResult(old.file, old.title, old.pages + r.pages,
                                               r.status if r.status == "overset" else "continued",
                                               r.overset_chars, old.body_lines + r.body_lines)
        else:
            index[r.file] = len(out)
            out.append(r)
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.code, f.message, f.article)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def place_stories(setter: Setter, page, page_no: int, grid: PageGrid, tpl, findings: list[Finding],
                  proof: bool = False, carried: tuple[Story, ...] = (), next_page: int | None = None
                  ) -> tuple[list[Item], list[ArticleResult], tuple[int, int, int, int], list[Story]]:
    """Slotted stories in their slots, then the rest (and stories carried over from the page before)
    arranged in the free area below them. Returns the stories to carry to `next_page`."""
    layout = setter.layout
    C = grid.columns
    items: list[Item] = []
    results: list[ArticleResult] = []
    slots = {s.name: s for s in tpl.slots}
    plans: list[tuple[ModulePlan, int, int, int]] = []  # plan, col, line, lines
    free_line = 0
    # grid lines between two stacked stories; the separator rule (if any) sits in the middle of them
    gap = max(0, layout.blocks.space_lines)
    pending = []
    lead_first = False
    bleeding: set[str] = set()
    for art in page.articles:
        story = build_story(setter, art, grid.col_w, display_path(art.path, setter.root))
        s = slots.get(art.slot) if art.slot else None
        if s is not None and s.bleed:
            bleeding.add(story.file)
        if s is not None and s.column == 0 and s.line == 0 and s.span >= C and not s.lines and not pending \
                and not plans:
            lead_first = True  # a 头条 across the page, as tall as it needs: placed with the rest
            pending.append(story)
        elif s is not None:
            span = max(1, min(s.span, C - s.column))
            max_lines = s.lines if s.lines else grid.lines - s.line
            plan = plan_module(setter, story, span, grid, max_lines, findings)
            if s.lines:
                plan = fit_module(setter, story, span, grid, s.lines, findings, plan)
            lines = s.lines or plan.lines
            plans.append((plan, s.column, s.line, lines))
            free_line = max(free_line, s.line + lines + gap)
        else:
            pending.append(story)
    pending += list(carried)
    natural_cache: dict[tuple[int, int], ModulePlan] = {}
    fit_cache: dict[tuple[int, int, int], ModulePlan] = {}

    def photo_choices(story: Story, span: int) -> list[int | None]:
        # photos whose width the article leaves open may take fewer or more columns than the default
        if not any(p.width is None for p in story.article.photos):
            return [None]
        return sorted({min(span, c) for c in (default_cols, 1, default_cols + 1)})

    def natural(i: int, span: int) -> ModulePlan:
        """The story at its own height in `span` columns: the shortest shape its photo widths allow."""
        if (i, span) not in natural_cache:
            plans = [plan_module(setter, pending[i], span, grid, grid.lines, findings, 0, None, cols)
                     for cols in photo_choices(pending[i], span)]
            natural_cache[(i, span)] = min(plans, key=lambda p: (p.overset_chars, p.lines))
        return natural_cache[(i, span)]

    default_cols = layout.blocks.photo_columns_default

    def fit(i: int, span: int, lines: int) -> ModulePlan:
        key = (i, span, lines)
        if key not in fit_cache:
            nat = natural(i, span)
            story = pending[i]
            best: ModulePlan | None = None
            for cols in photo_choices(story, span):
                first = nat if cols == nat.photo_choice else \
                    plan_module(setter, story, span, grid, grid.lines, findings, 0, nat.headline, cols)
                if first.lines > lines or first.fill.placed < len(story.units):
                    first = plan_module(setter, story, span, grid, lines, findings, 0, nat.headline, cols)
                cand = fit_module(setter, story, span, grid, lines, findings, first)
                if best is None or (cand.overset_chars, abs(lines - cand.lines)) < \
                        (best.overset_chars, abs(lines - best.lines)):
                    best = cand
            fit_cache[key] = best
        return fit_cache[key]

    _, placed = arrange(len(pending), C, grid.lines - free_line, natural, fit, lead_first, gap)
    for p in placed:
        plans.append((p.plan, p.col, free_line + p.line, p.lines))
    carry: list[Story] = []
    moved: set[str] = set()
    if next_page is not None:
        for k, (plan, col, line0, lines) in enumerate(plans):
            if plan.fill.placed == 0 and plan.story.units:
                carry.append(plan.story)  # not a line fits here: the whole story moves to the next page
                moved.add(plan.story.file)
            elif plan.overset_chars:
                split = split_for_jump(setter, plan, grid, lines, page_no, next_page, findings)
                if split is not None:
                    plans[k] = (split[0], col, line0, lines)
                    carry.append(split[1])
    continued = {s_.file for s_ in carry}
    drawn: list[tuple[ModulePlan, int, int, int]] = []
    sep = layout.blocks
    for plan, col, line0, lines in sorted(plans, key=lambda p: (p[2], p[1])):
        if plan.story.file in moved:
            continue
        if plan.fill.placed == 0 and plan.story.units:
            # not one line of it fits: no headline over an empty module, the whole story is overset
            over = plan.story.char_count if plan.story.continued_from is None else plan.overset_chars
            findings.append(Finding("error", "text-overset", f"{plan.story.file}: {over} characters do not fit "
                                    f"on page {page_no}", page=page_no, article=plan.story.file))
            results.append(ArticleResult(plan.story.file, plan.story.title, (), "overset", over, 0))
            continue
        drawn.append((plan, col, line0, lines))
        module_items = draw_module(plan, grid, col, line0, lines)
        if plan.story.file in bleeding:
            module_items = bleed_photos(module_items, grid, layout.page.width_pt, layout.page.bleed_pt)
        items += module_items
        if sep.separator == "rule":
            items += separators(grid, plan, col, line0, lines, sep.rule_pt, gap)
        frames = [it for it in module_items if isinstance(it, ImageItem)]
        for ph, it in zip((ph for row in plan.photo_rows for ph in row), frames):
            findings += photo_findings(setter, ph, (it.width_pt, it.height_pt))
        over = plan.overset_chars
        if proof:
            items.append(slot_frame(grid, col, plan.span, line0, lines))
            if over:
                items.append(overset_marker(grid, col, plan.span, line0, lines))
        if over:
            findings.append(Finding("error", "text-overset",
                                    f"{plan.story.file}: {over} characters do not fit on page {page_no}",
                                    page=page_no, article=plan.story.file))
        body = sum(1 for u in plan.story.units[:plan.fill.placed] if u.kind == "line")
        status = "overset" if over else ("continued" if plan.story.file in continued else "fit")
        results.append(ArticleResult(plan.story.file, plan.story.title, (page_no,), status, over, body))
    order = {display_path(a.path, setter.root): k for k, a in enumerate(page.articles)}
    results.sort(key=lambda r: order.get(r.file, len(order)))
    if layout.grid.column_rule_pt > 0:
        items += column_rules(grid, drawn, layout.grid.column_rule_pt)
    return items, results, largest_empty(occupancy(C, grid.lines, drawn)), carry


def bleed_photos(items: list[Item], grid: PageGrid, page_w: float, bleed: float) -> list[Item]:
    """Photos of the module's first row that touch the type area's left or right edge run out to the bleed."""
    photos = [it for it in items if isinstance(it, ImageItem)]
    if not photos:
        return items
    top = min(p.y_pt for p in photos)
    out: list[Item] = []
    for it in items:
        if isinstance(it, ImageItem) and abs(it.y_pt - top) < 0.01:
            x0, x1 = it.x_pt, it.x_pt + it.width_pt
            if abs(x0 - grid.left) < 0.01:
                x0 = -bleed
            if abs(x1 - (grid.left + grid.width)) < 0.01:
                x1 = page_w + bleed
            it = replace(it, x_pt=x0, width_pt=x1 - x0)
        out.append(it)
    return out


def separators(grid: PageGrid, plan: ModulePlan, col: int, line0: int, lines: int, width: float,
               gap: int = 1) -> list[Item]:
    """Rules in the space between modules: above a module that does not start the page, and at
    the left of one that does not start at the first column."""
    out: list[Item] = []
    x0 = grid.col_x(col)
    x1 = x0 + grid.span_width(plan.span)
    if line0 > 0:
        y = grid.line_y(line0) - grid.baseline * gap / 2
        out.append(RuleItem(x0, y, x1, y, width_pt=width))
    if col > 0:
        x = x0 - grid.gutter / 2
        out.append(RuleItem(x, grid.line_y(line0), x, grid.line_y(line0 + lines), width_pt=width))
    return out


def column_rules(grid: PageGrid, plans, width_pt: float) -> list[Item]:
    """Thin rules in the gutters between a module's legs, beside the body only (never across a photo)."""
    out: list[Item] = []
    for plan, col, line0, lines in plans:
        body_top = line0 + plan.head_lines
        bot = grid.line_y(line0 + plan.lines)
        for c in range(1, plan.span):
            start = body_top + max(plan.photo_lines[c - 1], plan.photo_lines[c])
            top = grid.line_y(start)
            if bot - top < grid.baseline:
                continue
            x = grid.col_x(col + c) - grid.gutter / 2
            out.append(RuleItem(x, top, x, bot, width_pt=width_pt))
    return out
