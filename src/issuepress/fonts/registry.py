"""The font registry: roles resolved to chains of faces, characters mapped to faces, embeddable subsets."""

from __future__ import annotations

import dataclasses
import gc
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..text.types import StyledChar
from . import embed
from .face import Face
from .langs import CENTRED_MARKS, centred_punctuation
from .match import family_faces, nearest_weight
from .paths import default_cache_dir, default_search_dirs, env_font_dirs
from .roles import FontChoice, FontError, FontRole
from .scan import FaceInfo, FontIndex

__all__ = ["Face", "FontChoice", "FontError", "FontRegistry", "FontRole"]

# Characters that are never drawn (controls, format characters such as ZWSP, line/paragraph
# separators): when no face maps them they take no width and are not reported as missing.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})

# What a character no face has is set as: a 1 em box (text/types.StyledChar), in em.
MISSING_ADVANCE_EM = 1.0

_Entry = tuple[str, float, bool, bool]  # (face id, advance in em, missing, drawn centred)


_new = object.__new__
_setattr = object.__setattr__

# StyledChar fields that have defaults (kept in every prototype, so a new defaulted field is filled).
_STYLED_DEFAULTS: dict[str, object] = {f.name: f.default for f in dataclasses.fields(StyledChar)
                                       if f.default is not dataclasses.MISSING}


def _styled_by_init(proto: dict[str, object], source: int) -> StyledChar:
    return StyledChar(**{**proto, "source": source})  # type: ignore[arg-type]


def _styled_by_dict(proto: dict[str, object], source: int) -> StyledChar:
    """StyledChar without its frozen __init__ (seven guarded setattr calls, 60% of style_chars' time)."""
    obj = _new(StyledChar)
    attrs = proto.copy()
    attrs["source"] = source
    _setattr(obj, "__dict__", attrs)
    return obj


def _fast_styled_works() -> bool:
    """True when _styled_by_dict builds exactly what the constructor builds (StyledChar may gain slots)."""
    proto: dict[str, object] = {**_STYLED_DEFAULTS, "ch": "a", "face": "f", "size_pt": 1.0, "advance_pt": 0.5,
                                "color": "black", "missing": False, "source": 0}
    try:
        fast, slow = _styled_by_dict(proto, 3), _styled_by_init(proto, 3)
        return fast == slow and vars(fast) == vars(slow)
    except (AttributeError, TypeError):
        return False


_FAST_STYLED = _fast_styled_works()


