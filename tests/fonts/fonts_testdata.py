"""Paths, names and characters of the checked-in test fonts (built by scripts/make_test_font.py)."""

from __future__ import annotations

from pathlib import Path

from issuepress.fonts.registry import FontChoice, FontRole

FONT_DIR = Path(__file__).resolve().parent
SERIF_FILE = FONT_DIR / "TestSerif-Subset.ttf"
FALLBACK_FILE = FONT_DIR / "TestFallback-Subset.ttf"
SERIF = "IssuePress Test Serif"
FALLBACK = "IssuePress Test Fallback"
SERIF_ID = "IssuePressTestSerif-Regular"
FALLBACK_ID = "IssuePressTestFallback-Regular"

FALLBACK_ONLY = "鹦鹉麒麟"  # in the fallback font only (make_test_font.FALLBACK_ONLY)
SHARED = "中文"  # in both fonts
NOWHERE = "\U00020000"  # CJK Extension B: in neither

NOTO_SERIF_TTC = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def make_roles() -> dict[str, FontRole]:
    """song: serif then fallback; kai: fallback then serif."""
    return {
        "song": FontRole("song", (FontChoice(SERIF), FontChoice(FALLBACK))),
        "kai": FontRole("kai", (FontChoice(FALLBACK), FontChoice(SERIF))),
    }
