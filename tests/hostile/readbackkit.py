"""Helpers of the text hostile tests: compose one fresh issue through the CLI and read back what a
reader of the PDF gets (two independent text extractors) and what the report says was changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from robustkit import EXIT_OK, ISSUE_YAML, describe, nonspace, run_cli, write_issue


@dataclass(frozen=True)
class Composed:
    """One compose: its report, the PDF's text per extractor (spaces removed) and the PDF's path."""

    report: dict
    plumber: str  # pdfminer's reading of the text layer, in drawing order
    pdfium: str  # PDFium's (the engine of Chrome's viewer)
    pdf: Path

    def normalised(self, file: str) -> list[str]:
        """The report's changes for one input file (an article path or issue.yaml)."""
        return [c for entry in self.report["normalised"] if entry["file"] == file for c in entry["changes"]]


def compose(tmp_path: Path, body: str = "正文。", front: str = "title: 标题\n", issue_yaml: str = ISSUE_YAML,
            files: dict[str, str | bytes] | None = None) -> Composed:
    """Write a fresh issue in tmp_path/issue, compose it with the CLI (exit 0 expected), read it back."""
    root = write_issue(tmp_path / "issue", body=body, front=front, issue_yaml=issue_yaml, files=files)
    out = tmp_path / "out" / "issue.pdf"
    res = run_cli("compose", root, "-o", out, "--proof")
    assert res.exit_code == EXIT_OK, describe(res)
    assert "Traceback" not in res.stderr
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    return Composed(report, plumber_text(out), pdfium_text(out), out)


def plumber_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return nonspace("".join(c["text"] for page in doc.pages for c in page.chars))


def pdfium_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return nonspace("".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))
    finally:
        doc.close()


def glyph_missing(report: dict) -> list[str]:
    return [f["message"] for f in report["findings"] if f["code"] == "glyph-missing"]
