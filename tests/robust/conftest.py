"""Fixtures for the robustness tests: a tiny one-page issue (the private cache comes from tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # `import robustkit` whatever pytest's import mode

from robustkit import write_issue  # noqa: E402


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A valid one-page issue with one short article, in tmp_path/issue."""
    return write_issue(tmp_path / "issue")
