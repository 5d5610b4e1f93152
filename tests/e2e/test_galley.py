"""Galley proofs: one article at one column's width, with line numbers in the left margin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from e2ekit import SEEDS, article_han, compact, describe, read_article, run_cli
from issuepress.load.layout import load_layout
from issuepress.model import Layout
from pdfmeasure import (SEGMENT_GAP_GUTTERS, PdfPage, TextLine, body_lines, column_overruns, frames,
                        justification, kinsoku_faults, missing_from, pdf_han, read_pdf, segments, text_blocks)

ARTICLE = SEEDS / "jincheng-215" / "articles" / "walk.md"
BODY_LINES = re.compile(r"(\d+) body lines")
# Proofreaders count lines in fives (layout/galley.py numbers every fifth body line).
NUMBER_EVERY = 5
MIN_JUSTIFIED = 0.99


@dataclass(frozen=True)
class Galley:
    """A galley PDF read back with the layout it was set in and the line count the command printed."""

    pdf: Path
    pages: tuple[PdfPage, ...]
    layout: Layout
    printed_lines: int

    @cached_property
    def lines(self) -> list[TextLine]:
        return body_lines(self.pages, self.layout, frames(self.layout, galley=True), skip_furniture=False)


def make_galley(out: Path, layout: str, *extra: str) -> Galley:
    res = run_cli("galley", str(ARTICLE), "-o", str(out), *extra)
    assert res.exit_code == 0, describe(res)
    m = BODY_LINES.search(res.stdout)
    assert m, f"no 'N body lines' in {res.stdout!r}"
    return Galley(out, read_pdf(out), load_layout(layout, ARTICLE.parents[1]), int(m[1]))


@pytest.fixture(scope="module")
def galley(out_dir: Path) -> Galley:
    """walk.md in the layout of its issue (tabloid-4col)."""
    return make_galley(out_dir / "walk.galley.pdf", "tabloid-4col")


@pytest.fixture(scope="module")
def galley_a4(out_dir: Path) -> Galley:
    return make_galley(out_dir / "walk.a4.galley.pdf", "a4-3col", "--layout", "a4-3col")


def line_numbers(g: Galley) -> list[tuple[float, str]]:
    """(baseline, text) of the numbers set left of the column, top to bottom, page by page."""
    left = frames(g.layout, galley=True)(1).columns[0][0]
    out = []
    for seg in segments(g.pages, SEGMENT_GAP_GUTTERS * g.layout.grid.gutter_pt):
        if seg.ink_x1 < left:
            out.append((seg.page, seg.baseline, seg.text))
    return [(base, text) for _, base, text in sorted(out)]


def test_galley_prints_its_body_line_count(galley: Galley) -> None:
    assert galley.printed_lines == len(galley.lines) > 0


def test_galley_has_the_title(galley: Galley) -> None:
    front, _ = read_article(ARTICLE)
    title = compact(front["title"])
    gap = SEGMENT_GAP_GUTTERS * galley.layout.grid.gutter_pt
    assert any(title in b for b in text_blocks(galley.pages[0], gap))


def test_galley_numbers_every_fifth_line_in_the_left_margin(galley: Galley) -> None:
    numbers = line_numbers(galley)
    assert [t for _, t in numbers] == [str(n) for n in range(NUMBER_EVERY, galley.printed_lines + 1, NUMBER_EVERY)]
    body = galley.lines
    for base, text in numbers:  # the number stands beside the body line it counts
        k = int(text) - 1
        assert abs(body[k].baseline - base) <= 0.3, (text, base, body[k].where())


def test_galley_body_is_justified_and_within_its_column(galley: Galley) -> None:
    fr = frames(galley.layout, galley=True)
    j = justification(galley.lines, fr, galley.layout.grid.baseline_pt)
    assert j.checked >= len(galley.lines) // 2
    assert j.ratio >= MIN_JUSTIFIED, j.misses
    assert not column_overruns(galley.lines, fr)
    assert not kinsoku_faults(galley.lines)


def test_galley_prints_every_han_character(galley: Galley) -> None:
    short = missing_from(article_han(ARTICLE), pdf_han(galley.pages))
    assert not short, f"characters of {ARTICLE.name} printed fewer times than written: {short}"


def test_galley_in_a4_layout_sets_at_the_a4_column_width(galley_a4: Galley, galley: Galley) -> None:
    page = galley_a4.pages[0]
    a4 = galley_a4.layout.page
    assert (round(page.width, 1), round(page.height, 1)) == (round(a4.width_pt, 1), round(a4.height_pt, 1))
    fr = frames(galley_a4.layout, galley=True)
    left, right = fr(1).columns[0]
    lines = galley_a4.lines
    j = justification(lines, fr, galley_a4.layout.grid.baseline_pt)
    assert j.checked >= len(lines) // 2 and j.ratio >= MIN_JUSTIFIED, j.misses
    assert not column_overruns(lines, fr)
    assert max(ln.ink_x1 for ln in lines) == pytest.approx(right, abs=0.5)
    assert min(ln.ink_x0 for ln in lines) == pytest.approx(left, abs=0.5)
    # a narrower measure at a smaller size: not the tabloid column
    tab_left, tab_right = frames(galley.layout, galley=True)(1).columns[0]
    assert abs((right - left) - (tab_right - tab_left)) > 10
