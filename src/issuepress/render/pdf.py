"""Draw a DocumentLayout with ReportLab: every glyph where the engine put it, nothing decided here."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen import canvas as rl_canvas

from .. import progress
from ..errors import InputError
from ..layout.items import BoxItem, DocumentLayout, ImageItem, PageLayout, QrItem, RuleItem, TextLine
from . import colors
from .images import draw_image
from .marks import draw_marks
from .qr import draw_qr
from .tounicode import UnicodeTTFont


# Binary streams stay binary: ASCII85 makes the file 25 % larger and, without ReportLab's C accelerator,
# costs about a second per issue in pure Python. Set per document (render_pdf), never for the process.
USE_A85 = 0
# A glyph displacement in a TJ array smaller than this (thousandths of an em) is left out: a millionth
# of an em is far below what any reader or press resolves.
TJ_EPSILON = 1e-3


class Embedder(Protocol):
    """What the renderer needs from fonts/: embeddable TrueType bytes for a face and its chars."""

    def embeddable_font(self, face_id: str, chars: set[str]) -> bytes: ...

    def font_file(self, face_id: str) -> Path: ...


@dataclass(frozen=True)
class RenderOptions:
    """Print or proof: bleed, marks, slug; `offset_pt` is the space around the trim for marks."""

    bleed_pt: float = 0.0
    marks: bool = False
    mark_space_pt: float = 0.0  # extra room outside the bleed for crop marks and the slug
    slug: str = ""
    title: str = ""
    author: str = ""
    creation_date: str | None = None  # 'YYYYMMDDHHMMSS' for byte-stable output
    palette: Mapping[str, colors.CMYK] | None = None
    slug_face: str | None = None  # face id the slug is set in (it must be embedded like the rest)
    slugs: Mapping[int, str] | None = None  # page number -> slug text
    cmyk_profile: Path | None = None  # convert pictures to CMYK through this ICC profile (print)
    image_ppi: float | None = None  # downsample pictures far above this resolution (print)
    downsample_above: float = 2.0  # ... when they have more than this multiple of image_ppi
    registration: bool = True  # registration targets beside the crop marks


def _used_chars(doc: DocumentLayout) -> dict[str, set[str]]:
    used: dict[str, set[str]] = defaultdict(set)
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, TextLine):
                for g in item.line.glyphs:
                    if not g.missing and g.ch not in " \n\t":
                        used[g.face].add(g.ch)
    return used


def register_fonts(doc: DocumentLayout, embedder: Embedder,
                   extra: Mapping[str, set[str]] | None = None) -> dict[str, str]:
    """Subset every face the document uses and register it with ReportLab; returns face -> PDF font name."""
    names: dict[str, str] = {}
    used = _used_chars(doc)
    for face_id, chars in (extra or {}).items():
        used[face_id] |= {ch for ch in chars if ch == " " or not ch.isspace()}  # drawString sets spaces
    for n, (face_id, chars) in enumerate(sorted(used.items()), 1):
        data = embedder.embeddable_font(face_id, chars)
        progress.note("fonts subset", n, len(used))
        # The name carries a hash of the subset's bytes: another document in the same process with
        # other characters must not reuse this subset, and the same subset gives the same name.
        digest = hashlib.sha256(data).hexdigest()[:12]
        pdf_name = "IP-" + "".join(ch if ch.isalnum() else "-" for ch in face_id) + "-" + digest
        if pdf_name not in pdfmetrics.getRegisteredFontNames():
            try:
                font = UnicodeTTFont(pdf_name, io.BytesIO(data))
            except Exception as exc:  # ReportLab refuses what fontTools wrote from a broken font
                raise InputError(embedder.font_file(face_id), f"cannot embed this font ({exc})") from None
            pdfmetrics.registerFont(font)
        names[face_id] = pdf_name
    return names


class _PageWriter:
    """Draws one page's items on the canvas, flipping y (items are top-left based)."""

    def __init__(self, c: rl_canvas.Canvas, page: PageLayout, fonts: dict[str, str], opts: RenderOptions,
                 codes: dict | None = None):
        self.c = c
        self.codes: dict[tuple[str, str], tuple[int, str, str, str, float]] = {} if codes is None else codes
        self.page = page
        self.fonts = fonts
        self.opts = opts
        self.ox = opts.bleed_pt + opts.mark_space_pt
        self.media_h = page.height_pt + 2 * self.ox

    def X(self, x: float) -> float:
        return self.ox + x

    def Y(self, y: float) -> float:
        return self.media_h - (self.ox + y)

    def fill(self, name: str) -> None:
        self.c.setFillColorCMYK(*colors.resolve(name, self.opts.palette))

    def stroke(self, name: str) -> None:
        self.c.setStrokeColorCMYK(*colors.resolve(name, self.opts.palette))

    def text_line(self, item: TextLine) -> None:
        """The line's glyphs as a few positioned runs: one `TJ` per stretch of glyphs in one font, size,
        colour and subset, each glyph moved by the difference between where the engine put it and where
        the font's own advance would have left it (one ReportLab call per glyph was a third of a compose)."""
        c = self.c
        glyphs = item.line.glyphs
        text = c.beginText()
        code = text._code  # ReportLab's operator list of this text object (BT … ET)
        y = self.Y(item.y_pt)
        x0 = self.ox + item.x_pt
        cur_color: str | None = None
        cur_font: tuple[str, int, float] | None = None
        drawn = [g for g in glyphs if not (g.missing or g.ch in " \n\t\u3000" or g.face not in self.fonts)]
        k = 0
        while k < len(drawn):
            g = drawn[k]
            name, size, color = self.fonts[g.face], g.size_pt, g.color
            end = k + 1
            while end < len(drawn) and drawn[end].face == g.face and drawn[end].size_pt == size \
                    and drawn[end].color == color:
                end += 1
            if color != cur_color:
                text.setFillColorCMYK(*colors.resolve(color, self.opts.palette))
                cur_color = color
            run = drawn[k:end]
            coded = [self.glyph_code(name, r.ch) for r in run]
            scale = 1000 / size
            i = 0
            while i < len(run):
                subset = coded[i][0]
                if cur_font != (name, subset, size):
                    code.append(f"{coded[i][3]} {fp_str(size)} Tf")
                    cur_font = (name, subset, size)
                code.append(f"1 0 0 1 {fp_str(x0 + run[i].x_pt, y)} Tm")
                parts: list[str] = []
                chunk: list[str] = []
                m = i
                while True:
                    _, _, byte, _, width = coded[m]
                    chunk.append(byte)
                    if m + 1 >= len(run) or coded[m + 1][0] != subset:
                        break
                    # TJ moves the pen left by n/1000 em: what the font's advance overshoots the next glyph
                    adj = width - (run[m + 1].x_pt - run[m].x_pt) * scale
                    if adj > TJ_EPSILON or adj < -TJ_EPSILON:
                        parts.append(f"({''.join(chunk)}) {fp_str(adj)}")
                        chunk = []
                    m += 1
                parts.append(f"({''.join(chunk)})")
                code.append(f"[{' '.join(parts)}] TJ")
                i = m + 1
            k = end
        c.drawText(text)
        for g in glyphs:
            if g.missing:
                self.missing_box(item.x_pt + g.x_pt, item.y_pt, g.size_pt)

    def glyph_code(self, name: str, ch: str) -> tuple[int, str, str, str, float]:
        """(subset, font name, the character's byte in it escaped for a PDF string, the subset's font
        resource name, its advance in thousandths of an em from the subset's /Widths), found once per
        document: ReportLab gives each character its code the first time it is split."""
        key = (name, ch)
        found = self.codes.get(key)
        if found is None:
            font = pdfmetrics.getFont(name)
            doc = self.c._doc
            ((subset, byte),) = font.splitString(ch, doc)
            width = font.face.getCharWidth(font.state[doc].subsets[subset][byte[0]])
            found = self.codes[key] = (subset, name, self.c._escape(byte), font.getSubsetInternalName(subset, doc),
                                       width)
        return found

    def missing_box(self, x: float, baseline: float, size: float) -> None:
        """A character no font has: a red crossed box one em wide, so it is seen, never a blank."""
        c = self.c
        c.saveState()
        self.stroke("missing")
        c.setLineWidth(max(0.3, size / 20))
        top = baseline - size * 0.88
        c.rect(self.X(x + size * 0.05), self.Y(baseline + size * 0.12), size * 0.9, size * 0.95, stroke=1, fill=0)
        c.line(self.X(x + size * 0.05), self.Y(top), self.X(x + size * 0.95), self.Y(baseline + size * 0.07))
        c.line(self.X(x + size * 0.05), self.Y(baseline + size * 0.07), self.X(x + size * 0.95), self.Y(top))
        c.restoreState()

    def rule(self, item: RuleItem) -> None:
        self.c.saveState()
        self.stroke(item.color)
        self.c.setLineWidth(item.width_pt)
        self.c.line(self.X(item.x1_pt), self.Y(item.y1_pt), self.X(item.x2_pt), self.Y(item.y2_pt))
        self.c.restoreState()

    def box(self, item: BoxItem) -> None:
        c = self.c
        c.saveState()
        if item.fill:
            self.fill(item.fill)
        if item.stroke:
            self.stroke(item.stroke)
            c.setLineWidth(item.stroke_pt)
        c.rect(self.X(item.x_pt), self.Y(item.y_pt + item.height_pt), item.width_pt, item.height_pt,
               stroke=1 if item.stroke else 0, fill=1 if item.fill else 0)
        c.restoreState()

    def draw(self) -> None:
        for item in self.page.items:
            if isinstance(item, TextLine):
                self.text_line(item)
            elif isinstance(item, RuleItem):
                self.rule(item)
            elif isinstance(item, BoxItem):
                self.box(item)
            elif isinstance(item, ImageItem):
                draw_image(self.c, item, self.X(item.x_pt), self.Y(item.y_pt + item.height_pt), self.opts.palette,
                           self.opts.cmyk_profile, self.opts.image_ppi, self.opts.downsample_above)
                progress.step("pictures prepared")
            elif isinstance(item, QrItem):
                draw_qr(self.c, item.data, self.X(item.x_pt), self.Y(item.y_pt + item.size_pt), item.size_pt)


