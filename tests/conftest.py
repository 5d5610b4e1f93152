"""Fixtures every test folder shares: a private cache, so no test reads or writes the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import signal

import pytest

# A shell starts a background job (`make test &`, nohup) with Ctrl-C ignored, and then neither this
# interpreter nor the composes it starts can be interrupted: the signal tests would see exit 0. The
# suite runs as if in a terminal: Python's own handler here, so every child starts with the default.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """ISSUEPRESS_CACHE in a session tmp dir (subprocesses inherit it): font subsets, prepared pictures
    and hyphenation patterns are built once here and reused by every compose of the run."""
    path = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("ISSUEPRESS_CACHE", str(path))
    yield path
    mp.undo()
