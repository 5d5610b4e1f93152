"""Command line: compose, watch, galley, check, preview, import; input errors as one line and exit status 2."""

from __future__ import annotations

import errno
import functools
import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import InputError

EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
# A command ended by a signal exits 128 + the signal's number, as shells report it (130 for Ctrl-C).
EXIT_SIGNAL_BASE = 128

# Preview resolutions accepted: an A4 page at 600 dpi is 35 megapixels (about 100 MB decoded), already
# more than a screen shows; 0 or less draws nothing.
MIN_PREVIEW_DPI, MAX_PREVIEW_DPI = 1, 600
# Signals that stop a compose cleanly (temporary folder removed, old PDF kept): SIGTERM from `kill`,
# SIGHUP when the terminal closes. Each exits 128 + its number (143, 129), as shells report it.
STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))

F = TypeVar("F", bound=Callable[..., Any])


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP turned into an exception, so a compose stopped by `kill` or a closed terminal
    cleans up as Ctrl-C does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def one_line(text: str) -> str:
    """A message as one line: an exception's text may hold newlines (a YAML mark, a path)."""
    return " ".join(text.split())


def _fail(msg: str, code: int) -> None:
    text = one_line(msg).encode("utf-8", "backslashreplace").decode("utf-8")  # a non-UTF-8 file name
    click.echo(f"issuepress: {text}", err=True)
    sys.exit(code)


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _quiet_broken_pipe() -> None:
    """Output piped into `head` that closed early: stop quietly instead of a second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# Characters of an over-long file name shown in its error: enough to recognise it, short enough for a line.
SHOWN_NAME_CHARS = 60


def path_trouble(exc: OSError) -> InputError | None:
    """The input error for an OS error that is the input's doing (a name too long, a link loop, a full
    disk), wherever it surfaced; None for any other error."""
    name = shown(exc.filename) if exc.filename is not None else "a file"
    if len(name) > SHOWN_NAME_CHARS:
        name = name[:SHOWN_NAME_CHARS] + "…"
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(name, "a file name in this path is longer than the file system allows (255 bytes)")
    if exc.errno == errno.ELOOP:
        return InputError(name, "a symbolic link loop")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return InputError(name, "no space left on the device (the disk or quota is full)")
    return None


def input_trouble(exc: Exception) -> InputError | None:
    """The input error an exception stands for (itself, a font that cannot be had, an OS error of
    the input's doing), or None for a bug."""
    from .fonts.registry import FontError

    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, FontError):
        return InputError(None, str(exc))
    if isinstance(exc, OSError):
        return path_trouble(exc)
    return None


def _fail_input(err: InputError, as_json: bool) -> None:
    """An input error: as a JSON object on stdout under --json (file, line, key, message; null where
    unknown), and always as one line on stderr; exit 2."""
    if as_json:
        click.echo(json.dumps(err.as_dict(), ensure_ascii=False))
    _fail(f"error: {err}", EXIT_INPUT)


def guarded(fn: F) -> F:
    """Every command's guard: an input error is one line and exit 2; an interrupt (Ctrl-C, SIGTERM)
    leaves no partial file and exits 128 + signal; a bug is one line and exit 3. With --debug the
    traceback is printed too (for developers)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        as_json = kwargs.get("as_json", False)
        main_thread = threading.current_thread() is threading.main_thread()
        old_handlers = {s: signal.signal(s, _raise_terminated) for s in STOP_SIGNALS} if main_thread else {}
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            if debug:
                traceback.print_exc()
            _fail_input(exc, as_json)
        except KeyboardInterrupt as exc:
            # by attribute: under `python -m issuepress.cli` this module is __main__, and a Terminated
            # raised by code that imported issuepress.cli is of that module's class
            signum = getattr(exc, "signum", signal.SIGINT)
            _fail("interrupted; no partial file is left", EXIT_SIGNAL_BASE + int(signum))
        except (SystemExit, click.ClickException):  # click reports its own usage errors (exit 2)
            raise
        except BrokenPipeError:
            _quiet_broken_pipe()
            sys.exit(EXIT_SIGNAL_BASE + int(getattr(signal, "SIGPIPE", 13)))
        except Exception as exc:  # one clear line instead of a traceback; --debug shows it
            if debug:
                traceback.print_exc()
            err = input_trouble(exc)
            if err is not None:
                _fail_input(err, as_json)
            _fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", EXIT_INTERNAL)
        finally:
            for signum, old in old_handlers.items():
                signal.signal(signum, old)

    return wrapper  # type: ignore[return-value]


def shown(path: Path | str) -> str:
    """A path fit for any terminal: bytes of a name that is not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _check_dpi(dpi: int) -> None:
    if not MIN_PREVIEW_DPI <= dpi <= MAX_PREVIEW_DPI:
        raise InputError(None, f"must be from {MIN_PREVIEW_DPI} to {MAX_PREVIEW_DPI}, got {dpi}", key="--dpi")


