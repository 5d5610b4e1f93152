"""Clean article text the way editors' tools dirty it, and keep a count of every change for the report."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Invisible characters pasted from web pages and word processors; they would reach the PDF as
# nothing or as a missing-glyph box (ZWSP, ZWNJ, ZWJ, WORD JOINER, ZWNBSP/BOM).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Kept control characters: newline ends a line; a tab becomes a space later, after Markdown has
# used it (a tab at a line start means indented code).
KEPT_CONTROLS = frozenset("\n\t")
# Blank characters an editor types at a paragraph start to indent it by hand; the layout indents
# (FORMAT.md: 段首缩进两个汉字由版式决定), so they are removed: ASCII space and the ideographic space.
LEADING_BLANKS = " \u3000"


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in KEPT_CONTROLS


@dataclass
class Normaliser:
    """Counts what it changes across one file; `notes()` says it in words for the report."""

    removed: Counter[str] = field(default_factory=Counter)
    tabs: int = 0
    leading: int = 0
    nfc: int = 0
    file_notes: list[str] = field(default_factory=list)

    def clean_source(self, text: str) -> str:
        """Before parsing: drop zero-width and control characters, NFC the whole text."""
        out = []
        for ch in text:
            if ch in ZERO_WIDTH or _is_control(ch):
                self.removed[ch] += 1
            else:
                out.append(ch)
        cleaned = "".join(out)
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
        ctrl = {ch: n for ch, n in self.removed.items() if ch not in ZERO_WIDTH}
        for label, found in (("zero-width", zero), ("control", ctrl)):
            if found:
                total = sum(found.values())
                codes = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(found))
                out.append(f"removed {total} {label} character{'s' if total != 1 else ''} ({codes})")
        if self.tabs:
            out.append(f"replaced {self.tabs} tab{'s' if self.tabs != 1 else ''} with a space")
        if self.leading:
            out.append(f"removed hand-typed indentation at the start of {self.leading} "
                       f"paragraph{'s' if self.leading != 1 else ''} (the layout indents)")
        if self.nfc:
            out.append(f"normalised {self.nfc} character{'s' if self.nfc != 1 else ''} to Unicode NFC")
        return tuple(out)
