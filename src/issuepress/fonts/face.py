"""One resolved font face: its names and metrics, with glyph lookups cached per character."""

from __future__ import annotations

from pathlib import Path

import uharfbuzz as hb

from .roles import weight_name
from .scan import FaceInfo

# A mark counts as drawn centred when the middle of its ink is within this share of an advance from
# the middle of its advance box. Noto CJK TC/HK draw ，。、 0.47–0.50 em across, the SC faces 0.15–0.23:
# a tenth of an em sets them clearly apart.
CENTRED_TOLERANCE = 0.1


class Face:
    """A face of a font file, addressed by a stable id; metrics read through HarfBuzz on demand.

    HarfBuzz maps the file instead of parsing it, so opening a 26 MB Noto CJK collection costs
    microseconds; each character is looked up once and its advance kept in a dict.
    `ascender`/`descender` are the hhea values in font units (divide by `units_per_em`).
    """

    __slots__ = ("id", "info", "family", "weight", "path", "index", "units_per_em", "ascender",
                 "descender", "_font", "_adv", "_centred")

    def __init__(self, face_id: str, info: FaceInfo) -> None:
        self.id = face_id
        self.info = info
        self.family = info.family
        self.weight = weight_name(info.weight_class)
        self.path = Path(info.path)
        self.index = info.index
        self.units_per_em = info.units_per_em
        self.ascender = info.ascender
        self.descender = info.descender
        self._font: hb.Font | None = None
        self._adv: dict[str, float | None] = {}
        self._centred: dict[str, bool] = {}

    def __repr__(self) -> str:
        return f"Face({self.id!r}, {self.family!r}, {self.weight!r}, {str(self.path)!r}#{self.index})"

    def _hb_font(self) -> hb.Font:
        if self._font is None:
            blob = hb.Blob.from_file_path(str(self.path))
            face = hb.Face(blob, self.index)
            self._font = hb.Font(face)
            self._font.scale = (face.upem, face.upem)  # advances in font units
        return self._font

    def lookup(self, ch: str) -> float | None:
        """The advance of `ch` in em (hmtx / unitsPerEm), or None when the cmap has no glyph for it."""
        try:
            return self._adv[ch]
        except KeyError:
            pass
        font = self._hb_font()
        gid = font.get_nominal_glyph(ord(ch))
        adv = None if not gid else font.get_glyph_h_advance(gid) / self.units_per_em
        self._adv[ch] = adv
        return adv

    def centred(self, ch: str) -> bool:
        """True when the face draws `ch` with its ink centred across its advance (the glyph's outline
        extents read through HarfBuzz): how Taiwan and Hong Kong faces draw ，。、：；！？."""
        hit = self._centred.get(ch)
        if hit is None:
            font = self._hb_font()
            gid = font.get_nominal_glyph(ord(ch))
            hit = False
            if gid:
                ext = font.get_glyph_extents(gid)
                adv = font.get_glyph_h_advance(gid)
                if ext is not None and adv > 0 and ext.width > 0:
                    middle = ext.x_bearing + ext.width / 2
                    hit = abs(middle - adv / 2) <= CENTRED_TOLERANCE * adv
            self._centred[ch] = hit
        return hit

    def has(self, ch: str) -> bool:
        """True when the face's cmap maps `ch` to a glyph other than .notdef."""
        return self.lookup(ch) is not None

    def advance_em(self, ch: str) -> float:
        """The advance of `ch` in em; KeyError when the face has no glyph for it."""
        adv = self.lookup(ch)
        if adv is None:
            raise KeyError(f"{self.id} has no glyph for U+{ord(ch):04X}")
        return adv
