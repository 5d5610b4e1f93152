"""English hyphenation patterns kept on disk in a form that loads in milliseconds.

pyphen parses its LibreOffice pattern file on every start (about 0.1 s, a tenth of a warm compose);
the parsed patterns are plain data, so they are written once as JSON beside the other caches, keyed
by pyphen's version and the word-edge minimums, and read back from there. Any trouble with the cached
file (missing, damaged, unwritable folder) falls back to pyphen's own loading.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyphen

from ..fonts.paths import cache_subdir

SUBDIR = "hyphen"


def _folder() -> Path:
    """$ISSUEPRESS_CACHE/hyphen, else ~/.cache/issuepress/hyphen."""
    return cache_subdir(SUBDIR)


# Bumped when the file's shape changes (2: a checksum over the patterns, checked on every read).
FORMAT = 2


def _digest(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def _from_file(path: Path, lang: str, version: str, left: int, right: int) -> pyphen.Pyphen:
    """The hyphenator stored in `path`; ValueError (or another error) when the file is not whole."""
    data = json.loads(path.read_text(encoding="utf-8"))
    payload = data["payload"]
    if data["format"] != FORMAT or data["key"] != [lang, version] or data["sha256"] != _digest(payload):
        raise ValueError("the patterns differ from their checksum")
    hd = object.__new__(pyphen.HyphDict)
    hd.patterns = {str(k): (int(o), tuple(int(x) for x in v)) for k, (o, v) in payload["patterns"].items()}
    hd.cache = {}
    hd.maxlen = int(payload["maxlen"])
    hyph = object.__new__(pyphen.Pyphen)
    hyph.left, hyph.right, hyph.hd = left, right, hd
    return hyph


def load(lang: str, left: int, right: int) -> pyphen.Pyphen:
    """The hyphenator for `lang`, from the disk cache when it holds a whole copy of the patterns."""
    version = str(getattr(pyphen, "__version__", "0"))
    path = _folder() / f"{lang}-{version}.json"
    try:
        return _from_file(path, lang, version, left, right)
    except FileNotFoundError:
        pass
    except Exception:  # damaged, edited or from another pyphen: removed, parsed again below
        with contextlib.suppress(OSError):
            path.unlink()
    hyph = pyphen.Pyphen(lang=lang, left=left, right=right)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"maxlen": hyph.hd.maxlen,
                   "patterns": {k: [o, list(v)] for k, (o, v) in hyph.hd.patterns.items()}}
        data = {"format": FORMAT, "key": [lang, version], "sha256": _digest(payload), "payload": payload}
        fd, tmp = tempfile.mkstemp(prefix=".hyphen-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
        tmp = None
    except (OSError, AttributeError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs the parse next time
    finally:  # also on Ctrl-C: no half-written file is left
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    return hyph
