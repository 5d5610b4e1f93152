"""Clean article text the way editors' tools dirty it, and keep a count of every change for the report."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Invisible characters pasted from web pages and word processors; they would reach the PDF as
# nothing or as a missing-glyph box (ZWSP, ZWNJ, ZWJ, WORD JOINER, ZWNBSP/BOM).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Every other default-ignorable code point (Unicode DerivedCoreProperties.txt, Default_Ignorable_Code_Point):
# invisible by definition, so a font has no glyph for it (a missing-glyph box) or an empty one (nothing on
# the page, a NUL in the PDF's text). Bidi marks, the soft hyphen (the engine never hyphenates), variation
# selectors (VS16 after an emoji, ideographic variation selectors after a Han character: the base
# character is set) and tag characters are among them. Inclusive ranges of code points.
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
# Unicode's line and paragraph separators, as Markdown understands them: a line break and a blank line.
SEPARATORS = {"\u2028": "\n", "\u2029": "\n\n"}
# Kept control characters: newline ends a line; a tab becomes a space later, after Markdown has
# used it (a tab at a line start means indented code).
KEPT_CONTROLS = frozenset("\n\t")
# Blank characters an editor types at a paragraph start to indent it by hand; the layout indents
# (FORMAT.md: 段首缩进两个汉字由版式决定), so they are removed: ASCII space and the ideographic space.
LEADING_BLANKS = " \u3000"


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in KEPT_CONTROLS


def is_invisible(ch: str) -> bool:
    """A default-ignorable code point (zero-width characters included)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in INVISIBLE_RANGES)


def clean_label(text: str) -> str:
    """A short text from YAML (a name, a page title): invisible and control characters removed, as
    in articles, since a quoted YAML value can write them as escapes (\\u200b); tabs become spaces."""
    return unicodedata.normalize("NFC", _TO_CLEAN.sub(lambda m: SEPARATORS.get(m.group(), ""), text)).replace("\t", " ")


def _char_class(ranges: list[tuple[int, int]]) -> str:
    return "".join(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                   for lo, hi in ranges)


# Everything clean_source changes, as one regex: most texts have none, and a scan stays fast on long ones.
_CONTROL_RANGES = [(0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F)]  # Cc without \t (0x09) and \n (0x0A)
_TO_CLEAN = re.compile(f"[{_char_class(_CONTROL_RANGES + list(INVISIBLE_RANGES))}{''.join(SEPARATORS)}]")


@dataclass
class Normaliser:
    """Counts what it changes across one file; `notes()` says it in words for the report."""

    removed: Counter[str] = field(default_factory=Counter)
    tabs: int = 0
    separators: int = 0
    leading: int = 0
    nfc: int = 0
    file_notes: list[str] = field(default_factory=list)

    def clean_source(self, text: str) -> str:
        """Before parsing: drop invisible and control characters, line separators to newlines, NFC the text."""

        def clean(m: re.Match[str]) -> str:
            ch = m.group()
            if ch in SEPARATORS:
                self.separators += 1
                return SEPARATORS[ch]
            self.removed[ch] += 1
            return ""

        cleaned = _TO_CLEAN.sub(clean, text)
        nfc = unicodedata.normalize("NFC", cleaned)
        if nfc != cleaned:
            self.nfc += sum(1 for a, b in zip(cleaned, nfc) if a != b) or 1
        return nfc

    def clean_inline(self, text: str) -> str:
        """Tabs inside text become a space."""
        n = text.count("\t")
        if n:
            self.tabs += n
            text = text.replace("\t", " ")
        return text

    def strip_paragraph_start(self, text: str) -> str:
        """Remove hand-typed indentation at a paragraph start (the layout indents)."""
        stripped = text.lstrip(LEADING_BLANKS)
        if len(stripped) != len(text):
            self.leading += 1
        return stripped

    def notes(self) -> tuple[str, ...]:
        out = list(self.file_notes)
        zero = {ch: n for ch, n in self.removed.items() if ch in ZERO_WIDTH}
        ctrl = {ch: n for ch, n in self.removed.items() if _is_control(ch)}
        other = {ch: n for ch, n in self.removed.items() if ch not in zero and ch not in ctrl}
        for label, found in (("zero-width", zero), ("control", ctrl), ("invisible formatting", other)):
            if found:
                total = sum(found.values())
                codes = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(found))
                out.append(f"removed {total} {label} character{'s' if total != 1 else ''} ({codes})")
        if self.separators:
            out.append(f"replaced {self.separators} Unicode line or paragraph separator"
                       f"{'s' if self.separators != 1 else ''} with a line break")
        if self.tabs:
            out.append(f"replaced {self.tabs} tab{'s' if self.tabs != 1 else ''} with a space")
        if self.leading:
            out.append(f"removed hand-typed indentation at the start of {self.leading} "
                       f"paragraph{'s' if self.leading != 1 else ''} (the layout indents)")
        if self.nfc:
            out.append(f"normalised {self.nfc} character{'s' if self.nfc != 1 else ''} to Unicode NFC")
        return tuple(out)
