"""Find font faces in folders: read name tables once, keep the result in a JSON index keyed by mtimes."""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:  # fontTools is imported where a file is read: a compose with the scan index reads none
    from fontTools.ttLib import TTFont

from .paths import write_atomic

log = logging.getLogger(__name__)

# File name endings of sfnt fonts fontTools reads (Type 1 and bitmap fonts are not used).
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})
COLLECTION_SUFFIXES = frozenset({".ttc", ".otc"})

# Bumped when FaceInfo or the index layout changes, so an old index is rebuilt instead of misread.
INDEX_VERSION = 2  # 2: file records carry inode and ctime; bad records are dropped on read
INDEX_NAME = "scan-index.json"

# name table IDs (OpenType 'name' spec): family 1, subfamily 2, full 4, PostScript 6,
# typographic family 16 / subfamily 17, WWS family 21.
FAMILY_NAME_IDS = (16, 21, 1)
ITALIC_FS_SELECTION = 0x01  # OS/2 fsSelection bit 0
ITALIC_MAC_STYLE = 0x02  # head macStyle bit 1
# unitsPerEm the OpenType 'head' spec allows: 0 would divide every advance by zero.
MIN_UNITS_PER_EM, MAX_UNITS_PER_EM = 16, 16384
# Folders below a font root followed at most: font packages nest 3 or 4 deep (truetype/noto/...).
MAX_SCAN_DEPTH = 16
# Folders listed at most under one root: /usr/share/fonts of a full desktop has a few hundred.
MAX_SCAN_DIRS = 5000


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
    if not MIN_UNITS_PER_EM <= head.unitsPerEm <= MAX_UNITS_PER_EM:
        raise ValueError(f"unitsPerEm {head.unitsPerEm} is outside {MIN_UNITS_PER_EM}..{MAX_UNITS_PER_EM}")
    if not outlines:
        raise ValueError("no glyf, CFF or CFF2 outlines")
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
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in COLLECTION_SUFFIXES:
            coll = TTCollection(str(path), lazy=True)
            try:
                return tuple(_face_info(f, path, i) for i, f in enumerate(coll.fonts))
            finally:
                coll.close()
        with TTFont(str(path), lazy=True) as font:
            return (_face_info(font, path, 0),)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # a broken or unsupported file must not stop the scan
        log.info("skipping font file %s: %s", path, exc)
        return ()



def _list_folder(folder: Path, real_root: str) -> dict[str, list[str]]:
    """Font files (regular files, or symlinks to them) and subfolders of one folder, sorted."""
    files, subdirs = [], []
    try:
        with os.scandir(folder) as it:
            for entry in it:
                try:
                    if entry.is_symlink() and entry.is_dir():
                        real = os.path.realpath(entry.path)
                        if os.path.commonpath([real, real_root]) == real_root:
                            subdirs.append(entry.name)
                        else:
                            log.info("not following %s: it leads out of %s", entry.path, real_root)
                    elif entry.is_dir():
                        subdirs.append(entry.name)
                    elif entry.is_file() and Path(entry.name).suffix.lower() in FONT_SUFFIXES:
                        files.append(entry.name)
                except (OSError, ValueError):
                    continue
    except OSError:
        pass
    return {"files": sorted(files), "subdirs": sorted(subdirs)}


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_dir(rec: object) -> bool:
    return (isinstance(rec, dict) and _is_int(rec.get("mtime_ns")) and _is_str_list(rec.get("files"))
            and _is_str_list(rec.get("subdirs")))


# FaceInfo's fields by the JSON type each must have.
_FACE_STR = ("path", "family", "style", "full_name", "ps_name", "outlines")
_FACE_INT = ("index", "weight_class", "units_per_em", "ascender", "descender", "typo_ascender", "typo_descender")


def _valid_face(face: object) -> bool:
    return (isinstance(face, dict) and set(face) == set(FaceInfo.__dataclass_fields__)
            and all(isinstance(face[k], str) for k in _FACE_STR) and all(_is_int(face[k]) for k in _FACE_INT)
            and isinstance(face["italic"], bool) and _is_str_list(face["names"])
            and MIN_UNITS_PER_EM <= face["units_per_em"] <= MAX_UNITS_PER_EM)


