"""ToUnicode maps right for every code point: characters beyond the BMP written as UTF-16 surrogate pairs.

ReportLab (5.x) writes each entry of a subset's ToUnicode CMap as `<%04X>`, so U+20BB7 (𠮷) comes
out as `<20BB7>`; PDF readers take the destination as UTF-16BE and read back U+20BB followed by a
stray nibble. The glyph is right, the text layer (copy, search, accessibility) is not. The PDF
reference (9.10.3) wants the destination as UTF-16BE, a surrogate pair beyond U+FFFF.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.ttfonts import TTFont

# The name under which ReportLab registers a subset's ToUnicode stream in the document
# (ttfonts.TTFont.addObjects: doc.Reference(cmapStream, 'toUnicodeCMap:' + baseFontName)).
CMAP_PREFIX = "toUnicodeCMap:"
# One bfchar entry: a one-byte source code and a destination ReportLab formatted with %04X, which
# is four hex digits for the BMP and five or six beyond it.
_ENTRY = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)
# First code point that needs a surrogate pair in UTF-16.
FIRST_ASTRAL = 0x10000


def utf16_hex(cp: int) -> str:
    """A code point as the hex digits of its UTF-16BE form (a surrogate pair beyond the BMP)."""
    if cp < FIRST_ASTRAL:
        return f"{cp:04X}"
    v = cp - FIRST_ASTRAL
    return f"{0xD800 + (v >> 10):04X}{0xDC00 + (v & 0x3FF):04X}"


def fix_cmap(content: str) -> str:
    """A ToUnicode CMap's text with every destination beyond the BMP rewritten as a surrogate pair."""
    return _ENTRY.sub(lambda m: f"<{m.group(1)}> <{utf16_hex(int(m.group(2), 16))}>", content)


class UnicodeTTFont(TTFont):
    """ReportLab's TrueType font whose subsets' ToUnicode maps are right beyond the BMP.

    ReportLab builds the maps when the document is written (addObjects); they are rewritten just
    after, before anything is serialised. Rewriting is idempotent, so every map is looked at."""

    def addObjects(self, doc) -> None:  # noqa: N802 (ReportLab's name)
        super().addObjects(doc)
        for name, obj in doc.idToObject.items():
            content = getattr(obj, "content", None)
            if isinstance(name, str) and name.startswith(CMAP_PREFIX) and isinstance(content, str):
                obj.content = fix_cmap(content)
