"""Fixtures for the load tests: a complete issue folder written from text, changed piece by piece."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from loadkit import FULL_ARTICLE, ISSUE_YAML, simple_article  # type: ignore[import-not-found]

IssueMaker = Callable[..., Path]


@pytest.fixture
def make_issue(tmp_path: Path) -> IssueMaker:
    """Write an issue folder: issue.yaml (text), articles (name -> text or bytes); returns the folder."""

    def make(issue_yaml: str = ISSUE_YAML, articles: dict[str, str | bytes] | None = None,
             files: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "issue"
        root.mkdir(exist_ok=True)
        (root / "issue.yaml").write_text(textwrap.dedent(issue_yaml), encoding="utf-8")
        all_files: dict[str, str | bytes] = {
            "articles/safety-meeting.md": FULL_ARTICLE,
            "articles/walk.md": simple_article("健步走"),
            "articles/elder-care.md": simple_article("医养结合"),
            "articles/skills.md": simple_article("技能大赛"),
        }
        all_files.update(articles or {})
        all_files.update(files or {})
        for name, content in all_files.items():
            put(root / name, content)
        return root

    return make


def put(p: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to p, making its folder."""
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write one file under tmp_path."""

    def w(name: str, content: str | bytes) -> Path:
        return put(tmp_path / name, content)

    return w


@pytest.fixture
def line_of() -> Callable[[str, str], int]:
    """1-based line of the first line containing needle (to assert error line numbers)."""

    def find(text: str, needle: str) -> int:
        for i, line in enumerate(text.splitlines(), 1):
            if needle in line:
                return i
        raise AssertionError(f"{needle!r} not in text")

    return find
