"""Fixtures of the corpus tests: each corpus issue (corpus/*) composed at most once per session and
layout, into a session tmp folder (the private cache comes from tests/conftest.py).

`corpus_pdf(name, layout=None)` gives the Composed issue (PDF path, report dict, pages read back,
loaded issue): its own layout by default, or a copy of the folder in the other built-in layout.
Tests of issue 8's figures build on it: `figures(corpus_pdf("tabloid-news"))` (corpuskit) has them all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))  # pdfmeasure, e2ekit, corpuskit

from corpuskit import CORPUS, CorpusPdf, in_layout, own_layout  # noqa: E402
from e2ekit import Composed, compose  # noqa: E402


@pytest.fixture(scope="session")
def corpus_pdf(tmp_path_factory: pytest.TempPathFactory) -> CorpusPdf:
    """compose(name, layout) memoised for the session: corpus/<name> in `layout` (default its own)."""
    out = tmp_path_factory.mktemp("corpus-out")
    copies = tmp_path_factory.mktemp("corpus-copies")
    done: dict[tuple[str, str], Composed] = {}

    def get(name: str, layout: str | None = None) -> Composed:
        folder = CORPUS / name
        layout = layout or own_layout(folder)
        if (name, layout) not in done:
            done[(name, layout)] = compose(f"{name}-{layout}", in_layout(folder, layout, copies), out)
        return done[(name, layout)]

    return get
