"""Preflight a written PDF: page boxes, embedded fonts, colours of text and paths, total ink, images."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..layout.items import Finding
from ..render.color import effective_ppi, ink_percent
from ..render.pdfx import Space, box, colorspace, contains, font_is_embedded, iter_fonts, open_pdf
from .codes import CODES, ERROR, WARNING

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
GRAY = Space("gray", False, 1)
# Text in four-colour black: clreq is silent; print shops flag K >= 90 % with any C, M or Y under it.
RICH_BLACK_K = 0.9
COLOUR_EPS = 1e-3  # a component this small is a rounding leftover, not ink
# Conservative text box in em around the baseline: no glyph reaches further than 1 em up or 0.3 em down,
# and none advances more than 1 em per byte of the string (2-byte CIDs: ½ em per glyph is still covered).
TEXT_ASCENT_EM, TEXT_DESCENT_EM = 1.0, 0.3
MM_PER_PT = 25.4 / 72
MAX_FORM_DEPTH = 12  # forms nest a few levels in practice; deeper means a cycle


@dataclass(frozen=True)
class PdfFinding:
    """One problem found in the PDF: stable `code`, 1-based page (None for the whole file)."""

    severity: str
    code: str
    page: int | None
    message: str


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: a point is transformed by m first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _bbox(points: list[tuple[float, float]], pad: float = 0.0) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def _overlaps(a: Box, b: Box, eps: float = 0.01) -> bool:
    return a[0] < b[2] - eps and a[2] > b[0] + eps and a[1] < b[3] - eps and a[3] > b[1] + eps


@dataclass
class _GState:
    ctm: Matrix = IDENTITY
    fill_space: Space = GRAY
    fill: tuple[float, ...] = (0.0,)
    stroke_space: Space = GRAY
    stroke: tuple[float, ...] = (0.0,)
    line_width: float = 1.0
    font_size: float = 0.0
    leading: float = 0.0
    render_mode: int = 0
    rise: float = 0.0


@dataclass
class _Scan:
    """Walks one page's content (and the forms it draws), collecting findings."""

    page_no: int
    clip: Box  # paint wholly outside this box (the BleedBox) is trimmed away and not checked
    trim: Box  # positions in messages are measured from its top-left corner, as editors measure
    print_mode: bool
    ink_limit: float
    min_ppi: float
    warn_ppi: float
    counts: Counter = field(default_factory=Counter)
    findings: list[PdfFinding] = field(default_factory=list)
    first_use: dict[tuple[int, int], int] = field(default_factory=dict)  # font object -> first page using it

    def run(self, owner: object, res: object, gs: _GState, depth: int = 0, stack: tuple = ()) -> None:
        gs = replace(gs)
        saved: list[_GState] = []
        path: list[tuple[float, float]] = []
        tm = tlm = IDENTITY
        lo = hi = 0.0  # where the text position may be after shows of unknown width (text space x)
        for operands, op_ in pikepdf.parse_content_stream(owner):
            op = str(op_)
            if op == "q":
                saved.append(replace(gs))
            elif op == "Q":
                if saved:
                    gs = saved.pop()
            elif op == "cm":
                gs.ctm = _mul(tuple(float(v) for v in operands), gs.ctm)  # type: ignore[arg-type]
            elif op == "w":
                gs.line_width = float(operands[0])
            elif op in ("g", "G", "rg", "RG", "k", "K"):
                space = {"g": GRAY, "rg": colorspace(Name.DeviceRGB), "k": colorspace(Name.DeviceCMYK)}[op.lower()]
                self._set_colour(gs, op.islower(), space, operands)
            elif op in ("cs", "CS"):
                space = colorspace(operands[0], res)
                self._set_colour(gs, op == "cs", space, [0.0] * space.n)
            elif op in ("sc", "scn", "SC", "SCN"):
                fill = op.islower()
                self._set_colour(gs, fill, gs.fill_space if fill else gs.stroke_space, operands)
            elif op == "BT":
                tm = tlm = IDENTITY
                lo = hi = 0.0
            elif op == "Tf":
                gs.font_size = float(operands[1])
                self._font_used(res, operands[0])
            elif op == "TL":
                gs.leading = float(operands[0])
            elif op == "Tr":
                gs.render_mode = int(operands[0])
            elif op == "Ts":
                gs.rise = float(operands[0])
            elif op in ("Td", "TD"):
                tx, ty = float(operands[0]), float(operands[1])
                if op == "TD":
                    gs.leading = -ty
                tm = tlm = _mul((1, 0, 0, 1, tx, ty), tlm)
                lo = hi = 0.0
            elif op == "Tm":
                tm = tlm = tuple(float(v) for v in operands)  # type: ignore[assignment]
                lo = hi = 0.0
            elif op in ("T*", "'", '"'):
                tm = tlm = _mul((1, 0, 0, 1, 0, -gs.leading), tlm)
                lo = hi = 0.0
            if op in ("Tj", "TJ", "'", '"'):
                n, shift = self._text_extent(operands[-1], gs.font_size)
                self._text(gs, tm, lo, hi + n * abs(gs.font_size))
                hi += n * abs(gs.font_size) + shift
                lo += min(shift, 0.0)
            elif op in ("m", "l"):
                path.append(_apply(gs.ctm, float(operands[0]), float(operands[1])))
            elif op in ("c", "v", "y"):
                vals = [float(v) for v in operands]
                path.extend(_apply(gs.ctm, vals[i], vals[i + 1]) for i in range(0, len(vals), 2))
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                path.extend(_apply(gs.ctm, px, py) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)))
            elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
                if path and op != "n":
                    self._path(gs, path, stroke=op in ("S", "s", "B", "B*", "b", "b*"),
                               fill=op not in ("S", "s"))
                path = []
            elif op == "Do":
                self._xobject(operands[0], res, gs, depth, stack)
            elif op == "INLINE IMAGE":
                img = operands[0]
                if not img.image_mask:
                    self._image("inline picture", img.width, img.height, _inline_space(img, res), gs.ctm)

    def _font_used(self, res: object, name: object) -> None:
        fonts = res.get("/Font") if isinstance(res, Dictionary) else None
        if isinstance(fonts, Dictionary) and isinstance(name, Name) and name in fonts:
            self.first_use.setdefault(fonts[name].objgen, self.page_no)

    def _set_colour(self, gs: _GState, fill: bool, space: Space, operands: object) -> None:
        vals = tuple(float(v) for v in operands if isinstance(v, (int, float, Decimal)))  # type: ignore[attr-defined]
        if fill:
            gs.fill_space, gs.fill = space, vals
        else:
            gs.stroke_space, gs.stroke = space, vals

    @staticmethod
    def _text_extent(arg: object, size: float) -> tuple[int, float]:
        """Bytes shown (an upper bound on em advanced) and the TJ adjustments in text space."""
        if isinstance(arg, Array):
            n, shift = 0, 0.0
            for part in arg:
                if isinstance(part, pikepdf.String):
                    n += len(bytes(part))
                else:
                    shift += -float(part) / 1000.0 * size
            return n, shift
        return (len(bytes(arg)) if isinstance(arg, pikepdf.String) else 0), 0.0

    def _text(self, gs: _GState, tm: Matrix, x0: float, x1: float) -> None:
        m = _mul(tm, gs.ctm)
        size = abs(gs.font_size)
        y0, y1 = gs.rise - TEXT_DESCENT_EM * size, gs.rise + TEXT_ASCENT_EM * size
        area = _bbox([_apply(m, x, y) for x in (x0, x1) for y in (y0, y1)])
        mode = gs.render_mode
        if mode in (0, 2, 4, 6):
            self._paint("text", gs.fill_space, gs.fill, area)
        if mode in (1, 2, 5, 6):
            self._paint("text", gs.stroke_space, gs.stroke, area)

    def _path(self, gs: _GState, pts: list[tuple[float, float]], *, stroke: bool, fill: bool) -> None:
        scale = math.sqrt(abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]))
        if fill:
            self._paint("path", gs.fill_space, gs.fill, _bbox(pts))
        if stroke:
            self._paint("path", gs.stroke_space, gs.stroke, _bbox(pts, gs.line_width * scale / 2))

    def _paint(self, what: str, space: Space, vals: tuple[float, ...], area: Box) -> None:
        if not self.print_mode:
            return
        if space.family == "rgb":
            self.counts[("rgb-content", what, _fmt(vals, "RGB"))] += 1
            return
        if space.family != "cmyk" or len(vals) != 4 or not _overlaps(area, self.clip):
            return
        ink = ink_percent(vals)  # type: ignore[arg-type]
        if ink > self.ink_limit + COLOUR_EPS:
            self.counts[("ink-over-limit", what, f"{_fmt(vals, 'CMYK')} = {ink:.0f}%")] += 1
        if what == "text" and vals[3] >= RICH_BLACK_K and sum(vals[:3]) > COLOUR_EPS:
            self.counts[("rich-black", what, _fmt(vals, "CMYK"))] += 1

    def _xobject(self, name: object, res: object, gs: _GState, depth: int, stack: tuple) -> None:
        xobjs = res.get("/XObject") if isinstance(res, Dictionary) else None
        if not isinstance(xobjs, Dictionary) or name not in xobjs:
            return
        xo = xobjs[name]
        if not isinstance(xo, pikepdf.Stream):
            return
        if xo.get("/Subtype") == Name.Image:
            if not xo.get("/ImageMask", False):
                space = colorspace(xo.get("/ColorSpace", Name.DeviceGray), res)
                self._image("picture", int(xo.Width), int(xo.Height), space, gs.ctm)
        elif xo.get("/Subtype") == Name.Form and depth < MAX_FORM_DEPTH and xo.objgen not in stack:
            matrix = tuple(float(v) for v in xo.get("/Matrix", Array(IDENTITY)))
            inner = replace(gs, ctm=_mul(matrix, gs.ctm))  # type: ignore[arg-type]
            self.run(xo, xo.get("/Resources", res), inner, depth + 1, stack + (xo.objgen,))

    def _image(self, label: str, px_w: int, px_h: int, space: Space, ctm: Matrix) -> None:
        w_pt, h_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
        ppi = effective_ppi(px_w, px_h, w_pt, h_pt)
        corners = [_apply(ctm, x, y) for x in (0, 1) for y in (0, 1)]
        left, top = min(p[0] for p in corners) - self.trim[0], self.trim[3] - max(p[1] for p in corners)
        where = (f"{label} {px_w}×{px_h} px, {w_pt * MM_PER_PT:.0f}×{h_pt * MM_PER_PT:.0f} mm, "
                 f"at x {left * MM_PER_PT:.0f} mm, y {top * MM_PER_PT:.0f} mm")
        if ppi < self.warn_ppi:
            self.add(ERROR, "image-low-resolution", f"{where}: {ppi:.0f} ppi, below the floor of "
                                                    f"{self.warn_ppi:.0f} ppi")
        elif ppi < self.min_ppi:
            self.add(WARNING, "image-low-resolution", f"{where}: {ppi:.0f} ppi, below {self.min_ppi:.0f} ppi")
        if self.print_mode and space.family == "rgb":
            self.add(CODES["image-rgb"].severity, "image-rgb",
                     f"{where}: {'ICC-based ' if space.icc else 'Device'}RGB picture in a print PDF")

    def add(self, severity: str, code: str, message: str) -> None:
        f = PdfFinding(severity, code, self.page_no, message)
        if f not in self.findings:
            self.findings.append(f)

    def collected(self) -> list[PdfFinding]:
        for (code, what, detail), n in sorted(self.counts.items()):
            self.add(CODES[code].severity, code, f"{n} {what} object{'s' if n > 1 else ''} painted in {detail}")
        return self.findings


