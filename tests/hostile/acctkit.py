"""Helpers of the accounting tests: issues of any shape written from a plain description, and the check
that every character and every photo of the input is printed or reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from PIL import Image

from issuepress.layout.items import TextLine
from issuepress.pipeline import ComposeOptions, Result, compose

# Roles of the lines that carry an article's body characters (what `overset_chars` counts): not the
# headline, the captions, the jump line （下转第N版） or the continuation head.
BODY_ROLES = frozenset({"body", "subhead", "quote", "note", "byline", "credits"})
# A picture small enough to decode in no time (its resolution findings do not matter here).
PHOTO_PX = (64, 48)


@dataclass(frozen=True)
class Art:
    """One article: paragraphs of body text, photos (None = the layout decides the width) and a slot."""

    paras: tuple[str, ...]
    photos: tuple[int | None, ...] = ()
    slot: str | None = None


@dataclass(frozen=True)
class Pg:
    template: str | None
    arts: tuple[Art, ...]
    editor: str | None = None
    title: str = "要闻"


@dataclass(frozen=True)
class Shape:
    """An issue: its pages, the base layout and what a layout file of the issue changes in it."""

    pages: tuple[Pg, ...]
    base: str = "a4-3col"
    name: str = "测试院报"
    margins_mm: tuple[float, float, float, float] | None = None  # top, bottom, inside, outside
    masthead_lines: int | None = None
    extra_layout: dict[str, str] = field(default_factory=dict)


def write_shape(root: Path, shape: Shape) -> Path:
    """The issue folder for `shape`: issue.yaml, articles/aN.md, images/aN-K.png, layouts/x.yaml."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    layout = shape.base
    if shape.margins_mm or shape.masthead_lines:
        lines = [f"extends: {shape.base}", "name: x"]
        if shape.margins_mm:
            t, b, i, o = shape.margins_mm
            lines += ["page:", f"  margins: {{top: {t}mm, bottom: {b}mm, inside: {i}mm, outside: {o}mm}}"]
        if shape.masthead_lines:
            lines += ["masthead:", f"  height: {shape.masthead_lines} lines"]
        (root / "layouts").mkdir(exist_ok=True)
        (root / "layouts" / "x.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        layout = "layouts/x.yaml"
    out = [f"paper: {{name: \"{shape.name}\"}}", "issue: {number: 1, date: 2026-04-01}", f"layout: {layout}",
           "pages:"]
    n = 0
    for k, page in enumerate(shape.pages):
        out.append(f"  - title: {page.title}{k + 1}")
        if page.template:
            out.append(f"    template: {page.template}")
        if page.editor:
            out.append(f"    editor: {page.editor}")
        out.append("    articles:")
        for art in page.arts:
            n += 1
            write_article(root, f"a{n}", art)
            entry = f"articles/a{n}.md"
            out.append(f"      - {{file: {entry}, slot: {art.slot}}}" if art.slot else f"      - {entry}")
    (root / "issue.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return root


def write_article(root: Path, stem: str, art: Art) -> None:
    front = [f"title: 第{stem[1:]}篇稿件"]
    if art.photos:
        front.append("photos:")
        for k, width in enumerate(art.photos):
            name = f"images/{stem}-{k}.png"
            Image.new("RGB", PHOTO_PX, (40 + 9 * k % 200, 90, 140)).save(root / name)
            front.append(f"  - {{src: {name}, caption: 第{k + 1}幅图的说明" + (f", width: {width}}}" if width else "}"))
    body = "\n\n".join(art.paras)
    (root / "articles" / f"{stem}.md").write_text("---\n" + "\n".join(front) + f"\n---\n{body}\n", encoding="utf-8")


def source_chars(shape: Shape) -> dict[str, int]:
    """Non-space body characters of each article as written (plain paragraphs: nothing is added)."""
    out = {}
    n = 0
    for page in shape.pages:
        for art in page.arts:
            n += 1
            out[f"articles/a{n}.md"] = sum(1 for p in art.paras for ch in p if not ch.isspace())
    return out


def source_photos(shape: Shape) -> set[tuple[str, str]]:
    """(article, photo file) of every photo of the input."""
    out = set()
    n = 0
    for page in shape.pages:
        for art in page.arts:
            n += 1
            out |= {(f"articles/a{n}.md", f"images/a{n}-{k}.png") for k in range(len(art.photos))}
    return out


def compose_shape(root: Path) -> Result:
    return compose(root / "issue.yaml", root / "out.pdf", ComposeOptions(proof=True))


def printed_chars(result: Result) -> dict[str, int]:
    """Non-space body characters each article has on the pages, read from the laid-out lines."""
    out: dict[str, int] = {}
    for page in result.doc.pages:
        for it in page.items:
            # a line drawn below the page's foot (or above its head) is not printed, whatever was drawn
            if isinstance(it, TextLine) and it.article and it.role in BODY_ROLES and 0 <= it.y_pt <= page.height_pt:
                out[it.article] = out.get(it.article, 0) + sum(1 for g in it.line.glyphs if not g.ch.isspace())
    return out


NOT_PLACED = re.compile(r"^(\S+) \((\S+)\)")


def assert_accounted(shape: Shape, result: Result) -> None:
    """Every character and photo of the input is printed or reported, and the report says so truly."""
    report = result.report
    want = source_chars(shape)
    arts = {a["file"]: a for a in report["articles"]}
    assert sorted(arts) == sorted(want), (sorted(arts), sorted(want))
    printed = printed_chars(result)
    over_found = {f["article"] for f in report["findings"] if f["code"] == "text-overset"}
    for file, n in want.items():
        a = arts[file]
        assert printed.get(file, 0) + a["overset_chars"] == n, (file, printed.get(file, 0), a, n)
        if a["overset_chars"]:
            assert a["status"] == "overset" and file in over_found, a
    placed = {(p["article"], p["file"]) for p in report["photos"]}
    missing = set()
    for f in report["findings"]:
        if f["code"] == "image-not-placed":
            m = NOT_PLACED.match(f["message"])
            assert m, f
            missing.add((m.group(2), m.group(1)))
    photos = source_photos(shape)
    assert photos <= placed | missing, sorted(photos - placed - missing)
    assert not placed & missing, sorted(placed & missing)
    for art, _ in missing:
        assert arts[art]["status"] == "overset", arts[art]  # a story with photos left out is not `fit`
    # the PDF draws exactly the photos the report says are placed
    with pdfplumber.open(result.pdf) as pdf:
        assert sum(len(p.images) for p in pdf.pages) == len(report["photos"])
    # every page line counts what it printed: an article of the page is printed there, moved on, or overset
    for a in report["articles"]:
        assert a["pages"] or a["status"] == "overset", a
