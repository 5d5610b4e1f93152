"""A disk cache of pictures already prepared for print (cropped, downsampled, converted to CMYK).

Preparing a photo costs about 0.2 s (decode, resize, ICC transform); composing again with the same
photo in the same frame takes the prepared pixels from here instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path

from PIL import Image

from ..fonts.paths import CACHE_ENV

# Bump when the preparation changes, so that no old result is reused (2: EXIF orientation applied,
# the crop placed around the photo's focus).
CACHE_FORMAT = 2
# zlib level 1: the cache is written once and read often; stronger compression only costs time.
ZLIB_LEVEL = 1
SUBDIR = "pictures"


def _folder() -> Path:
    """$ISSUEPRESS_CACHE/pictures, else ~/.cache/issuepress/pictures."""
    env = os.environ.get(CACHE_ENV)
    return (Path(env) if env else Path.home() / ".cache" / "issuepress") / SUBDIR


def _stamp(path: Path | None) -> list:
    if path is None:
        return [None]
    st = path.stat()
    return [str(path), st.st_size, st.st_mtime_ns]


def cache_key(path: Path, frame: tuple[float, float], profile: Path | None, ppi: float | None,
              factor: float, focus: tuple[float, float] = (0.5, 0.5)) -> str:
    parts = [CACHE_FORMAT, _stamp(path), [round(frame[0], 3), round(frame[1], 3)], _stamp(profile), ppi, factor,
             [round(focus[0], 4), round(focus[1], 4)]]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def load(key: str) -> Image.Image | None:
    """The prepared picture stored under `key`, or None."""
    f = _folder() / f"{key}.bin"
    try:
        data = f.read_bytes()
        head, _, body = data.partition(b"\n")
        mode, w, h = json.loads(head)
        return Image.frombytes(mode, (w, h), zlib.decompress(body))
    except (OSError, ValueError, zlib.error):
        return None


def store(key: str, img: Image.Image) -> None:
    """Keep the prepared picture (written atomically; a failure to cache is not an error)."""
    folder = _folder()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        head = json.dumps([img.mode, img.width, img.height]).encode("utf-8") + b"\n"
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(head + zlib.compress(img.tobytes(), ZLIB_LEVEL))
        os.replace(tmp, folder / f"{key}.bin")
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
