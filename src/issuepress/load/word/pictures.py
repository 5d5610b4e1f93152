"""Pictures pasted into a Word file: which can be printed, and a cache file for each (never the editor's folder).

The cache is content-addressed (a folder named by the sha256 of the picture's bytes), so the same picture in
two composes is one file, and a changed picture is a new folder: nothing stale is ever printed.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from PIL import Image

from ...fonts.paths import cache_subdir

SUBDIR = "word-pictures"
# Formats by their first bytes: what Pillow prints, and the vector formats Word keeps from older Office
# (EMF, WMF) that it cannot.
SIGNATURES = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG\r\n\x1a\n", ".png"), (b"GIF8", ".gif"), (b"BM", ".bmp"),
              (b"II*\x00", ".tif"), (b"MM\x00*", ".tif"))
WMF_MAGICS = (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")
# An EMF starts with record type 1 (EMR_HEADER); its signature " EMF" is at byte 40.
EMF_SIGNATURE_AT = 40
# A picture file's mtime in the cache: the epoch, so it is never the "newest input" a PDF's date is
# taken from (that stays the .docx's own time, pipeline.source_date).
CACHE_MTIME = 0


def vector_kind(data: bytes) -> str | None:
    """'EMF' or 'WMF' for the Windows vector formats Pillow cannot draw here, else None."""
    if data[:4] == b"\x01\x00\x00\x00" and data[EMF_SIGNATURE_AT:EMF_SIGNATURE_AT + 4] == b" EMF":
        return "EMF"
    if data[:4] in WMF_MAGICS:
        return "WMF"
    return None


def extension(data: bytes) -> str | None:
    """The file suffix for a picture Pillow can open, from its bytes; None when it cannot be printed."""
    for magic, ext in SIGNATURES:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if vector_kind(data):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the layout's probe decides on size (limits.MAX_IMAGE_PIXELS)
            with Image.open(io.BytesIO(data)) as im:
                fmt = (im.format or "").lower()
    except Image.DecompressionBombError:
        return ".img"  # a picture, too large: the layout's probe reports it (image-too-large)
    except Exception:
        return None
    return f".{fmt}" if fmt and fmt not in ("wmf", "emf") else None


_PRIVATE: list[Path] = []


def _private() -> Path:
    """A temporary folder of this process, removed at exit: for a cache that cannot be written."""
    if not _PRIVATE:
        _PRIVATE.append(Path(tempfile.mkdtemp(prefix="issuepress-word-")))
        atexit.register(shutil.rmtree, _PRIVATE[0], True)
    return _PRIVATE[0]


def cache_folder() -> Path:
    """$ISSUEPRESS_CACHE/word-pictures, else ~/.cache/issuepress/word-pictures; a private temporary folder
    when neither can be written."""
    folder = cache_subdir(SUBDIR)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if folder.is_dir() and not folder.is_symlink() and os.access(folder, os.W_OK | os.X_OK):
            return folder
    except OSError:
        pass
    return _private()


def _holds(path: Path, digest: str) -> bool:
    """Is `path` a regular file with exactly these bytes? A cache file is checked, never trusted."""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest() == digest
    except OSError:
        return False


def cached(data: bytes, name: str) -> Path:
    """The cache file holding `data`, `<sha256>/<name>` (written atomically when absent or not these
    bytes). `name` is how the article names the picture (NAME-2.jpg), so that a finding about the picture
    (its resolution, its crop) says which one it is."""
    digest = hashlib.sha256(data).hexdigest()
    folder = cache_folder()
    try:
        return _entry(folder, digest, name, data)
    except OSError:  # a full or read-only cache: this compose still gets its picture
        if folder == _private():
            raise
        return _entry(_private(), digest, name, data)


def _entry(folder: Path, digest: str, name: str, data: bytes) -> Path:
    entry = folder / digest
    path = entry / name
    if _holds(path, digest):
        return path
    if entry.is_symlink() or (entry.exists() and not entry.is_dir()):  # not a folder of ours: replaced
        entry.unlink()
    entry.mkdir(exist_ok=True)
    return _write(entry, path, data)


def _write(folder: Path, path: Path, data: bytes) -> Path:
    tmp = None
    try:
        if path.is_dir() and not path.is_symlink():  # something else in the entry's place: replaced
            shutil.rmtree(path)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.utime(tmp, (CACHE_MTIME, CACHE_MTIME))
        os.replace(tmp, path)
        tmp = None
        return path
    finally:  # also on Ctrl-C: no half-written picture is left
        if tmp:
            Path(tmp).unlink(missing_ok=True)
