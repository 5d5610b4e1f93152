"""Lay out a whole issue: furniture first, then each page's stories as modules on its grid, in order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import progress
from .furniture import Area, footer_credits, masthead, page_header
from .grid import PageGrid
from .holes import MAX_HOLE_SHARE, largest_empty, occupancy
from .items import ArticleResult, BoxItem, DocumentLayout, Finding, ImageItem, Item, PageLayout, RuleItem
from .module import ModulePlan, draw_module, fit_module, plan_module
from .overlay import grid_overlay, overset_marker, slot_frame
from .figure import figure_findings, figures_left_out
from .photos import photo_findings
from .jumps import JumpRecord, body_lines, end_at_sentence, split_for_jump
from .placement import arrange
from .flow import leg_lines
from .story import Story, build_story
from .table import table_findings
from .table_span import foot_lines
from .paracache import ParagraphCache
from .typeset import Setter, article_langs, display_path



# A continuation that cannot jump again and does not fit whole moves on to a later page, unless its
# module holds more than this share of the page: moving it would leave that much of the page empty.
KEEP_PARTIAL_SHARE = 2 * MAX_HOLE_SHARE


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


def compose_issue(issue, fonts, proof: bool = False,
                  paragraphs: ParagraphCache | None = None) -> tuple[DocumentLayout, Setter]:
    """Every page of the issue; findings for missing glyphs, images and overset text. `paragraphs`
    holds paragraphs set before (by an earlier compose, or loaded from disk); it gains this one's."""
    layout = issue.layout
    setter = Setter(fonts, layout, root=Path(issue.path), paragraphs=paragraphs or ParagraphCache())
    setter.langs.update(article_langs(issue.pages, setter.root))
    findings: list[Finding] = []
    pages: list[PageLayout] = []
    results: list[ArticleResult] = []
    carry: list = []
    planned: list[tuple[Geometry, object, list[Item], PagePlan]] = []
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
            if h > a.h:
                findings.append(Finding("error", "masthead-too-tall",
                                        f"page {page_no}: the masthead is {h:.0f} pt tall, more than the page's "
                                        f"{a.h:.0f} pt type area (paper.name has {len(issue.paper.name)} characters); "
                                        f"what runs past the page's foot is not printed", page=page_no))
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
        pp, carry = place_stories(setter, page, page_no, grid, tpl, findings, tuple(carry), nxt)
        planned.append((geo, tpl, items, pp))
        progress.note("pages set", page_no, len(issue.pages))
    resolve_jumps(setter, [pp for *_, pp in planned])
    for geo, tpl, items, pp in planned:
        page, page_no, grid = pp.page, pp.page_no, pp.grid
        page_items, page_results, hole = draw_stories(setter, pp, findings, proof)
        area, h_cols, h_lines, h_top = hole
        total_cells = grid.columns * grid.lines
        if total_cells and area / total_cells > MAX_HOLE_SHARE:
            findings.append(hole_finding(setter, grid, page_no, hole))
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
        left_out = sum(1 for f in findings if f.code == "image-not-placed" and f.page == page_no)
        if left_out:
            summary += f", {left_out} photo{'s' if left_out != 1 else ''} not placed"
        a = geo.area
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
                  carried: tuple[Story, ...] = (), next_page: int | None = None) -> tuple[PagePlan, list[Story]]:
    """Slotted stories in their slots, then the rest (and stories carried over from the pages before)
    arranged in the free area below them. Returns the page's plan and the stories to carry to `next_page`:
    the rest of each story that jumps, and continuations this page has no room for (they move on whole).
    """
    layout = setter.layout
    C = grid.columns
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
            # a slot ends at the page's last line whatever its `lines` say: nothing is drawn below the page
            room = max(0, grid.lines - s.line)
            slot_lines = min(s.lines, room) if s.lines else 0
            max_lines = slot_lines if s.lines else room
            plan = plan_module(setter, story, span, grid, max_lines, findings)
            if slot_lines:
                plan = fit_module(setter, story, span, grid, slot_lines, findings, plan)
            lines = slot_lines if s.lines else min(plan.lines, room)
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
            natural_cache[(i, span)] = min(plans, key=lambda p: (len(p.dropped), p.overset_chars, p.lines))
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
                if best is None or (len(cand.dropped), cand.overset_chars, abs(lines - cand.lines)) < \
                        (len(best.dropped), best.overset_chars, abs(lines - best.lines)):
                    best = cand
            fit_cache[key] = best
        return fit_cache[key]

    carry: list[Story] = []
    min_lines, max_jumps = layout.flow.min_jump_lines, layout.flow.max_jumps
    cells = C * grid.lines
    while True:
        _, placed = arrange(len(pending), C, grid.lines - free_line, natural, fit, lead_first, gap,
                            grid.col_w / layout.styles["body"].size_pt)
        # the page's own stories come first: while one of them does not fit, no continuation is printed here
        own_over = any(p.plan.overset_chars for p in placed if pending[p.story].continued_from is None)
        # a continuation whose module is a real share of the page stays, overset, rather than leave a hole
        short = [p.story for p in placed if pending[p.story].continued_from is not None and (own_over or not
                 worth_printing(pending[p.story], p.plan, min_lines, max_jumps,
                                next_page is not None and p.span * p.lines < KEEP_PARTIAL_SHARE * cells))]
        if not short:
            break
        for k in sorted(short, reverse=True):
            carry.insert(0, pending.pop(k))
        for cache in (natural_cache, fit_cache):
            for key in [key for key in cache if key[0] >= min(short)]:
                del cache[key]
    for p in placed:
        plans.append((p.plan, p.col, free_line + p.line, p.lines))
    # no lines left under the slots (or the masthead fills the page): the stories the search could not
    # place get a plan with no room, so they move on or are reported overset like any story that does not fit
    for k in sorted(set(range(len(pending))) - {p.story for p in placed}):
        plans.append((plan_module(setter, pending[k], C, grid, 0, findings), 0, grid.lines, 0))
    pp = PagePlan(page_no, page, grid, [], bleeding)
    for plan, col, line0, lines in sorted(plans, key=lambda p: (p[2], p[1])):
        if (plan.fill.placed == 0 and plan.story.units or lines <= 0) and next_page is not None:
            carry.append(plan.story)  # not a line fits here: the whole story moves to the next page
            continue
        if plan.overset_chars:
            split = split_for_jump(setter, plan, grid, lines, page_no, next_page, findings) \
                if next_page is not None else None
            if split is not None:
                pp.jumps.append(JumpRecord(plan.story.file, page_no, len(pp.plans), plan, grid.col_w))
                plan = split[0]
                carry.append(split[1])
            else:
                plan = end_at_sentence(plan)
        pp.plans.append((plan, col, line0, lines))
    return pp, carry


