"""Embeddable font files: a face subset to the characters used, CFF outlines turned into TrueType, cached."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:  # fontTools is imported where a subset is built: a warm compose takes subsets from the cache
    from fontTools.ttLib import TTFont

from ..interrupts import deferred_signals
from .paths import write_atomic
from .roles import FontError

log = logging.getLogger(__name__)

# Bumped whenever the bytes produced for the same input change, so older cached files are not reused.
EMBED_FORMAT = 3  # 2: each subset named after its characters; 3: a checked trailer, ctime and inode in the key

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

# Each cache entry ends with MAGIC + its 64-hex key + " " + the 64-hex sha256 of the font bytes + "\n".
TRAILER_MAGIC = b"\0issuepress-subset "
TRAILER_LEN = len(TRAILER_MAGIC) + 64 + 1 + 64 + 1

# unitsPerEm the OpenType 'head' spec allows (16..16384); 0 would divide every advance by zero.
MIN_UNITS_PER_EM = 16
MAX_UNITS_PER_EM = 16384


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
    from fontTools.ttLib import TTFont

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


def cff_to_truetype(font: TTFont, data: bytes, checkpoint: Callable[[], None] = lambda: None) -> None:
    """Replace CFF/CFF2 outlines of `font` (parsed from `data`) with quadratic glyf outlines in place.

    Cubic curves become quadratic splines (cu2qu) within CU2QU_MAX_ERR_EM; contours are reversed
    because PostScript outer contours run counter-clockwise and TrueType ones clockwise. Advances
    stay as in hmtx; left side bearings are set from the new outlines.
    """
    cff_tag = "CFF " if "CFF " in font else "CFF2" if "CFF2" in font else None
    if cff_tag is None:
        return
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    draw = _outline_drawer(font, data)
    max_err = font["head"].unitsPerEm * CU2QU_MAX_ERR_EM
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for gid, name in enumerate(order):
        checkpoint()  # between glyphs, never inside HarfBuzz's callback: a signal is raised here
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


def truetype_subset(path: Path, index: int, chars: Iterable[str],
                    checkpoint: Callable[[], None] = lambda: None) -> TTFont:
    """The face at (path, index) holding exactly the `chars` it has, with TrueType outlines."""
    from fontTools.ttLib import TTFont

    chars = list(chars)
    data = subset_bytes(path, index, (ord(c) for c in chars))
    checkpoint()
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    if not MIN_UNITS_PER_EM <= font["head"].unitsPerEm <= MAX_UNITS_PER_EM:
        raise ValueError(f"unitsPerEm {font['head'].unitsPerEm} is outside {MIN_UNITS_PER_EM}..{MAX_UNITS_PER_EM}")
    cff_to_truetype(font, data, checkpoint)
    font.ensureDecompiled()  # a garbage glyf or hmtx table fails here, not inside ReportLab
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


def truetype_subset_bytes(path: Path, index: int, chars: Iterable[str],
                          checkpoint: Callable[[], None] = lambda: None) -> bytes:
    """truetype_subset as file bytes (the head timestamps are the source's, so output is stable)."""
    buf = io.BytesIO()
    truetype_subset(path, index, chars, checkpoint).save(buf)
    return buf.getvalue()


def cache_key(path: Path, index: int, chars: Iterable[str]) -> str:
    """sha256 over the face file's identity, its face number and the sorted characters.

    The file is known by path, device, inode, size, mtime and ctime: a font replaced by `cp -p` or
    unpacked from an archive keeps its size and mtime but gets a new ctime (and usually inode), so
    its subsets are built again. Hashing the file itself would cost 50 ms per Noto collection.
    """
    st = path.stat()
    key = json.dumps([EMBED_FORMAT, str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                      index, "".join(sorted(set(chars)))])  # ASCII JSON: a non-UTF-8 file name cannot fail
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def entry_path(cache_dir: Path, stem: str, digest: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem) or "face"
    return cache_dir / SUBSET_DIR / f"{safe}-{digest[:32]}.ttf"


def _trailer(key: str, data: bytes) -> bytes:
    return TRAILER_MAGIC + key.encode("ascii") + b" " + hashlib.sha256(data).hexdigest().encode("ascii") + b"\n"


def read_entry(file: Path, key: str) -> bytes | None:
    """The subset stored in `file` when it is whole and was made for `key`; a bad entry is removed.

    Every entry ends with a trailer holding its key and the sha256 of the font bytes before it
    (fontTools and ReportLab read tables by offset and never look there), so a damaged, truncated,
    zeroed or swapped file is caught here instead of printing .notdef boxes.
    """
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    data, tail = raw[:-TRAILER_LEN], raw[-TRAILER_LEN:]
    if len(raw) > TRAILER_LEN and tail == _trailer(key, data):
        return data
    log.info("discarding the damaged font subset %s", file)
    with contextlib.suppress(OSError):
        file.unlink()
    return None


def write_entry(file: Path, key: str, data: bytes) -> bool:
    """Store the subset with its trailer (atomically); False when the cache cannot take it."""
    try:
        write_atomic(file, data + _trailer(key, data))
        return True
    except OSError as exc:  # read-only, full, or not a folder: compose without the cache
        log.info("font cache %s not used: %s", file.parent, exc)
        return False


def build_subset(path: Path, index: int, chars: list[str]) -> bytes:
    """truetype_subset_bytes with signals held off (HarfBuzz's drawing callbacks would swallow a
    Ctrl-C and leave a half-drawn glyph) and a broken font reported as the user's font file."""
    with deferred_signals() as checkpoint:
        try:
            data = truetype_subset_bytes(path, index, chars, checkpoint)
        except (KeyboardInterrupt, MemoryError):
            raise
        except Exception as exc:  # garbage tables, zero unitsPerEm...: the file, not the program
            raise FontError(f"{path}: cannot embed this font ({type(exc).__name__}: {exc})") from None
    return data


def embeddable_font(path: Path, index: int, chars: Iterable[str], cache_dir: Path | None, stem: str) -> bytes:
    """The embeddable subset for these characters of the face: from the cache when a whole entry is
    there, else built (and stored when the cache can be written; an unusable cache is skipped)."""
    wanted = sorted(set(chars))
    key = cache_key(path, index, wanted)
    file = entry_path(cache_dir, stem, key) if cache_dir is not None else None
    if file is not None:
        data = read_entry(file, key)
        if data is not None:
            return data
    data = build_subset(path, index, wanted)
    if file is not None and write_entry(file, key, data):
        log.debug("built %s (%d chars) from %s#%d", file.name, len(wanted), path, index)
    return data


def embeddable_file(path: Path, index: int, chars: Iterable[str], cache_dir: Path, stem: str) -> Path:
    """The cache entry holding the subset (built on a miss); OSError when the cache cannot be written."""
    wanted = sorted(set(chars))
    key = cache_key(path, index, wanted)
    file = entry_path(cache_dir, stem, key)
    if read_entry(file, key) is None:
        write_atomic(file, (data := build_subset(path, index, wanted)) + _trailer(key, data))
    return file
