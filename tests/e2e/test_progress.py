"""The progress line: shown on a terminal only, after a second, redrawn in place, erased at the end."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from issuepress import progress
from issuepress.pipeline import ComposeOptions, compose

ISSUE_YAML = """\
paper: {name: 测试院报}
issue: {number: 1, total: 1, date: 2026-04-01}
layout: tabloid-4col
pages:
  - title: 要闻
    articles: [articles/short.md]
"""


def write_issue(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
    (folder / "articles" / "short.md").write_text("---\ntitle: 试排稿件\n---\n一段短短的正文。\n", encoding="utf-8")
    return folder


class Terminal(io.StringIO):
    """A stream that says it is a terminal, keeping what was written."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_before_a_second_then_one_line_redrawn_in_place_and_erased() -> None:
    term, clock = Terminal(), Clock()
    with progress.shown_on(term, clock=clock):
        progress.note("pages set", 1, 8)
        clock.now += 0.5
        progress.note("pages set", 2, 8)
        assert term.getvalue() == ""  # a compose shorter than a second shows nothing
        clock.now += 0.6
        progress.note("pages set", 3, 8)
        assert term.getvalue() == f"{progress.CLEAR}issuepress: pages set 3/8 (1.1 s)"
        progress.note("pages set", 4, 8)  # within a tenth of a second of the last drawing: not drawn
        assert term.getvalue().count(progress.CLEAR) == 1
        clock.now += 0.2
        progress.note("pages set", 8, 8)
        progress.note("pictures prepared", 0, 3)
        clock.now += 0.2
        progress.step("pictures prepared")
        # a finished stage gives way to the one under way; each drawing starts at the line's start
        last = term.getvalue().rsplit(progress.CLEAR, 1)[1]
        assert last == "issuepress: pictures prepared 1/3 (1.5 s)", term.getvalue()
    assert term.getvalue().endswith(progress.CLEAR)  # erased, so the next output starts on a clean line
    assert "\n" not in term.getvalue()


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with progress.shown_on(stream, after_s=0):
        progress.note("pages set", 1, 1)
    assert stream.getvalue() == ""
    progress.note("pages set", 1, 1)  # outside any progress line: nothing happens, nothing fails


def test_a_compose_reports_its_stages(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "issue")
    term = Terminal()
    with progress.shown_on(term, after_s=0):
        compose(folder, tmp_path / "x.pdf", ComposeOptions(proof=True))
    written = term.getvalue()
    for stage in ("pages set 1/1", "fonts subset", "pages drawn 1/1"):
        assert stage in written, written


def test_compose_on_a_terminal_ends_with_the_line_erased(tmp_path: Path) -> None:
    """On a real terminal (a pty as stderr) stderr holds nothing but progress drawings, each starting
    at the line's start, and the last thing written erases the line (a compose under a second draws none)."""
    folder = write_issue(tmp_path / "issue")
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "issuepress.cli", "compose", str(folder), "-o",
                               str(tmp_path / "x.pdf"), "--proof"], stdout=subprocess.PIPE, stderr=slave,
                              timeout=300)
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the pty is closed once the child has gone and all was read
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    err = b"".join(chunks).decode("utf-8")
    assert proc.returncode == 0, err
    assert err == "" or (err.startswith(progress.CLEAR) and err.endswith(progress.CLEAR)), repr(err)
    for drawing in err.split(progress.CLEAR):
        assert drawing == "" or re.fullmatch(r"issuepress: [a-z ]+ \d+/\d+(, [a-z ]+ \d+/\d+)* \(\d+\.\d s\)",
                                             drawing), repr(err)