def worth_printing(story: Story, plan: ModulePlan, min_lines: int, max_jumps: int, more_pages: bool) -> bool:
    """May this page print (part of) a continuation? Only a real part of the story (`flow.min_jump_lines`
    lines, or all of it), and, before the last page, only all of it unless it may jump once more: else it
    moves on whole to a later page with more room."""
    if story.continued_from is None:
        return True
    printed = body_lines(story.units[:plan.fill.placed])
    if printed < min(min_lines, body_lines(story.units)):
        return False
    return not (more_pages and plan.overset_chars and story.jumps >= max_jumps)


@dataclass
class PagePlan:
    """A page's modules as placed, before drawing: jump lines are set again once every page is placed."""

    page_no: int
    page: object  # model.PageSpec
    grid: PageGrid
    plans: list[tuple[ModulePlan, int, int, int]]  # plan, column, first line, lines
    bleeding: set[str]
    jumps: list[JumpRecord] = field(default_factory=list)
    continued: set[str] = field(default_factory=set)  # stories whose jump landed on a later page


def resolve_jumps(setter: Setter, pages: list[PagePlan]) -> None:
    """Name the page each continuation is printed on in its jump line, and undo jumps whose
    continuation is printed nowhere (the story then ends on its page at a sentence end, overset)."""
    landed: dict[tuple[str, int], int] = {}
    for pp in pages:
        for plan, *_ in pp.plans:
            if plan.story.continued_from is not None and plan.fill.placed > 0:
                landed.setdefault((plan.story.file, plan.story.continued_from), pp.page_no)
    for pp in pages:
        for rec in pp.jumps:
            plan, col, line0, lines = pp.plans[rec.index]
            target = landed.get((rec.file, pp.page_no))
            if target is None:
                pp.plans[rec.index] = (rec.undo(), col, line0, lines)
            else:
                pp.plans[rec.index] = (rec.land(setter, plan, target), col, line0, lines)
                pp.continued.add(rec.file)


