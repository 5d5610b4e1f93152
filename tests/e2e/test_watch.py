"""`issuepress watch`: composes, recomposes on a save, keeps the last good PDF through a broken edit,
and Ctrl-C leaves nothing half-written; fonts are kept between composes without changing a byte."""

from __future__ import annotations

import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pdfplumber
import pytest

from e2ekit import issue_yaml
from issuepress.pipeline import ComposeOptions, compose
from issuepress.watch import InputFilter, Session, WarmFonts, watch_roots

EXIT_INTERRUPTED = 128 + int(signal.SIGINT)
# Time allowed for one compose of the tiny issue on a busy shared machine (it takes about a second).
COMPOSE_WAIT_S = 120
RARE = "\U0002A6A5"  # 𪚥: no default font has it, so the edit below adds a glyph-missing finding
NEW_TEXT = "编辑刚刚保存的新句子"

ISSUE_YAML = issue_yaml(("要闻", ("articles/short.md",)))
ARTICLE = "---\ntitle: 试排稿件\n---\n这是一篇用于测试的短稿，检查排版能否正常完成。\n"


def write_issue(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
    (folder / "articles" / "short.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def pdf_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return re.sub(r"\s", "", "".join(page.extract_text() or "" for page in doc.pages))


def start_watch(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    """`issuepress watch ARGS` as a child process whose output the test reads line by line."""
    return subprocess.Popen([sys.executable, "-m", "issuepress.cli", "watch", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def ended(proc: subprocess.Popen[str]) -> None:
    """Kill the watch if the test stopped before it did, so no child outlives the test."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()


class Lines:
    """The watch's stdout, line by line, read on a thread so the test can wait with a deadline."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.q: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        assert proc.stdout is not None
        stream = proc.stdout

        def pump() -> None:
            for line in stream:
                self.q.put(line.rstrip("\n"))
            self.q.put(None)

        threading.Thread(target=pump, daemon=True).start()

    def wait_for(self, pattern: str, timeout: float = COMPOSE_WAIT_S) -> str:
        """The first new line matching `pattern` (a regex), polling until the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no line matching {pattern!r} in time; seen:\n" + "\n".join(self.seen))
            try:
                line = self.q.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"watch ended before {pattern!r}; seen:\n" + "\n".join(self.seen))
            self.seen.append(line)
            if re.search(pattern, line):
                return line


def test_watch_recomposes_on_save_keeps_the_pdf_through_a_broken_edit_and_stops_clean(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "issue")
    out = tmp_path / "out" / "w.pdf"
    proc = start_watch(str(folder), "-o", str(out), "--proof")
    try:
        lines = Lines(proc)
        first = lines.wait_for(r"composed .*w\.pdf in [\d.]+ s: 1 pages, 0 errors")
        assert re.match(r"\[\d\d:\d\d:\d\d\] composed ", first), first
        lines.wait_for(r"^watching ")
        assert NEW_TEXT not in pdf_text(out)

        article = folder / "articles" / "short.md"
        article.write_text(ARTICLE.replace("短稿，", f"短稿{RARE}，{NEW_TEXT}，"), encoding="utf-8")
        again = lines.wait_for(r"articles/short\.md changed: composed ")
        assert re.search(r"in [\d.]+ s: 1 pages, 1 errors, \d+ warnings; [1-9]\d* findings? added, \d+ removed$",
                         again), again
        # the finding the edit brought, among the changed ones printed under the compose line
        added = lines.wait_for(r"^  \+ error: ", timeout=5)
        assert added.startswith("  + error: page 1 articles/short.md: glyph-missing: "), added
        assert all(re.match(r"  [-+] (error|warning): ", ln) for ln in lines.seen[lines.seen.index(again) + 1:])
        assert NEW_TEXT in pdf_text(out)

        good = out.read_bytes(), out.with_suffix(".report.json").read_bytes()
        (folder / "issue.yaml").write_text(ISSUE_YAML.replace("name: 测试院报", "name: 测试: 院报"), encoding="utf-8")
        error = lines.wait_for(r"issue\.yaml changed: ")
        assert re.search(r"error: \S*issue\.yaml:2\b.*; \S*w\.pdf kept from \d\d:\d\d:\d\d$", error), error
        assert (out.read_bytes(), out.with_suffix(".report.json").read_bytes()) == good

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=COMPOSE_WAIT_S) == EXIT_INTERRUPTED
    finally:
        ended(proc)
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    assert "Traceback" not in stderr and stderr.strip().endswith("interrupted; no partial file is left"), stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["w.pdf", "w.report.json"]
    assert not [p for p in folder.rglob("*") if p.name.startswith(".")]


def test_watch_started_on_a_broken_issue_composes_once_fixed_and_ignores_its_own_output(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "issue")
    (folder / "issue.yaml").write_text(ISSUE_YAML.replace("name: 测试院报", "name: 测试: 院报"), encoding="utf-8")
    # run inside the issue folder, so the default output out/issue.pdf is inside the watched folder
    proc = start_watch(".", "--proof", cwd=folder)
    out = folder / "out" / "issue.pdf"
    try:
        lines = Lines(proc)
        error = lines.wait_for(r"error: ")
        assert re.search(r"issue\.yaml:2\b.*; nothing written to out/issue\.pdf$", error), error
        lines.wait_for(r"^watching ")
        assert not out.exists()
        (folder / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
        fixed = lines.wait_for(r"composed ")
        assert fixed.split("] ", 1)[1].startswith("issue.yaml changed: composed out/issue.pdf in "), fixed
        assert out.read_bytes().startswith(b"%PDF-")
        (folder / "articles" / "short.md").write_text(ARTICLE.replace("短稿", NEW_TEXT), encoding="utf-8")
        # the next compose is the edit's: writing the PDF, its report and temporary files started none
        nxt = lines.wait_for(r"composed ")
        assert nxt.split("] ", 1)[1].startswith("articles/short.md changed: composed "), lines.seen
        assert NEW_TEXT in pdf_text(out)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=COMPOSE_WAIT_S) == EXIT_INTERRUPTED
    finally:
        ended(proc)
    assert sorted(p.name for p in out.parent.iterdir()) == ["issue.pdf", "issue.report.json"]


def test_kept_fonts_give_the_same_bytes_and_are_made_anew_when_fonts_change(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "issue")
    fresh, warm = tmp_path / "fresh.pdf", tmp_path / "warm.pdf"
    opts = ComposeOptions(proof=True)
    fonts = WarmFonts()
    compose(folder, warm, opts, registry_for=fonts)
    kept = fonts.registry
    article = folder / "articles" / "short.md"
    article.write_text(ARTICLE.replace("短稿", "另一篇短稿"), encoding="utf-8")
    compose(folder, warm, opts, registry_for=fonts)
    assert fonts.registry is kept  # the faces loaded by the first compose served the second
    compose(folder, fresh, opts)
    assert warm.read_bytes() == fresh.read_bytes()
    (folder / "fonts").mkdir()
    (folder / "fonts" / "README.txt").write_text("the editor's own fonts go here\n", encoding="utf-8")
    compose(folder, warm, opts, registry_for=fonts)
    assert fonts.registry is not kept


def test_parsed_layouts_are_kept_until_a_yaml_file_changes(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "issue")
    (folder / "layouts").mkdir()
    local = folder / "layouts" / "local.yaml"
    local.write_text("name: local\nextends: tabloid-4col\n", encoding="utf-8")
    (folder / "issue.yaml").write_text(ISSUE_YAML.replace("tabloid-4col", "local"), encoding="utf-8")
    out = tmp_path / "out" / "x.pdf"
    said: list[str] = []
    session = Session(folder, out, ComposeOptions(proof=True), echo=said.append)
    assert session.compose()
    (kept,) = session.layouts.values()
    article = folder / "articles" / "short.md"
    article.write_text(ARTICLE.replace("短稿", NEW_TEXT), encoding="utf-8")
    assert session.compose((article,))
    assert list(session.layouts.values()) == [kept] and list(session.layouts.values())[0] is kept
    assert NEW_TEXT in pdf_text(out)
    local.write_text("name: renamed\nextends: tabloid-4col\n", encoding="utf-8")
    assert session.compose((local,))
    assert json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))["layout"] == "renamed"
    assert said[-1].split("] ", 1)[1].startswith("layouts/local.yaml changed: composed "), said


def test_only_inputs_start_a_compose_never_the_output(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue").resolve()
    out = root / "out" / "x.pdf"  # the PDF written inside the issue folder
    layout = (tmp_path / "layouts" / "mine.yaml").resolve()
    shared = (tmp_path / "shared-layouts").resolve()  # a folder of $ISSUEPRESS_LAYOUTS
    keep = InputFilter(root, out, [layout], [shared])
    modified = 2  # watchfiles.Change.modified
    for path in (root / "issue.yaml", root / "articles" / "short.md", root / "images" / "new.jpg", layout,
                 shared / "new.yaml"):
        assert keep(modified, str(path)), path
    for path in (out, out.parent, out.with_suffix(".report.json"), out.parent / ".x.pdf.abc.tmp",
                 out.parent / "x-p1.png", out.parent / ".issuepress-abc" / "x.pdf",
                 root / "articles" / ".short.md.swp", tmp_path / "layouts" / "other.yaml", shared / "notes.txt"):
        assert not keep(modified, str(path)), path
    assert watch_roots(root, [layout, root / "issue.yaml"]) == tuple(sorted({root, layout.parent}))
    # an input whose folder holds the issue folder is watched alone, not with all that folder holds
    beside = (tmp_path / "profile.icc").resolve()
    assert watch_roots(root, [beside]) == tuple(sorted({root, beside}))


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="no SIGTERM on this platform")
def test_sigterm_ends_a_watch_with_143(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "issue")
    out = tmp_path / "out" / "w.pdf"
    proc = start_watch(str(folder), "-o", str(out), "--proof")
    try:
        Lines(proc).wait_for(r"^watching ")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=COMPOSE_WAIT_S) == 128 + int(signal.SIGTERM)
    finally:
        ended(proc)
    assert sorted(p.name for p in out.parent.iterdir()) == ["w.pdf", "w.report.json"]


def test_kept_paragraphs_set_only_the_edited_article_again_and_give_the_same_bytes(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "issue")
    out, fresh = tmp_path / "out" / "x.pdf", tmp_path / "fresh.pdf"
    session = Session(folder, out, ComposeOptions(proof=True), echo=lambda line: None)
    assert session.compose()
    first = session.paragraphs.misses
    assert first > 0 and session.paragraphs.entries
    assert session.compose((folder / "issue.yaml",))
    assert session.paragraphs.misses == first  # nothing changed: every paragraph came from memory
    article = folder / "articles" / "short.md"
    article.write_text(ARTICLE.replace("短稿", NEW_TEXT), encoding="utf-8")
    assert session.compose((article,))
    again = session.paragraphs.misses - first
    assert 0 < again < first  # the edited paragraphs only
    compose(folder, fresh, ComposeOptions(proof=True))
    assert out.read_bytes() == fresh.read_bytes()
    assert NEW_TEXT in pdf_text(out)
