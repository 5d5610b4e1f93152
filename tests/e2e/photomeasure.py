"""Read the pictures placed in a composed PDF back and judge them against their source files.

The renderer (render/images.py) crops each picture to its frame in pixels (cover crop) and draws the
cropped pixels into the frame; so the pixels placed in the PDF are the part of the source that is
printed. Each placement is matched to its source picture by content (small grey thumbnails,
correlated, the crop's offset searched along the cut side), so the figures do not depend on what
the report says: the share cut from width and height, where the kept part lies (focus), whether a
portrait became a landscape or back, whether the picture was placed sideways (EXIF orientation not
applied), and its resolution at the printed size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image, ImageOps

# Thumbnails are compared at this many pixels on the long side: enough to tell photos apart and to
# find a crop's offset to a few per cent, cheap enough for a few hundred comparisons a page.
THUMB_PX = 32
# Crop offsets tried along the cut side (0 = kept part at the left/top edge, 1 = right/bottom).
OFFSET_STEPS = 21
# A placement whose best correlation is below this matched no source picture (a placeholder, a QR code).
MIN_MATCH = 0.6
# Sources are compared at this size (long side, px): cropping and shrinking stay cheap.
WORK_PX = 160
# Only sources whose centred or edge crop already correlates this well get the full offset search.
SEARCH_FROM = 0.3
# Aspect ratios closer than this (relative) are the same shape: no crop.
SAME_ASPECT = 0.005
# 1 inch in PostScript points.
PT_PER_INCH = 72.0


@dataclass(frozen=True)
class Placement:
    """One picture drawn on a page: its frame in trim coordinates (pt, top-left origin) and pixels."""

    page: int
    x0: float
    top: float
    width_pt: float
    height_pt: float
    pixels: tuple[int, int]  # width, height of the image placed in the PDF
    image: Image.Image | None  # the placed pixels (None when they could not be decoded)


@dataclass(frozen=True)
class PhotoFigure:
    """A placement judged against its source picture (EXIF orientation applied)."""

    page: int
    file: str | None  # the matched source, None when nothing matched
    frame_mm: tuple[float, float, float, float]  # x, y, w, h from the trim's top-left
    source_px: tuple[int, int]  # upright size of the source
    crop_w: float  # share of the source's width not printed
    crop_h: float  # share of the source's height not printed
    offset: float  # where the kept part lies along the cut side (0 left/top … 1 right/bottom)
    turned: bool  # a portrait printed as a landscape, or a landscape as a portrait
    sideways: bool  # the placed pixels match the source only unrotated: EXIF orientation ignored
    ppi: float  # source pixels across the printed width, per inch
    match: float  # correlation of the best match (1 = identical)

    @property
    def crop(self) -> float:
        return max(self.crop_w, self.crop_h)


def _matrix_mul(a: Sequence[float], b: Sequence[float]) -> tuple[float, ...]:
    """a then b, PDF matrices [a b c d e f]."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _images_in(content: pikepdf.Object, resources: pikepdf.Dictionary, ctm: tuple[float, ...],
               depth: int = 0) -> Iterable[tuple[pikepdf.Object, tuple[float, ...]]]:
    """(image XObject, matrix) for every image drawn by a content stream, form XObjects followed."""
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    stack, m = [], ctm
    for operands, op in pikepdf.parse_content_stream(content, "q Q cm Do"):
        name = str(op)
        if name == "q":
            stack.append(m)
        elif name == "Q":
            m = stack.pop() if stack else ctm
        elif name == "cm":
            m = _matrix_mul([float(v) for v in operands], m)
        elif name == "Do":
            xo = xobjects.get(operands[0]) if xobjects else None
            if xo is None:
                continue
            if xo.get("/Subtype") == "/Image":
                yield xo, m
            elif xo.get("/Subtype") == "/Form" and depth < 8:
                fm = [float(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                yield from _images_in(xo, xo.get("/Resources"), _matrix_mul(fm, m), depth + 1)


def read_placements(path: Path) -> tuple[Placement, ...]:
    """Every image drawn on every page (nested form XObjects included), in trim coordinates, with its
    pixels (grey, shrunk to WORK_PX: only matching needs them; `pixels` keeps the placed size).
    The content streams are walked with pikepdf: text is not parsed, so this is quick."""
    out = []
    with pikepdf.open(path) as pdf:
        for no, page in enumerate(pdf.pages, start=1):
            media = [float(v) for v in page.obj.get("/MediaBox")]
            trim = [float(v) for v in page.obj.get("/TrimBox", media)]
            for xo, m in _images_in(page.obj, page.obj.get("/Resources"), (1, 0, 0, 1, 0, 0)):
                xs = [m[4], m[4] + m[0], m[4] + m[2], m[4] + m[0] + m[2]]
                ys = [m[5], m[5] + m[1], m[5] + m[3], m[5] + m[1] + m[3]]
                try:
                    img = _grey(pikepdf.PdfImage(xo).as_pil_image())
                    img.thumbnail((WORK_PX, WORK_PX))
                except Exception:  # an image pikepdf cannot decode is reported without pixels
                    img = None
                out.append(Placement(no, min(xs) - trim[0], trim[3] - max(ys), max(xs) - min(xs), max(ys) - min(ys),
                                     (int(xo.get("/Width", 0)), int(xo.get("/Height", 0))), img))
    return tuple(out)


def _grey(img: Image.Image) -> Image.Image:
    """Luminance of any mode (a CMYK placement is converted naively: enough to correlate)."""
    return (img if img.mode == "L" else img.convert("RGB").convert("L"))


def _vector(img: Image.Image, size: tuple[int, int]) -> list[float]:
    """Pixels of the image at `size`, shifted to mean 0 and scaled to length 1."""
    px = list(_grey(img).resize(size, Image.BILINEAR).tobytes())  # mode L: one byte a pixel
    mean = sum(px) / len(px)
    dev = [p - mean for p in px]
    norm = sum(d * d for d in dev) ** 0.5 or 1.0
    return [d / norm for d in dev]


def _thumb_size(aspect: float) -> tuple[int, int]:
    if aspect >= 1:
        return THUMB_PX, max(4, round(THUMB_PX / aspect))
    return max(4, round(THUMB_PX * aspect)), THUMB_PX


def cover_window(src: tuple[int, int], aspect: float, offset: float) -> tuple[float, float, float, float]:
    """The part of a src-sized picture that a cover crop to `aspect` keeps, at `offset` along the cut
    side: (left, top, right, bottom) in pixels."""
    w, h = src
    have = w / h
    if have > aspect:  # too wide: the sides are cut
        nw = h * aspect
        left = (w - nw) * offset
        return left, 0.0, left + nw, float(h)
    nh = w / aspect
    top = (h - nh) * offset
    return 0.0, top, float(w), top + nh


def crop_shares(src: tuple[int, int], aspect: float) -> tuple[float, float]:
    """(share of width cut, share of height cut) when a src-sized picture is cover-cropped to aspect."""
    have = src[0] / src[1]
    if abs(have / aspect - 1) <= SAME_ASPECT:
        return 0.0, 0.0
    if have > aspect:
        return 1 - aspect / have, 0.0
    return 0.0, 1 - have / aspect


def is_turned(src: tuple[int, int], aspect: float) -> bool:
    """A portrait source printed wider than tall, or a landscape source printed taller than wide (a
    square on either side turns nothing)."""
    have = src[0] / src[1]
    return (have < 1 - SAME_ASPECT and aspect > 1 + SAME_ASPECT) or (have > 1 + SAME_ASPECT and aspect < 1 - SAME_ASPECT)


def best_offset(placed: Image.Image, source: Image.Image) -> tuple[float, float]:
    """(correlation, offset) of the cover crop of `source` that looks most like `placed`."""
    aspect = placed.width / placed.height
    size = _thumb_size(aspect)
    target = _vector(placed, size)

    def score(off: float) -> float:
        box = cover_window(source.size, aspect, off)
        cand = _vector(source.crop(tuple(round(v) for v in box)), size)
        return sum(a * b for a, b in zip(target, cand))

    if crop_shares(source.size, aspect) == (0.0, 0.0):
        return score(0.5), 0.5
    best = max((score(off), off) for off in (0.5, 0.0, 1.0))
    if best[0] < SEARCH_FROM:
        return best
    for i in range(OFFSET_STEPS):
        off = i / (OFFSET_STEPS - 1)
        s = score(off)
        if s > best[0]:
            best = (s, off)
    return best


@dataclass(frozen=True)
class Source:
    """A source picture as printed should show it (upright) and as stored (raw pixels); the images
    are shrunk to WORK_PX for matching, the sizes are the file's own."""

    file: str
    upright: Image.Image
    stored: Image.Image
    upright_px: tuple[int, int]
    stored_px: tuple[int, int]


def load_sources(paths: Iterable[tuple[str, Path]]) -> tuple[Source, ...]:
    """(name, path) pairs opened once; EXIF orientation applied for `upright`."""
    out = []
    for name, p in paths:
        try:
            with Image.open(p) as im:
                im.load()
                stored = im.copy()
                upright = ImageOps.exif_transpose(im)
        except Exception:  # a missing or broken file is simply not a candidate
            continue
        sizes = upright.size, stored.size
        for img in (upright, stored):
            img.thumbnail((WORK_PX, WORK_PX))
        out.append(Source(name, upright, stored, *sizes))
    return tuple(out)


def judge(p: Placement, sources: Sequence[Source]) -> PhotoFigure:
    """The placement's figures against the best-matching source (upright first, then as stored)."""
    frame_mm = tuple(round(v * 25.4 / PT_PER_INCH, 1) for v in (p.x0, p.top, p.width_pt, p.height_pt))
    best: tuple[float, float, Source | None, bool] = (-2.0, 0.5, None, False)
    if p.image is not None:
        for s in sources:
            for img, sideways in ((s.upright, False), (s.stored, True)):
                if sideways and s.stored_px == s.upright_px:
                    continue  # no orientation tag: nothing else to try
                score, off = best_offset(p.image, img)
                if score > best[0]:
                    best = (score, off, s, sideways)
    score, off, src, sideways = best
    aspect = p.width_pt / p.height_pt if p.height_pt else 1.0
    if src is None or score < MIN_MATCH:
        return PhotoFigure(p.page, None, frame_mm, (0, 0), 0.0, 0.0, 0.5, False, False, 0.0, max(score, 0.0))
    size = src.upright_px
    placed_from = src.stored_px if sideways else size  # a sideways picture was cut from the stored pixels
    cw, ch = crop_shares(placed_from, aspect)
    kept_px = placed_from[0] * (1 - cw)
    ppi = kept_px / (p.width_pt / PT_PER_INCH) if p.width_pt else 0.0
    return PhotoFigure(p.page, src.file, frame_mm, size, round(cw, 4), round(ch, 4), off, is_turned(size, aspect),
                       sideways, round(ppi, 1), round(score, 3))


def photo_figures(pdf: Path, sources: Sequence[Source], min_px: int = 16) -> tuple[PhotoFigure, ...]:
    """Every photo placed in the PDF, judged; images smaller than min_px on a side (rules, marks) skipped."""
    return tuple(judge(p, sources) for p in read_placements(pdf) if min(p.pixels) >= min_px)
