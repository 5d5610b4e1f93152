"""Read a composed PDF back (glyphs, pictures, rules) and measure what every correct page has."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf

# Baselines closer than this are one line; also the tolerance of the baseline-grid check (spec).
BASELINE_TOL_PT = 0.3
# How far a glyph may pass a column or margin edge, and how close a justified line ends to it.
EDGE_TOL_PT = 0.5
# Pictures are shrunk by this much before testing glyphs against them (antialiasing, rounding).
IMAGE_SHRINK_PT = 0.5
# A first line indented by at least this many ems starts a paragraph (the layouts indent 2 em).
INDENT_MIN_EM = 1.5
# clreq: full-width marks have an advance of 1 em; proportional Latin marks about 0.3 em.
FULL_WIDTH_MIN_EM = 0.75
# Two pieces of text at one baseline further apart than this share of a gutter are separate lines.
SEGMENT_GAP_GUTTERS = 0.8

# clreq §"Prohibition rules for line start and line end" (#prohibition_rules_for_line_start_end), basic
# level with curly quotes as brackets, plus the ASCII forms editors type in Chinese text.
LINE_START_FORBIDDEN = frozenset("、，。．：；！？‼⁇）〕］｝〗】》〉”’」』～·/" + ",.:;!?)]}")
LINE_END_FORBIDDEN = frozenset("（〔［｛〖【《〈“‘「『" + "([{")
# clreq §"Prohibition rules for unbreakable marks": —— and …… are one unit, never split across lines.
UNBREAKABLE_PAIRS = "—…"
# GB/T 15834 and clreq §"Punctuation adjustment space": in Simplified Chinese fonts a full-width
# closing, pause or stop mark has its ink in the left half of the em, an opening mark in the right
# half (checked on Noto Serif CJK SC's outlines); the other half is the blank the engine trims at a
# line edge, so edges are measured on the ink half.
INK_LEFT_HALF = frozenset("、，。．：；！？）〕］｝〗】》〉”’」』")
INK_RIGHT_HALF = frozenset("（〔［｛〖【《〈“‘「『")
WHITESPACE = frozenset(" \t\u3000\u00a0")
# Strokes and boxes no thicker than this are rules (module separators, header and masthead rules).
RULE_MAX_PT = 3.0


def is_han(ch: str) -> bool:
    """CJK Unified Ideographs and Extension A (the spec's ranges for character coverage)."""
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF


def han_counter(text: str) -> Counter[str]:
    return Counter(ch for ch in text if is_han(ch))


@dataclass(frozen=True)
class Glyph:
    """One drawn character in trim coordinates (pt, top-left origin); `baseline` from its matrix."""

    page: int
    text: str
    font: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    color: tuple[float, ...]

    @property
    def ink_x0(self) -> float:
        if self.text in INK_RIGHT_HALF and self.x1 - self.x0 >= FULL_WIDTH_MIN_EM * self.size:
            return self.x1 - self.size / 2
        return self.x0

    @property
    def ink_x1(self) -> float:
        if self.text in INK_LEFT_HALF and self.x1 - self.x0 >= FULL_WIDTH_MIN_EM * self.size:
            return self.x0 + self.size / 2
        return self.x1


@dataclass(frozen=True)
class Box:
    """A picture or a rule in trim coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PdfPage:
    """One page read back: its trim size, glyphs on the page, marks outside the bleed, pictures, rules."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    marks: tuple[Glyph, ...]  # slug and other text wholly outside the bleed box
    images: tuple[Box, ...]
    rules: tuple[Box, ...]


def _box(attrs: dict, name: str, fallback: Sequence[float]) -> tuple[float, ...]:
    val = attrs.get(name)
    val = val.resolve() if hasattr(val, "resolve") else val
    return tuple(float(v) for v in (val or fallback))


def _color(value: Any) -> tuple[float, ...]:
    """A fill colour as components (gray, RGB or CMYK); a pattern or no colour gives ()."""
    if isinstance(value, (tuple, list)):
        return tuple(float(v) for v in value if isinstance(v, (int, float)))
    return (float(value),) if isinstance(value, (int, float)) else ()


def read_pdf(path: Path) -> tuple[PdfPage, ...]:
    """Every page of the PDF with coordinates moved from the media box to the trim box."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for p in pdf.pages:
            media = tuple(float(v) for v in p.mediabox)
            trim = _box(p.page_obj.attrs, "TrimBox", media)
            bleed = _box(p.page_obj.attrs, "BleedBox", trim)
            dx, top_y = trim[0], trim[3]  # PDF user space: y up
            dy = media[3] - trim[3]
            glyphs, marks = [], []
            for c in p.chars:
                g = Glyph(p.page_number, c["text"], c["fontname"].split("+")[-1], float(c["size"]),
                          c["x0"] - dx, c["x1"] - dx, c["top"] - dy, c["bottom"] - dy, top_y - c["matrix"][5],
                          _color(c.get("non_stroking_color")))
                outside = (c["x1"] < bleed[0] or c["x0"] > bleed[2] or media[3] - c["top"] < bleed[1]
                           or media[3] - c["bottom"] > bleed[3])
                (marks if outside else glyphs).append(g)
            images = tuple(Box(i["x0"] - dx, i["top"] - dy, i["x1"] - dx, i["bottom"] - dy) for i in p.images)
            rules = tuple(Box(r["x0"] - dx, r["top"] - dy, r["x1"] - dx, r["bottom"] - dy)
                          for r in (*p.lines, *p.rects) if min(r["width"], r["height"]) <= RULE_MAX_PT)
            pages.append(PdfPage(p.page_number, trim[2] - trim[0], trim[3] - trim[1], tuple(glyphs),
                                 tuple(marks), images, rules))
    return tuple(pages)


@dataclass(frozen=True)
class PlacedImage:
    """A picture as the PDF places it: page, frame in trim coordinates (pt), and its embedded pixels."""

    page: int
    box: Box
    pixels: Any  # PIL.Image.Image, decoded from the PDF's image stream


def placed_images(path: Path) -> tuple[PlacedImage, ...]:
    """Every picture drawn in the PDF, with its frame (pdfplumber) and its embedded pixels (pikepdf)."""
    out = []
    with pdfplumber.open(path) as pdf, pikepdf.open(path) as pk:
        for p, kp in zip(pdf.pages, pk.pages):
            media = tuple(float(v) for v in p.mediabox)
            trim = _box(p.page_obj.attrs, "TrimBox", media)
            dx, dy = trim[0], media[3] - trim[3]
            xobjects = kp.Resources.get("/XObject", {})
            for i in p.images:
                raw = xobjects[f"/{i['name']}"]
                pixels = pikepdf.PdfImage(raw).as_pil_image()
                out.append(PlacedImage(p.page_number, Box(i["x0"] - dx, i["top"] - dy, i["x1"] - dx, i["bottom"] - dy),
                                       pixels))
    return tuple(out)


def read_report(pdf_path: Path) -> dict[str, Any]:
    """The JSON report written beside the PDF."""
    return json.loads(pdf_path.with_suffix(".report.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Frame:
    """A page's margin box and column edges, from the layout (mirrored: odd pages inside at left)."""

    left: float
    top: float
    right: float
    bottom: float
    columns: tuple[tuple[float, float], ...]

    def column_of(self, g: Glyph) -> int:
        """The column whose x range holds the glyph's ink centre, else the nearest."""
        mid = (g.ink_x0 + g.ink_x1) / 2

        def dist(c: tuple[float, float]) -> float:
            return 0.0 if c[0] <= mid <= c[1] else min(abs(mid - c[0]), abs(mid - c[1]))

        return min(range(len(self.columns)), key=lambda i: dist(self.columns[i]))


def frame(layout: Any, page_no: int, galley: bool = False) -> Frame:
    """The margin box and columns of page `page_no`; a galley keeps page 1's geometry on every page."""
    pg, grid = layout.page, layout.grid
    recto = galley or page_no % 2 == 1
    left = pg.margin_inside_pt if recto else pg.margin_outside_pt
    right = pg.width_pt - (pg.margin_outside_pt if recto else pg.margin_inside_pt)
    col_w = (right - left - (grid.columns - 1) * grid.gutter_pt) / grid.columns
    cols = tuple((left + i * (col_w + grid.gutter_pt), left + i * (col_w + grid.gutter_pt) + col_w)
                 for i in range(grid.columns))
    return Frame(left, pg.margin_top_pt, right, pg.height_pt - pg.margin_bottom_pt, cols)


Frames = Callable[[int], Frame]


def frames(layout: Any, galley: bool = False) -> Frames:
    return lambda n: frame(layout, n, galley)


def furniture_bottom(page: PdfPage, fr: Frame) -> float:
    """Bottom of the masthead or page header: the topmost rule across the whole type area in the
    top half of the page (module rules never start above it); the top margin when there is none."""
    wide = [r.bottom for r in page.rules if r.x1 - r.x0 >= 0.95 * (fr.right - fr.left)
            and r.bottom - r.top <= RULE_MAX_PT and r.top < page.height / 2]
    return min(wide, default=fr.top)


# ---------------------------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class TextLine:
    """Glyphs at one baseline, in one column (body lines) or one gap-free run (any text)."""

    page: int
    column: int  # -1 for a segment not tied to a column
    baseline: float
    glyphs: tuple[Glyph, ...]  # left to right, whitespace dropped

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)

    @property
    def ink_x0(self) -> float:
        return min(g.ink_x0 for g in self.glyphs)

    @property
    def ink_x1(self) -> float:
        return max(g.ink_x1 for g in self.glyphs)

    def where(self) -> str:
        col = f" col {self.column + 1}" if self.column >= 0 else ""
        return f"p{self.page}{col} y={self.baseline:.1f} x={self.ink_x0:.1f}..{self.ink_x1:.1f} {self.text!r}"


