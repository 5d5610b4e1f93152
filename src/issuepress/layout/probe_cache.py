"""Pictures already decoded whole once, by their content: a warm compose need not decode them again.

Layout decodes every picture once to know it can be drawn (a truncated JPEG fails only there) and to
read its upright size; decoding the photos of an issue is a tenth of a warm compose. A picture whose
bytes (sha256) were decoded before is known from a small record in $ISSUEPRESS_CACHE/probes that holds
its upright size and a checksum over the record; a record that does not match is ignored and removed.
Only pictures that decoded are recorded: a bad one is decoded (and reported) every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from ..fonts.paths import cache_subdir, write_atomic

FORMAT = 1
SUBDIR = "probes"


def _folder() -> Path:
    """$ISSUEPRESS_CACHE/probes, else ~/.cache/issuepress/probes."""
    return cache_subdir(SUBDIR)


def file_digest(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _check(digest: str, size: list[int]) -> str:
    return hashlib.sha256(json.dumps([FORMAT, digest, size]).encode("ascii")).hexdigest()


def known(digest: str) -> tuple[int, int] | None:
    """The upright pixel size of the picture with these bytes, when it was decoded whole before."""
    f = _folder() / f"{digest}.json"
    try:
        data = json.loads(f.read_bytes())
        size = data["size"]
        if data["format"] != FORMAT or data["digest"] != digest or data["check"] != _check(digest, size) \
                or len(size) != 2 or not all(isinstance(n, int) and n > 0 for n in size):
            raise ValueError("not this picture's record")
        return size[0], size[1]
    except FileNotFoundError:
        return None
    except Exception:  # damaged, zeroed or another picture's: decode again and write it anew
        with contextlib.suppress(OSError):
            f.unlink()
        return None


def remember(digest: str, size: tuple[int, int]) -> None:
    """Record that the picture with these bytes decoded whole at this upright size (skipped when the
    cache folder cannot be written)."""
    record = {"format": FORMAT, "digest": digest, "size": list(size), "check": _check(digest, list(size))}
    with contextlib.suppress(OSError):
        write_atomic(_folder() / f"{digest}.json", json.dumps(record).encode("ascii"))
