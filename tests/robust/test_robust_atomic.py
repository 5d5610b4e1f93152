"""Atomic output: a compose that fails or is interrupted leaves the previous PDF and report untouched
and no partial or temporary file; composes running side by side into one folder don't collide."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pytest

import issuepress.pipeline as pipeline
from issuepress.pipeline import ComposeOptions, compose, signals_held
from robustkit import (EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, OLD_PDF, assert_untouched,
                       describe, leftovers, one_line, previous_output, run_cli, write_big_issue, write_issue)

# How long a test waits for a compose subprocess (seconds); the big issue takes about 3 s.
PROCESS_TIMEOUT_S = 120.0
# Polling step while waiting for a subprocess to reach its render phase.
POLL_S = 0.005


@pytest.fixture(scope="module")
def big_issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 pages of 3 articles: about three seconds of layout and over a second of rendering with the
    caches warm, time enough to see the rendering start and interrupt it on a loaded machine (8 pages
    rendered in less time than a busy machine took to deliver the signal)."""
    return write_big_issue(tmp_path_factory.mktemp("big") / "big", pages=24, per_page=3, chars=1200)


def start_compose(issue: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "issuepress.cli", "compose", str(issue), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_render(proc: subprocess.Popen[str], folder: Path) -> None:
    """Until the compose has made its temporary folder beside the output (it is rendering)."""
    deadline = time.monotonic() + PROCESS_TIMEOUT_S
    while not any(p.name.startswith(pipeline.WORK_PREFIX) for p in folder.iterdir()):
        assert proc.poll() is None, f"compose ended before rendering: {proc.communicate()}"
        assert time.monotonic() < deadline, "compose never reached rendering"
        time.sleep(POLL_S)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_mid_compose_leaves_previous_pdf_and_no_temporary_file(big_issue: Path, tmp_path: Path,
                                                                       signum: int) -> None:
    out = previous_output(tmp_path / "out", "big.pdf")
    proc = start_compose(big_issue, out)
    try:
        wait_for_render(proc, out.parent)
        proc.send_signal(signum)
        stdout, stderr = proc.communicate(timeout=PROCESS_TIMEOUT_S)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum, (stdout, stderr)
    assert "interrupted; no partial file is left" in one_line(stderr)
    assert_untouched(out)


def test_two_composes_into_one_folder_side_by_side(tmp_path: Path) -> None:
    first = write_big_issue(tmp_path / "first", pages=3, per_page=3, chars=1200, name="第一报")
    second = write_big_issue(tmp_path / "second", pages=2, per_page=2, chars=900, name="第二报")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    procs = [start_compose(first, out_dir / "first.pdf"), start_compose(second, out_dir / "second.pdf"),
             start_compose(second, out_dir / "same.pdf"), start_compose(second, out_dir / "same.pdf")]
    results = [p.communicate(timeout=PROCESS_TIMEOUT_S) for p in procs]
    assert [p.returncode for p in procs] == [EXIT_OK] * 4, results
    for name, issue, pages in (("first", first, 3), ("second", second, 2), ("same", second, 2)):
        pdf = out_dir / f"{name}.pdf"
        report = json.loads(pdf.with_suffix(".report.json").read_text(encoding="utf-8"))
        assert report["issue"] == str(issue.resolve() / "issue.yaml") and report["pages"] == pages
        with pdfplumber.open(pdf) as doc:
            assert len(doc.pages) == pages
    assert leftovers(out_dir) == []


def test_failure_while_rendering_keeps_the_previous_files(tmp_path: Path, tiny: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = previous_output(tmp_path / "out")

    def half_written(issue, doc, reg, tmp_pdf: Path, *args, **kwargs):  # noqa: ANN001, ANN202
        tmp_pdf.write_bytes(b"%PDF-1.4 half")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "_render", half_written)
    res = run_cli("compose", tiny, "-o", out)
    assert res.exit_code == EXIT_INTERNAL, describe(res)
    assert "internal error: RuntimeError: disk on fire" in one_line(res.stderr)
    assert_untouched(out)


def test_ctrl_c_during_layout_writes_nothing(tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = previous_output(tmp_path / "out")

    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "compose_issue", interrupted)
    res = run_cli("compose", tiny, "-o", out)
    assert res.exit_code == EXIT_INTERRUPTED, describe(res)
    assert "interrupted" in one_line(res.stderr)
    assert_untouched(out)


def test_compose_replaces_pdf_and_report_and_cleans_up(tmp_path: Path, tiny: Path) -> None:
    out = previous_output(tmp_path / "out")
    res = compose(tiny, out, ComposeOptions(proof=True))
    assert out.read_bytes().startswith(b"%PDF-") and out.read_bytes() != OLD_PDF
    assert json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))["pages"] == res.report["pages"]
    assert leftovers(out.parent) == []


def test_signals_are_held_while_files_are_renamed() -> None:
    reached_end = False
    with pytest.raises(KeyboardInterrupt):
        with signals_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # a signal not held would interrupt here
            reached_end = True
    assert reached_end


def test_output_files_get_ordinary_permissions(tmp_path: Path, tiny: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = tmp_path / "out" / "issue.pdf"
        compose(tiny, out, ComposeOptions(proof=True))
    finally:
        os.umask(umask)
    for f in (out, out.with_suffix(".report.json")):
        assert stat.S_IMODE(f.stat().st_mode) == 0o644, f


def test_check_leaves_no_temporary_file(tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    res = run_cli("check", tiny)
    assert res.exit_code == EXIT_OK, describe(res)
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("target, message", [
    ("folder", "is a folder"),
    ("issue.yaml", "is one of the issue's input files"),
    ("articles/a.md", "is one of the issue's input files"),
    ("under-a-file/x.pdf", "cannot create the output folder"),
])
def test_bad_output_path_is_an_input_error(tmp_path: Path, tiny: Path, target: str, message: str) -> None:
    (tiny / "folder").mkdir()
    (tiny / "under-a-file").write_text("a file, not a folder", encoding="utf-8")
    before = {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()}
    res = run_cli("compose", tiny, "-o", tiny / target)
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert message in one_line(res.stderr)
    assert {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()} == before
    assert leftovers(tiny) == []