def render_pdf(doc: DocumentLayout, out: Path, embedder: Embedder, opts: RenderOptions | None = None,
               page_hook=None) -> None:
    """Write the document to `out` atomically: a temporary file renamed into place when complete."""
    saved = rl_config.useA85
    rl_config.useA85 = USE_A85
    try:
        _render(doc, out, embedder, opts or RenderOptions(), page_hook)
    finally:
        rl_config.useA85 = saved


def _render(doc: DocumentLayout, out: Path, embedder: Embedder, opts: RenderOptions, page_hook) -> None:
    extra = {}
    if opts.marks and opts.slug_face and opts.slugs:
        extra[opts.slug_face] = set("".join(opts.slugs.values()))
    fonts = register_fonts(doc, embedder, extra)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        first = doc.pages[0] if doc.pages else None
        pad = opts.bleed_pt + opts.mark_space_pt
        size = (first.width_pt + 2 * pad, first.height_pt + 2 * pad) if first else (595.0, 842.0)
        # The canvas opens every page with a font selection; give it one of ours so that no
        # unembedded base-14 font (Helvetica) ends up in the page resources.
        initial = next(iter(sorted(fonts.values())), None)
        kw = {"initialFontName": initial} if initial else {}
        c = rl_canvas.Canvas(tmp, pagesize=size, invariant=1, pageCompression=1, **kw)
        c.setTitle(opts.title or doc.title)
        c.setAuthor(opts.author)
        c.setCreator("issuepress")
        c.setProducer("issuepress")
        pictures = sum(isinstance(it, ImageItem) for page in doc.pages for it in page.items)
        if pictures:
            progress.note("pictures prepared", 0, pictures)
        codes: dict = {}  # each character's code in its font's subsets, for the whole document
        for n, page in enumerate(doc.pages, 1):
            w, h = page.width_pt + 2 * pad, page.height_pt + 2 * pad
            c.setPageSize((w, h))
            trim = (pad, pad, pad + page.width_pt, pad + page.height_pt)
            c.setTrimBox(trim)
            b = opts.bleed_pt
            c.setBleedBox((trim[0] - b, trim[1] - b, trim[2] + b, trim[3] + b))
            writer = _PageWriter(c, page, fonts, opts, codes)
            writer.draw()
            if opts.marks:
                slug = (opts.slugs or {}).get(page.number, "")
                draw_marks(c, trim, b, slug, fonts.get(opts.slug_face or ""), opts.mark_space_pt, opts.registration)
            if page_hook is not None:
                page_hook(c, page, writer)
            c.showPage()
            progress.note("pages drawn", n, len(doc.pages))
        c.save()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a PDF is for sharing
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
