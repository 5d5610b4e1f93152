"""Geometry and helpers shared by the print tests (imported by conftest.py and the tests)."""

from __future__ import annotations

from pathlib import Path

import reportlab

from issuepress.render.marks import MARK_SPACE_PT

TRIM_W, TRIM_H = 420.0, 595.0  # A5: wide enough for a full slug left of the bottom target
BLEED = 3 * 72 / 25.4  # the usual 3 mm
PAD = BLEED + MARK_SPACE_PT
TRIM = (PAD, PAD, PAD + TRIM_W, PAD + TRIM_H)
BLEED_BOX = (PAD - BLEED, PAD - BLEED, PAD + TRIM_W + BLEED, PAD + TRIM_H + BLEED)
MEDIA = (TRIM_W + 2 * PAD, TRIM_H + 2 * PAD)
TEST_FONT = "IssuePressPrintTest"  # also its PostScript name (see conftest.test_font)


def font_file_for_tests() -> Path:
    """The project's checked-in test font (the largest: it has Latin and CJK), else ReportLab's own Vera."""
    here = Path(__file__).resolve().parents[1] / "fonts"
    own = sorted(here.glob("*.ttf"), key=lambda p: (-p.stat().st_size, p.name)) if here.is_dir() else []
    return own[0] if own else Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
