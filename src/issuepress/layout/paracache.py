"""Paragraphs already set, by everything that decides their lines: in memory for a run, on disk across runs.

The placement search measures the same headline, caption and body paragraph at the same width again
and again (every span and height it tries); a paragraph's lines depend only on its text, its style,
the measure and the fonts, so they are set once. A `ParagraphCache` outlives a compose when its owner
keeps it (`issuepress watch` keeps one between composes); `compose` loads the entries the last compose
of the same issue used from $ISSUEPRESS_CACHE/paragraphs and writes back the ones this compose used.

A caller that composes again and again (a watch loop) keeps one cache and passes it on:

    cache = ParagraphCache()
    pipeline.compose(issue, out, paragraphs=cache)   # after each save of an input
    cache.keep_used()                                # forget what that compose did not use

The disk file is named after a digest of what every entry assumes (the package's version and text
engine sources, the layout's styles and text rules, every font file of every role by path, size,
inode, mtime and ctime, as the font subset cache knows them) and the issue's path; each entry's key
holds the paragraph's full text and settings, so a hit is never another paragraph. The file carries
the sha256 of its body; one that does not match, or that holds anything but set lines, is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..text import types as text_types
from ..text.types import Line

log = logging.getLogger(__name__)

# Bumped when an entry's shape changes.
CACHE_FORMAT = 1
SUBDIR = "paragraphs"
MAGIC = b"issuepress-paragraphs"
# The sources whose code decides a paragraph's lines (besides the fonts): an edit to any of them
# makes every cached paragraph stale, even while the package version stays the same.
ENGINE_SOURCES = ("text", "fonts", "layout/typeset.py", "layout/paracache.py")


@dataclass(frozen=True)
class SetParagraph:
    """One paragraph's lines and what setting it reported: characters no face has (with the role looked
    in) and the faces its text landed on, in the order first used."""

    lines: tuple[Line, ...]
    missing: tuple[tuple[str, str], ...] = ()
    faces: tuple[str, ...] = ()


@dataclass
class ParagraphCache:
    """Set paragraphs by (context, key); `context` names the layout and fonts they were set with."""

    entries: dict[tuple, SetParagraph] = field(default_factory=dict)
    used: set[tuple] = field(default_factory=set)  # keys looked up or added since the last save
    hits: int = 0
    misses: int = 0
    _loaded: set[tuple] = field(default_factory=set)

    def get(self, key: tuple) -> SetParagraph | None:
        found = self.entries.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
            self.used.add(key)
        return found

    def put(self, key: tuple, value: SetParagraph) -> None:
        self.entries[key] = value
        self.used.add(key)

    def keep_used(self) -> None:
        """Forget the paragraphs no compose since the last call set or looked up: a watch session calls
        it after each compose, so the cache holds the issue's current paragraphs, not every edit of them."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self._loaded &= self.used
        self.used = set()

    # -- on disk ------------------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Add the entries stored in `path` (a missing, damaged or foreign file adds nothing)."""
        try:
            data = path.read_bytes()
        except OSError:
            return
        try:
            head, _, body = data.partition(b"\n")
            magic, fmt, digest = head.split(b" ")
            if magic != MAGIC or int(fmt) != CACHE_FORMAT or hashlib.sha256(body).hexdigest().encode() != digest:
                raise ValueError("not a whole paragraph cache")
            stored = _LinesUnpickler(io.BytesIO(body)).load()
            if not isinstance(stored, dict):
                raise ValueError("not a paragraph cache")
        except Exception:  # any damage: the file is only a cache, the paragraphs are set again
            log.info("ignoring the damaged paragraph cache %s", path)
            with contextlib.suppress(OSError):
                path.unlink()
            return
        for key, value in stored.items():
            if isinstance(key, tuple) and isinstance(value, SetParagraph):
                self.entries.setdefault(key, value)
                self._loaded.add(key)

    def save(self, path: Path) -> None:
        """Write the entries used since the last save to `path` (atomically), when they differ from what
        was loaded; a cache folder that cannot be written is skipped."""
        keep = {k: self.entries[k] for k in sorted(self.used, key=repr) if k in self.entries}
        if set(keep) == self._loaded and path.exists():
            self.used = set()
            return
        body = pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL)
        head = b" ".join((MAGIC, str(CACHE_FORMAT).encode(), hashlib.sha256(body).hexdigest().encode()))
        from ..fonts.paths import write_atomic
        try:
            write_atomic(path, head + b"\n" + body)
        except OSError as exc:
            log.info("paragraph cache %s not written: %s", path, exc)
        self._loaded = set(keep)
        self.used = set()


class _LinesUnpickler(pickle.Unpickler):
    """Reads back only what the cache writes: set lines and their glyphs, never any other class."""

    ALLOWED = {("issuepress.text.types", "Line"), ("issuepress.text.types", "PlacedGlyph"),
               ("issuepress.layout.paracache", "SetParagraph")}

    def find_class(self, module: str, name: str):  # noqa: D401 (pickle's name)
        if (module, name) in self.ALLOWED:
            return getattr(text_types, name) if module.endswith("types") else SetParagraph
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a paragraph cache")


def cache_folder() -> Path:
    """$ISSUEPRESS_CACHE/paragraphs, else ~/.cache/issuepress/paragraphs."""
    from ..fonts.paths import cache_subdir
    return cache_subdir(SUBDIR)


_ENGINE_DIGEST: str | None = None


def engine_digest() -> str:
    """sha256 over the package version and the sources of the text engine and fonts (read once a process)."""
    global _ENGINE_DIGEST
    if _ENGINE_DIGEST is None:
        from .. import __version__
        root = Path(__file__).resolve().parents[1]
        h = hashlib.sha256(str(__version__).encode())
        for name in ENGINE_SOURCES:
            p = root / name
            files = sorted(p.rglob("*.py")) if p.is_dir() else [p]
            for f in files:
                with contextlib.suppress(OSError):
                    h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        _ENGINE_DIGEST = h.hexdigest()
    return _ENGINE_DIGEST


def font_identity(fonts, roles) -> list:
    """Every face of every role's chain by file path, face number and the file's size, inode, mtime and
    ctime (a font replaced in place changes the ctime)."""
    out: list = []
    for role in sorted(roles):
        try:
            ids = fonts.face_ids(role)
        except Exception:  # a role that cannot be served fails where it is used, not here
            out.append([role, None])
            continue
        chain = []
        for fid in ids:
            face = fonts.face(fid) if hasattr(fonts, "face") else None
            path = getattr(face, "path", None)
            try:
                st = Path(path).stat() if path is not None else None
            except OSError:
                st = None
            chain.append([fid, str(path), getattr(face, "index", 0),
                          [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns] if st else None])
        out.append([role, chain])
    return out


def context_digest(fonts, layout) -> str:
    """What every paragraph set with this layout and these fonts assumes, as one digest."""
    parts = [CACHE_FORMAT, engine_digest(), repr(getattr(layout, "styles", None)),
             repr(getattr(layout, "text", None)), font_identity(fonts, getattr(layout, "fonts", {}) or {})]
    return hashlib.sha256(json.dumps(parts, default=repr).encode("utf-8")).hexdigest()


def cache_file(context: str, issue_path: Path) -> Path:
    """The disk file of one issue's paragraphs set in one context."""
    name = hashlib.sha256(f"{context}\0{Path(issue_path).resolve()}".encode("utf-8", "surrogateescape"))
    return cache_folder() / f"{name.hexdigest()[:40]}.bin"
