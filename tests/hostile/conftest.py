"""Fixtures for the hostile-input tests: a tiny one-page issue (the private cache comes from tests/conftest.py).

Each case builds a fresh issue folder in tmp_path (robustkit.write_issue) and attacks one thing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))  # `import <class>kit` whatever pytest's import mode
sys.path.insert(0, str(HERE.parent / "robust"))  # write_issue and the CLI runner

from robustkit import write_issue  # noqa: E402


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A valid one-page issue with one short article, in tmp_path/issue."""
    return write_issue(tmp_path / "issue")
