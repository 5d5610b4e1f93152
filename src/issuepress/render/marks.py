"""Printer's marks outside the bleed: crop marks, registration targets and the slug line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from . import colors

MM = 72.0 / 25.4
# Room outside the bleed for every mark: 10 mm crop marks plus a little air; the slug fits in the same band.
MARK_SPACE_PT = 12 * MM
# Crop marks: 10 mm long is the common length in Chinese and European print shops, long enough to cut on.
CROP_MARK_LEN_PT = 10 * MM
# A hairline that still images on plate: 0.25 pt is the usual crop-mark weight.
MARK_LINE_PT = 0.25
# Registration target: a 5 mm circle and a cross reaching 1.5 mm beyond it, centred in the mark band.
TARGET_RADIUS_PT = 2.5 * MM
TARGET_ARM_PT = 4 * MM
# Slug text: 6 pt (小六 is 6.5 pt) reads under a loupe and fits the band; never shrunk below 4 pt.
SLUG_SIZE_PT = 6.0
SLUG_MIN_SIZE_PT = 4.0
# Horizontal air between the slug and the crop mark on its left and the target on its right.
SLUG_GAP_PT = 2 * MM
# Fallback only: Helvetica is a base-14 font that is never embedded, so preflight rejects it in print
# mode (font-not-embedded). Callers in print mode always pass a registered, embedded face.
FALLBACK_FONT = "Helvetica"

Box = tuple[float, float, float, float]


def crop_mark_lines(trim: Box, bleed_pt: float) -> list[Box]:
    """The eight crop-mark segments (x1, y1, x2, y2) in PDF coordinates, two per corner.

    Each starts at the bleed edge plus half the line width, so the stroke stays wholly outside the
    BleedBox, and runs CROP_MARK_LEN_PT outwards along the trim line it marks.
    """
    x0, y0, x1, y1 = trim
    off = bleed_pt + MARK_LINE_PT / 2
    far = off + CROP_MARK_LEN_PT
    out: list[Box] = []
    for x, sx in ((x0, -1.0), (x1, 1.0)):
        for y, sy in ((y0, -1.0), (y1, 1.0)):
            out.append((x + sx * off, y, x + sx * far, y))  # horizontal, on the trim's y
            out.append((x, y + sy * off, x, y + sy * far))  # vertical, on the trim's x
    return out


def target_centres(trim: Box, bleed_pt: float, mark_space_pt: float = MARK_SPACE_PT) -> list[tuple[float, float]]:
    """Centres of the four registration targets (bottom, right, top, left): mid-side, mid-band."""
    x0, y0, x1, y1 = trim
    d = bleed_pt + mark_space_pt / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return [(cx, y0 - d), (x1 + d, cy), (cx, y1 + d), (x0 - d, cy)]


def _draw_target(c: Canvas, x: float, y: float) -> None:
    c.circle(x, y, TARGET_RADIUS_PT, stroke=1, fill=0)
    c.line(x - TARGET_ARM_PT, y, x + TARGET_ARM_PT, y)
    c.line(x, y - TARGET_ARM_PT, x, y + TARGET_ARM_PT)


def _has_char(font: object, ch: str) -> bool:
    if isinstance(font, TTFont):
        return ord(ch) in font.face.charToGlyph
    try:
        ch.encode("cp1252")  # ReportLab sets base-14 fonts in WinAnsiEncoding
    except UnicodeEncodeError:
        return False
    return True


def font_lacks(font_name: str, text: str) -> str:
    """The characters of `text` the registered font cannot show (in order, each once)."""
    font = pdfmetrics.getFont(font_name)
    seen: list[str] = []
    for ch in text:
        if not ch.isspace() and ch not in seen and not _has_char(font, ch):
            seen.append(ch)
    return "".join(seen)


def _fit_size(text: str, font_name: str, room_pt: float) -> float | None:
    """The slug size that fits `room_pt` (at most SLUG_SIZE_PT), or None when even the minimum is too wide."""
    width = pdfmetrics.stringWidth(text, font_name, SLUG_SIZE_PT)
    if width <= room_pt or width == 0:
        return SLUG_SIZE_PT
    size = SLUG_SIZE_PT * room_pt / width
    return size if size >= SLUG_MIN_SIZE_PT else None


def _truncate(text: str, font_name: str, room_pt: float) -> str:
    """Cut the slug's end (the least useful part, the time) so it fits at the minimum size."""
    tail = "…" if not font_lacks(font_name, "…") else "..."

    def fits(n: int) -> bool:
        return pdfmetrics.stringWidth(text[:n] + tail, font_name, SLUG_MIN_SIZE_PT) <= room_pt

    # The longest prefix that fits, found by halving: widths grow with the prefix, and a paper name of
    # 20,000 characters cut one character at a time took 39 s of measuring.
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + tail


