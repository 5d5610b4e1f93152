"""Helpers of the Markdown-body tests: an issue of given articles composed by the CLI, and its PDF read
back as lines of characters with their positions (what a reader of the page gets)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "robust"))  # the CLI runner

from robustkit import describe, run_cli  # noqa: E402
from issuekit import issue_yaml  # noqa: E402

# Body characters of the A4 layout are 小五 (9 pt); anything smaller or larger is furniture or headline.
BODY_SIZES = (8.0, 10.0)
# Characters closer than this in their tops (pt) are on one line.
SAME_LINE_PT = 1.0


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    font: str


@dataclass(frozen=True)
class Composed:
    pdf: Path
    report: dict
    pages: tuple[tuple[Char, ...], ...]  # every character of each page, in drawing order

    def body_lines(self, page: int = 1, sizes: tuple[float, float] = BODY_SIZES) -> list[list[Char]]:
        """The page's lines of characters within `sizes`, column by column, top to bottom."""
        chars = [c for c in self.pages[page - 1] if sizes[0] <= c.size <= sizes[1] and c.top > HEADER_BOTTOM_PT]
        return lines_of(chars)

    def findings(self, code: str) -> list[dict]:
        return [f for f in self.report["findings"] if f["code"] == code]


# The page header of the A4 layout's inner page ends above this (pt from the top): its characters are
# not body text.
HEADER_BOTTOM_PT = 110.0


def lines_of(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines: drawing order keeps a line's characters together (each line is
    drawn left to right), a new line starts where the top changes or x goes back."""
    out: list[list[Char]] = []
    for c in chars:
        if out and abs(out[-1][-1].top - c.top) < SAME_LINE_PT and c.x0 >= out[-1][-1].x0 - 0.01:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def text(line: list[Char]) -> str:
    return "".join(c.text for c in line)


# The A4 layout with a template whose one slot is one column wide: a story set in it stays in one column,
# so what follows what (a stanza's gap, a list's lines) is read down that column.
ONE_COLUMN = """\
extends: a4-3col
templates:
  column:
    header: true
    slots:
      one: {column: 0, span: 1, line: 0}
"""


def write_issue(root: Path, articles: dict[str, str], layout: str = "a4-3col", one_column: bool = False) -> Path:
    """An issue folder with one page holding the articles (file name -> whole text, front matter too);
    `one_column`: the first article in a slot one column wide."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    text = issue_yaml([("副刊", [f"articles/{name}" for name in articles])], layout)
    if one_column:
        (root / "column.yaml").write_text(ONE_COLUMN, encoding="utf-8")
        first = next(iter(articles))
        text = (text.replace(f"layout: {layout}", "layout: column.yaml").replace("template: inner", "template: column")
                .replace(f"- articles/{first}", f"- {{file: articles/{first}, slot: one}}"))
    (root / "issue.yaml").write_text(text, encoding="utf-8")
    for name, body in articles.items():
        (root / "articles" / name).write_text(body, encoding="utf-8")
    return root


def article(body: str, title: str = "测试", front: str = "") -> str:
    return f"---\ntitle: {title}\n{front}---\n{body}"


def compose(tmp: Path, articles: dict[str, str], layout: str = "a4-3col", png: bool = False,
            one_column: bool = False) -> Composed:
    """Compose the issue with the CLI (exit 0 expected) and read the PDF and its report back."""
    root = write_issue(tmp / "issue", articles, layout, one_column)
    pdf = tmp / "out.pdf"
    args = ["compose", root, "-o", pdf] + (["--preview"] if png else [])
    result = run_cli(*args)
    assert result.exit_code == 0, describe(result)
    report = json.loads(pdf.with_name("out.report.json").read_text(encoding="utf-8"))
    with pdfplumber.open(pdf) as doc:
        pages = tuple(tuple(Char(c["text"], c["x0"], c["x1"], c["top"], c["size"], c["fontname"])
                            for c in page.chars) for page in doc.pages)
    return Composed(pdf, report, pages)
