"""Ctrl-C or SIGTERM while fonts are scanned, subset and converted (CFF -> TrueType, inside HarfBuzz's
drawing callbacks) ends the compose with 130 or 143, one line, the old PDF intact and no bad cache
entry: a compose afterwards with that cache gives the clean PDF byte for byte."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import issuepress
from issuepress.interrupts import deferred_signals
from robustkit import leftovers, write_issue

# Distinct Han characters in the article: enough outlines that converting them takes a while.
DISTINCT = 300
BODY = "\n\n".join("".join(chr(0x4E00 + i) for i in range(s, min(s + 80, DISTINCT))) + "。"
                   for s in range(0, DISTINCT, 80))
OLD_PDF = b"%PDF-1.4 the previous issue\n"
# What the console script does (`python -m` reports an interrupted import differently).
CLI = [sys.executable, "-c", "import sys; from issuepress.cli import main; sys.exit(main())"]
SRC = str(Path(issuepress.__file__).parents[1])
# Longest a compose may take on a loaded 2-core machine before the test gives up on it.
TIMEOUT_S = 120
POLL_S = 0.01
EXIT_BY = {signal.SIGINT: 130, signal.SIGTERM: 143}


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "ISSUEPRESS_CACHE": str(cache), "PYTHONPATH": SRC}


def _compose(root: Path, out: Path, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "compose", str(root), "-o", str(out)], env=_env(cache), capture_output=True,
                          text=True, timeout=TIMEOUT_S)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The issue and its PDF composed with a fresh cache, untouched by any signal."""
    base = tmp_path_factory.mktemp("signals")
    root = write_issue(base / "issue", body=BODY)
    res = _compose(root, base / "out" / "x.pdf", base / "clean-cache")
    assert res.returncode == 0, res.stderr
    return root, (base / "out" / "x.pdf").read_bytes()


def _wait_for(path: Path, proc: subprocess.Popen) -> bool:
    deadline = time.monotonic() + TIMEOUT_S
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(POLL_S)
    return True


# (signal, file whose appearance starts the clock, seconds after it): the font index is written
# when the scan ends and subsetting follows; subsets/ appears when the first face is stored.
CASES = [(signal.SIGINT, "scan-index.json", 0.3), (signal.SIGINT, "subsets", 0.0),
         (signal.SIGTERM, "scan-index.json", 0.2), (signal.SIGTERM, "subsets", 0.05)]


@pytest.mark.parametrize("sig, marker, delay", CASES, ids=[f"{s.name}-{m}-{d}" for s, m, d in CASES])
def test_signal_during_font_work(tmp_path: Path, clean, sig: signal.Signals, marker: str, delay: float) -> None:
    root, want = clean
    cache = tmp_path / "cache"
    out = tmp_path / "out" / "x.pdf"
    out.parent.mkdir()
    out.write_bytes(OLD_PDF)
    proc = subprocess.Popen([*CLI, "compose", str(root), "-o", str(out)], env=_env(cache),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        if _wait_for(cache / marker, proc):
            time.sleep(delay)
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=TIMEOUT_S)
    finally:
        proc.kill()
    if proc.returncode in (0, -sig):  # it finished before the signal came, or while the interpreter
        # was shutting down (Python gives SIGINT back its default action then): the compose is whole
        assert err == "" and out.read_bytes() == want, err
    else:
        assert proc.returncode == EXIT_BY[sig], err
        lines = err.strip().splitlines()
        assert lines == ["issuepress: interrupted; no partial file is left"], err
        # the old PDF, or the whole new one when the signal came after its rename (the report and
        # previews were still being written): never a part of one
        assert out.read_bytes() in (OLD_PDF, want)
        assert sorted(p.name for p in out.parent.iterdir()) == ["x.pdf"]
    assert leftovers(out.parent) == []
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]
    # whatever the interrupted compose left in the cache gives the clean PDF
    again = _compose(root, out, cache)
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == want


def test_a_signal_inside_a_callback_is_delivered_at_the_checkpoint() -> None:
    """The mechanism, in this process: SIGINT inside the block runs no handler until the checkpoint."""
    reached = []
    with pytest.raises(KeyboardInterrupt):
        with deferred_signals() as checkpoint:
            signal.raise_signal(signal.SIGINT)
            reached.append("after the signal")  # a callback would have been cut here
            checkpoint()
            reached.append("after the checkpoint")
    assert reached == ["after the signal"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_signal_near_the_end_of_the_block_is_not_lost() -> None:
    with pytest.raises(KeyboardInterrupt):
        with deferred_signals():
            signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
