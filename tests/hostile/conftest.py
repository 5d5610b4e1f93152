"""Fixtures for the hostile-input tests: a private font-subset cache and a tiny one-page issue.

Each case builds a fresh issue folder in tmp_path (robustkit.write_issue) and attacks one thing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))  # `import <class>kit` whatever pytest's import mode
sys.path.insert(0, str(HERE.parent / "robust"))  # write_issue and the CLI runner

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
