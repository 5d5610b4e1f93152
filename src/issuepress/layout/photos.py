"""Measure an article's photos on the grid: whole columns wide, whole lines tall, caption under each."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from ..limits import MAX_IMAGE_PIXELS
from ..text.types import Line
from . import probe_cache
from .crop import crop_shares, keeps_orientation, print_ppi
from .items import Finding
from .story import grid_lines_for
from .typeset import Setter, display_path

# When a picture can't be read we still keep its frame at a common photo shape (4:3 landscape).
FALLBACK_PX = (4, 3)
# A frame is never shorter than this many grid lines (a strip is no photo).
MIN_FRAME_LINES = 2
# A crop above this share of the picture's width or height is reported (`image-cropped`): the editor
# should know a tenth of the picture is gone, even within images.max_crop.
CROP_WARN_SHARE = 0.10
# EXIF orientations 5–8 store the picture turned a quarter: its upright width is the stored height.
EXIF_ORIENTATION = 0x0112
QUARTER_TURNS = frozenset((5, 6, 7, 8))
MAX_PIXELS = MAX_IMAGE_PIXELS  # decompression bombs are refused before decoding (limits.py)


@dataclass(frozen=True)
class PhotoPlan:
    """One photo's frame in grid units and its caption lines, relative to its row.

    `photo_lines` is the frame's height; it may move between `min_lines` and `max_lines` (the frames
    that cut at most images.max_crop of the picture, keep its orientation, and are not enlarged below
    images.min_ppi) to fill a module. `natural_lines` is the frame that cuts the least.
    """

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
    natural_lines: int = 0
    min_lines: int = 0
    max_lines: int = 0
    focus: tuple[float, float] = (0.5, 0.5)
    asked: int | None = None  # columns the article asked for
    narrowed: str = ""  # why fewer columns than asked: "span" (the module) or "ppi" (too few pixels)
    asked_ppi: float = 0.0  # with narrowed == "ppi": the resolution one column wider would print at

    @property
    def lines(self) -> int:
        return self.photo_lines + self.caption_lines

    def resized(self, delta: int) -> PhotoPlan:
        """This photo `delta` grid lines taller (or shorter) than its natural frame, within its limits."""
        lines = max(self.min_lines, min(self.max_lines, self.natural_lines + delta))
        return self if lines == self.photo_lines else replace(self, photo_lines=lines)


_PROBED: dict[tuple[str, str], tuple[bool, tuple[int, int] | None, Finding | None]] = {}
# What decoding each file said, by file and stamp: the same picture in several articles (or the same
# article composed again in one process) is decoded once; each article still gets its own finding.
_DECODED: dict[str, tuple[bool, tuple[int, int] | None, str | None, str | None]] = {}


def probe(src: Path, where: str, root: Path | None = None) -> tuple[bool, tuple[int, int] | None, Finding | None]:
    """Can the picture be drawn? Returns (ok, upright pixel size, finding); decoded once per file and article."""
    try:  # inode and ctime too: a photo replaced by `cp -p` keeps its size and mtime
        st = src.stat()
        stamp = f"{st.st_mtime_ns}:{st.st_size}:{st.st_dev}:{st.st_ino}:{st.st_ctime_ns}"
    except OSError:
        stamp = "absent"
    key = (f"{src}|{stamp}", where)
    if key not in _PROBED:
        if key[0] not in _DECODED:
            _DECODED[key[0]] = _probe(src)
        ok, size, code, detail = _DECODED[key[0]]
        finding = Finding("error", code, f"{display_path(src, root)}: {detail}", article=where) if code else None
        _PROBED[key] = (ok, size, finding)
    return _PROBED[key]


def _probe(src: Path) -> tuple[bool, tuple[int, int] | None, str | None, str | None]:
    """(ok, upright size, finding code, what the finding says after the file name)."""
    if not src.is_file():
        return False, None, "image-missing", "image file not found"
    try:
        with warnings.catch_warnings():
            # our own limit (MAX_PIXELS) decides, before decoding; Pillow's warning would only be noise
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(src)
    except Image.DecompressionBombError:
        return False, None, "image-too-large", f"more pixels than the limit of {MAX_PIXELS:,}; scale it down"
    except Exception as exc:  # any decoder error is the same finding for the editor
        return False, None, "image-unreadable", f"cannot read the picture ({exc})"
    try:
        with im:
            size = im.size
            if size[0] * size[1] > MAX_PIXELS:
                return False, size, "image-too-large", (f"{size[0]}×{size[1]} pixels is over the limit of "
                                                        f"{MAX_PIXELS:,} pixels; scale it down")
            digest = probe_cache.file_digest(src)
            upright = probe_cache.known(digest)
            if upright is not None:
                return True, upright, None, None
            im.load()
            if im.getexif().get(EXIF_ORIENTATION, 1) in QUARTER_TURNS:
                size = (size[1], size[0])  # a phone picture held upright: print it upright
    except Exception as exc:  # any decoder error is the same finding for the editor
        return False, None, "image-unreadable", f"cannot read the picture ({exc})"
    probe_cache.remember(digest, size)
    return True, size, None, None


def frame_lines(px: tuple[int, int], width_pt: float, baseline: float, max_crop: float,
                min_ppi: float) -> tuple[int, int, int]:
    """(natural, fewest, most) grid lines of a frame `width_pt` wide for a picture of `px` pixels.

    Natural is the line count that crops least (grid rounding); the range holds the frames that cut
    at most `max_crop` of the width or height, keep the picture's orientation, and do not enlarge the
    picture below `min_ppi` beyond its natural frame.
    """
    exact = width_pt * px[1] / px[0] / baseline
    first = max(MIN_FRAME_LINES, math.floor(exact * (1 - max_crop)))
    last = max(first, math.ceil(exact / max(1e-6, 1 - max_crop)) + 1)

    def cut(n: int) -> float:
        return max(crop_shares(px, width_pt, n * baseline))

    cands = range(first, last + 1)
    upright = [n for n in cands if keeps_orientation(px, width_pt, n * baseline)] or list(cands)
    natural = min(upright, key=lambda n: (round(cut(n), 9), n))
    ok = [n for n in upright if cut(n) <= max_crop + 1e-9] or [natural]
    tall = [n for n in ok if n <= natural or print_ppi(px, width_pt, n * baseline) >= min_ppi]
    return natural, min(ok), max(tall)


def plan_photo(setter: Setter, photo, columns: int, col_w: float, gutter: float, where: str) -> PhotoPlan:
    """Measure a photo `columns` wide: its height on the grid from its shape, and its caption lines.

    Page placement measures the same photo at the same width many times: measured once per setter.
    """
    key = ("photo", photo.src, photo.caption, photo.credit, photo.focus, columns, col_w, gutter, where)
    cache = setter.cache
    if key not in cache:
        cache[key] = _plan_photo(setter, photo, columns, col_w, gutter, where)
    return cache[key]


def _plan_photo(setter: Setter, photo, columns: int, col_w: float, gutter: float, where: str) -> PhotoPlan:
    layout = setter.layout
    B = layout.grid.baseline_pt
    width = columns * col_w + (columns - 1) * gutter
    ok, px, finding = probe(photo.src, where, setter.root)
    shape = px if (ok and px and px[0] and px[1]) else FALLBACK_PX
    rules = layout.images
    natural, low, high = frame_lines(shape, width, B, rules.max_crop, rules.min_ppi if ok else 0.0)
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
    return PhotoPlan(photo.src, ok, columns, natural, cap_lines, n_cap, px, width, finding, where,
                     natural, low, high, tuple(photo.focus), photo.width)


def photo_at_width(setter: Setter, photo, span: int, preferred: int, col_w: float, gutter: float,
                   where: str) -> PhotoPlan:
    """The photo as wide as the article asks (else `preferred` columns), but no wider than the module
    and no wider than its pixels allow at images.min_ppi (1 column is the floor)."""
    key = ("photo-width", photo, span, preferred, col_w, gutter, where)
    cache = setter.cache
    if key in cache:
        return cache[key]
    want = max(1, photo.width or preferred)
    cols = min(span, want)
    reason = "span" if cols < want else ""
    wider_ppi = 0.0
    p = plan_photo(setter, photo, cols, col_w, gutter, where)
    B = setter.layout.grid.baseline_pt
    min_ppi = setter.layout.images.min_ppi
    while cols > 1 and p.ok and p.px and (ppi := print_ppi(p.px, p.width_pt, p.photo_lines * B)) < min_ppi:
        wider_ppi = ppi
        cols -= 1
        reason = "ppi"
        p = plan_photo(setter, photo, cols, col_w, gutter, where)
    if photo.width and cols < photo.width:
        p = replace(p, narrowed=reason, asked_ppi=wider_ppi if reason == "ppi" else 0.0)
    cache[key] = p
    return p


def photo_findings(setter: Setter, p: PhotoPlan, frame: tuple[float, float] | None = None) -> list[Finding]:
    """Findings for a photo as it is finally placed (`frame`: its drawn width and height in pt):
    unreadable, too few pixels, cut by more than CROP_WARN_SHARE, narrower than the article asked."""
    out = [p.finding] if p.finding else []
    rules = setter.layout.images
    shown = display_path(p.src, setter.root)
    B = setter.layout.grid.baseline_pt
    width, height = frame or (p.width_pt, p.photo_lines * B)
    if p.ok and p.px:
        ppi = print_ppi(p.px, width, height)
        size = f"{width / 72 * 25.4:.0f} × {height / 72 * 25.4:.0f} mm"
        if ppi < rules.warn_ppi:
            out.append(Finding("error", "image-low-resolution", f"{shown}: {ppi:.0f} ppi at {size} "
                               f"(minimum {rules.min_ppi:.0f} ppi, {rules.warn_ppi:.0f} at the least)", article=p.where))
        elif ppi < rules.min_ppi:
            out.append(Finding("warning", "image-low-resolution",
                               f"{shown}: {ppi:.0f} ppi at {size} (below {rules.min_ppi:.0f} ppi)", article=p.where))
        cut_w, cut_h = crop_shares(p.px, width, height)
        if max(cut_w, cut_h) > CROP_WARN_SHARE + 1e-9:
            side = "width" if cut_w > cut_h else "height"
            out.append(Finding("warning", "image-cropped", f"{shown}: {100 * max(cut_w, cut_h):.1f}% of its {side} "
                               f"cut away to fill a {size} frame", article=p.where))
    if p.narrowed and p.asked:
        why = (f"the story's module is {p.columns} column{'s' if p.columns > 1 else ''} wide" if p.narrowed == "span"
               else f"{p.columns + 1} or more columns would print it at {p.asked_ppi:.0f} ppi or less, "
                    f"below {rules.min_ppi:.0f}")
        out.append(Finding("warning", "photo-width", f"{shown}: asked for {p.asked} columns, printed "
                           f"{p.columns}: {why}", article=p.where))
    return out
