"""The finding-code table: complete, well-formed, and covering every code the source emits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from issuepress.preflight.codes import CODES, SEVERITIES, markdown_table, severity

REQUIRED = ("text-overset", "glyph-missing", "image-missing", "image-unreadable", "image-too-large",
            "image-low-resolution", "image-rgb", "rich-black", "rgb-content", "font-not-embedded", "box-missing",
            "kinsoku", "line-past-edge", "ink-over-limit", "pdfx-unmet")
SRC = Path(__file__).resolve().parents[2] / "src" / "issuepress"


def test_every_required_code_is_in_the_table():
    assert set(REQUIRED) <= set(CODES)


def test_entries_are_well_formed():
    for key, c in CODES.items():
        assert c.code == key and re.fullmatch(r"[a-z]+(-[a-z]+)*", key)
        assert c.severity in SEVERITIES
        assert c.title.strip() and c.fix.strip()


def test_severity_lookup_rejects_unknown_codes():
    assert severity("text-overset") == "error"
    assert severity("image-rgb") == "warning"
    with pytest.raises(KeyError):
        severity("text-overflow")


def test_markdown_table_has_a_row_per_code():
    table = markdown_table()
    lines = table.strip().splitlines()
    assert lines[0].startswith("| code | severity |") and set(lines[1]) <= set("|- ")
    assert len(lines) == 2 + len(CODES)
    for line, c in zip(lines[2:], CODES.values()):
        assert line.startswith(f"| `{c.code}` | {c.severity} | ")
        assert line.count(" | ") == 3  # no unescaped pipe in the texts breaks a row


def test_codes_emitted_anywhere_in_the_source_are_in_the_table():
    """A code used in a Finding(...) or PdfFinding(...) but missing here would be undocumented."""
    pattern = re.compile(r"""Finding\(\s*(?:"(?:error|warning)"|[A-Z_a-z.\[\]"-]+),\s*"([a-z]+(?:-[a-z]+)+)\"""")
    used = {m.group(1) for p in SRC.rglob("*.py") for m in pattern.finditer(p.read_text(encoding="utf-8"))}
    assert used, "the pattern should find the codes layout and preflight emit"
    assert used <= set(CODES), sorted(used - set(CODES))
