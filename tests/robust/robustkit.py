"""Shared helpers of the robustness tests: a tiny issue written from text, the CLI run in-process,
and the PDF's text read back in content-stream order."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from click.testing import CliRunner, Result

from issuepress.cli import main
from issuepress.pipeline import WORK_PREFIX

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
# 128 + SIGINT, as a shell reports a command stopped by Ctrl-C.
EXIT_INTERRUPTED = 130

TITLE = "测试标题"
BODY = "这是一篇用于测试的短稿。\n\n第二段正文。"
# One page, the A4 layout, the inner template (a page header, no masthead): the quickest issue to compose.
ISSUE_YAML = """\
paper:
  name: 测试院报
issue:
  number: 1
  date: 2026-04-01
layout: a4-3col
pages:
  - title: 要闻
    template: inner
    articles:
      - articles/a.md
"""


def article(body: str = BODY, front: str = f"title: {TITLE}\n") -> str:
    return f"---\n{front}---\n{body}"


def write_issue(root: Path, body: str = BODY, front: str = f"title: {TITLE}\n", issue_yaml: str = ISSUE_YAML,
                files: dict[str, str | bytes] | None = None) -> Path:
    """An issue folder: issue.yaml, articles/a.md and any extra files (name -> text or bytes)."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "issue.yaml").write_text(issue_yaml, encoding="utf-8")
    (root / "articles" / "a.md").write_text(article(body, front), encoding="utf-8")
    for name, content in (files or {}).items():
        put(root / name, content)
    return root


def run_cli(*args: str | Path) -> Result:
    """`issuepress ARGS` in this process; stdout and stderr kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def describe(result: Result) -> str:
    return (f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}\n"
            f"exception: {result.exception!r}")


def one_line(stderr: str) -> str:
    """The single line an error prints; fails on more lines or a traceback."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def nonspace(text: str) -> str:
    """The text without any white space (the PDF's word and line spacing is not the input's)."""
    return "".join(text.split())


def pdf_pages_text(pdf: Path) -> list[str]:
    """Each page's characters in content-stream order (the order they were drawn), without spaces.

    pdfplumber's `chars` keep that order; text extraction that sorts by position would swap a
    squeezed bracket with the character before it, which is right on the page."""
    with pdfplumber.open(pdf) as doc:
        return [nonspace("".join(c["text"] for c in page.chars)) for page in doc.pages]


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders a compose could leave beside its output."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith(WORK_PREFIX) or re.search(r"\.tmp$", p.name))


def codes(report: dict) -> list[str]:
    return sorted(f["code"] for f in report["findings"])


def flagged_chars(report: dict) -> set[str]:
    """Characters the report flags as glyph-missing (printed as marked boxes, so not in the PDF's text)."""
    out = set()
    for f in report["findings"]:
        if f["code"] == "glyph-missing":
            m = re.search(r"\(U\+([0-9A-F]{4,6})\)", f["message"])
            assert m, f
            out.add(chr(int(m.group(1), 16)))
    return out


def assert_body_back(report: dict, pages_text: list[str], body: str, article_index: int = 0) -> None:
    """Every non-space character of `body` is in the PDF's text, in order and contiguous, except the
    ones the report counts as overset (the end of the article) or flags as glyph-missing."""
    art = report["articles"][article_index]
    want = nonspace(body)
    over = art["overset_chars"]
    assert 0 <= over <= len(want), (over, len(want))
    assert (art["status"] == "overset") == (over > 0), art
    flagged = flagged_chars(report)
    placed = "".join(ch for ch in want[:len(want) - over] if ch not in flagged)
    text = "".join(pages_text[p - 1] for p in art["pages"])
    assert placed in text, _first_difference(placed, text)


def _first_difference(want: str, text: str) -> str:
    """Where the longest matching start of `want` stops matching the text (for the failure message)."""
    lo, hi = 0, len(want)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if want[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    return f"matched {lo} of {len(want)} characters; next expected {want[lo:lo + 30]!r}"


HAN = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家"


def write_big_issue(root: Path, pages: int, per_page: int, chars: int, name: str = "测试院报") -> Path:
    """An issue of `pages` inner pages with `per_page` articles of about `chars` Han characters each."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    lines = [f"paper: {{name: {name}}}", "issue: {number: 1, date: 2026-04-01}", "layout: a4-3col", "pages:"]
    n = 0
    for p in range(pages):
        lines += [f"  - title: 第{p + 1}版", "    template: inner", "    articles:"]
        for _ in range(per_page):
            n += 1
            body = "".join(HAN[(i * 13 + n) % len(HAN)] + ("。" if i % 31 == 30 else "") for i in range(chars))
            (root / "articles" / f"a{n}.md").write_text(f"---\ntitle: 第{n}篇\n---\n{body}\n", encoding="utf-8")
            lines.append(f"      - articles/a{n}.md")
    (root / "issue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def put(p: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to p, making its folder."""
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


OLD_PDF = b"%PDF-1.4 previous issue\n"
OLD_REPORT = '{"previous": true}\n'


def previous_output(folder: Path, name: str = "issue.pdf") -> Path:
    """An earlier compose's PDF and report, which a refused compose must leave as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / name
    out.write_bytes(OLD_PDF)
    out.with_suffix(".report.json").write_text(OLD_REPORT, encoding="utf-8")
    return out


def assert_untouched(out: Path) -> None:
    assert out.read_bytes() == OLD_PDF
    assert out.with_suffix(".report.json").read_text(encoding="utf-8") == OLD_REPORT
    assert leftovers(out.parent) == []
