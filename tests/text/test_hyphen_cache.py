"""The on-disk copy of the English hyphenation patterns hyphenates exactly as pyphen does."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from issuepress.fonts.paths import CACHE_ENV
from issuepress.text import hyphen_cache

WORDS = ("hyperplasia", "Supercalifragilistic", "prostate", "enucleation", "transurethral", "laser",
         "hyphenation", "responsibility", "international", "electroencephalography")


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    return tmp_path / hyphen_cache.SUBDIR


def test_cached_patterns_hyphenate_as_pyphen_does(cache: Path) -> None:
    want = pyphen.Pyphen(lang="en_US", left=2, right=3)
    first = hyphen_cache.load("en_US", 2, 3)  # parses and writes the cache
    assert list(cache.glob("en_US-*.json"))
    again = hyphen_cache.load("en_US", 2, 3)  # read back from it
    for word in WORDS:
        assert first.positions(word) == want.positions(word) == again.positions(word), word


def test_a_damaged_cache_falls_back_to_the_patterns(cache: Path) -> None:
    hyphen_cache.load("en_US", 2, 3)
    (path,) = cache.glob("en_US-*.json")
    path.write_text('{"maxlen": "x"', encoding="utf-8")
    hyph = hyphen_cache.load("en_US", 2, 3)
    assert hyph.positions("hyperplasia") == pyphen.Pyphen(lang="en_US", left=2, right=3).positions("hyperplasia")
