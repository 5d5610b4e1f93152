"""Embeddable font files: a face subset to the characters used, CFF outlines turned into TrueType, cached."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path
from typing import Any, Callable, Iterable

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from .paths import write_atomic

log = logging.getLogger(__name__)

# Bumped whenever the bytes produced for the same input change, so older cached files are not reused.
EMBED_FORMAT = 2  # 2: each subset named after its characters

# Largest distance between a cubic curve and its quadratic replacement, in em. 1/1000 em is one
# font unit of Noto CJK: 0.01 pt at 10 pt, far below what a plate or a screen can show.
CU2QU_MAX_ERR_EM = 0.001

# Tables a PDF viewer never reads from an embedded font: OpenType layout (the text engine has already
# positioned every glyph), vertical metrics and PostScript-only data. Dropping them keeps files small.
DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG", "meta",
               "STAT", "morx", "kerx", "kern")

# maxp 1.0 fields for an unhinted TrueType font (OpenType 'maxp' spec): one zone, no programs.
MAXP_V1_DEFAULTS = {"maxZones": 1, "maxTwilightPoints": 0, "maxStorage": 0, "maxFunctionDefs": 0,
                    "maxInstructionDefs": 0, "maxStackElements": 0, "maxSizeOfInstructions": 0,
                    "maxComponentElements": 0, "maxComponentDepth": 0}

SUBSET_DIR = "subsets"


def _tag_int(tag: str) -> int:
    return int.from_bytes(tag.ljust(4).encode("ascii"), "big")


def _subset_harfbuzz(path: Path, index: int, codepoints: list[int]) -> bytes | None:
    """Subset with HarfBuzz (far faster than fontTools on a CJK face); None when its subsetter is unavailable."""
    try:
        import uharfbuzz as hb

        subset = hb.subset
        SubsetInput = hb.SubsetInput
    except (ImportError, AttributeError):
        return None
    face = hb.Face(hb.Blob.from_file_path(str(path)), index)
    inp = SubsetInput()
    inp.unicode_set.update(codepoints)
    inp.drop_table_tag_set.update(_tag_int(t) for t in DROP_TABLES)
    out = subset(face, inp)
    if out is None:
        return None
    return bytes(out.blob.data)


def _subset_fonttools(path: Path, index: int, codepoints: list[int]) -> bytes:
    from fontTools import subset

    opts = subset.Options()
    opts.layout_features = []
    opts.drop_tables = list(opts.drop_tables) + list(DROP_TABLES)
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def subset_bytes(path: Path, index: int, codepoints: Iterable[int]) -> bytes:
    """The face reduced to `codepoints` (+ .notdef), as sfnt bytes with the source's outline format."""
    cps = sorted(set(codepoints))
    data = _subset_harfbuzz(path, index, cps)
    return data if data is not None else _subset_fonttools(path, index, cps)


def _outline_drawer(font: TTFont, data: bytes) -> Callable[[int, str, Any], None]:
    """draw(gid, name, pen): HarfBuzz's C CFF interpreter when present (10x faster than fontTools')."""
    try:
        import uharfbuzz as hb

        hb_font = hb.Font(hb.Face(hb.Blob(data)))
        hb_font.scale = (font["head"].unitsPerEm,) * 2
        return lambda gid, name, pen: hb_font.draw_glyph_with_pen(gid, pen)
    except (ImportError, AttributeError):
        glyph_set = font.getGlyphSet()
        return lambda gid, name, pen: glyph_set[name].draw(pen)


def cff_to_truetype(font: TTFont, data: bytes) -> None:
    """Replace CFF/CFF2 outlines of `font` (parsed from `data`) with quadratic glyf outlines in place.

    Cubic curves become quadratic splines (cu2qu) within CU2QU_MAX_ERR_EM; contours are reversed
    because PostScript outer contours run counter-clockwise and TrueType ones clockwise. Advances
    stay as in hmtx; left side bearings are set from the new outlines.
    """
    cff_tag = "CFF " if "CFF " in font else "CFF2" if "CFF2" in font else None
    if cff_tag is None:
        return
    order = font.getGlyphOrder()
    draw = _outline_drawer(font, data)
    max_err = font["head"].unitsPerEm * CU2QU_MAX_ERR_EM
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for gid, name in enumerate(order):
        pen = TTGlyphPen(None)
        draw(gid, name, Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    hmtx = font["hmtx"]
    for name in order:
        g = glyf.glyphs[name]
        g.recalcBounds(glyf)
        advance, _ = hmtx[name]
        hmtx[name] = (advance, g.xMin if g.numberOfContours else 0)
    for tag in (cff_tag, "VORG"):
        if tag in font:
            del font[tag]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for key, value in MAXP_V1_DEFAULTS.items():
        setattr(maxp, key, value)
    font["head"].glyphDataFormat = 0
    if "post" in font:
        font["post"].formatType = 3.0  # no glyph names needed: the PDF maps glyphs through ToUnicode
    font.sfntVersion = "\x00\x01\x00\x00"


def truetype_subset(path: Path, index: int, chars: Iterable[str]) -> TTFont:
    """The face at (path, index) holding exactly the `chars` it has, with TrueType outlines."""
    data = subset_bytes(path, index, (ord(c) for c in chars))
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    cff_to_truetype(font, data)
    _name_subset(font, chars)
    return font


def _name_subset(font: TTFont, chars: Iterable[str]) -> None:
    """Give the subset a PostScript name of its own (face name + a hash of its characters).

    ReportLab keys embedded faces by their internal name: two subsets of one face with the same
    name in one process would share the first one's glyphs.
    """
    tag = hashlib.sha256("".join(sorted(set(chars))).encode("utf-8")).hexdigest()[:8].upper()
    table = font["name"]
    ps = table.getDebugName(6) or "Face"
    new = f"{ps}-{tag}"
    for rec in list(table.names):
        if rec.nameID == 6:
            table.setName(new, 6, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID in (3, 4):
            table.setName(f"{rec.toUnicode()} {tag}", rec.nameID, rec.platformID, rec.platEncID, rec.langID)


def truetype_subset_bytes(path: Path, index: int, chars: Iterable[str]) -> bytes:
    """truetype_subset as file bytes (the head timestamps are the source's, so output is stable)."""
    buf = io.BytesIO()
    truetype_subset(path, index, chars).save(buf)
    return buf.getvalue()


def cache_key(path: Path, index: int, chars: Iterable[str]) -> str:
    """sha256 over the face file (path, size, mtime), its face number and the sorted characters."""
    st = path.stat()
    key = json.dumps([EMBED_FORMAT, str(path), st.st_size, st.st_mtime_ns, index, "".join(sorted(set(chars)))],
                     ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def embeddable_file(path: Path, index: int, chars: Iterable[str], cache_dir: Path, stem: str) -> Path:
    """The cached embeddable file for these characters of the face, built on a miss (written atomically)."""
    wanted = sorted(set(chars))
    digest = cache_key(path, index, wanted)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem) or "face"
    out = cache_dir / SUBSET_DIR / f"{safe}-{digest[:32]}.ttf"
    if out.is_file():
        return out
    write_atomic(out, truetype_subset_bytes(path, index, wanted))
    log.debug("built %s (%d chars) from %s#%d", out.name, len(wanted), path, index)
    return out
