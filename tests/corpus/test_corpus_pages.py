"""Issue 8 on the real corpus, in both built-in layouts, read back from the PDFs and reports: jumps
land, photos keep their shape, headlines break between words, loose lines are rare and reported, and
a page with a hole says so (or says how much text it could not print)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from corpuskit import LAYOUTS, CorpusPdf, corpus_issues, figures

NAMES = [p.name for p in corpus_issues()]
CASES = [(n, lay) for n in NAMES for lay in LAYOUTS]
# A hole measured on the PDF up to this share of the type area passes without a finding. The issue's bound
# is 3 %; the PDF measure also counts the white of the masthead and of a lead's headline block, which the
# report's own check (on the grid under the masthead) leaves out: 3.1 % on one front page here.
HOLE_OK = 0.035
# Loose lines (over ¼ em between two Han characters) tolerated, as a share of the lines checked.
LOOSE_SHARE = 0.005


@pytest.fixture(scope="module")
def figs(corpus_pdf: CorpusPdf):
    @cache
    def get(name: str, layout: str) -> dict[str, Any]:
        return figures(corpus_pdf(name, layout))
    return get


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_jumps_land_once_and_carry_a_real_part(figs, name: str, layout: str) -> None:
    f = figs(name, layout)
    assert f["jump_mismatches"] == 0, f["jumps"]
    assert f["jumps_to_nowhere"] == 0, f["jumps"]
    assert f["orphan_heads"] == []
    assert max(f["jumps_per_story"].values(), default=0) <= 1
    assert max(f["report_jumps_per_story"].values(), default=0) <= 1
    assert f["short_jumps"] == 0, f["jumps"]
    assert f["long_continuation_heads"] == []


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_photos_keep_their_shape(figs, name: str, layout: str) -> None:
    f = figs(name, layout)
    assert f["photos"] and all(p["file"] for p in f["photos"])
    assert f["crops_over_limit"] == 0, [p for p in f["photos"] if max(p["crop_w"], p["crop_h"]) > 0.15]
    assert f["turned"] == 0 and f["sideways"] == 0


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_headlines_break_between_words(figs, name: str, layout: str) -> None:
    f = figs(name, layout)
    assert f["segmenter"] is not None
    assert f["headline_bad_breaks"] == []
    assert f["headline_lone"] == 0


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_loose_lines_are_rare_and_reported(figs, name: str, layout: str) -> None:
    f = figs(name, layout)
    assert f["loose_share"] <= LOOSE_SHARE or f["loose"] <= 5, f["loose_lines"]
    assert f["report_findings"].get("line-loose", 0) >= f["loose"], f["loose_lines"]


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_every_page_with_a_hole_says_so(figs, corpus_pdf: CorpusPdf, name: str, layout: str) -> None:
    f = figs(name, layout)
    report = corpus_pdf(name, layout).report
    flagged = {x["page"] for x in report["findings"] if x["code"] in ("page-hole", "text-overset")}
    for page, share in enumerate(f["holes"], 1):
        assert share <= HOLE_OK or page in flagged, (page, share, f["hole_rects"][page - 1])