def _compact(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def body_faces(layout: Any) -> tuple[str, ...]:
    """Compact family names of the body style's role (first face: the song face itself)."""
    role = layout.fonts[layout.styles["body"].font]
    return tuple(_compact(c.family) for c in role.chain[:1] if c.family)


def is_body_glyph(g: Glyph, layout: Any, faces: tuple[str, ...]) -> bool:
    """Body size and the song face (either weight: **bold** spans stay in the family)."""
    return abs(g.size - layout.styles["body"].size_pt) < 0.01 and any(f in _compact(g.font) for f in faces)


def body_lines(pages: Iterable[PdfPage], layout: Any, fr: Frames, skip_furniture: bool = True) -> list[TextLine]:
    """Body glyphs grouped by (page, baseline, column), below the page's masthead or header."""
    faces = body_faces(layout)
    out = []
    for page in pages:
        f = fr(page.number)
        floor = furniture_bottom(page, f) if skip_furniture else -1e9
        groups: dict[tuple[float, int], list[Glyph]] = defaultdict(list)
        for g in page.glyphs:
            if g.text in WHITESPACE or g.top < floor or not is_body_glyph(g, layout, faces):
                continue
            groups[(round(g.baseline, 1), f.column_of(g))].append(g)
        for (base, col), gs in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            out.append(TextLine(page.number, col, base, tuple(sorted(gs, key=lambda g: g.x0))))
    return out


def segments(pages: Iterable[PdfPage], max_gap: float) -> list[TextLine]:
    """All text as lines: glyphs of one size at one baseline, split where the gap between inks exceeds
    max_gap and an em (a gutter: the blank half of a trimmed mark lies in it)."""
    out = []
    for page in pages:
        groups: dict[tuple[float, float], list[Glyph]] = defaultdict(list)
        for g in page.glyphs:
            if g.text not in WHITESPACE:
                groups[(round(g.baseline, 1), round(g.size, 2))].append(g)
        for (base, _), gs in sorted(groups.items()):
            gs.sort(key=lambda g: g.x0)
            run = [gs[0]]
            for g in gs[1:]:
                if g.ink_x0 - max(r.ink_x1 for r in run) > max(max_gap, g.size):
                    out.append(TextLine(page.number, -1, base, tuple(run)))
                    run = []
                run.append(g)
            out.append(TextLine(page.number, -1, base, tuple(run)))
    return out


def text_blocks(page: PdfPage, max_gap: float, top: float = -1e9, bottom: float = 1e9) -> list[str]:
    """Stacked segments of one size whose x ranges overlap, joined (titles, legs, captions, header
    lines), from the segments whose baselines lie between `top` and `bottom`."""
    return ["".join(s.text for s in blk) for blk in stacked_blocks(page, max_gap, top, bottom)]


def stacked_blocks(page: PdfPage, max_gap: float, top: float = -1e9, bottom: float = 1e9) -> list[list[TextLine]]:
    """Segments of one size stacked one under the other with overlapping x ranges (a headline block,
    a leg, a caption), from those whose baselines lie between `top` and `bottom`."""
    blocks: list[list[TextLine]] = []
    segs = [s for s in segments([page], max_gap) if top <= s.baseline <= bottom]
    for seg in sorted(segs, key=lambda s: (s.baseline, s.glyphs[0].x0)):
        for blk in blocks:
            last = blk[-1]
            if (abs(last.size - seg.size) < 0.01 and 0 < seg.baseline - last.baseline <= 2.2 * seg.size
                    and seg.glyphs[0].x0 < last.glyphs[-1].x1 and last.glyphs[0].x0 < seg.glyphs[-1].x1):
                blk.append(seg)
                break
        else:
            blocks.append([seg])
    return blocks


def runs(lines: Sequence[TextLine], baseline_pt: float) -> list[list[TextLine]]:
    """Body lines of one column one grid line apart: a leg of a story between breaks."""
    out: list[list[TextLine]] = []
    for ln in sorted(lines, key=lambda ln: (ln.page, ln.column, ln.baseline)):
        if out:
            prev = out[-1][-1]
            if (prev.page, prev.column) == (ln.page, ln.column) and \
                    abs(ln.baseline - prev.baseline - baseline_pt) <= BASELINE_TOL_PT:
                out[-1].append(ln)
                continue
        out.append([ln])
    return out


# ---------------------------------------------------------------------------------------------- checks


def kinsoku_faults(lines: Iterable[TextLine]) -> list[str]:
    """Lines starting with a mark forbidden at line start, or ending with one forbidden at line end."""
    out = []
    for ln in lines:
        if ln.text[:1] in LINE_START_FORBIDDEN:
            out.append(f"starts with {ln.text[0]!r}: {ln.where()}")
        if ln.text[-1:] in LINE_END_FORBIDDEN:
            out.append(f"ends with {ln.text[-1]!r}: {ln.where()}")
    return out


def _tail_run(text: str, ch: str) -> int:
    return len(text) - len(text.rstrip(ch))


def split_pair_faults(lines: Sequence[TextLine], baseline_pt: float) -> list[str]:
    """A —— or …… split: a line ends with an odd run of the mark and its successor (the next line of
    the leg, else the first line of a leg in the next column or of the next page) starts with it."""
    legs = runs(lines, baseline_pt)
    out = []
    for leg in legs:
        for i, ln in enumerate(leg):
            for ch in UNBREAKABLE_PAIRS:
                if _tail_run(ln.text, ch) % 2 == 0:
                    continue
                if i + 1 < len(leg):
                    nexts = [leg[i + 1]]
                else:
                    nexts = [lg[0] for lg in legs if (lg[0].page == ln.page and lg[0].column == ln.column + 1)
                             or (lg[0].page == ln.page + 1 and lg[0].column == 0)]
                for nx in nexts:
                    if nx.text.startswith(ch):
                        out.append(f"{ch * 2} split: {ln.where()} / {nx.where()}")
    return out


@dataclass(frozen=True)
class Justification:
    """Lines that must reach the column's right edge (not a paragraph's last), and those that miss."""

    checked: int
    misses: tuple[str, ...]

    @property
    def ratio(self) -> float:
        return 1.0 if not self.checked else 1 - len(self.misses) / self.checked


def justification(lines: Sequence[TextLine], fr: Frames, baseline_pt: float) -> Justification:
    """A line followed in its leg by a line that is not indented is inside a paragraph, so it must end
    within EDGE_TOL_PT of the column's right edge; a leg's last line is unknown and skipped."""
    checked, misses = 0, []
    for leg in runs(lines, baseline_pt):
        for ln, nx in zip(leg, leg[1:]):
            left, right = fr(ln.page).columns[ln.column]
            if nx.ink_x0 - left >= INDENT_MIN_EM * nx.size:
                continue
            checked += 1
            if abs(ln.ink_x1 - right) > EDGE_TOL_PT:
                misses.append(f"ends {ln.ink_x1 - right:+.2f} pt from the edge: {ln.where()}")
    return Justification(checked, tuple(misses))


def column_overruns(lines: Iterable[TextLine], fr: Frames) -> list[str]:
    """Glyphs whose ink passes the left or right edge of their column."""
    out = []
    for ln in lines:
        left, right = fr(ln.page).columns[ln.column]
        for g in ln.glyphs:
            if g.ink_x1 > right + EDGE_TOL_PT or g.ink_x0 < left - EDGE_TOL_PT:
                out.append(f"{g.text!r} at {g.ink_x0:.2f}..{g.ink_x1:.2f} outside {left:.2f}..{right:.2f}: "
                           f"{ln.where()}")
    return out


def _overlap(a0: float, a1: float, b0: float, b1: float) -> bool:
    return a0 < b1 and b0 < a1


def text_on_images(pages: Iterable[PdfPage]) -> list[str]:
    """Glyph boxes that intersect a picture (shrunk by IMAGE_SHRINK_PT)."""
    out = []
    s = IMAGE_SHRINK_PT
    for page in pages:
        for im in page.images:
            for g in page.glyphs:
                if _overlap(g.x0, g.x1, im.x0 + s, im.x1 - s) and _overlap(g.top, g.bottom, im.top + s, im.bottom - s):
                    out.append(f"p{page.number} {g.text!r} at ({g.x0:.1f}, {g.top:.1f}) on picture "
                               f"({im.x0:.1f}, {im.top:.1f})-({im.x1:.1f}, {im.bottom:.1f})")
    return out


def outside_margins(pages: Iterable[PdfPage], fr: Frames) -> list[str]:
    """Glyphs (ink) outside the page's margin box: the type area holds all text, furniture included."""
    out = []
    t = EDGE_TOL_PT
    for page in pages:
        f = fr(page.number)
        for g in page.glyphs:
            if g.ink_x0 < f.left - t or g.ink_x1 > f.right + t or g.top < f.top - t or g.bottom > f.bottom + t:
                out.append(f"p{page.number} {g.text!r} ({g.font} {g.size:g}) at x={g.ink_x0:.1f}..{g.ink_x1:.1f} "
                           f"y={g.top:.1f}..{g.bottom:.1f}; margins x={f.left:.1f}..{f.right:.1f} "
                           f"y={f.top:.1f}..{f.bottom:.1f}")
    return out


def baseline_grid_faults(lines: Sequence[TextLine], baseline_pt: float) -> list[str]:
    """Body baselines off the page's grid: the origin is the page's most common baseline remainder."""
    out = []
    by_page: dict[int, list[TextLine]] = defaultdict(list)
    for ln in lines:
        by_page[ln.page].append(ln)
    for page, lns in sorted(by_page.items()):
        buckets = Counter(round((ln.baseline % baseline_pt) * 10) % round(baseline_pt * 10) for ln in lns)
        origin = buckets.most_common(1)[0][0] / 10
        for ln in lns:
            d = (ln.baseline - origin) % baseline_pt
            if min(d, baseline_pt - d) > BASELINE_TOL_PT:
                out.append(f"{min(d, baseline_pt - d):.2f} pt off the grid (origin {origin:.1f}): {ln.where()}")
    return out


def pdf_han(pages: Iterable[PdfPage]) -> Counter[str]:
    """Han characters drawn on the pages (print marks excluded)."""
    return Counter(g.text for p in pages for g in p.glyphs if len(g.text) == 1 and is_han(g.text))


def missing_from(required: Counter[str], have: Counter[str]) -> dict[str, int]:
    """Characters of `required` that `have` holds fewer times, with the shortfall."""
    return {ch: n - have[ch] for ch, n in sorted(required.items()) if have[ch] < n}


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every simple or CID font dictionary of the file, by base name: does its descriptor carry a font
    program (FontFile, FontFile2 or FontFile3)? A Type0 font is judged by its descendant."""
    out: dict[str, bool] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            if obj.get("/Subtype") == "/Type0":
                continue
            desc = obj.get("/FontDescriptor")
            name = f"{obj.get('/BaseFont')} ({obj.get('/Subtype')})"
            out[name] = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return out


# ---------------------------------------------------------------------------------------------- loose lines


def spaced_pairs(text: str) -> frozenset[tuple[str, str]]:
    """Pairs of Han characters the source separates with a space (深化医养融合发展 提升…): the PDF does
    not draw spaces, so the room there is the editor's, not spacing added between two Han characters."""
    return frozenset((m.group(1), m.group(2)) for m in re.finditer(r"(?=(\S)[ \t\u3000\u00a0]+(\S))", text)
                     if is_han(m.group(1)) and is_han(m.group(2)))


def han_gap(line: TextLine, spaced: frozenset[tuple[str, str]] = frozenset()) -> float:
    """The widest room between two adjacent Han glyphs of the line, in em (0 when they touch)."""
    widest = 0.0
    for a, b in zip(line.glyphs, line.glyphs[1:]):
        if is_han(a.text) and is_han(b.text) and (a.text, b.text) not in spaced:
            widest = max(widest, (b.x0 - a.x1) / max(a.size, b.size))
    return widest


def inside_lines(lines: Sequence[TextLine], fr: Frames, baseline_pt: float) -> list[TextLine]:
    """Lines followed in their leg by a line that is not indented: inside a paragraph, so justified
    (as `justification` picks them)."""
    out = []
    for leg in runs(lines, baseline_pt):
        for ln, nx in zip(leg, leg[1:]):
            if nx.ink_x0 - fr(nx.page).columns[nx.column][0] < INDENT_MIN_EM * nx.size:
                out.append(ln)
    return out