def draw_stories(setter: Setter, pp: PagePlan, findings: list[Finding], proof: bool = False
                 ) -> tuple[list[Item], list[ArticleResult], tuple[int, int, int, int]]:
    """Items, article results and the largest hole of a planned page."""
    layout = setter.layout
    grid, page_no, page = pp.grid, pp.page_no, pp.page
    items: list[Item] = []
    results: list[ArticleResult] = []
    drawn: list[tuple[ModulePlan, int, int, int]] = []
    sep = layout.blocks
    gap = max(0, layout.blocks.space_lines)
    for plan, col, line0, lines in pp.plans:
        if plan.fill.placed == 0 and plan.story.units or lines <= 0:
            if plan.story.continued_from is not None:
                continue  # a continuation with no room anywhere: its jump was undone, counted where it began
            # not one line of it fits: no headline over an empty module, the whole story is overset
            over = plan.story.char_count
            findings.append(Finding("error", "text-overset", f"{plan.story.file}: {over} characters do not fit "
                                    f"on page {page_no}", page=page_no, article=plan.story.file))
            findings += photos_not_placed(setter, plan.story, page_no, plan.story.article.photos)
            findings += figure_findings(setter, plan.story, 0, page_no)
            results.append(ArticleResult(plan.story.file, plan.story.title, (), "overset", over, 0))
            continue
        # the rule between stories stays at the top of the region, whatever space the story stands below it
        region = (line0, lines)
        drop = settle(plan, line0, lines, grid.lines)
        line0, lines = line0 + drop, lines - drop
        drawn.append((plan, col, line0, lines))
        module_items = draw_module(plan, grid, col, line0, lines)
        if plan.story.file in pp.bleeding:
            module_items = bleed_photos(module_items, grid, layout.page.width_pt, layout.page.bleed_pt)
        items += module_items
        if sep.separator == "rule":
            items += separators(grid, plan, col, *region, sep.rule_pt, gap)
        frames = [it for it in module_items if isinstance(it, ImageItem)]
        for ph, it in zip((ph for row in plan.photo_rows for ph in row), frames):
            findings += photo_findings(setter, ph, (it.width_pt, it.height_pt))
        findings += figure_findings(setter, plan.story, plan.fill.placed, page_no)
        over = plan.overset_chars
        if proof:
            items.append(slot_frame(grid, col, plan.span, line0, lines))
            if over:
                items.append(overset_end(grid, plan, col, line0))
        if over:
            findings.append(Finding("error", "text-overset",
                                    f"{plan.story.file}: {over} characters do not fit on page {page_no}",
                                    page=page_no, article=plan.story.file))
        findings += photos_not_placed(setter, plan.story, page_no, plan.dropped)
        findings += table_findings(setter, plan, grid.col_w, grid.span_width(plan.span))
        body = sum(1 for u in plan.story.units[:plan.fill.placed] if u.kind == "line")
        left_out = plan.dropped or figures_left_out(plan.story, plan.fill.placed)
        status = "overset" if over or left_out else ("continued" if plan.story.file in pp.continued else "fit")
        results.append(ArticleResult(plan.story.file, plan.story.title, (page_no,), status, over, body))
    order = {display_path(a.path, setter.root): k for k, a in enumerate(page.articles)}
    results.sort(key=lambda r: order.get(r.file, len(order)))
    if layout.grid.column_rule_pt > 0:
        items += column_rules(grid, drawn, layout.grid.column_rule_pt)
    return items, results, largest_empty(occupancy(grid.columns, grid.lines, drawn))