def _inline_space(img: pikepdf.PdfInlineImage, res: object) -> Space:
    """An inline image's colour space; pikepdf names device spaces and resource names alike."""
    try:
        cs = img.colorspace
    except (NotImplementedError, ValueError, KeyError, pikepdf.PdfError):
        return Space("other", False, 1)
    return colorspace(Name(cs), res) if isinstance(cs, str) and cs.startswith("/") else Space("other", False, 1)


def _fmt(vals: tuple[float, ...], names: str) -> str:
    return " ".join(f"{n}{round(v * 100):d}" for n, v in zip(names, vals))


def _box_findings(pno: int, page: pikepdf.Page) -> list[PdfFinding]:
    out: list[PdfFinding] = []
    media, trim, bleed = box(page, "/MediaBox"), box(page, "/TrimBox"), box(page, "/BleedBox")
    for key, val in (("TrimBox", trim), ("BleedBox", bleed)):
        if val is None:
            out.append(PdfFinding(CODES["box-missing"].severity, "box-missing", pno, f"no {key} on the page"))
    if trim and bleed and not contains(bleed, trim):
        out.append(PdfFinding(ERROR, "box-missing", pno, "the TrimBox is not inside the BleedBox"))
    if bleed and media and not contains(media, bleed):
        out.append(PdfFinding(ERROR, "box-missing", pno, "the BleedBox is not inside the MediaBox"))
    return out


