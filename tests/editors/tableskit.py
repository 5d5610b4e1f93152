"""Helpers of the table tests: an issue of table-heavy notices, and the tables read back from the PDF's rules
and characters (which cell each character landed in)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from issuepress.layout.items import TextLine
from issuepress.pipeline import ComposeOptions, Result, compose
from issuekit import issue_yaml  # noqa: E402

# Positions in the PDF are rounded by the writer: a character or rule this close counts as on the spot.
TOL_PT = 0.05
# Rules shorter than this are not table rules (crop marks and the like are not drawn in a proof anyway).
MIN_RULE_PT = 20.0
# Roles of the laid-out lines that carry an article's body characters, table cells included.
BODY_ROLES = frozenset({"body", "subhead", "quote", "note", "byline", "credits", "table"})

def write_issue(root: Path, layout: str, pages: list[list[str]], extra: dict[str, str] | None = None) -> Path:
    """An issue folder with one inner page per list of article bodies (articles/aN.md, title 第N篇)."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    listed: list[tuple[str, list[str]]] = []
    n = 0
    for k, bodies in enumerate(pages):
        listed.append((f"通知{k + 1}", []))
        for body in bodies:
            n += 1
            (root / "articles" / f"a{n}.md").write_text(f"---\ntitle: 第{n}篇通知\n---\n{body}", encoding="utf-8")
            listed[-1][1].append(f"articles/a{n}.md")
    (root / "issue.yaml").write_text(issue_yaml(listed, layout), encoding="utf-8")
    for name, text in (extra or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def compose_proof(root: Path) -> Result:
    """The issue as a screen proof (trim size, no marks: PDF coordinates are the layout's)."""
    return compose(root / "issue.yaml", root / "out.pdf", ComposeOptions(proof=True))


def pipe_table(rows: list[list[str]], aligns: list[str] | None = None) -> str:
    """Markdown of a pipe table: the first row is the header; aligns from `l`, `c`, `r` (default l)."""
    delim = {"l": ":--", "c": ":-:", "r": "--:", "": "---"}
    al = aligns or [""] * len(rows[0])
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(delim[a] for a in al) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out) + "\n"


def plain(cell: str) -> str:
    """A cell's text as printed: no bold or code markers, an escaped pipe as a pipe, no spaces."""
    return "".join(cell.replace("**", "").replace("`", "").replace("\\|", "|").split())


@dataclass
class ReadTable:
    """A table read back from one page: its rule positions and the characters of each cell."""

    page: int
    ys: list[float]  # horizontal rules, top to bottom (row boundaries)
    weights: list[float]  # their widths
    xs: list[float]  # upright rules left to right (the frame's sides when the table has no upright rules)
    cells: dict[tuple[int, int], list[dict]]  # (row, column) -> chars, in drawing order
    upright: bool  # the table draws upright rules

    def text(self, r: int, c: int) -> str:
        return "".join(ch["text"] for ch in self.cells.get((r, c), [])).replace(" ", "")

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    def row_text(self, r: int) -> str:
        return "".join(self.text(r, c) for c in range(len(self.xs) - 1))


def _unique(values: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(position, weight) pairs with rules drawn twice at one spot (a row's foot, the next row's head) merged."""
    out: list[tuple[float, float]] = []
    for v, w in sorted(values):
        if out and abs(out[-1][0] - v) <= TOL_PT:
            out[-1] = (out[-1][0], max(out[-1][1], w))
        else:
            out.append((v, w))
    return out


def read_tables(pdf_path: Path, frame_pt: float, cell_size_pt: float = 10.5) -> list[ReadTable]:
    """Every table of the PDF: horizontal rules grouped by their extent, a table running from a rule of
    frame weight to the next one with characters of at most the cells' size in every row between (the
    page header's rule, of the same weight, has the headline under it), characters given to their cell."""
    out: list[ReadTable] = []
    with pdfplumber.open(pdf_path) as pdf:
        for pno, page in enumerate(pdf.pages, 1):
            horiz: dict[tuple[float, float], list[tuple[float, float]]] = {}
            verts = []
            for ln in page.lines:
                if abs(ln["top"] - ln["bottom"]) <= TOL_PT and ln["x1"] - ln["x0"] >= MIN_RULE_PT:
                    horiz.setdefault((round(ln["x0"], 1), round(ln["x1"], 1)), []).append((ln["top"], ln["linewidth"]))
                elif abs(ln["x0"] - ln["x1"]) <= TOL_PT:
                    verts.append(ln)
            for (x0, x1), rules in horiz.items():
                rules = _unique(rules)

                def inside(a: float, b: float) -> list[dict]:
                    return [ch for ch in page.chars if x0 < (ch["x0"] + ch["x1"]) / 2 < x1
                            and a < (ch["top"] + ch["bottom"]) / 2 < b]

                def table_like(a: int, b: int) -> bool:
                    for k in range(a, b):
                        chs = inside(rules[k][0], rules[k + 1][0])
                        if not chs or any(ch["size"] > cell_size_pt + 0.01 for ch in chs):
                            return False
                    return True

                frames = [k for k, (_, w) in enumerate(rules) if abs(w - frame_pt) <= 0.01]
                start = None
                for f in frames:
                    if start is not None and table_like(start, f):
                        out.append(_table(pno, rules[start:f + 1], verts, x0, x1, inside))
                        start = None
                    else:
                        start = f
    return out


def _table(pno: int, part, verts, x0: float, x1: float, inside) -> ReadTable:
    ys = [y for y, _ in part]
    xs = sorted({round(v["x0"], 2) for v in verts if x0 - TOL_PT <= v["x0"] <= x1 + TOL_PT
                 and v["top"] >= ys[0] - TOL_PT and v["bottom"] <= ys[-1] + TOL_PT})
    upright = bool(xs)
    if not xs:
        xs = [x0, x1]
    cells: dict[tuple[int, int], list[dict]] = {}
    for ch in inside(ys[0], ys[-1]):
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        r = max(k for k in range(len(ys) - 1) if ys[k] < cy)
        c = max(k for k in range(len(xs) - 1) if xs[k] < cx)
        cells.setdefault((r, c), []).append(ch)
    return ReadTable(pno, ys, [w for _, w in part], xs, cells, upright)


def body_chars(pdf_path: Path, size_pt: float, tables: list[ReadTable]) -> list[tuple[int, dict]]:
    """(page, char) of the running text at the body size: outside every table read back, not bold (a
    subhead is a block centred in its own grid lines, not a line on the baseline grid)."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for pno, page in enumerate(pdf.pages, 1):
            boxes = [(t.xs[0], t.ys[0], t.xs[-1], t.ys[-1]) for t in tables if t.page == pno]
            for ch in page.chars:
                if abs(ch["size"] - size_pt) > 0.01 or not ch["text"].strip() or "Bold" in ch["fontname"]:
                    continue
                cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
                if any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes):
                    continue
                out.append((pno, ch))
    return out


def all_text(pdf_path: Path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def printed_chars(result: Result) -> dict[str, int]:
    """Non-space body and cell characters each article has on its pages (laid-out lines on the page)."""
    out: dict[str, int] = {}
    for page in result.doc.pages:
        for it in page.items:
            if isinstance(it, TextLine) and it.article and it.role in BODY_ROLES and 0 <= it.y_pt <= page.height_pt:
                out[it.article] = out.get(it.article, 0) + sum(1 for g in it.line.glyphs if not g.ch.isspace())
    return out