def slug_placement(trim: Box, text: str, font_name: str) -> tuple[float, float, str, bool]:
    """(x, size, text, bottom target kept): the slug runs from the left crop mark to the bottom target.

    On a page too narrow for that, the slug takes the whole width between the crop marks and the
    bottom target is left out (the other three still register the plates); past that it is cut.
    """
    x0, _, x1, _ = trim
    left = x0 + SLUG_GAP_PT
    size = _fit_size(text, font_name, (x0 + x1) / 2 - TARGET_ARM_PT - SLUG_GAP_PT - left)
    if size is not None:
        return left, size, text, True
    room = x1 - SLUG_GAP_PT - left
    size = _fit_size(text, font_name, room)
    if size is None:
        return left, SLUG_MIN_SIZE_PT, _truncate(text, font_name, room), False
    return left, size, text, False


def draw_marks(c: Canvas, trim: Box, bleed_pt: float, slug: str, font_name: str | None,
               mark_space_pt: float = MARK_SPACE_PT, registration: bool = True) -> str:
    """Draw crop marks, registration targets and the slug around `trim` (PDF coordinates, y up).

    Everything is in the registration colour (it must show on every plate) and outside the BleedBox.
    The slug sits bottom-left, between the left crop mark and the bottom target (see slug_placement).
    `font_name` is a registered ReportLab font; None falls back to Helvetica (proofs only: see
    FALLBACK_FONT). Returns the slug characters the font lacks; they are left out of the slug.
    """
    font = font_name or FALLBACK_FONT
    c.saveState()
    c.setStrokeColorCMYK(*colors.REGISTRATION)
    c.setFillColorCMYK(*colors.REGISTRATION)
    c.setLineWidth(MARK_LINE_PT)
    c.setDash()
    for x1, y1, x2, y2 in crop_mark_lines(trim, bleed_pt):
        c.line(x1, y1, x2, y2)
    lacking = font_lacks(font, slug) if slug else ""
    text = "".join(ch for ch in slug if ch not in lacking).strip()
    keep_bottom_target = True
    if text:
        x, size, text, keep_bottom_target = slug_placement(trim, text, font)
        baseline = trim[1] - bleed_pt - mark_space_pt / 2 - size * 0.35  # optically centred on the band
        c.setFont(font, size)
        c.drawString(x, baseline, text)
    centres = target_centres(trim, bleed_pt, mark_space_pt)
    for x, y in (centres if keep_bottom_target else centres[1:]) if registration else ():
        _draw_target(c, x, y)
    c.restoreState()
    return lacking


def format_slug(*, paper: str, issue: str, page: int | str, date: str, file: str, composed: datetime) -> str:
    """The slug line's text: what a printer needs to tell one plate from another.

    Only the paper, issue and 第…版 are Chinese, so a face subset to the issue's text can show it.
    """
    when = composed.strftime("%Y-%m-%d %H:%M")
    return f"{paper}  {issue}  第{page}版  {date}  {file}  {when}"


class _PageLike(Protocol):
    number: int
    width_pt: float
    height_pt: float


def marks_hook(bleed_pt: float, slug_for: Callable[[Any], str], font_name: str | None,
               mark_space_pt: float = MARK_SPACE_PT) -> Callable[[Canvas, Any, Any], None]:
    """A `page_hook` for render_pdf: marks around each page's trim, placed as render_pdf places it.

    render_pdf puts the trim at (pad, pad, pad + w, pad + h) with pad = bleed + mark space.
    """
    pad = bleed_pt + mark_space_pt

    def hook(c: Canvas, page: _PageLike, writer: object) -> None:
        trim = (pad, pad, pad + page.width_pt, pad + page.height_pt)
        draw_marks(c, trim, bleed_pt, slug_for(page), font_name, mark_space_pt)

    return hook
