"""A galley proof: one article at the width of one body column, on as many pages as it needs."""

from __future__ import annotations

from .compose import page_geometry
from .figure import figure_findings
from .grid import PageGrid
from .items import ArticleResult, DocumentLayout, Finding, Item, PageLayout, TextLine, shifted
from .module import headline_items, photo_items, unit_items
from .photos import photo_findings, plan_photo
from .story import Unit, build_story, set_headline
from .typeset import Setter

# Body lines are numbered every this many lines in the margin, as proofreaders count them.
LINE_NUMBER_EVERY = 5
# Gap between the column and the line numbers in the left margin, and the width they are set in.
NUMBER_GAP_PT = 6.0
NUMBER_WIDTH_PT = 40.0


def galley(article, layout, fonts) -> tuple[DocumentLayout, Setter]:
    """Set the article's headline and body in one column of the layout's body measure."""
    setter = Setter(fonts, layout)
    geo = page_geometry(layout, 1)
    a = geo.area
    full = PageGrid.for_area(a.x, a.y, a.w, a.h, layout.grid.columns, layout.grid.gutter_pt,
                             layout.grid.baseline_pt)
    col_w = full.col_w
    where = str(article.path)
    if getattr(article, "lang", None):
        setter.langs[where] = article.lang
    story = build_story(setter, article, col_w, where)
    head = set_headline(setter, article, col_w, 1, layout.title_sizes, where)
    B = layout.grid.baseline_pt
    pages: list[PageLayout] = []
    items: list[Item] = []
    line = 0
    page_no = 1
    body_no = 0

    def new_page() -> None:
        nonlocal items, line, page_no
        pages.append(PageLayout(page_no, geo.width, geo.height, tuple(items), (a.x, a.y, col_w, a.h),
                                title=story.title, summary=f"galley page {page_no}"))
        items = []
        line = 0
        page_no += 1

    # headline block
    items += headline_items(head, a.x, a.y, B, where)
    line = head.grid_lines + (1 if head.grid_lines else 0)
    findings: list[Finding] = []
    for photo in article.photos:
        plan = plan_photo(setter, photo, 1, col_w, full.gutter, where)
        findings += photo_findings(setter, plan)
        if line + plan.lines > full.lines and line > 0:
            new_page()
        items += photo_items(plan, a.x, full.line_y(line), col_w, B, where)
        line += plan.lines + 1
    prev: tuple[Unit, int] | None = None  # the unit before and its line, to close a table's part
    for u in story.units:
        if line + u.grid_lines > full.lines and line > 0:
            if prev is not None and prev[0].close and prev[0].para == u.para:
                items += [shifted(it, a.x, full.line_y(prev[1])) for it in prev[0].close]
            new_page()
            for head_row in u.repeat:  # a table going on at the top of the page: its header row again
                items += unit_items(head_row, a.x, full.line_y(line), col_w, B, where)
                line += head_row.grid_lines
        prev = (u, line)
        unit = unit_items(u, a.x, full.line_y(line), col_w, B, where)
        items += unit
        if u.kind in ("line", "note", "quote"):
            for t in unit:
                if not isinstance(t, TextLine):
                    continue
                body_no += 1
                if body_no % LINE_NUMBER_EVERY == 0:
                    num = setter.set(str(body_no), "line_number", NUMBER_WIDTH_PT, "galley", indent_em=0,
                                     align="right")
                    items.append(TextLine(a.x - NUMBER_GAP_PT - NUMBER_WIDTH_PT, t.y_pt, num[0],
                                          role="line_number"))
        line += u.grid_lines
    new_page()
    findings += figure_findings(setter, story, len(story.units), None)
    findings += [Finding("error", "glyph-missing",
                        f"{m.ch!r} (U+{ord(m.ch):04X}) has no glyph in any face of font role '{m.role}'; set as a "
                        f"marked box", article=m.where) for m in setter.missing]
    result = ArticleResult(where, story.title, tuple(p.number for p in pages), "fit", 0, body_no)
    return DocumentLayout(tuple(pages), tuple(findings), (result,), title=story.title), setter
