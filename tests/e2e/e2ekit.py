"""Run the command line in-process and bundle a composed PDF with what the checks need to read it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from issuepress.cli import main
from issuepress.load.issue import load_issue
from issuepress.model import Issue, Layout

from pdfmeasure import (SEGMENT_GAP_GUTTERS, Frames, PdfPage, TextLine, body_lines, frames, han_counter,
                        read_pdf, read_report)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED_DATA = REPO / "tests" / "seeds" / "data"
# The source text each seed folder was rebuilt from (tests/seeds/test_seed_coverage.py pairs them too).
SEED_SOURCES = {"jincheng-215": "002_4158ae2e023ee4b7.txt", "changzhi-robot": "000_bf4cda4df121c1c7.txt"}

FRONT_MATTER = re.compile(r"\A---\n(?P<front>.*?\n)---\n(?P<body>.*)\Z", re.S)


def issue_yaml(*pages: tuple[str, tuple[str, ...]]) -> str:
    """issue.yaml of the small test paper (测试院报, No. 1, 2026-04-01, tabloid-4col) with these pages,
    each (版名, article paths)."""
    head = ("paper:\n  name: 测试院报\nissue:\n  number: 1\n  total: 1\n  date: 2026-04-01\n"
            "layout: tabloid-4col\npages:\n")
    return head + "".join(f"  - title: {title}\n    articles:\n" + "".join(f"      - {a}\n" for a in arts)
                          for title, arts in pages)


def run_cli(*args: str) -> Result:
    """`issuepress ARGS` in this process; stdout and stderr kept apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def describe(result: Result) -> str:
    """Exit code, output and any exception, for assertion messages."""
    return (f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}\n"
            f"exception: {result.exception!r}")


@dataclass(frozen=True)
class Composed:
    """A composed issue: the folder, the PDF read back, its report and the loaded issue and layout."""

    name: str
    folder: Path
    pdf: Path
    pages: tuple[PdfPage, ...]
    report: dict[str, Any]
    issue: Issue
    stdout: str

    @property
    def layout(self) -> Layout:
        return self.issue.layout

    @property
    def frames(self) -> Frames:
        return frames(self.layout)

    @property
    def baseline(self) -> float:
        return self.layout.grid.baseline_pt

    @property
    def max_gap(self) -> float:
        return SEGMENT_GAP_GUTTERS * self.layout.grid.gutter_pt

    @cached_property
    def lines(self) -> tuple[TextLine, ...]:
        """Body lines, measured once per composed issue."""
        return tuple(body_lines(self.pages, self.layout, self.frames))


def compose(name: str, folder: Path, out_dir: Path, *extra: str) -> Composed:
    """Compose `folder` through the command line into out_dir/<name>.pdf and read it back."""
    pdf = out_dir / f"{name}.pdf"
    result = run_cli("compose", str(folder), "-o", str(pdf), *extra)
    assert result.exit_code == 0, describe(result)
    return Composed(name, folder, pdf, read_pdf(pdf), read_report(pdf), load_issue(folder), result.stdout)


# ---------------------------------------------------------------------------------------------- sources


def article_text(path: Path) -> str:
    """An article's text: the file, or for a Word article the Markdown issuepress reads it as (the
    same `issuepress import` writes)."""
    if path.suffix.lower() == ".docx":
        from issuepress.load.article import FRONT_MATTER_KEYS
        from issuepress.load.word.convert import convert
        return convert(path, "images", FRONT_MATTER_KEYS).text
    return path.read_text(encoding="utf-8")


def read_article(path: Path) -> tuple[dict[str, Any], str]:
    """An article's front matter and Markdown body, read with plain PyYAML."""
    m = FRONT_MATTER.match(article_text(path))
    assert m, f"{path}: no front matter"
    return yaml.safe_load(m["front"]) or {}, m["body"]


def strings_in(obj: Any) -> list[str]:
    """Every string key and value of a parsed YAML tree."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in (*strings_in(k), *strings_in(v))]
    if isinstance(obj, list):
        return [s for v in obj for s in strings_in(v)]
    return []


def article_han(path: Path) -> Counter[str]:
    """Han characters an editor wrote for one article: title, kicker, byline, captions, body…"""
    front, body = read_article(path)
    return han_counter("".join(strings_in(front)) + body)


def issue_article_paths(issue: Issue) -> list[Path]:
    return [Path(a.path) for page in issue.pages for a in page.articles]


def issue_han(issue: Issue) -> Counter[str]:
    """The Han characters of every article of the issue, with their counts."""
    total: Counter[str] = Counter()
    for p in issue_article_paths(issue):
        total += article_han(p)
    return total


def seed_source_han(name: str) -> Counter[str]:
    return han_counter((SEED_DATA / SEED_SOURCES[name]).read_text(encoding="utf-8"))


def compact(text: str) -> str:
    """Text without whitespace or line breaks, as it is compared with text read back from a PDF."""
    return re.sub(r"\s+", "", text)
