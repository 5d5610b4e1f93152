"""The output path checked before anything is written: never one of the inputs, never a special file."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError

# fonts/ of an issue is walked this deep and this far to list the files the font scan reads; a
# folder deeper or larger than that is not a font folder an editor made (and the scan bounds itself).
FONT_DIR_DEPTH = 4
FONT_DIR_FILES = 10_000
# errno values that mean "the disk (or the user's quota) is full": reported as such, not as a bug.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def report_path(out: Path) -> Path:
    return out.with_suffix(".report.json")


def folder_files(folder: Path) -> list[Path]:
    """Regular files under `folder` (bounded, symlinks to folders not followed): what a scan may read."""
    found: list[Path] = []
    stack = [(folder, 0)]
    while stack and len(found) < FONT_DIR_FILES:
        d, depth = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            try:
                if e.is_dir(follow_symlinks=False):
                    if depth < FONT_DIR_DEPTH:
                        stack.append((Path(e.path), depth + 1))
                elif e.is_file():
                    found.append(Path(e.path))
            except OSError:
                continue
    return found


def _identity(path: Path) -> tuple[Path | None, tuple[int, int] | None]:
    """The resolved path and (st_dev, st_ino) of an existing file; Nones where they cannot be had."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        resolved = None
    try:
        st = path.stat()
        ident = (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        ident = None
    return resolved, ident


def _name_error(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(path.name[:40] + "…", "the output file name is longer than the file system allows "
                          "(255 bytes); choose a shorter one")
    if exc.errno == errno.ELOOP:
        return InputError(path, "is a symbolic link loop; choose another output name")
    return InputError(path, f"cannot use this output name ({exc.strerror or exc})")


def identities(inputs: Iterable[Path]) -> tuple[set[Path], set[tuple[int, int]]]:
    """The inputs' resolved paths and (st_dev, st_ino), so a hard or symbolic link counts as the file."""
    paths: set[Path] = set()
    idents: set[tuple[int, int]] = set()
    for p in inputs:
        resolved, ident = _identity(Path(p))
        if resolved is not None:
            paths.add(resolved)
        if ident is not None:
            idents.add(ident)
    return paths, idents


def check_target(target: Path, paths: set[Path], idents: set[tuple[int, int]]) -> None:
    """One file about to be replaced: a new name or a regular file that is none of the inputs."""
    try:
        st = os.stat(target)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):  # ENOTDIR: making the folder says it
            raise _name_error(target, exc) from None
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(target, "is a folder; give the PDF's file name (-o out/issue.pdf)")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputError(target, "is not a regular file (a pipe, socket or device); choose another "
                         "output name")
    resolved, ident = _identity(target)
    if (resolved is not None and resolved in paths) or (ident is not None and ident in idents):
        raise InputError(target, "is one of the issue's input files; choose another output name")


def check_output(out: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output (PDF or its report) that is one of the inputs (by path, hard or symbolic link)
    or exists as anything but a regular file (a folder, pipe, device, socket); make its folder."""
    if str(out) in ("", ".") or out.name in ("", ".", ".."):
        raise InputError(None, "the output name is empty; give the PDF's file name (-o out/issue.pdf)", key="-o")
    paths, idents = identities(inputs)
    for target in (out, report_path(out)):
        check_target(target, paths, idents)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out.parent, f"cannot create the output folder ({exc.strerror or exc})") from None
    if not out.parent.is_dir():
        raise InputError(out.parent, "is not a folder")


def disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in DISK_FULL


def disk_full_error(out: Path | None) -> InputError:
    where = out if out is not None else Path("the temporary folder")
    return InputError(where, "no space left on the device (the disk or quota is full); nothing was "
                      "replaced, free some space and compose again")
