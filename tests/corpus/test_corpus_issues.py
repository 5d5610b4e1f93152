"""The corpus issues compose, and no character of any article is lost: every Han character of the
articles is printed, or counted overset in the report."""

from __future__ import annotations

import pytest

from corpuskit import CorpusPdf, corpus_issues, lost_han
from corpusmeasure import overset_chars

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