class FontRegistry:
    """Resolves a layout's font roles to faces found on disk and answers metric questions fast.

    `search_dirs` are looked in first, then the folders in $ISSUEPRESS_FONTS and the platform's folders
    (unless `standard_dirs` is False, as in tests). A relative FontChoice.file is taken from
    `base_dir` (the layout's folder), else from the search folders.
    """

    def __init__(self, roles: Mapping[str, FontRole], search_dirs: Sequence[Path] = (),
                 cache_dir: Path | None = None, *, base_dir: Path | None = None,
                 standard_dirs: bool = True) -> None:
        self.roles = dict(roles)
        self.search_dirs = tuple(Path(d) for d in search_dirs)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.base_dir = Path(base_dir) if base_dir is not None else None
        roots = self.search_dirs + (default_search_dirs() if standard_dirs else ())
        self._index = FontIndex(tuple(dict.fromkeys(roots)), self.cache_dir)
        self._faces: dict[str, Face] = {}
        self._ids: dict[tuple[str, int], str] = {}
        self._chains: dict[str, tuple[Face, ...]] = {}
        self._tables: dict[str, dict[str, _Entry]] = {}
        self._missing: dict[tuple[str, str], None] = {}
        self._embedded: dict[tuple[str, str], bytes] = {}

    # -- resolution ---------------------------------------------------------------------------

    def face_ids(self, role: str) -> tuple[str, ...]:
        """The role's chain as face ids, primary first; choices found nowhere are skipped."""
        return tuple(f.id for f in self._chain(role))

    def face(self, face_id: str) -> Face:
        """A face resolved earlier through face_ids/style_chars."""
        try:
            return self._faces[face_id]
        except KeyError:
            raise KeyError(f"unknown face id {face_id!r}") from None

    def _chain(self, role: str) -> tuple[Face, ...]:
        chain = self._chains.get(role)
        if chain is not None:
            return chain
        spec = self.roles.get(role)
        if spec is None:
            defined = ", ".join(sorted(self.roles)) or "none"
            raise FontError(f"font role {role!r} is not defined (defined: {defined})")
        faces: list[Face] = []
        for choice in spec.chain:
            info = self._find(choice)
            if info is not None:
                face = self._face_for(info)
                if face not in faces:
                    faces.append(face)
        if not faces:
            tried = ", ".join(c.describe() for c in spec.chain)
            raise FontError(f"font role {role!r}: none of {tried} found")
        self._chains[role] = chain = tuple(faces)
        return chain

    def _find(self, choice: FontChoice) -> FaceInfo | None:
        """The face for one choice: its file when that exists (family picks the face in a TTC), else the family."""
        if choice.file:
            path = self._file_path(choice.file)
            if path is not None:
                in_file = self._index.faces_of_file(path)
                named = family_faces(in_file, choice.family) if choice.family else []
                hit = nearest_weight(named or in_file, choice.weight_class)
                if hit is not None:
                    return hit
        if choice.family:
            return nearest_weight(family_faces(self._index.faces, choice.family), choice.weight_class)
        return None

    def _file_path(self, file: str) -> Path | None:
        path = Path(file).expanduser()
        if path.is_absolute():
            return path if path.is_file() else None
        bases = ([self.base_dir] if self.base_dir else []) + list(self.search_dirs) + env_font_dirs()
        for base in bases:
            if (base / path).is_file():
                return base / path
        return None

    def _face_for(self, info: FaceInfo) -> Face:
        """One Face per (file, face number); its id is the PostScript name, made unique if two files share it."""
        key = (info.path, info.index)
        face_id = self._ids.get(key)
        if face_id is None:
            base = info.ps_name or f"{info.family}-{info.style}"
            base = "".join(c if c.isalnum() or c in "-_" else "-" for c in base)
            face_id, n = base, 1
            while face_id in self._faces:
                n += 1
                face_id = f"{base}~{n}"
            self._ids[key] = face_id
            self._faces[face_id] = Face(face_id, info)
        return self._faces[face_id]

    # -- metrics ------------------------------------------------------------------------------

    def style_chars(self, text: str, role: str, size_pt: float, color: str = "black",
                    source_offset: int = 0) -> list[StyledChar]:
        """Each character of `text` on the first face of the role's chain that has it, with its advance.

        A character no face has is marked missing, kept on the primary face and given a 1 em advance.
        """
        table = self._tables.get(role)
        if table is None:
            self._chain(role)
            table = self._tables[role] = {}
        protos: dict[str, dict[str, object]] = {}
        out: list[StyledChar] = []
        append = out.append
        new, setattr_, fast = _new, _setattr, _FAST_STYLED
        gc_was_enabled = gc.isenabled()
        gc.disable()  # 200,000 new objects would trigger many full collections for nothing
        try:
            for i, ch in enumerate(text, source_offset):
                proto = protos.get(ch)
                if proto is None:
                    entry = table.get(ch)
                    if entry is None:
                        entry = table[ch] = self._classify(role, ch)
                    face_id, adv_em, missing, centred = entry
                    proto = protos[ch] = {**_STYLED_DEFAULTS, "ch": ch, "face": face_id, "size_pt": size_pt,
                                          "advance_pt": adv_em * size_pt, "color": color,
                                          "missing": missing, "source": 0, "centred": centred}
                if fast:  # _styled_by_dict, inlined: a call per character costs 15 %
                    attrs = proto.copy()
                    attrs["source"] = i
                    obj = new(StyledChar)
                    setattr_(obj, "__dict__", attrs)
                    append(obj)
                else:
                    append(_styled_by_init(proto, i))
        finally:
            if gc_was_enabled:
                gc.enable()
        return out

    def _classify(self, role: str, ch: str) -> _Entry:
        chain = self._chains[role]
        if ch in CENTRED_MARKS:
            return self._classify_mark(role, ch, chain)
        for face in chain:
            adv = face.lookup(ch)
            if adv is not None:
                return (face.id, adv, False, False)
        if unicodedata.category(ch) in INVISIBLE_CATEGORIES:
            return (chain[0].id, 0.0, False, False)
        self._missing[(role, ch)] = None
        return (chain[0].id, MISSING_ADVANCE_EM, True, False)

    def _classify_mark(self, role: str, ch: str, chain: tuple[Face, ...]) -> _Entry:
        """A pause or stop mark, with whether its glyph is drawn centred. A Traditional role (`@zh-Hant`)
        takes it from the first face that draws it centred, so a 楷 face with mainland marks still gets
        Taiwan's; only when no face has the centred form does the first face with the mark set it."""
        having = [(face, adv) for face in chain if (adv := face.lookup(ch)) is not None]
        if not having:
            self._missing[(role, ch)] = None
            return (chain[0].id, MISSING_ADVANCE_EM, True, False)
        if centred_punctuation(role):
            for face, adv in having:
                if face.centred(ch):
                    return (face.id, adv, False, True)
        face, adv = having[0]
        return (face.id, adv, False, face.centred(ch))

    def missing_chars(self) -> list[tuple[str, str]]:
        """(role, character) pairs no face of the role's chain has, in the order first met."""
        return list(self._missing)

    # -- embedding ----------------------------------------------------------------------------

    def _wanted(self, face_id: str, chars: Iterable[str]) -> tuple[Face, str]:
        face = self.face(face_id)
        return face, "".join(sorted({c for c in "".join(chars) if face.has(c)}))

    def embeddable_font(self, face_id: str, chars: Iterable[str]) -> bytes:
        """TrueType (glyf) bytes of the face with exactly those of `chars` it has: from the disk cache
        when a whole entry is there, else built; a cache that cannot be used is skipped."""
        face, wanted = self._wanted(face_id, chars)
        key = (face_id, wanted)
        data = self._embedded.get(key)
        if data is None:
            data = embed.embeddable_font(face.path, face.index, wanted, self.cache_dir, face_id)
            self._embedded[key] = data
        return data

    def embeddable_file(self, face_id: str, chars: Iterable[str]) -> Path:
        """The cache entry holding that subset (built on a miss); OSError when the cache cannot be written."""
        face, wanted = self._wanted(face_id, chars)
        return embed.embeddable_file(face.path, face.index, wanted, self.cache_dir, face_id)

    def font_file(self, face_id: str) -> Path:
        """The font file a face comes from (named in messages about it)."""
        return self.face(face_id).path