def _previews(pdf: Path, dpi: int, pages: int, inputs: tuple[Path, ...]) -> list[Path]:
    """The preview PNGs, none replacing an input or a special file; a full disk is said as such (the
    PDF is already in place)."""
    from .outguard import check_target, disk_full, disk_full_error, identities
    from .render.preview import preview_path, write_previews

    paths, idents = identities(inputs)
    for n in range(1, pages + 1):
        check_target(preview_path(pdf, n), paths, idents)
    try:
        return write_previews(pdf, dpi=dpi)
    except OSError as exc:
        if disk_full(exc):
            raise disk_full_error(pdf.parent) from None
        raise


def _issue_name(issue: Path) -> str:
    p = issue.resolve()
    return (p.parent if p.is_file() else p).name


@click.group()
@click.version_option(package_name="issuepress")
def main() -> None:
    """Compose print-ready Chinese newsletter PDFs from Markdown articles and an issue.yaml."""


def compose_options(fn: F) -> F:
    """The options that say how an issue is composed, shared by compose and watch."""
    for option in reversed((
        click.option("-o", "--output", type=click.Path(path_type=Path),
                     help="PDF to write (default out/<folder>.pdf)."),
        click.option("--proof", is_flag=True, help="A screen proof: trim size, no marks, RGB pictures kept."),
        click.option("--grid", is_flag=True, help="With --proof: draw the grid, the modules and overset markers."),
        click.option("--pdfx", type=click.Choice(["4", "1a"]), default="4", show_default=True,
                     help="PDF/X flavour of the print PDF."),
        click.option("--keep-rgb", is_flag=True, help="Keep pictures in RGB in the print PDF (no CMYK conversion)."),
        click.option("--fix-punctuation", is_flag=True,
                     help="Set ASCII , . : ; ? ! ( ) \" typed beside Chinese characters full-width "
                          "(text.punctuation: fix)."),
    )):
        fn = option(fn)
    return fn


def default_output(issue: Path, output: Path | None) -> Path:
    return output or Path("out") / f"{_issue_name(issue)}.pdf"


@main.command("compose")
@click.argument("issue", type=click.Path(path_type=Path))
@compose_options
@click.option("--strict", is_flag=True, help="Exit 1 when any finding is an error.")
@click.option("--preview", is_flag=True, help="Also write one PNG per page beside the PDF.")
@click.option("--dpi", default=100, show_default=True, help="Resolution of the preview PNGs.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the PDF's path.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the report (the JSON of OUT.report.json) instead; an input error as a JSON object.")
@click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
@guarded
def compose_cmd(issue: Path, output: Path | None, strict: bool, proof: bool, grid: bool, pdfx: str,
                keep_rgb: bool, preview: bool, dpi: int, fix_punctuation: bool, quiet: bool, as_json: bool,
                debug: bool) -> None:
    """Compose ISSUE (a folder or its issue.yaml) into a PDF and a report beside it; each error and
    warning finding is printed as one line."""
    from . import progress
    from .pipeline import ComposeOptions, compose
    from .preflight.report import finding_lines, report_json

    if quiet and as_json:
        raise click.UsageError("--quiet and --json cannot be used together")
    if not issue.exists():
        raise InputError(issue, "no such issue folder or file")
    if preview:
        _check_dpi(dpi)
    out = default_output(issue, output)
    with progress.shown_on(None if quiet else sys.stderr):
        res = compose(issue, out, ComposeOptions(proof=proof, grid=grid, pdfx=pdfx, keep_rgb=keep_rgb,
                                                 fix_punctuation=fix_punctuation))
    s = res.report["summary"]
    if as_json:
        click.echo(report_json(res.report), nl=False)
    elif quiet:
        click.echo(shown(out))
    else:
        for page in res.doc.pages:
            click.echo(page.summary)
        for line in finding_lines(res.report["findings"]):
            click.echo(line)
        click.echo(f"{shown(out)}  ({len(res.doc.pages)} pages, {s['errors']} errors, {s['warnings']} warnings; "
                   f"report {shown(out.with_suffix('.report.json'))})")
    if preview:
        for png in _previews(out, dpi, len(res.doc.pages), res.inputs):
            if not (quiet or as_json):
                click.echo(f"preview {shown(png)}")
    if strict and s["errors"]:
        sys.exit(EXIT_FINDINGS)


