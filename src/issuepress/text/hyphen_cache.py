"""English hyphenation patterns kept on disk in a form that loads in milliseconds.

pyphen parses its LibreOffice pattern file on every start (about 0.1 s, a tenth of a warm compose);
the parsed patterns are plain data, so they are written once as JSON beside the other caches, keyed
by pyphen's version and the word-edge minimums, and read back from there. Any trouble with the cached
file (missing, damaged, unwritable folder) falls back to pyphen's own loading.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyphen

CACHE_ENV = "ISSUEPRESS_CACHE"
SUBDIR = "hyphen"


def _folder() -> Path:
    """$ISSUEPRESS_CACHE/hyphen, else ~/.cache/issuepress/hyphen."""
    env = os.environ.get(CACHE_ENV)
    return (Path(env) if env else Path.home() / ".cache" / "issuepress") / SUBDIR


def load(lang: str, left: int, right: int) -> pyphen.Pyphen:
    """The hyphenator for `lang`, from the disk cache when it holds it."""
    version = getattr(pyphen, "__version__", "0")
    path = _folder() / f"{lang}-{version}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        hd = object.__new__(pyphen.HyphDict)
        hd.patterns = {k: (int(o), tuple(v)) for k, (o, v) in data["patterns"].items()}
        hd.cache = {}
        hd.maxlen = int(data["maxlen"])
        hyph = object.__new__(pyphen.Pyphen)
        hyph.left, hyph.right, hyph.hd = left, right, hd
        return hyph
    except Exception:  # no cache yet, or one this pyphen cannot use: parse the patterns
        pass
    hyph = pyphen.Pyphen(lang=lang, left=left, right=right)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"maxlen": hyph.hd.maxlen,
                   "patterns": {k: [o, list(v)] for k, (o, v) in hyph.hd.patterns.items()}}
        fd, tmp = tempfile.mkstemp(prefix=".hyphen-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except (OSError, AttributeError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs the parse next time
    return hyph
