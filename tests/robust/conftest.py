"""Fixtures for the robustness tests: a private font-subset cache and a tiny one-page issue."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # `import robustkit` whatever pytest's import mode

from robustkit import write_issue  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """ISSUEPRESS_CACHE in a session tmp dir (subprocesses inherit it): subsets are built once."""
    path = tmp_path_factory.mktemp("font-cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("ISSUEPRESS_CACHE", str(path))
    yield path
    mp.undo()


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A valid one-page issue with one short article, in tmp_path/issue."""
    return write_issue(tmp_path / "issue")
