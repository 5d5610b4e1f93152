"""A disk cache of pictures already prepared for print (cropped, downsampled, converted to CMYK).

Preparing a photo costs about 0.2 s (decode, resize, ICC transform); composing again with the same
photo in the same frame takes the prepared pixels from here instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import zlib
from pathlib import Path

from PIL import Image

from ..fonts.paths import CACHE_ENV
from ..limits import MAX_IMAGE_PIXELS

log = logging.getLogger(__name__)

# Bump when the preparation changes, so that no old result is reused (2: EXIF orientation applied,
# the crop placed around the photo's focus).
CACHE_FORMAT = 3  # 3: keyed by content, each entry checked against its key and a pixel checksum
# zlib level 1: the cache is written once and read often; stronger compression only costs time.
ZLIB_LEVEL = 1
SUBDIR = "pictures"
# The modes images.py prepares pictures in (picture_modes.printable, then CMYK for print).
MODES = ("L", "RGB", "CMYK")


def _folder() -> Path:
    """$ISSUEPRESS_CACHE/pictures, else ~/.cache/issuepress/pictures."""
    env = os.environ.get(CACHE_ENV)
    return (Path(env) if env else Path.home() / ".cache" / "issuepress") / SUBDIR


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


def _header(key: str, img: Image.Image, raw: bytes) -> bytes:
    return json.dumps([CACHE_FORMAT, key, img.mode, img.width, img.height,
                       hashlib.sha256(raw).hexdigest()]).encode("ascii") + b"\n"


def load(key: str) -> Image.Image | None:
    """The prepared picture stored under `key`, or None (a damaged, zeroed or swapped entry is removed).

    Each entry starts with a line naming its format, key, mode, size and the sha256 of its pixels:
    an entry that does not match is never drawn.
    """
    f = _folder() / f"{key}.bin"
    try:
        data = f.read_bytes()
    except OSError:
        return None
    try:
        head, _, body = data.partition(b"\n")
        fmt, stored_key, mode, w, h, digest = json.loads(head)
        if (fmt != CACHE_FORMAT or stored_key != key or mode not in MODES or not isinstance(w, int)
                or not isinstance(h, int) or not 0 < w * h <= MAX_IMAGE_PIXELS):
            raise ValueError("not this entry")
        size = w * h * len(mode)  # bytes per pixel: L 1, RGB 3, CMYK 4
        raw = zlib.decompressobj().decompress(body, size + 1)  # never more than the picture's size
        if len(raw) != size:
            raise ValueError("truncated or padded pixels")
        if hashlib.sha256(raw).hexdigest() != digest:
            raise ValueError("pixels differ from their checksum")
        return Image.frombytes(mode, (w, h), raw)
    except (ValueError, TypeError, zlib.error, MemoryError):
        pass
    log.info("discarding the damaged picture cache entry %s", f)
    with contextlib.suppress(OSError):
        f.unlink()
    return None


def store(key: str, img: Image.Image) -> None:
    """Keep the prepared picture (written atomically; a cache that cannot be written is skipped)."""
    folder = _folder()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        raw = img.tobytes()
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_header(key, img, raw) + zlib.compress(raw, ZLIB_LEVEL))
        os.replace(tmp, folder / f"{key}.bin")
        tmp = None
    except OSError as exc:
        log.info("picture cache %s not used: %s", folder, exc)
    finally:  # also on Ctrl-C: no half-written entry is left
        if tmp:
            Path(tmp).unlink(missing_ok=True)
