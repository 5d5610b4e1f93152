"""A picture in the text (`![caption](src)`): one unbreakable unit of the story a column wide, its frame on
whole grid lines, its caption under it, a line of space before the text goes on; and its findings."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .crop import crop_shares, keeps_orientation
from .flow import Fill, balance, leg_lines, unit_kinds
from .items import Finding, ImageItem, Item, TextLine, shifted
from .photos import CROP_WARN_SHARE, FALLBACK_PX, MIN_FRAME_LINES, PhotoPlan, photo_findings, plan_photo, probe
from .story import Story, Unit
from .typeset import Setter, baseline_offset, display_path

# Grid lines of space between the caption (or the picture) and the text that follows (the brief's rule).
SPACE_BELOW_LINES = 1
# A picture in the text is at most this share of the page's type area tall: a portrait 1:3 a column
# wide would fill a whole leg (and could never be placed where a masthead shortens the page); taller
# pictures are printed narrower than the column, centred, at this height.
MAX_HEIGHT_SHARE = 0.5
KIND = "figure"


def figure_unit(setter: Setter, photo, measure_pt: float, where: str) -> Unit:
    """The figure as a unit of the story: frame, caption and the space under them, laid out from (0, 0)."""
    layout = setter.layout
    B = layout.grid.baseline_pt
    plan = plan_photo(setter, photo, 1, measure_pt, 0.0, where)
    shape = plan.px if (plan.ok and plan.px and plan.px[0] and plan.px[1]) else FALLBACK_PX
    page = layout.page
    most = max(MIN_FRAME_LINES, math.floor(MAX_HEIGHT_SHARE * (page.height_pt - page.margin_top_pt
                                                              - page.margin_bottom_pt) / B))
    # the frame's top edge where the characters of a body line in its first grid line would start (the em
    # box centred in the leading): level with the text tops of the columns beside it, and the body's own
    # line gap below the text above (5 pt on a4-3col; at the top of the line it touched the descenders)
    air = max(0.0, (B - setter.style("body").size_pt) / 2)
    lines, width = frame_on_grid(shape, measure_pt, B, air, layout.images.max_crop, most)
    x = (measure_pt - width) / 2
    items: list[Item] = [ImageItem(x, air, width, lines * B - air, photo.src, plan.ok, label=photo.src.name,
                                   article=where, px=plan.px if plan.ok else None, focus=plan.focus, role=KIND)]
    caption, caption_lines = plan.caption, plan.caption_lines
    if width < measure_pt - 0.01 and caption:  # a narrower frame: the caption at its width, under it
        narrow = plan_photo(setter, photo, 1, width, 0.0, where)
        caption, caption_lines = narrow.caption, narrow.caption_lines
    cy = lines * B
    lead = B if len(caption) <= 1 else caption_lines * B / len(caption)
    for ln in caption:
        size = max((g.size_pt for g in ln.glyphs), default=B)
        items.append(TextLine(x, cy + baseline_offset(lead, size), ln, role="caption", article=where))
        cy += lead
    return Unit(KIND, (), lines + caption_lines + SPACE_BELOW_LINES, layout.blocks.caption_style, B,
                drawn=tuple(items))


def frame_on_grid(px: tuple[int, int], width: float, B: float, air: float, max_crop: float,
                  most: int) -> tuple[int, float]:
    """(grid lines, frame width) of a picture in the text: the whole lines whose frame (less `air` at its
    top) cuts the least of the picture and keeps its orientation, as a head photo's natural frame does;
    at most `most` lines, the frame then narrower than the column where the crop would pass max_crop."""
    exact = width * px[1] / px[0] + air
    last = max(MIN_FRAME_LINES, math.ceil(exact / B / max(1e-6, 1 - max_crop)) + 1)
    cands = range(MIN_FRAME_LINES, last + 1)

    def cut(n: int) -> float:
        return max(crop_shares(px, width, n * B - air))

    upright = [n for n in cands if keeps_orientation(px, width, n * B - air)] or list(cands)
    lines = min(upright, key=lambda n: (round(cut(n), 9), n))
    if lines <= most:
        return lines, width
    if cut(most) <= max_crop + 1e-9 and keeps_orientation(px, width, most * B - air):
        return most, width
    return most, min(width, (most * B - air) * px[0] / px[1])


def is_figure(u: Unit) -> bool:
    return u.kind == KIND


def _frame(u: Unit) -> ImageItem | None:
    return next((it for it in u.drawn if isinstance(it, ImageItem)), None)


def figure_findings(setter: Setter, story: Story, placed: int, page_no: int | None) -> list[Finding]:
    """Findings of a story's figures as printed (missing, unreadable, low resolution, cut), and an
    `image-not-placed` error for each figure among the units that are not printed (units[placed:])."""
    out: list[Finding] = []
    for k, u in enumerate(story.units):
        it = _frame(u) if is_figure(u) else None
        if it is None or it.path is None:
            continue
        if k >= placed:
            name = display_path(Path(it.path), setter.root)
            out.append(Finding("error", "image-not-placed", f"{name} ({story.file}): no room for the photo and its "
                               f"caption on page {page_no}; not printed", page=page_no, article=story.file))
            continue
        ok, px, finding = probe(Path(it.path), story.file, setter.root)
        plan = PhotoPlan(Path(it.path), ok, 1, 0, (), 0, px, it.width_pt, finding, story.file)
        out += photo_findings(setter, plan, (it.width_pt, it.height_pt))
    return out


def figures_left_out(story: Story, placed: int) -> bool:
    """Is a figure among the units not printed? (A story that leaves one out is not `fit`.)"""
    return any(is_figure(u) for u in story.units[placed:])


def fit_figures(setter: Setter, story: Story, caps_at: Callable[[int], Sequence[int]], avail: int, h: int,
                f: Fill) -> tuple[Story, int, Fill]:
    """The story with its figures fitted to the legs the balance gave it, and its new balance.

    A figure that opens a leg while the leg before it has a few lines left is made that much shorter to
    end that leg (cutting at most CROP_WARN_SHARE of it, orientation kept), instead of leaving
    the lines empty; a figure taller than the module's tallest leg is printed that tall, narrower. The
    result is kept only when it places as much of the story in no more lines."""
    if KIND not in unit_kinds(story.units):
        return story, h, f
    units = list(story.units)
    caps = caps_at(h)
    for c, (a, b) in enumerate(f.ranges[:-1]):
        if b < len(units) and b > a and is_figure(units[b]):
            room = caps[c] - leg_lines(units, a, b)
            if 0 < room < units[b].grid_lines:
                units[b] = _shorter(setter, units[b], units[b].grid_lines - room, narrower=False) or units[b]
    tallest = max(caps_at(avail), default=0)
    for k, u in enumerate(units):
        if is_figure(u) and u.grid_lines > tallest:
            units[k] = _shorter(setter, u, u.grid_lines - tallest, narrower=True) or u
    if tuple(units) == story.units:
        return story, h, f
    fitted = replace(story, units=tuple(units))
    h2, f2 = balance(fitted.units, caps_at, avail)
    if f2.placed > f.placed or (f2.placed == f.placed and h2 <= h):
        return fitted, h2, f2
    return story, h, f


def _shorter(setter: Setter, u: Unit, lines: int, narrower: bool) -> Unit | None:
    """The figure `lines` grid lines shorter: its frame cut within CROP_WARN_SHARE (or, with `narrower`,
    scaled down narrower than its column, centred), its caption moved up with it; None if it cannot be."""
    frame = _frame(u)
    if frame is None or lines <= 0:
        return None
    B = setter.layout.grid.baseline_pt
    px = frame.px or FALLBACK_PX
    height = frame.height_pt - lines * B
    if height < MIN_FRAME_LINES * B - (B - setter.style("body").size_pt):
        return None
    width, x = frame.width_pt, frame.x_pt
    # a shorter frame cuts no more than a cut the report stays silent about (image-cropped starts above it)
    if max(crop_shares(px, width, height)) > min(setter.layout.images.max_crop, CROP_WARN_SHARE) + 1e-9 or \
            not keeps_orientation(px, width, height):
        if not narrower:
            return None
        width = min(width, height * px[0] / px[1])
        x = frame.x_pt + (frame.width_pt - width) / 2
    drawn = tuple(replace(it, x_pt=x, width_pt=width, height_pt=height) if it is frame else
                  shifted(it, 0.0, -lines * B) for it in u.drawn)
    return replace(u, grid_lines=u.grid_lines - lines, drawn=drawn)