def _valid_file(rec: object) -> bool:
    return (isinstance(rec, dict) and all(_is_int(rec.get(k)) for k in ("size", "mtime_ns", "ino", "ctime_ns"))
            and isinstance(rec.get("faces"), list) and all(_valid_face(f) for f in rec["faces"]))


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
        listed: set[tuple[int, int]] = set()  # (device, inode) of every folder listed, over all roots
        for root in self.roots:
            budget = [MAX_SCAN_DIRS]
            for path in self._walk(root, os.path.realpath(root), listed, 0, budget):
                key = str(path)
                if key in seen:
                    continue
                seen.add(key)
                out.extend(self._file_faces(path))
        self._save()
        return tuple(out)

    def _walk(self, folder: Path, real_root: str, listed: set[tuple[int, int]], depth: int,
              budget: list[int]) -> Iterable[Path]:
        """Font files under `folder`, each folder listed once (by device and inode), at most
        MAX_SCAN_DEPTH deep and MAX_SCAN_DIRS folders per root; a symlinked folder is followed only
        when it points inside the root (one pointing at / would walk the whole disk)."""
        try:
            st = folder.stat()
        except OSError:
            return
        ident = (st.st_dev, st.st_ino)
        if not stat.S_ISDIR(st.st_mode) or ident in listed or depth > MAX_SCAN_DEPTH or budget[0] <= 0:
            return
        listed.add(ident)
        budget[0] -= 1
        key = str(folder)
        rec = self._old_dirs.get(key)
        if rec is None or rec["mtime_ns"] != st.st_mtime_ns:
            rec = {"mtime_ns": st.st_mtime_ns, **_list_folder(folder, real_root)}
            self._changed = True
        self._dirs[key] = rec
        for name in rec["files"]:
            yield folder / name
        for name in rec["subdirs"]:
            yield from self._walk(folder / name, real_root, listed, depth + 1, budget)

    def _file_faces(self, path: Path) -> tuple[FaceInfo, ...]:
        key = str(path)
        try:
            st = path.stat()
        except OSError:
            return ()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device named *.ttf: opening it would never end
            return ()
        stamp = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino, "ctime_ns": st.st_ctime_ns}
        rec = self._files.get(key) or self._old_files.get(key)
        if rec is None or any(rec[k] != v for k, v in stamp.items()):
            faces = read_faces(path)
            rec = {**stamp, "faces": [asdict(f) for f in faces]}
            self._changed = True
        self._files[key] = rec
        return tuple(FaceInfo.from_json(f) for f in rec["faces"])

    def _load(self) -> None:
        """Read the index; a record of the wrong shape is dropped (and rebuilt), never trusted."""
        if self._loaded:
            return
        self._loaded = True
        if self.cache_file is None:
            return
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return
        if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
            return
        dirs, files = data.get("dirs"), data.get("files")
        dirs = dirs if isinstance(dirs, dict) else {}
        files = files if isinstance(files, dict) else {}
        self._old_dirs = {k: v for k, v in dirs.items() if _valid_dir(v)}
        self._old_files = {k: v for k, v in files.items() if _valid_file(v)}
        if len(self._old_dirs) != len(dirs) or len(self._old_files) != len(files):
            log.info("font index %s held malformed records; they are rebuilt", self.cache_file)
            self._changed = True

    def _save(self) -> None:
        """Merge this scan into the index file (other roots' records kept), only when something changed."""
        if self.cache_file is None or not self._changed:
            return
        dirs = {**self._old_dirs, **self._dirs}
        files = {**self._old_files, **self._files}
        data = {"version": INDEX_VERSION, "dirs": dict(sorted(dirs.items())), "files": dict(sorted(files.items()))}
        try:
            # ASCII JSON: a file name that is not UTF-8 is kept as \udcXX escapes instead of failing
            write_atomic(self.cache_file, json.dumps(data).encode("ascii"))
        except OSError as exc:  # a read-only cache only costs speed
            log.info("cannot write the font index %s: %s", self.cache_file, exc)
        self._changed = False
