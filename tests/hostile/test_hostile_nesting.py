"""Quotes and lists nested deeply: markdown-it drops a container's text past its nesting cap without a
word, so text up to the limit is printed and text past it is an input error naming the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from readbackkit import compose

from issuepress.limits import MAX_MARKDOWN_NESTING
from robustkit import EXIT_INPUT, describe, one_line, run_cli, write_issue


def _deep_list(depth: int) -> str:
    return "".join("  " * i + "- 层\n" for i in range(depth)) + "  " * depth + "- 最深处文字\n"


@pytest.mark.parametrize("depth", [20, 30, 50])
def test_quotes_nested_deep_are_printed(tmp_path: Path, depth: int) -> None:
    got = compose(tmp_path, ">" * depth + " 深层引文。\n\n正文末句。\n")
    for text in (got.plumber, got.pdfium):
        assert "深层引文。" in text and "正文末句。" in text


@pytest.mark.parametrize("depth", [12, 30])
def test_lists_nested_deep_keep_their_deepest_item(tmp_path: Path, depth: int) -> None:
    got = compose(tmp_path, _deep_list(depth) + "\n正文末句。\n")
    for text in (got.plumber, got.pdfium):
        assert "最深处文字" in text and "正文末句。" in text
        assert text.count("层") >= depth


@pytest.mark.parametrize("body", [">" * (MAX_MARKDOWN_NESTING + 1) + " 深层引文。\n", ">" * 5000 + " 深。\n",
                                  _deep_list(MAX_MARKDOWN_NESTING)])
def test_nesting_past_the_limit_is_an_input_error_naming_the_line(tmp_path: Path, body: str) -> None:
    root = write_issue(tmp_path / "issue", body="第一行。\n\n" + body)
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF-old")
    res = run_cli("compose", root, "-o", out)
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert "a.md:" in line and "nested too deep" in line, line
    # the front matter is 3 lines, the body's first paragraph 2 more: the deep text starts on line 6,
    # and the error names the line where the nesting passes the limit
    m = re.search(r"a\.md:(\d+):", line)
    assert m and 6 <= int(m.group(1)) <= 6 + MAX_MARKDOWN_NESTING, line
    assert out.read_bytes() == b"%PDF-old"


def test_an_issue_holding_more_text_than_the_limit_is_an_input_error(tmp_path: Path, monkeypatch) -> None:
    """Many pages of long articles: the total is refused at the page where it passes the limit."""
    from issuepress.load import issue as issue_mod
    monkeypatch.setattr(issue_mod, "MAX_ISSUE_CHARS", 2_000)  # the real limit takes 1 MB of text
    root = tmp_path / "issue"
    pages = "".join(f"  - title: 第{i}版\n    template: inner\n    articles:\n      - articles/p{i}.md\n"
                    for i in range(3))
    from robustkit import ISSUE_YAML
    yaml = ISSUE_YAML.split("pages:")[0] + "pages:\n" + pages
    files = {f"articles/p{i}.md": f"---\ntitle: 稿{i}\n---\n" + "正文字" * 300 + "\n" for i in range(3)}
    write_issue(root, issue_yaml=yaml, files=files)
    res = run_cli("check", root)
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert "issue.yaml" in line and "pages[2].articles" in line and "2,700" in line, line
