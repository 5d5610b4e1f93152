"""A progress line on stderr while a compose runs past a second: redrawn in place, only on a terminal.

The stages call `note()` as they go (pages set, pictures prepared, pages drawn); it does nothing
unless a command opened `shown_on(stream)`, so layout and render stay free of any output code and a
compose run from a script or a test prints nothing extra.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

# A compose shorter than this shows no progress at all: a line that appears and vanishes at once only
# flickers (the figure the issue asks for).
SHOW_AFTER_S = 1.0
# The line is redrawn at most this often: a terminal needs no more, and the writes cost nothing then.
REDRAW_EVERY_S = 0.1
# Erase from the cursor to the end of the line (ANSI EL), after a carriage return.
CLEAR = "\r\x1b[K"
# The width assumed when the terminal does not say (the classic terminal's).
DEFAULT_COLUMNS = 80


class ProgressLine:
    """Counters of what is done, drawn as one line on a terminal stream once `after_s` has passed."""

    def __init__(self, stream: TextIO, after_s: float = SHOW_AFTER_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.after_s = after_s
        self.clock = clock
        self.start = clock()
        self.counts: dict[str, tuple[int, int | None]] = {}
        self.latest = ""
        self.shown = False
        self.drawn_at: float | None = None

    def update(self, label: str, done: int, total: int | None) -> None:
        self.counts[label] = (done, total)
        self.latest = label
        now = self.clock()
        if now - self.start < self.after_s:
            return
        if self.drawn_at is not None and now - self.drawn_at < REDRAW_EVERY_S and not _finished(done, total):
            return
        self.drawn_at = now
        self._draw(now)

    def text(self, now: float) -> str:
        """What is under way: the counters not yet finished and the one updated last."""
        parts = [f"{label} {done}/{total}" if total is not None else f"{label} {done}"
                 for label, (done, total) in self.counts.items()
                 if label == self.latest or not _finished(done, total)]
        return f"issuepress: {', '.join(parts)} ({now - self.start:.1f} s)"

    def _draw(self, now: float) -> None:
        width = _columns(self.stream) - 1  # a line as wide as the terminal would wrap
        self._write(CLEAR + self.text(now)[:max(width, 1)])
        self.shown = True

    def clear(self) -> None:
        """Take the line away, so what is printed next starts on a clean line."""
        if self.shown:
            self._write(CLEAR)
            self.shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed terminal: progress is never worth failing for
            pass


def _columns(stream: TextIO) -> int:
    """The width of the terminal `stream` writes to (stdout may go to a file meanwhile)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or DEFAULT_COLUMNS
    except (AttributeError, OSError, ValueError):
        return shutil.get_terminal_size((DEFAULT_COLUMNS, 24)).columns


def _finished(done: int, total: int | None) -> bool:
    return total is not None and done >= total


_current: ContextVar[ProgressLine | None] = ContextVar("issuepress_progress", default=None)


def note(label: str, done: int, total: int | None = None) -> None:
    """`done` of `total` things called `label` are done ("pages set", 3, 8); nothing unless shown."""
    line = _current.get()
    if line is not None:
        line.update(label, done, total)


def step(label: str) -> None:
    """One more of `label` done (its total as last noted)."""
    line = _current.get()
    if line is not None:
        done, total = line.counts.get(label, (0, None))
        line.update(label, done + 1, total)


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def shown_on(stream: TextIO | None, after_s: float = SHOW_AFTER_S,
             clock: Callable[[], float] = time.monotonic) -> Iterator[ProgressLine | None]:
    """Show progress on `stream` while the block runs, if it is a terminal; the line is erased at the end."""
    if stream is None or not is_terminal(stream):
        yield None
        return
    line = ProgressLine(stream, after_s, clock)
    token = _current.set(line)
    try:
        yield line
    finally:
        _current.reset(token)
        line.clear()
