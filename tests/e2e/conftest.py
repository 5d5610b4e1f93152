"""Session fixtures: each seed composed once for all e2e tests (the private cache comes from tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from e2ekit import SEEDS, Composed, compose

A4_LAYOUT_LINE = ("layout: tabloid-4col", "layout: a4-3col")


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("composed")


@pytest.fixture(scope="session")
def jincheng(out_dir: Path) -> Composed:
    return compose("jincheng-215", SEEDS / "jincheng-215", out_dir)


@pytest.fixture(scope="session")
def changzhi(out_dir: Path) -> Composed:
    return compose("changzhi-robot", SEEDS / "changzhi-robot", out_dir)


@pytest.fixture(scope="session")
def jincheng_a4(out_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Composed:
    """A copy of jincheng-215 whose issue.yaml names the a4-3col layout."""
    folder = tmp_path_factory.mktemp("a4") / "jincheng-a4"
    shutil.copytree(SEEDS / "jincheng-215", folder)
    issue = folder / "issue.yaml"
    text = issue.read_text(encoding="utf-8")
    assert A4_LAYOUT_LINE[0] in text
    issue.write_text(text.replace(*A4_LAYOUT_LINE), encoding="utf-8")
    return compose("jincheng-a4", folder, out_dir)
