"""Find font faces in folders: read name tables once, keep the result in a JSON index keyed by mtimes."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from fontTools.ttLib import TTCollection, TTFont

from .paths import write_atomic

log = logging.getLogger(__name__)

# File name endings of sfnt fonts fontTools reads (Type 1 and bitmap fonts are not used).
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})
COLLECTION_SUFFIXES = frozenset({".ttc", ".otc"})

# Bumped when FaceInfo or the index layout changes, so an old index is rebuilt instead of misread.
INDEX_VERSION = 1
INDEX_NAME = "scan-index.json"

# name table IDs (OpenType 'name' spec): family 1, subfamily 2, full 4, PostScript 6,
# typographic family 16 / subfamily 17, WWS family 21.
FAMILY_NAME_IDS = (16, 21, 1)
ITALIC_FS_SELECTION = 0x01  # OS/2 fsSelection bit 0
ITALIC_MAC_STYLE = 0x02  # head macStyle bit 1


@dataclass(frozen=True)
class FaceInfo:
    """One face of a font file as the name tables describe it; metrics in font units."""

    path: str
    index: int  # face number inside a TTC/OTC, 0 for a single font
    family: str  # English typographic family (16, else 1)
    style: str  # English typographic subfamily (17, else 2)
    names: tuple[str, ...]  # every family name in every language (16, 21, 1), for lookup
    full_name: str
    ps_name: str
    weight_class: int
    italic: bool
    units_per_em: int
    ascender: int  # hhea
    descender: int  # hhea (negative)
    typo_ascender: int
    typo_descender: int
    outlines: str  # "glyf", "CFF " or "CFF2"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FaceInfo:
        return cls(**{**data, "names": tuple(data["names"])})


def _face_info(font: TTFont, path: Path, index: int) -> FaceInfo:
    name = font["name"]
    names: list[str] = []
    for rec in name.names:
        if rec.nameID in FAMILY_NAME_IDS:
            try:
                text = rec.toUnicode().strip()
            except UnicodeDecodeError:
                continue
            if text and text not in names:
                names.append(text)
    family = name.getBestFamilyName() or (names[0] if names else path.stem)
    style = name.getBestSubFamilyName() or "Regular"
    os2 = font["OS/2"] if "OS/2" in font else None
    head = font["head"]
    hhea = font["hhea"]
    italic = bool(head.macStyle & ITALIC_MAC_STYLE) or bool(os2 and os2.fsSelection & ITALIC_FS_SELECTION)
    outlines = next((t for t in ("glyf", "CFF ", "CFF2") if t in font), "")
    return FaceInfo(
        path=str(path),
        index=index,
        family=str(family),
        style=str(style),
        names=tuple(names),
        full_name=str(name.getBestFullName() or family),
        ps_name=str(name.getDebugName(6) or ""),
        weight_class=int(os2.usWeightClass) if os2 else 400,
        italic=italic,
        units_per_em=int(head.unitsPerEm),
        ascender=int(hhea.ascent),
        descender=int(hhea.descent),
        typo_ascender=int(os2.sTypoAscender) if os2 else int(hhea.ascent),
        typo_descender=int(os2.sTypoDescender) if os2 else int(hhea.descent),
        outlines=outlines,
    )


def read_faces(path: Path) -> tuple[FaceInfo, ...]:
    """Every face of a font file (each face of a collection); () when the file is not a usable font."""
    try:
        if path.suffix.lower() in COLLECTION_SUFFIXES:
            coll = TTCollection(str(path), lazy=True)
            try:
                return tuple(_face_info(f, path, i) for i, f in enumerate(coll.fonts))
            finally:
                coll.close()
        with TTFont(str(path), lazy=True) as font:
            return (_face_info(font, path, 0),)
    except Exception as exc:  # a broken or unsupported file must not stop the scan
        log.info("skipping font file %s: %s", path, exc)
        return ()


class FontIndex:
    """The faces under a set of folders, scanned once and cached in `cache_dir`/scan-index.json.

    A folder whose mtime is unchanged is not listed again (its entries were added or removed
    otherwise); a font file whose size and mtime are unchanged is not opened again.
    """

    def __init__(self, roots: Sequence[Path], cache_dir: Path | None) -> None:
        self.roots = tuple(Path(r).absolute() for r in roots)  # index keys must not depend on the cwd
        self.cache_file = cache_dir / INDEX_NAME if cache_dir is not None else None
        self._old_dirs: dict[str, Any] = {}
        self._old_files: dict[str, Any] = {}
        self._dirs: dict[str, Any] = {}
        self._files: dict[str, Any] = {}
        self._changed = False
        self._faces: tuple[FaceInfo, ...] | None = None
        self._loaded = False

    @property
    def faces(self) -> tuple[FaceInfo, ...]:
        """All faces, in root order, then path order, then face number."""
        if self._faces is None:
            self._faces = self._scan()
        return self._faces

    def faces_of_file(self, path: Path) -> tuple[FaceInfo, ...]:
        """Faces of one file (a FontChoice.file), through the same cache."""
        self._load()
        faces = self._file_faces(Path(path).absolute())
        self._save()
        return faces

    def _scan(self) -> tuple[FaceInfo, ...]:
        self._load()
        out: list[FaceInfo] = []
        seen: set[str] = set()
        for root in self.roots:
            for path in self._walk(root, set()):
                key = str(path)
                if key in seen:
                    continue
                seen.add(key)
                out.extend(self._file_faces(path))
        self._save()
        return tuple(out)

    def _walk(self, folder: Path, visiting: set[str]) -> Iterable[Path]:
        try:
            st = folder.stat()
            real = os.path.realpath(folder)
        except OSError:
            return
        if real in visiting:  # a symlink loop
            return
        visiting = visiting | {real}
        key = str(folder)
        rec = self._old_dirs.get(key)
        if rec is None or rec["mtime_ns"] != st.st_mtime_ns:
            files, subdirs = [], []
            try:
                with os.scandir(folder) as it:
                    for entry in it:
                        try:
                            if entry.is_dir():
                                subdirs.append(entry.name)
                            elif Path(entry.name).suffix.lower() in FONT_SUFFIXES:
                                files.append(entry.name)
                        except OSError:
                            continue
            except OSError:
                return
            rec = {"mtime_ns": st.st_mtime_ns, "files": sorted(files), "subdirs": sorted(subdirs)}
            self._changed = True
        self._dirs[key] = rec
        for name in rec["files"]:
            yield folder / name
        for name in rec["subdirs"]:
            yield from self._walk(folder / name, visiting)

    def _file_faces(self, path: Path) -> tuple[FaceInfo, ...]:
        key = str(path)
        try:
            st = path.stat()
        except OSError:
            return ()
        rec = self._files.get(key) or self._old_files.get(key)
        if rec is None or rec["size"] != st.st_size or rec["mtime_ns"] != st.st_mtime_ns:
            faces = read_faces(path)
            rec = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "faces": [asdict(f) for f in faces]}
            self._changed = True
        self._files[key] = rec
        return tuple(FaceInfo.from_json(f) for f in rec["faces"])

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self.cache_file is None or not self.cache_file.is_file():
            return
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return
        self._old_dirs = data.get("dirs", {})
        self._old_files = data.get("files", {})

    def _save(self) -> None:
        """Merge this scan into the index file (other roots' records kept), only when something changed."""
        if self.cache_file is None or not self._changed:
            return
        dirs = {**self._old_dirs, **self._dirs}
        files = {**self._old_files, **self._files}
        data = {"version": INDEX_VERSION, "dirs": dict(sorted(dirs.items())), "files": dict(sorted(files.items()))}
        try:
            write_atomic(self.cache_file, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:  # a read-only cache only costs speed
            log.info("cannot write the font index %s: %s", self.cache_file, exc)
        self._changed = False