def check_pdf(path: Path, *, print_mode: bool, ink_limit: float = 300, min_ppi: float = 300,
              warn_ppi: float = 150) -> list[PdfFinding]:
    """Read the PDF back and report what a print shop would reject, in page order.

    Always: unembedded fonts and low-resolution pictures. In print mode also: page boxes, RGB text,
    paths and pictures, rich-black text and total ink above `ink_limit` (percent). Paint wholly
    outside the BleedBox (crop marks, the slug, all in registration colour) is exempt from the ink
    checks, since it is cut away.
    """
    findings: list[PdfFinding] = []
    first_use: dict[tuple[int, int], int] = {}
    with open_pdf(path) as pdf:
        for pno, page in enumerate(pdf.pages, start=1):
            if print_mode:
                findings.extend(_box_findings(pno, page))
            media = box(page, "/MediaBox")
            clip = box(page, "/BleedBox") or box(page, "/TrimBox") or media
            trim = box(page, "/TrimBox") or media
            scan = _Scan(pno, clip, trim, print_mode, ink_limit, min_ppi, warn_ppi,  # type: ignore[arg-type]
                         first_use=first_use)
            scan.run(page.obj, page.obj.get("/Resources"), _GState())
            findings.extend(scan.collected())
        # Fonts a page's resources name but no text uses count too: strict PDF/X checkers reject them.
        for pno, name, font in iter_fonts(pdf):
            if not font_is_embedded(font):
                findings.append(PdfFinding(CODES["font-not-embedded"].severity, "font-not-embedded",
                                           first_use.get(font.objgen, pno), f"font {name} is not embedded"))
    return sorted(findings, key=lambda f: (f.page or 0, f.severity != ERROR, f.code, f.message))


def page_boxes(path: Path) -> list[dict]:
    """MediaBox, TrimBox and BleedBox of every page as float tuples (None when a box is not set)."""
    with open_pdf(path) as pdf:
        return [{"page": i, "MediaBox": box(p, "/MediaBox"), "TrimBox": box(p, "/TrimBox"),
                 "BleedBox": box(p, "/BleedBox")} for i, p in enumerate(pdf.pages, start=1)]


def pdfx_findings(unmet: list[str]) -> list[PdfFinding]:
    """finalize_pdfx's unmet requirements ('page N: ...') as pdfx-unmet findings."""
    out = []
    for msg in unmet:
        head, _, rest = msg.partition(": ")
        page = int(head[5:]) if head.startswith("page ") and head[5:].isdigit() else None
        out.append(PdfFinding(CODES["pdfx-unmet"].severity, "pdfx-unmet", page, rest if page else msg))
    return out


def as_findings(found: list[PdfFinding]) -> list[Finding]:
    """The report's Finding type (layout.items.Finding), for merging with layout's findings."""
    return [Finding(f.severity, f.code, f.message, page=f.page) for f in found]
