"""Page furniture: the front-page masthead with its 报眼, and the header of every inner page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..load.calendar import date_line
from .items import BoxItem, Finding, ImageItem, Item, QrItem, RuleItem, TextLine
from .photos import probe
from .typeset import Setter, baseline_offset

FURNITURE = "furniture"
# Space between the masthead (or header) rule and the first grid line of the type area.
RULE_GAP_PT = 6.0
# A QR code scans well from 20 mm; a lone code in a wide 报眼 need not be larger than this.
QR_MAX_PT = 28 * 72 / 25.4
# Ideographic space between the parts of a date or issue line, as papers set them.
SEP = "　"


@dataclass(frozen=True)
class Area:
    """A rectangle in pt, top-left origin."""

    x: float
    y: float
    w: float
    h: float


def _line_items(setter: Setter, text: str, style: str, x: float, y: float, w: float,
                align: str, where: str = "masthead") -> tuple[list[Item], float]:
    """Set `text` in `style` at width w from top y; returns items and the height used."""
    st = setter.style(style)
    lines = setter.set(text, style, w, where, indent_em=0, align=align)
    items: list[Item] = []
    for ln in lines:
        items.append(TextLine(x, y + baseline_offset(st.leading_pt, st.size_pt), ln, role=FURNITURE))
        y += st.leading_pt
    return items, len(lines) * st.leading_pt


def credits_text(issue) -> str:
    parts = []
    for role, names in issue.credits:
        parts.append(f"{role}：{' '.join(names)}")
    return SEP.join(parts)


def issue_line(issue) -> str:
    s = f"第{issue.info.number}期"
    if issue.info.total:
        s += f"{SEP}总第{issue.info.total}期"
    return s


def _logo(setter: Setter, paper, x: float, y: float, max_w: float, height: float,
          findings: list[Finding] | None) -> ImageItem | None:
    """The paper's logo art at the masthead's logo height; None (the name is set instead) when unreadable."""
    if not getattr(paper, "logo", None):
        return None
    ok, px, finding = probe(Path(paper.logo), "masthead", setter.root)
    if finding is not None and findings is not None:
        findings.append(finding)
    if not ok or not px:
        return None
    w = min(max_w, height * px[0] / px[1])
    return ImageItem(x, y, w, w * px[1] / px[0], Path(paper.logo), True, label="logo")


def masthead(setter: Setter, issue, area: Area,
             findings: list[Finding] | None = None) -> tuple[list[Item], float]:
    """The front-page 报头: name, tagline, issue and date lines, credits, and the 报眼 box at right.

    Returns the items and the height taken including the rule under it.
    """
    layout = setter.layout
    mh = layout.masthead
    items: list[Item] = []
    gutter = layout.grid.gutter_pt
    col_w = (area.w - (layout.grid.columns - 1) * gutter) / layout.grid.columns
    eye = mh.eye
    if eye == "qr" and not issue.extras_qr and len(issue.pages) > 1:
        eye = "contents"  # no QR codes this issue: the 报眼 carries the contents rather than stay empty
    eye_w = col_w if ((eye == "qr" and issue.extras_qr) or (eye == "contents" and len(issue.pages) > 1)) \
        else 0.0
    left_w = area.w - (eye_w + gutter if eye_w else 0.0)
    y = area.y
    paper = issue.paper
    logo = _logo(setter, paper, area.x, y, left_w, mh.logo_height_pt, findings)
    if logo is not None:
        items.append(logo)
        name_w, name_h = logo.width_pt, logo.height_pt + 4
    else:
        its, name_h = _line_items(setter, paper.name, mh.name_style, area.x, y, left_w, "left")
        items += its
        name_w = max((t.line.width_pt for t in its if isinstance(t, TextLine)), default=left_w)
    dl = date_line(issue.info.date)
    info = [t for t in (paper.tagline, paper.publisher) if t]
    lines = []
    if info:
        lines.append(SEP.join(info))
    lines.append(issue_line(issue))
    date_parts = [dl.gregorian, dl.weekday, dl.lunar] + ([dl.solar_term] if dl.solar_term else [])
    lines.append(SEP.join(date_parts))
    if getattr(paper, "licence", None):
        lines.append(paper.licence)
    if mh.credits == "masthead" and issue.credits:
        lines.append(credits_text(issue))
    # The issue and date lines stand beside the name when a column is free there (the usual 报头),
    # behind a thin rule; otherwise under it.
    beside = left_w - name_w - 2 * gutter
    info_st = setter.style(mh.info_style)
    # beside the name, each part on a line of its own: a lunar date is never broken
    stacked = [t for t in (paper.tagline, paper.publisher) if t] + [issue_line(issue), f"{dl.gregorian}{SEP}{dl.weekday}",
                                                                    dl.lunar]
    stacked += [dl.solar_term] if dl.solar_term else []
    stacked += [paper.licence] if getattr(paper, "licence", None) else []
    if mh.credits == "masthead":
        stacked += [f"{role}：{' '.join(names)}" for role, names in issue.credits]
    fits = all(len(setter.set(t, mh.info_style, beside, "masthead", indent_em=0)) == 1 for t in stacked) \
        if beside > 0 else False
    if fits and beside >= col_w * 0.9 and len(stacked) * info_st.leading_pt <= max(name_h, mh.height_pt):
        lines = stacked
        x = area.x + left_w - beside
        block_h = len(lines) * info_st.leading_pt
        iy = area.y + max(0.0, (name_h - block_h) / 2)
        items.append(RuleItem(x - gutter, iy, x - gutter, iy + block_h, width_pt=0.5))
        for text in lines:
            its, h = _line_items(setter, text, mh.info_style, x, iy, beside, "left")
            items += its
            iy += h
        y += max(name_h, block_h)
    else:
        y += name_h
        for text in lines:
            its, h = _line_items(setter, text, mh.info_style, area.x, y, left_w, "left")
            items += its
            y += h
    bottom = max(y, area.y + mh.height_pt)
    # a name and info lines shorter than the masthead's least height stand in the middle of it, not
    # over an empty band above the rule
    items = [shifted(it, (bottom - y) / 2) for it in items]
    if eye_w:
        eye_area = Area(area.x + area.w - eye_w, area.y, eye_w, mh.height_pt)
        eye_items, eye_h = (qr_eye if eye == "qr" else contents_eye)(setter, issue, eye_area)
        items += eye_items
        bottom = max(bottom, area.y + eye_h)
    items.append(RuleItem(area.x, bottom + 2, area.x + area.w, bottom + 2, width_pt=mh.rule_pt))
    return items, bottom + 2 - area.y + RULE_GAP_PT


def shifted(it: Item, dy: float) -> Item:
    """An item moved down by dy."""
    if not dy:
        return it
    if isinstance(it, RuleItem):
        return replace(it, y1_pt=it.y1_pt + dy, y2_pt=it.y2_pt + dy)
    if hasattr(it, "y_pt"):
        return replace(it, y_pt=it.y_pt + dy)  # type: ignore[type-var]
    return it


def qr_eye(setter: Setter, issue, area: Area) -> tuple[list[Item], float]:
    """The 报眼: a title line and the QR codes side by side, each with its label under it."""
    items: list[Item] = []
    y = area.y
    if issue.qr_title:
        its, h = _line_items(setter, issue.qr_title, "qr_label", area.x, y, area.w, "left")
        items += its
        y += h + 2
    n = len(issue.extras_qr)
    per_row = min(n, 3)
    gap = 4.0
    size = min(QR_MAX_PT, (area.w - (per_row - 1) * gap) / per_row)
    st = setter.style("qr_label")
    row_h = 0.0
    for i, qr in enumerate(issue.extras_qr):
        r, c = divmod(i, per_row)
        x = area.x + c * (size + gap)
        top = y + r * row_h if r else y
        items.append(QrItem(x, top, size, qr.data))
        its, h = _line_items(setter, qr.label, "qr_label", x, top + size + 1, size, "center")
        items += its
        row_h = max(row_h, size + 1 + h + gap)
    rows = (n + per_row - 1) // per_row
    return items, (y - area.y) + rows * row_h


def contents_eye(setter: Setter, issue, area: Area) -> tuple[list[Item], float]:
    """本期导读: the lead story of each inner page, in a box at the top right of page 1."""
    items: list[Item] = []
    pad = 4.0
    y = area.y + pad
    its, h = _line_items(setter, "本期导读", "qr_label", area.x + pad, y, area.w - 2 * pad, "left")
    items += its
    y += h + 2
    for n, page in enumerate(issue.pages[1:], start=2):
        if not page.articles:
            continue
        title = page.articles[0].title.replace("\n", " ")
        its, h = _line_items(setter, f"第{n}版{SEP}{title}", "qr_label", area.x + pad, y, area.w - 2 * pad, "left")
        items += its
        y += h
    items.insert(0, BoxItem(area.x, area.y, area.w, y - area.y + pad, stroke="black", stroke_pt=0.5))
    return items, y - area.y + pad


# A page-header text is set smaller, down to this share of its style's size, to keep the page title and
# the paper's line on one row; below it they stand on two rows instead (nothing is cut or overprinted).
HEADER_MIN_SCALE = 0.75
# Room to set a header text on one line to measure its natural width.
UNBOUNDED_PT = 1e5


def _natural_width(setter: Setter, text: str, style: str, size: float) -> float:
    """Width of `text` set on one line in `style` at `size` (first glyph to the last one's advance)."""
    lines = setter.set(text, style, UNBOUNDED_PT, "header", size_pt=size, indent_em=0, align="left")
    if not lines or not lines[0].glyphs:
        return 0.0
    return sum(ln.width_pt - ln.glyphs[0].x_pt for ln in lines if ln.glyphs)


def header_sizes(setter: Setter, title: str, info: str, width: float) -> tuple[float, float] | None:
    """Sizes of the page title and the paper's line that fit them side by side in `width`, one em of the
    info style apart: the info line shrinks first, then the title, each to HEADER_MIN_SCALE at most.
    None when even that is too wide (they then stand on two rows)."""
    ph = setter.layout.page_header
    t_size, i_size = setter.style(ph.title_style).size_pt, setter.style(ph.style).size_pt
    room = width - i_size
    tw = _natural_width(setter, title, ph.title_style, t_size)
    iw = _natural_width(setter, info, ph.style, i_size)
    if tw + iw <= room:
        return t_size, i_size
    scale_i = max(HEADER_MIN_SCALE, min(1.0, (room - tw) / iw)) if iw else 1.0
    iw2 = _natural_width(setter, info, ph.style, i_size * scale_i)
    scale_t = max(HEADER_MIN_SCALE, min(1.0, (room - iw2) / tw)) if tw else 1.0
    # a hair under the exact scale: widths of a smaller size are not quite proportional (rounding)
    for k in (scale_t, scale_t * 0.99):
        if _natural_width(setter, title, ph.title_style, t_size * k) + iw2 <= room:
            return t_size * k, i_size * scale_i
    return None


def header_info(issue, page) -> str:
    """The paper's line of a page header: name, date, weekday and every editor of the page."""
    dl = date_line(issue.info.date)
    right = f"{issue.paper.name}{SEP}{dl.gregorian}{SEP}{dl.weekday}"
    if page.editor:
        right += f"{SEP}责任编辑：{page.editor}"
    return right


def page_header(setter: Setter, issue, page_no: int, page, area: Area) -> tuple[list[Item], float]:
    """The 版头 of an inner page: 第N版 and the page title outside, paper name and date, editor, a rule.

    Both texts are printed whole: side by side when they fit (set smaller within HEADER_MIN_SCALE),
    else the paper's line on a row of its own under the title, the header growing by that row."""
    layout = setter.layout
    ph = layout.page_header
    outer_left = (page_no % 2 == 0) or not ph.mirror
    title = f"第{page_no}版{SEP}{page.title}"
    right = header_info(issue, page)
    t_st = setter.style(ph.title_style)
    i_st = setter.style(ph.style)
    items: list[Item] = []
    a1, a2 = ("left", "right") if outer_left else ("right", "left")
    sizes = header_sizes(setter, title, right, area.w)
    t_size, i_size = sizes or (t_st.size_pt, i_st.size_pt)
    t_lead = t_st.leading_pt * t_size / t_st.size_pt
    y = area.y
    for ln in setter.set(title, ph.title_style, area.w, "header", size_pt=t_size, indent_em=0, align=a1):
        items.append(TextLine(area.x, y + baseline_offset(t_lead, t_size), ln, role=FURNITURE))
        y += t_lead
    # side by side, the info line sits on the title's baseline; else it starts a row under the title
    iy = area.y + baseline_offset(t_lead, t_size) if sizes else y + baseline_offset(i_st.leading_pt, i_size)
    info = setter.set(right, ph.style, area.w, "header", size_pt=i_size, indent_em=0, align=a2)
    for ln in info:
        items.append(TextLine(area.x, iy, ln, role=FURNITURE))
        iy += i_st.leading_pt
    used = (y - area.y) if sizes else (y - area.y) + len(info) * i_st.leading_pt
    height = max(used, ph.height_pt - RULE_GAP_PT)
    items.append(RuleItem(area.x, area.y + height, area.x + area.w, area.y + height, width_pt=ph.rule_pt))
    return items, height + RULE_GAP_PT


def footer_credits(setter: Setter, issue, area: Area) -> tuple[list[Item], float]:
    """Credits at the foot of the front page when the layout puts them there."""
    text = credits_text(issue)
    if not text:
        return [], 0.0
    st = setter.style(setter.layout.masthead.credits_style) if hasattr(setter.layout.masthead, "credits_style") \
        else setter.style("masthead_credits")
    y = area.y + area.h - st.leading_pt
    its, h = _line_items(setter, text, "masthead_credits", area.x, y, area.w, "right")
    its.insert(0, RuleItem(area.x, y - 2, area.x + area.w, y - 2, width_pt=0.5))
    return its, h + 4
