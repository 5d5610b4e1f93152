"""`issuepress watch`: compose, then again on every save of an input; one line per compose, the last
good PDF kept through a broken edit.

The files are watched with watchfiles (inotify, FSEvents or ReadDirectoryChangesW under one API, and
it groups the burst of events one editor's save makes into one change). What changed while a compose
ran is kept by the watcher and starts the next compose at once. The font registry, with every face it
loaded, is kept between composes while the layout's font roles and the issue's fonts/ stay as they were;
the parsed layouts while no YAML file changes.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from pathlib import Path

import click
import watchfiles
from watchfiles.main import FileChange

from . import pipeline, progress
from .cli import Terminated, input_trouble, one_line, shown
from .errors import InputError
from .fonts.registry import FontRegistry
from .load.layout import SUFFIXES as LAYOUT_SUFFIXES
from .load.layout import kept_layouts, layout_dirs
from .layout.paracache import ParagraphCache
from .model import Layout
from .outguard import folder_files, report_path
from .pipeline import WORK_PREFIX, ComposeOptions, fonts_for
from .preflight.report import finding_lines

# After the first event, wait until the files have been quiet this long before composing: an editor's
# save is a burst of events (write, rename, chmod) within a few milliseconds.
QUIET_MS = 50
# ...but compose at the latest this long after the first event, however busy the folder is.
MAX_WAIT_MS = 1_000
# How long the watcher waits for a first event before giving control back (the first compose starts
# after this; a stop request is seen sooner, at every QUIET_MS step).
STOP_CHECK_MS = 100
# Changed files named in a compose line; more are counted ("and 3 more").
NAMED_CHANGES = 2


@dataclass(frozen=True)
class Good:
    """The last compose that wrote a PDF: its finding lines and when it ended, for the next line."""

    findings: tuple[str, ...]
    at: str


class WarmFonts:
    """registry_for that keeps one FontRegistry while nothing it was made from changes: the layout's
    font roles, the layout's folder (relative font files) and the files in the issue's fonts/."""

    def __init__(self) -> None:
        self.key: tuple[object, ...] | None = None
        self.registry: FontRegistry | None = None

    def __call__(self, layout: Layout, base: Path) -> FontRegistry:
        key = (repr(sorted(layout.fonts.items())), str(layout.path), _stats(folder_files(base / "fonts")))
        if self.registry is None or key != self.key:
            self.registry, self.key = fonts_for(layout, base), key
        return self.registry


def _stats(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for f in sorted(files):
        try:
            st = f.stat()
        except OSError:
            continue
        out.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(out)


class InputFilter(watchfiles.DefaultFilter):
    """A change worth a compose: a file in the issue folder (not the PDF, its report, previews or the
    compose's temporary files), one of the inputs outside it, or a layout file in a layout folder (a
    layout the issue names may have just been made); editors' swap and backup files and .git are
    left out by DefaultFilter. `inputs` is updated after each compose."""

    def __init__(self, root: Path, out: Path, inputs: Iterable[Path] = (),
                 layout_folders: Iterable[Path] = ()) -> None:
        super().__init__()
        self.root = root
        self.out_dir = _resolved(out.parent)
        self.out_names = {out.name, report_path(out).name}
        self.out_stem = out.stem
        self.layout_folders = {_resolved(d) for d in layout_folders}
        self.inputs = {_resolved(p) for p in inputs}

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        p = Path(path)
        if self._is_output(p):
            return False
        return (p.is_relative_to(self.root) or p in self.inputs
                or (p.parent in self.layout_folders and p.suffix in LAYOUT_SUFFIXES))

    def _is_output(self, p: Path) -> bool:
        if p == self.out_dir:  # the output folder made by the first compose
            return True
        try:
            rel = p.relative_to(self.out_dir)
        except ValueError:
            return False
        first = rel.parts[0] if rel.parts else ""
        if first.startswith(WORK_PREFIX):  # the compose's private folder
            return True
        if len(rel.parts) != 1:
            return False
        name = rel.name
        return (name in self.out_names or name.startswith(f".{self.out_stem}")  # PDF, report, their temp files
                or (name.startswith(f"{self.out_stem}-p") and name.endswith(".png")))  # previews


def _resolved(p: Path) -> Path:
    try:
        return p.resolve()
    except (OSError, RuntimeError):
        return p.absolute()


def watch_roots(root: Path, inputs: Iterable[Path], layout_folders: Iterable[Path] = ()) -> tuple[Path, ...]:
    """The issue folder, the layout folders (where the layouts it extends are, known before a first
    compose), and for each other input outside them (an ICC profile) its folder, or the file itself
    where that folder holds the issue folder or is a home folder (a recursive watch of it would take
    in far more than the issue)."""
    roots = {root} | {_resolved(d) for d in layout_folders if d.is_dir()}
    home = _resolved(Path.home())
    for p in inputs:
        p = _resolved(p)
        if any(p.is_relative_to(r) for r in roots):
            continue
        folder = p.parent
        big = root.is_relative_to(folder) or folder == home or folder == Path(folder.anchor)
        roots.add(p if big else folder)
    return tuple(sorted(roots))


class Session:
    """One watch: composes on request and prints its line; remembers the last good compose."""

    def __init__(self, issue: Path, out: Path, options: ComposeOptions, debug: bool = False,
                 echo: Callable[[str], None] = click.echo) -> None:
        self.issue = issue
        self.root = _resolved(issue if issue.is_dir() else issue.parent)
        self.out = out
        self.options = options
        self.debug = debug
        self.echo = echo
        self.fonts = WarmFonts()
        # Set paragraphs kept between composes: an edit to one article sets only that article's
        # paragraphs again (entries are keyed by text, style, measure and fonts, so a hit is exact).
        self.paragraphs = ParagraphCache()
        self.good: Good | None = None
        self.inputs: tuple[Path, ...] = ()
        self.layout_folders = tuple(layout_dirs(self.root))
        self.layouts: dict[tuple[str, str, str], Layout] = {}  # parsed layouts kept while no YAML changes
        self.filter = InputFilter(self.root, out, (), self.layout_folders)

    def compose(self, changed: tuple[Path, ...] = ()) -> bool:
        """Compose once and print its line; False when an input error kept the last good PDF."""
        stamp = time.strftime("%H:%M:%S")
        start = time.perf_counter()
        why = self._changed(changed)
        if any(p.suffix in LAYOUT_SUFFIXES or _resolved(p.parent) in self.filter.layout_folders for p in changed):
            self.layouts.clear()  # a layout (or anything written in YAML) changed: read them anew
        try:
            with progress.shown_on(sys.stderr), kept_layouts(self.layouts):
                res = pipeline.compose(self.issue, self.out, self.options, registry_for=self.fonts,
                                       paragraphs=self.paragraphs)
        except Exception as exc:
            err = input_trouble(exc)
            if err is None:
                raise  # a bug ends the watch as it ends a compose: one line, exit 3 (the old PDF kept)
            if self.debug:
                traceback.print_exc()
            self._failed(stamp, why, err)
            return False
        seconds = time.perf_counter() - start
        self.paragraphs.keep_used()  # what this compose did not use is stale: memory stays one issue's
        self.inputs = tuple(res.inputs)
        self.filter.inputs = {_resolved(p) for p in self.inputs}
        lines = tuple(finding_lines(res.report["findings"]))
        s = res.report["summary"]
        head = (f"[{stamp}] {why}composed {shown(self.out)} in {seconds:.2f} s: {res.report['pages']} pages, "
                f"{s['errors']} errors, {s['warnings']} warnings")
        before = self.good.findings if self.good is not None else None
        self.good = Good(lines, stamp)
        if before is None:
            self.echo(head)
            for line in lines:
                self.echo(f"  {line}")
            return True
        added = [f for f in lines if f not in set(before)]
        removed = [f for f in before if f not in set(lines)]
        diff = f"{len(added)} finding{'s' if len(added) != 1 else ''} added, {len(removed)} removed" \
            if added or removed else "findings unchanged"
        self.echo(f"{head}; {diff}")
        for line in removed:
            self.echo(f"  - {line}")
        for line in added:
            self.echo(f"  + {line}")
        return True

    def _failed(self, stamp: str, why: str, err: InputError) -> None:
        kept = (f"; {shown(self.out)} kept from {self.good.at}" if self.good is not None
                else f"; nothing written to {shown(self.out)}")
        self.echo(f"[{stamp}] {why}error: {one_line(str(err))}{kept}")

    def _changed(self, changed: tuple[Path, ...]) -> str:
        if not changed:
            return ""
        names = []
        for p in changed[:NAMED_CHANGES]:
            try:
                names.append(p.relative_to(self.root).as_posix())
            except ValueError:
                names.append(shown(p))
        more = len(changed) - NAMED_CHANGES
        return f"{', '.join(names)}{f' and {more} more' if more > 0 else ''} changed: "

    def _watcher(self, roots: tuple[Path, ...], stop: threading.Event | None) -> Generator[set[FileChange], None, None]:
        return watchfiles.watch(*roots, watch_filter=self.filter, debounce=MAX_WAIT_MS, step=QUIET_MS,
                                stop_event=stop, rust_timeout=STOP_CHECK_MS, yield_on_timeout=True,
                                raise_interrupt=True)

    def run(self, stop: threading.Event | None = None) -> None:
        """Compose, then again after each save (or burst of saves) of an input, until stopped. The
        watcher is running before the first compose, so a save during it is not missed; when the
        inputs move to another folder (a layout's ICC profile elsewhere) a watcher over the new
        folders starts before the old one is read a last time and closed, so nothing falls between."""
        roots = watch_roots(self.root, self.inputs, self.layout_folders)
        batches = self._watcher(roots, stop)
        try:
            if next(batches, None) is None:  # the first answer (at most STOP_CHECK_MS): the watcher is set up
                return
            self.compose()
            self.echo(f"watching {shown(self.root)} (Ctrl-C to stop)")
            while True:
                wanted = watch_roots(self.root, self.inputs, self.layout_folders)
                if wanted != roots:
                    fresh = self._watcher(wanted, stop)
                    got = next(fresh, None)
                    left = next(batches, None)
                    batches.close()
                    batches, roots = fresh, wanted
                    batch = None if got is None or left is None else got | left
                else:
                    batch = next(batches, None)
                if batch is None:
                    return  # stopped
                if batch:
                    self.compose(tuple(sorted({Path(p) for _, p in batch})))
        finally:
            batches.close()


def watch_issue(issue: Path, out: Path, options: ComposeOptions, debug: bool = False,
                stop: threading.Event | None = None, echo: Callable[[str], None] = click.echo) -> None:
    """Compose ISSUE into OUT, then again on every change of an input, until Ctrl-C (or `stop`)."""
    with _signals_named():
        Session(issue, out, options, debug, echo).run(stop)


class _signals_named:
    """SIGTERM and SIGHUP end a watch as they end a compose (exit 143, 129). watchfiles turns any
    signal that arrives while it waits into a plain KeyboardInterrupt; the signal is noted here so
    the exit status still says which it was."""

    STOP = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))

    def __init__(self) -> None:
        self.got: int | None = None
        self.old: dict[int, object] = {}

    def _handler(self, signum: int, frame: object) -> None:
        self.got = signum
        raise Terminated(signum)

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            self.old = {s: signal.signal(s, self._handler) for s in self.STOP}

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        for s, old in self.old.items():
            signal.signal(s, old)  # type: ignore[arg-type]
        if isinstance(exc, KeyboardInterrupt) and not isinstance(exc, Terminated) and self.got is not None:
            raise Terminated(self.got) from None
