"""`issuepress import`: a Word article written out as a Markdown article and its pictures, for editors who
prefer plain text. The text is the one compose reads from the .docx, so both set the same article."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ...errors import InputError
from .container import looks_like_word
from .convert import convert

ISSUE_FILES = ("issue.yaml", "issue.yml")
IMAGES = "images"


def issue_root(folder: Path) -> Path:
    """The issue folder the written article belongs to (photo paths are relative to it): the folder
    itself or its parent when either holds an issue.yaml, else the folder."""
    for cand in (folder, folder.parent):
        if any((cand / name).is_file() for name in ISSUE_FILES):
            return cand
    return folder


def _writable(target: Path, force: bool) -> None:
    try:
        st = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(target, f"cannot write here ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(target, "is in the way (a folder, link or special file); give another -o folder")
    if not force:
        raise InputError(target, "already exists; give --force to replace it")


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".issuepress-", suffix=".tmp", dir=target.parent)  # any name length
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_word(path: Path, out_dir: Path | None, force: bool = False) -> tuple[list[Path], tuple[str, ...]]:
    """Write NAME.md (and images/NAME-1.jpg …) into `out_dir` (default: beside the .docx): the files
    written, and notes on what the document holds that is left out."""
    from ..article import FRONT_MATTER_KEYS

    path = Path(path).resolve()
    if not looks_like_word(path):
        raise InputError(path, "not a Word file: import reads a .docx (a Markdown article needs no import)")
    folder = (Path(out_dir) if out_dir is not None else path.parent).resolve()
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "is a file, not a folder; -o names the folder to write into")
    root = issue_root(folder)
    picture_dir = (folder / IMAGES).relative_to(root).as_posix()
    conv = convert(path, picture_dir, FRONT_MATTER_KEYS)
    article = folder / f"{path.stem}.md"
    targets = [(article, conv.text.encode("utf-8"))] + [(root / src, data) for src, data in conv.pictures]
    for target, _ in targets:
        _writable(target, force)
    try:
        for target, data in targets[1:] + targets[:1]:  # the article last: it names the pictures
            _write(target, data)
    except OSError as exc:
        raise InputError(exc.filename or folder, f"cannot write the file ({exc.strerror or exc})") from None
    return [t for t, _ in targets], conv.notes
