"""Helpers of the pictures-in-the-text tests: issue folders whose bodies place pictures with
`![caption](src)`, the pictures drawn with Pillow, and the figures read back from the PDF."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
for _kit in (HERE, HERE.parent / "e2e", HERE.parent / "robust"):  # pdfmeasure, e2ekit, robustkit
    if str(_kit) not in sys.path:
        sys.path.insert(0, str(_kit))

from e2ekit import SEEDS, Composed, compact, read_article  # noqa: E402
from pdfmeasure import Box, Frame, Glyph, PdfPage, TextLine  # noqa: E402
from issuekit import issue_yaml  # noqa: E402

# Real text: paragraphs of the jincheng seed, so lines break and justify as in a real issue.
SEED_ARTICLES = SEEDS / "jincheng-215" / "articles"
# The layouts' images.max_crop default (15 %) plus the pixel rounding of a crop.
MAX_CROP = 0.15 + 0.002
# A picture's frame lies in its column to this (pt), and a caption starts under the frame within this.
EDGE_TOL_PT = 0.5


def seed_paragraphs(name: str) -> list[str]:
    """The body paragraphs of a seed article."""
    _, body = read_article(SEED_ARTICLES / f"{name}.md")
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def scene(size: tuple[int, int], ground: tuple[int, int, int] = (190, 200, 175)) -> Image.Image:
    """A plain picture with a red band over its top tenth and a blue disc in the middle."""
    img = Image.new("RGB", size, ground)
    d = ImageDraw.Draw(img)
    w, h = size
    d.rectangle((0, 0, w, max(1, h // 10)), fill=(210, 30, 30))
    d.ellipse((w * 0.3, h * 0.3, w * 0.7, h * 0.7), fill=(30, 80, 160))
    return img


def write_issue(root: Path, layout: str, articles: dict[str, str], pictures: dict[str, tuple[int, int]]) -> Path:
    """An issue folder: one inner page per article (name -> Markdown body with title 图文N), and the
    pictures (name under images/ -> pixel size)."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    for name, size in pictures.items():
        scene(size).save(root / "images" / name, quality=90)
    pages: list[tuple[str, list[str]]] = []
    for k, (name, body) in enumerate(articles.items()):
        (root / "articles" / f"{name}.md").write_text(f"---\ntitle: 图文稿件{k + 1}\n---\n{body}", encoding="utf-8")
        pages.append((f"第{k + 1}版", [f"articles/{name}.md"]))
    (root / "issue.yaml").write_text(issue_yaml(pages, layout), encoding="utf-8")
    return root


@dataclass(frozen=True)
class Placed:
    """A figure as the PDF shows it: page, frame (trim pt), column, the report's entry."""

    name: str
    page: int
    box: Box
    column: int
    entry: dict


def placed_figures(c: Composed) -> dict[str, Placed]:
    """The report's placed pictures matched to the PDF's image placements (same page, same frame)."""
    out = {}
    mm = 72 / 25.4
    for e in c.report["photos"]:
        x, y, w, h = (v * mm for v in e["frame_mm"])
        page = c.pages[e["page"] - 1]
        box = next(b for b in page.images if abs(b.x0 - x) < 1 and abs(b.top - y) < 1
                   and abs(b.x1 - (x + w)) < 1 and abs(b.bottom - (y + h)) < 1)
        fr = c.frames(e["page"])
        col = next(k for k, (x0, x1) in enumerate(fr.columns) if x0 - EDGE_TOL_PT <= box.x0 and box.x1 <= x1 + EDGE_TOL_PT)
        out[Path(e["file"]).name] = Placed(Path(e["file"]).name, e["page"], box, col, e)
    return out


def before(line: TextLine, column: int, top: float) -> bool:
    """Does a body line come before a figure at (column, top) in reading order (earlier column, or above)?"""
    return line.column < column or (line.column == column and line.baseline < top)


def reading_order(lines: list[TextLine], page: int) -> list[TextLine]:
    return sorted((ln for ln in lines if ln.page == page), key=lambda ln: (ln.column, ln.baseline))


def split_text(lines: list[TextLine], page: int, column: int, top: float) -> tuple[str, str]:
    """The page's body text in reading order before and after a figure at (column, top)."""
    order = reading_order(lines, page)
    return ("".join(ln.text for ln in order if before(ln, column, top)),
            "".join(ln.text for ln in order if not before(ln, column, top)))


def glyphs_in(page: PdfPage, x0: float, x1: float, top: float, bottom: float) -> list[Glyph]:
    return [g for g in page.glyphs if g.x0 >= x0 - EDGE_TOL_PT and g.x1 <= x1 + EDGE_TOL_PT
            and g.top >= top - EDGE_TOL_PT and g.bottom <= bottom + EDGE_TOL_PT and g.text.strip()]


def caption_under(page: PdfPage, fr: Frame, column: int, bottom: float, size_pt: float) -> list[Glyph]:
    """Glyphs of the caption size in the figure's column starting within one line under `bottom`, and the
    lines stacked under those."""
    x0, x1 = fr.columns[column]
    out: list[Glyph] = []
    below = bottom
    while True:
        row = [g for g in glyphs_in(page, x0, x1, below, below + 2.2 * size_pt) if abs(g.size - size_pt) < 0.01
               and g not in out]
        if not row:
            return out
        out += sorted(row, key=lambda g: (round(g.baseline, 1), g.x0))
        below = max(g.bottom for g in row)


def cuts(size: tuple[int, int], w: float, h: float) -> tuple[float, float]:
    """The share of a picture's width and height a frame w × h cuts away (cover scaling)."""
    have, want = size[0] / size[1], w / h
    return (1 - want / have, 0.0) if have > want else (0.0, 1 - have / want)


__all__ = ["MAX_CROP", "EDGE_TOL_PT", "Placed", "before", "caption_under", "compact", "cuts", "glyphs_in",
           "placed_figures", "reading_order", "scene", "seed_paragraphs", "split_text", "write_issue"]
