"""A disk cache of pictures already prepared for print (cropped, downsampled, converted to CMYK).

Preparing a photo costs about 0.2 s (decode, resize, ICC transform) and compressing its pixels for the
PDF as much again; composing again with the same photo in the same frame takes the compressed stream
the PDF embeds from here instead, checked against its sha256 and never decompressed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..fonts.paths import cache_subdir
from ..limits import MAX_IMAGE_PIXELS

log = logging.getLogger(__name__)

# Bump when the preparation changes, so that no old result is reused (2: EXIF orientation applied,
# the crop placed around the photo's focus).
# 3: keyed by content, each entry checked against its key and a pixel checksum; 4: the entry is the
# compressed stream the PDF embeds, checked against the checksum of that stream.
CACHE_FORMAT = 4
SUBDIR = "pictures"
# The modes images.py prepares pictures in (picture_modes.printable, then CMYK for print).
MODES = ("L", "RGB", "CMYK")


def _folder() -> Path:
    """$ISSUEPRESS_CACHE/pictures, else ~/.cache/issuepress/pictures."""
    return cache_subdir(SUBDIR)


# Content digests of files already read in this process, by (device, inode, size, mtime, ctime):
# the same photo in several frames is hashed once.
_DIGESTS: dict[tuple[str, int, int, int, int, int], str] = {}


def file_digest(path: Path) -> str:
    """sha256 of the file's bytes (5 ms for a 2 MB photo). A key made of its path, size and mtime
    kept printing the old picture after `cp -p` or an archive put another photo in its place."""
    st = path.stat()
    ident = (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    digest = _DIGESTS.get(ident)
    if digest is None:
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        _DIGESTS[ident] = digest
    return digest


def cache_key(path: Path, frame: tuple[float, float], profile: Path | None, ppi: float | None,
              factor: float, focus: tuple[float, float] = (0.5, 0.5)) -> str:
    """sha256 over the picture's and the profile's content and how the picture is prepared."""
    parts = [CACHE_FORMAT, file_digest(path), [round(frame[0], 3), round(frame[1], 3)],
             file_digest(profile) if profile is not None else None, ppi, factor,
             [round(focus[0], 4), round(focus[1], 4)]]
    return hashlib.sha256(json.dumps(parts).encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """A picture ready for the PDF: its mode (L, RGB or CMYK), pixel size and the zlib stream of its pixels."""

    mode: str
    width: int
    height: int
    stream: bytes

    @classmethod
    def of(cls, img: Image.Image) -> Prepared:
        """The picture's pixels compressed as the PDF embeds them (zlib's default level, as ReportLab did)."""
        return cls(img.mode, img.width, img.height, zlib.compress(img.tobytes()))


def _header(key: str, pic: Prepared) -> bytes:
    return json.dumps([CACHE_FORMAT, key, pic.mode, pic.width, pic.height, len(pic.stream),
                       hashlib.sha256(pic.stream).hexdigest()]).encode("ascii") + b"\n"


def load(key: str) -> Prepared | None:
    """The prepared picture stored under `key`, or None (a damaged, zeroed or swapped entry is removed).

    Each entry starts with a line naming its format, key, mode, size and the length and sha256 of its
    compressed pixels: an entry that does not match is never drawn.
    """
    f = _folder() / f"{key}.bin"
    try:
        data = f.read_bytes()
    except OSError:
        return None
    try:
        head, _, body = data.partition(b"\n")
        fmt, stored_key, mode, w, h, length, digest = json.loads(head)
        if (fmt != CACHE_FORMAT or stored_key != key or mode not in MODES or not isinstance(w, int)
                or not isinstance(h, int) or not 0 < w * h <= MAX_IMAGE_PIXELS):
            raise ValueError("not this entry")
        if len(body) != length:
            raise ValueError("truncated or padded stream")
        if hashlib.sha256(body).hexdigest() != digest:
            raise ValueError("stream differs from its checksum")
        return Prepared(mode, w, h, body)
    except (ValueError, TypeError):
        pass
    log.info("discarding the damaged picture cache entry %s", f)
    with contextlib.suppress(OSError):
        f.unlink()
    return None


def store(key: str, pic: Prepared) -> None:
    """Keep the prepared picture (written atomically; a cache that cannot be written is skipped)."""
    folder = _folder()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_header(key, pic) + pic.stream)
        os.replace(tmp, folder / f"{key}.bin")
        tmp = None
    except OSError as exc:
        log.info("picture cache %s not used: %s", folder, exc)
    finally:  # also on Ctrl-C: no half-written entry is left
        if tmp:
            Path(tmp).unlink(missing_ok=True)