@main.command("watch")
@click.argument("issue", type=click.Path(path_type=Path))
@compose_options
@click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
@guarded
def watch_cmd(issue: Path, output: Path | None, proof: bool, grid: bool, pdfx: str, keep_rgb: bool,
              fix_punctuation: bool, debug: bool) -> None:
    """Compose ISSUE, then again on every save of any of its inputs, until Ctrl-C."""
    from .pipeline import ComposeOptions
    from .watch import watch_issue

    if not issue.exists():
        raise InputError(issue, "no such issue folder or file")
    watch_issue(issue, default_output(issue, output),
                ComposeOptions(proof=proof, grid=grid, pdfx=pdfx, keep_rgb=keep_rgb, fix_punctuation=fix_punctuation),
                debug=debug)


@main.command("galley")
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--layout", "layout_name", default=None, help="Layout name or path (default: the issue's, or a4-3col).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="PDF to write (default out/<article>.galley.pdf).")
@click.option("--fix-punctuation", is_flag=True,
              help="Set ASCII , . : ; ? ! ( ) \" typed beside Chinese characters full-width (text.punctuation: fix).")
@click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
@guarded
def galley_cmd(article: Path, layout_name: str | None, output: Path | None, fix_punctuation: bool,
               debug: bool) -> None:
    """Set one ARTICLE as a galley proof at one column's width, with line numbers."""
    from .pipeline import make_galley

    if not article.is_file():
        raise InputError(article, "no such article file")
    out = output or Path("out") / f"{article.stem}.galley.pdf"
    res = make_galley(article, layout_name, out, fix_punctuation)
    result = res.doc.articles[0]
    click.echo(f"{article}: {result.body_lines} body lines on {len(res.doc.pages)} page(s)")
    for f in res.doc.findings:
        click.echo(f"{f.severity}: {f.code}: {f.message}")
    click.echo(str(out))


@main.command("check")
@click.argument("issue", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--pdfx", type=click.Choice(["4", "1a"]), default="4", show_default=True,
              help="PDF/X flavour to check against.")
@click.option("--fix-punctuation", is_flag=True,
              help="Set ASCII , . : ; ? ! ( ) \" typed beside Chinese characters full-width (text.punctuation: fix).")
@click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
@guarded
def check_cmd(issue: Path, as_json: bool, pdfx: str, fix_punctuation: bool, debug: bool) -> None:
    """Compose ISSUE without keeping the PDF and list its findings; exit 1 when any is an error."""
    from . import progress
    from .pipeline import ComposeOptions, compose
    from .preflight.report import findings_table, report_json

    if not issue.exists():
        raise InputError(issue, "no such issue folder or file")
    with progress.shown_on(sys.stderr):
        res = compose(issue, None, ComposeOptions(pdfx=pdfx, read_back=True, fix_punctuation=fix_punctuation))
    if as_json:
        click.echo(report_json(res.report), nl=False)
    else:
        click.echo(findings_table(res.report["findings"]))
        s = res.report["summary"]
        click.echo(f"{res.report['pages']} pages, {len(res.report['articles'])} articles: "
                   f"{s['errors']} errors, {s['warnings']} warnings")
    if res.report["summary"]["errors"]:
        sys.exit(EXIT_FINDINGS)


@main.command("preview")
@click.argument("issue", type=click.Path(path_type=Path))
@click.option("--dpi", default=100, show_default=True, help="Resolution of the PNGs.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="PDF to compose (default out/<folder>.pdf).")
@click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
@guarded
def preview_cmd(issue: Path, dpi: int, output: Path | None, debug: bool) -> None:
    """Compose ISSUE and write one PNG per page, so pages can be seen without a PDF viewer."""
    from . import progress
    from .pipeline import ComposeOptions, compose

    if not issue.exists():
        raise InputError(issue, "no such issue folder or file")
    _check_dpi(dpi)
    out = output or Path("out") / f"{_issue_name(issue)}.pdf"
    with progress.shown_on(sys.stderr):
        res = compose(issue, out, ComposeOptions(proof=True))
    for png in _previews(out, dpi, len(res.doc.pages), res.inputs):
        click.echo(shown(png))


@main.command("import")
@click.argument("document", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              help="Folder to write NAME.md and images/ into (default: beside the document).")
@click.option("--force", is_flag=True, help="Replace NAME.md and its pictures if they exist.")
@click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
@guarded
def import_cmd(document: Path, out_dir: Path | None, force: bool, debug: bool) -> None:
    """Write a Word article (DOCUMENT.docx) as a Markdown article and its pictures, for editing as text."""
    from .pipeline import import_word

    files, notes = import_word(document, out_dir, force)
    for note in notes:
        click.echo(f"warning: {note}")
    for f in files:
        click.echo(shown(f))


# new, fonts and layouts live in commands/ (one module each); they get the guard every command has.
from .commands import editor_commands  # noqa: E402

for _command in editor_commands(guarded):
    main.add_command(_command)


if __name__ == "__main__":
    main()
