"""Fixtures for the fonts tests: the checked-in test fonts only, a private cache per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from fonts_testdata import FONT_DIR, make_roles

from issuepress.fonts.registry import FontRegistry


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def registry(cache_dir: Path) -> FontRegistry:
    """Roles over the test fonts; the machine's font folders are not searched."""
    return FontRegistry(make_roles(), search_dirs=[FONT_DIR], cache_dir=cache_dir, standard_dirs=False)
