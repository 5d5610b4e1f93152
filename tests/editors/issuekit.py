"""The issue.yaml the editors' tests compose: the test paper, No. 1 of 2026-04-01, its pages given."""

from __future__ import annotations

from collections.abc import Sequence


def issue_yaml(pages: Sequence[tuple[str, Sequence[str]]], layout: str = "a4-3col", template: str = "inner") -> str:
    """One page per (page title, article paths), each in `template` (inner: a page header, no masthead,
    the quickest page to compose)."""
    lines = ["paper:", "  name: 测试院报", "issue:", "  number: 1", "  date: 2026-04-01", f"layout: {layout}", "pages:"]
    for title, articles in pages:
        lines += [f"  - title: {title}", f"    template: {template}", "    articles:"]
        lines += [f"      - {a}" for a in articles]
    return "\n".join(lines) + "\n"
