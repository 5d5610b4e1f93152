"""Hold Ctrl-C and SIGTERM off while C code calls back into Python, and deliver them afterwards.

HarfBuzz draws a glyph by calling a Python pen; an exception raised by a signal handler inside that
callback is swallowed by the C side (the compose went on and cached a subset missing glyphs) or
leaves the pen half-way through a contour (`PenError`, exit 3). Inside `deferred_signals()` a signal
is only recorded; the code calls the checkpoint between callbacks, where the signal's own handler
runs as it would have (KeyboardInterrupt, the CLI's SIGTERM exception, or the default action).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# The signals a user stops a compose with.
DEFERRED = (signal.SIGINT, signal.SIGTERM)


def _deliver(signum: int, handler: Any) -> None:
    """Run what `signum` would have run had it not been held off."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        signal.raise_signal(signum)  # the default action: the process ends by this signal


@contextmanager
def deferred_signals() -> Iterator[Callable[[], None]]:
    """Yield a checkpoint(); signals arriving inside are delivered at the next checkpoint or at the end.

    Outside the main thread (where Python cannot install handlers) nothing is held off.
    """
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    pending: list[int] = []
    old: dict[int, Any] = {}

    def record(signum: int, frame: object) -> None:
        pending.append(signum)

    def restore() -> None:
        while old:
            sig, handler = old.popitem()
            signal.signal(sig, handler)

    def checkpoint() -> None:
        if pending and old:
            handlers = dict(old)
            restore()
            sig = pending[0]
            pending.clear()  # delivered once, here
            _deliver(sig, handlers[sig])

    for sig in DEFERRED:
        old[sig] = signal.signal(sig, record)
    handlers = dict(old)
    try:
        yield checkpoint
    finally:
        restore()
    if pending:
        _deliver(pending[0], handlers[pending[0]])
