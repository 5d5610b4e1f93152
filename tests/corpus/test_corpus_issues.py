"""The corpus issues compose, and no character of any article is lost: every Han character of the
articles is printed, or counted overset in the report."""

from __future__ import annotations

import pytest

from corpuskit import CorpusPdf, all_photos, corpus_issues, lost_han
from corpusmeasure import overset_chars
from photomeasure import load_sources, photo_figures

NAMES = [p.name for p in corpus_issues()]


def test_corpus_has_the_issues_of_issue_8() -> None:
    assert {"tabloid-news", "school-a4", "overlong"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_issue_composes_and_loses_no_character(corpus_pdf: CorpusPdf, name: str) -> None:
    c = corpus_pdf(name)  # compose() asserts exit 0
    assert len(c.pages) == len(c.issue.pages)
    files = {str(a.path.relative_to(c.issue.path)) for p in c.issue.pages for a in p.articles}
    assert {a["file"] for a in c.report["articles"]} == files
    lost = lost_han(c)
    assert lost <= sum(overset_chars(c.report).values()), f"{lost} Han characters missing beyond the overset count"


def test_overlong_issue_is_reported_overset(corpus_pdf: CorpusPdf) -> None:
    """The issue that is clearly too long says so: thousands of characters overset, as text-overset errors."""
    c = corpus_pdf("overlong")
    assert sum(overset_chars(c.report).values()) > 5000
    assert any(f["code"] == "text-overset" for f in c.report["findings"])


def test_tabloid_is_four_pages_of_fourteen_items(corpus_pdf: CorpusPdf) -> None:
    c = corpus_pdf("tabloid-news")
    assert c.layout.name == "tabloid-4col"
    assert len(c.pages) == 4
    assert len(c.report["articles"]) == 14


@pytest.mark.parametrize("name", ["tabloid-news", "school-a4"])
def test_every_placed_photo_is_found_and_agrees_with_the_report(corpus_pdf: CorpusPdf, name: str) -> None:
    """Each picture in the PDF is matched to its source by content, at the frame and crop the report lists."""
    c = corpus_pdf(name)
    sources = load_sources((str(ph.src.relative_to(c.issue.path)), ph.src)
                           for p in c.issue.pages for a in p.articles for ph in all_photos(a))
    figs = photo_figures(c.pdf, sources)
    listed = {(p["file"], p["page"]): p for p in c.report.get("photos", [])}
    assert figs and all(f.file for f in figs)
    for f in figs:
        rep = listed.get((f.file, f.page))
        if rep is None:  # a report without the photo list: nothing to compare with
            continue
        assert all(abs(a - b) <= 0.5 for a, b in zip(f.frame_mm, rep["frame_mm"])), (f, rep)
        assert abs(f.crop_w - rep["crop"]["width"]) <= 0.005 and abs(f.crop_h - rep["crop"]["height"]) <= 0.005
