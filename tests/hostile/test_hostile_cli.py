"""Hostile command lines: an output that is an input or a special file, empty names, bad --dpi,
bad SOURCE_DATE_EPOCH, a full disk, SIGHUP. Each is one line and exit 2 (or 129), the old PDF kept."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from issuepress import pipeline
from pathskit import assert_untouched, input_error, previous_output, snapshot
from robustkit import ISSUE_YAML, describe, leftovers, one_line, run_cli, write_big_issue

FONTS = Path(__file__).parents[1] / "fonts"
# How long a test waits for a compose subprocess (seconds) and its polling step.
PROCESS_TIMEOUT_S = 120.0
POLL_S = 0.005


def chained(root: Path) -> Path:
    """The tiny issue with layout b extending a extending the built-in a4-3col, all in layouts/."""
    (root / "layouts").mkdir()
    (root / "layouts" / "a.yaml").write_text("extends: a4-3col\n", encoding="utf-8")
    (root / "layouts" / "b.yaml").write_text("extends: a\n", encoding="utf-8")
    (root / "issue.yaml").write_text(ISSUE_YAML.replace("layout: a4-3col", "layout: b"), encoding="utf-8")
    return root


def test_output_naming_an_extended_layout_is_refused(tiny: Path) -> None:
    chained(tiny)
    before = snapshot(tiny)
    line = input_error("compose", tiny, "-o", tiny / "layouts" / "a.yaml")
    assert "a.yaml" in line and "input files" in line
    assert snapshot(tiny) == before and leftovers(tiny / "layouts") == []


def test_output_naming_a_font_of_the_issue_is_refused(tiny: Path) -> None:
    (tiny / "fonts").mkdir()
    shutil.copy(FONTS / "TestSerif-Subset.ttf", tiny / "fonts" / "Test.ttf")
    before = snapshot(tiny)
    line = input_error("compose", tiny, "-o", tiny / "fonts" / "Test.ttf")
    assert "Test.ttf" in line and "input files" in line
    assert snapshot(tiny) == before


@pytest.mark.parametrize("kind", ["hardlink", "symlink"])
def test_output_linked_to_an_input_is_refused(tiny: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "elsewhere" / "issue.pdf"
    out.parent.mkdir()
    link = os.link if kind == "hardlink" else os.symlink
    link(tiny / "articles" / "a.md", out)
    before = snapshot(tiny)
    assert "input files" in input_error("compose", tiny, "-o", out)
    assert snapshot(tiny) == before


def test_output_report_name_linked_to_an_input_is_refused(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "issue.pdf"
    os.link(tiny / "issue.yaml", out.with_suffix(".report.json"))
    before = snapshot(tiny)
    assert "issue.report.json" in input_error("compose", tiny, "-o", out)
    assert snapshot(tiny) == before and not out.exists()


def test_output_naming_a_fifo_is_refused_and_stays_a_fifo(tiny: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    line = input_error("compose", tiny, "-o", fifo)
    assert "out.pdf" in line and "not a regular file" in line
    assert fifo.is_fifo()


def test_output_naming_a_device_is_refused(tiny: Path, tmp_path: Path) -> None:
    # through a symlink, so that a regression replaces the link and never the machine's /dev/null
    if not Path(os.devnull).is_char_device():
        pytest.skip(f"{os.devnull} is not a device on this machine")
    dev = tmp_path / "dev.pdf"
    os.symlink(os.devnull, dev)
    assert "not a regular file" in input_error("compose", tiny, "-o", dev)
    assert dev.is_symlink() and Path(os.devnull).is_char_device()


def test_output_folder_with_old_pdf_kept(tiny: Path, tmp_path: Path) -> None:
    out = previous_output(tmp_path / "out")
    (tmp_path / "out" / "issue.report.json").unlink()
    (tmp_path / "out" / "issue.report.json").mkdir()
    assert "is a folder" in input_error("compose", tiny, "-o", out)
    assert out.read_bytes().startswith(b"%PDF-1.4 previous")


@pytest.mark.parametrize("name", ["", "."])
def test_empty_output_name_is_an_input_error(tiny: Path, name: str) -> None:
    line = input_error("compose", tiny, "-o", name)
    assert line.startswith("issuepress: error: -o:") or "is a folder" in line


def test_output_name_over_255_bytes_is_an_input_error(tiny: Path, tmp_path: Path) -> None:
    line = input_error("compose", tiny, "-o", tmp_path / ("报" * 90 + ".pdf"))  # 270 bytes in UTF-8
    assert "longer than" in line and "255" in line
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("dpi", ["0", "-72", "100000"])
def test_bad_dpi_is_refused_before_composing(tiny: Path, tmp_path: Path, dpi: str) -> None:
    out = previous_output(tmp_path / "out")
    line = input_error("compose", tiny, "-o", out, "--preview", "--dpi", dpi)
    assert line.startswith("issuepress: error: --dpi:") and dpi in line
    assert_untouched(out)
    assert input_error("preview", tiny, "-o", out, "--dpi", dpi).startswith("issuepress: error: --dpi:")
    assert_untouched(out)


@pytest.mark.parametrize("value", ["abc", "-5", "1e9", "99999999999999999999", "١٢٣"])
def test_bad_source_date_epoch_is_an_input_error(tiny: Path, tmp_path: Path, value: str) -> None:
    out = previous_output(tmp_path / "out")
    line = input_error("compose", tiny, "-o", out, env={"SOURCE_DATE_EPOCH": value})
    assert "SOURCE_DATE_EPOCH" in line
    assert_untouched(out)


def test_full_disk_is_one_line_naming_the_output(tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = previous_output(tmp_path / "out")

    def disk_full(issue, doc, reg, tmp_pdf, *args):
        tmp_pdf.write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_pdf))

    monkeypatch.setattr(pipeline, "_render", disk_full)
    res = run_cli("compose", tiny, "-o", out)
    assert res.exit_code == 2, describe(res)
    line = one_line(res.stderr)
    assert str(out) in line and "no space left" in line and "internal error" not in line
    assert_untouched(out)


def test_sighup_mid_compose_cleans_up_and_exits_129(tmp_path: Path) -> None:
    issue = write_big_issue(tmp_path / "big", pages=6, per_page=3, chars=1200)
    out = previous_output(tmp_path / "out", "big.pdf")
    proc = subprocess.Popen([sys.executable, "-m", "issuepress.cli", "compose", str(issue), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + PROCESS_TIMEOUT_S
        while not any(p.name.startswith(pipeline.WORK_PREFIX) for p in out.parent.iterdir()):
            assert proc.poll() is None, f"compose ended before rendering: {proc.communicate()}"
            assert time.monotonic() < deadline, "compose never reached rendering"
            time.sleep(POLL_S)
        proc.send_signal(signal.SIGHUP)
        stdout, stderr = proc.communicate(timeout=PROCESS_TIMEOUT_S)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGHUP, (stdout, stderr)
    assert "interrupted" in one_line(stderr)
    assert_untouched(out)


@pytest.mark.parametrize("kind", ["input", "fifo"])
def test_preview_png_never_replaces_an_input_or_a_fifo(tiny: Path, kind: str) -> None:
    target = tiny / "articles" / "a-p1.png"
    if kind == "input":  # a photo of the article that happens to have the preview's name
        shutil.copy(tiny / "articles" / "a.md", tiny / "articles" / "keep.md")
        (tiny / "articles" / "a.md").write_text(
            "---\ntitle: 测试标题\nphotos:\n  - {src: articles/a-p1.png, caption: 图}\n---\n正文。", encoding="utf-8")
        target.write_bytes(b"not really a png")
    else:
        os.mkfifo(target)
    res = run_cli("compose", tiny, "-o", tiny / "articles" / "a.pdf", "--preview", "--proof")
    assert res.exit_code == 2, describe(res)
    assert "a-p1.png" in one_line(res.stderr)
    assert target.is_fifo() if kind == "fifo" else target.read_bytes() == b"not really a png"


@pytest.mark.parametrize("command", ["compose", "check", "preview", "galley"])
def test_issue_path_over_255_bytes_is_an_input_error(tmp_path: Path, command: str) -> None:
    line = input_error(command, tmp_path / ("期" * 90))
    assert "255 bytes" in line and len(line) < 200
