"""Measure an article's photos on the grid: whole columns wide, whole lines tall, caption under each."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..limits import MAX_IMAGE_PIXELS
from ..text.types import Line
from .items import Finding
from .story import grid_lines_for
from .typeset import Setter, display_path

# When a picture can't be read we still keep its frame at a common photo shape (4:3 landscape).
FALLBACK_ASPECT = 3 / 4
MAX_PIXELS = MAX_IMAGE_PIXELS  # decompression bombs are refused before decoding (limits.py)


@dataclass(frozen=True)
class PhotoPlan:
    """One photo's frame in grid units and its caption lines, relative to its row."""

    src: Path
    ok: bool
    columns: int
    photo_lines: int
    caption: tuple[Line, ...]
    caption_lines: int
    px: tuple[int, int] | None
    width_pt: float = 0.0
    finding: Finding | None = None  # from reading the file (missing, unreadable, too large)
    where: str = ""

    @property
    def lines(self) -> int:
        return self.photo_lines + self.caption_lines


_PROBED: dict[tuple[str, str], tuple[bool, tuple[int, int] | None, Finding | None]] = {}


def probe(src: Path, where: str, root: Path | None = None) -> tuple[bool, tuple[int, int] | None, Finding | None]:
    """Can the picture be drawn? Returns (ok, pixel size, finding); decoded once per file and article."""
    try:
        stamp = f"{src.stat().st_mtime_ns}:{src.stat().st_size}"
    except OSError:
        stamp = "absent"
    key = (f"{src}|{stamp}", where)
    if key not in _PROBED:
        _PROBED[key] = _probe(src, where, display_path(src, root))
    return _PROBED[key]


def _probe(src: Path, where: str, shown: str) -> tuple[bool, tuple[int, int] | None, Finding | None]:
    if not src.is_file():
        return False, None, Finding("error", "image-missing", f"{shown}: image file not found", article=where)
    try:
        with warnings.catch_warnings():
            # our own limit (MAX_PIXELS) decides, before decoding; Pillow's warning would only be noise
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(src)
    except Image.DecompressionBombError:
        return False, None, Finding("error", "image-too-large", f"{shown}: more pixels than the limit of "
                                    f"{MAX_PIXELS:,}; scale it down", article=where)
    except Exception as exc:  # any decoder error is the same finding for the editor
        return False, None, Finding("error", "image-unreadable", f"{shown}: cannot read the picture ({exc})",
                                    article=where)
    try:
        with im:
            size = im.size
            if size[0] * size[1] > MAX_PIXELS:
                return False, size, Finding("error", "image-too-large",
                                            f"{shown}: {size[0]}×{size[1]} pixels is over the limit of "
                                            f"{MAX_PIXELS:,} pixels; scale it down", article=where)
            im.load()
    except Exception as exc:  # any decoder error is the same finding for the editor
        return False, None, Finding("error", "image-unreadable", f"{shown}: cannot read the picture ({exc})",
                                    article=where)
    return True, size, None


def plan_photo(setter: Setter, photo, columns: int, col_w: float, gutter: float, where: str) -> PhotoPlan:
    """Measure a photo `columns` wide: its height on the grid from its shape, and its caption lines.

    Page placement measures the same photo at the same width many times: measured once per setter.
    """
    key = ("photo", photo.src, photo.caption, photo.credit, columns, col_w, gutter, where)
    cache = setter.cache
    if key not in cache:
        cache[key] = _plan_photo(setter, photo, columns, col_w, gutter, where)
    return cache[key]


def _plan_photo(setter: Setter, photo, columns: int, col_w: float, gutter: float, where: str) -> PhotoPlan:
    layout = setter.layout
    B = layout.grid.baseline_pt
    width = columns * col_w + (columns - 1) * gutter
    ok, px, finding = probe(photo.src, where, setter.root)
    aspect = (px[1] / px[0]) if (ok and px and px[0]) else FALLBACK_ASPECT
    photo_lines = max(2, round(width * aspect / B))
    caption = photo.caption or ""
    if photo.credit:
        caption += f"（{photo.credit} 摄）"
    cap_lines: tuple[Line, ...] = ()
    n_cap = 0
    if caption:
        style = layout.blocks.caption_style
        st = layout.styles[style]
        cap_lines = setter.set(caption, style, width, where, indent_em=0)
        n_cap = grid_lines_for(len(cap_lines) * st.leading_pt + st.space_before_pt + st.space_after_pt, B)
    return PhotoPlan(photo.src, ok, columns, photo_lines, cap_lines, n_cap, px, width, finding, where)


def photo_findings(setter: Setter, p: PhotoPlan) -> list[Finding]:
    """Findings for a photo as it is finally placed: unreadable, or too few pixels for its frame."""
    out = [p.finding] if p.finding else []
    if p.ok and p.px:
        height = p.photo_lines * setter.layout.grid.baseline_pt
        # the frame is filled by cropping: the picture is scaled by the larger of the two ratios
        scale = max(p.width_pt / p.px[0], height / p.px[1])
        ppi = 72.0 / scale
        rules = setter.layout.images
        shown = display_path(p.src, setter.root)
        size = f"{p.width_pt / 72 * 25.4:.0f} × {height / 72 * 25.4:.0f} mm"
        if ppi < rules.warn_ppi:
            out.append(Finding("error", "image-low-resolution", f"{shown}: {ppi:.0f} ppi at {size} "
                               f"(minimum {rules.min_ppi:.0f} ppi, {rules.warn_ppi:.0f} at the least)", article=p.where))
        elif ppi < rules.min_ppi:
            out.append(Finding("warning", "image-low-resolution",
                               f"{shown}: {ppi:.0f} ppi at {size} (below {rules.min_ppi:.0f} ppi)", article=p.where))
    return out