def photos_not_placed(setter: Setter, story: Story, page_no: int, photos) -> list[Finding]:
    """An `image-not-placed` error for each photo of the story the page has no room for (its caption goes
    with it): never a photo left out without a word."""
    out = []
    for ph in photos:
        name = display_path(Path(ph.src), setter.root)
        out.append(Finding("error", "image-not-placed",
                           f"{name} ({story.file}): no room for the photo and its caption on page {page_no}; "
                           f"not printed", page=page_no, article=story.file))
    return out


def settle(plan: ModulePlan, line0: int, lines: int, page_lines: int) -> int:
    """How many grid lines a story stands below the top of its region, when the region is taller than the
    story: none at the top of the page; at the foot of the page, all of them (columns end level with the
    page's foot); between two stories, half (the spare space is shared above and below it, not pooled
    under one story)."""
    spare = max(0, lines - plan.lines)
    if line0 == 0 or not spare:
        return 0
    return spare if line0 + lines >= page_lines else spare // 2


def overset_end(grid: PageGrid, plan: ModulePlan, col: int, line0: int) -> Item:
    """The proof's overset sign where the story's last printed line ends."""
    units = plan.story.units
    last = max((c for c, (a, b) in enumerate(plan.fill.ranges) if b > a), default=0)
    a, b = plan.fill.ranges[last] if plan.fill.ranges else (0, 0)
    end = line0 + plan.head_lines + plan.photo_lines[last] + leg_lines(units, a, b)
    return overset_marker(grid, col + last, 1, line0, max(1, end - line0))


def hole_finding(setter: Setter, grid: PageGrid, page_no: int, hole: tuple[int, int, int, int]) -> Finding:
    """A page's largest empty area, with how much text would fill it (body characters per column line)."""
    area, cols, lines, top = hole
    body = setter.layout.styles["body"]
    per_line = max(1, int(grid.col_w / body.size_pt))
    share = 100 * area / (grid.columns * grid.lines)
    return Finding("warning", "page-hole",
                   f"page {page_no}: {cols} columns × {lines} lines empty from line {top + 1} ({share:.1f}% of "
                   f"the type area, about {area * per_line} characters of text would fill it); add text or a "
                   f"photo, or move a story to this page", page=page_no)


def bleed_photos(items: list[Item], grid: PageGrid, page_w: float, bleed: float) -> list[Item]:
    """Photos of the module's first row that touch the type area's left or right edge run out to the bleed."""
    photos = [it for it in items if isinstance(it, ImageItem) and it.role != "figure"]
    if not photos:
        return items
    top = min(p.y_pt for p in photos)
    out: list[Item] = []
    for it in items:
        if isinstance(it, ImageItem) and it.role != "figure" and abs(it.y_pt - top) < 0.01:
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
        bot = grid.line_y(line0 + plan.lines - foot_lines(plan))  # not through a table across the module
        for c in range(1, plan.span):
            start = body_top + max(plan.photo_lines[c - 1], plan.photo_lines[c])
            top = grid.line_y(start)
            if bot - top < grid.baseline:
                continue
            x = grid.col_x(col + c) - grid.gutter / 2
            out.append(RuleItem(x, top, x, bot, width_pt=width_pt))
    return out
