"""Clean article text the way editors' tools dirty it, and keep a count of every change for the report."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .nfc import code_points, nfc_counted

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
# Format characters (general category Cf, Unicode 15.1) that are not default-ignorable: the
# interlinear annotation marks U+FFF9–FFFB, the Egyptian hieroglyph format controls U+13430–1343F
# (13439–1343F are new in Unicode 15, unassigned to Python 3.11), the Arabic and Kaithi number signs.
# No CJK font draws them and the engine gives a format character no width, so each would vanish from
# the page: they are removed and counted instead. Written out, not read from unicodedata, so that the
# set does not depend on the Python version (tests check it covers every Cf of the running one).
FORMAT_RANGES = (
    (0x0600, 0x0605), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
)
# Rewritten sequences the report lists by code point (more are counted, not listed): enough to find them.
NFC_LISTED = 8
# Interlinear annotation (U+FFF9 anchor, U+FFFA separator, U+FFFB terminator): ruby in plain text. With
# the marks removed the annotation follows the text it annotates; the report says so.
ANNOTATION_MARKS = frozenset("\ufff9\ufffa\ufffb")
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
    """A default-ignorable code point (zero-width characters included) or another format character."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in INVISIBLE_RANGES + FORMAT_RANGES)


def _char_class(ranges: list[tuple[int, int]]) -> str:
    return "".join(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                   for lo, hi in ranges)


# Everything clean_source changes, as one regex: most texts have none, and a scan stays fast on long ones.
_CONTROL_RANGES = [(0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F)]  # Cc without \t (0x09) and \n (0x0A)
_TO_CLEAN = re.compile(f"[{_char_class(_CONTROL_RANGES + list(INVISIBLE_RANGES + FORMAT_RANGES))}"
                       f"{''.join(SEPARATORS)}]")


@dataclass
class Normaliser:
    """Counts what it changes across one file; `notes()` says it in words for the report."""

    removed: Counter[str] = field(default_factory=Counter)
    tabs: int = 0
    separators: int = 0
    leading: int = 0
    nfc: Counter[tuple[str, str]] = field(default_factory=Counter)  # (before, after) -> times
    file_notes: list[str] = field(default_factory=list)
    findings: list[tuple[str, int, str]] = field(default_factory=list)  # (code, line, words): Article.findings
    line_offset: int = 0  # lines of the file before the text being parsed (the front matter)
    footnote_labels: set[str] = field(default_factory=set)  # the footnotes the text defines ([^1]: …)

    def warn(self, code: str, line: int, message: str) -> None:
        """Note a warning at `line` (1-based) of the text being parsed; line_offset makes it the file's."""
        note = (code, line + self.line_offset, message)
        if note not in self.findings:  # an opening and a closing tag on one line: one warning
            self.findings.append(note)

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
        nfc, changes = nfc_counted(cleaned)
        self.nfc.update(changes)
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
        ruby = {ch: n for ch, n in self.removed.items() if ch in ANNOTATION_MARKS}
        other = {ch: n for ch, n in self.removed.items() if ch not in zero and ch not in ctrl and ch not in ruby}
        for label, found, why in (("zero-width", zero, ""), ("control", ctrl, ""), ("invisible formatting", other, ""),
                                  ("interlinear annotation", ruby, "; each annotation follows the text it annotates")):
            if found:
                total = sum(found.values())
                codes = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(found))
                out.append(f"removed {total} {label} character{'s' if total != 1 else ''} ({codes}){why}")
        if self.separators:
            out.append(f"replaced {self.separators} Unicode line or paragraph separator"
                       f"{'s' if self.separators != 1 else ''} with a line break")
        if self.tabs:
            out.append(f"replaced {self.tabs} tab{'s' if self.tabs != 1 else ''} with a space")
        if self.leading:
            out.append(f"removed hand-typed indentation at the start of {self.leading} "
                       f"paragraph{'s' if self.leading != 1 else ''} (the layout indents)")
        if self.nfc:
            total = sum(self.nfc.values())
            listed = [f"{code_points(a)} → {code_points(b)}" for a, b in sorted(self.nfc)[:NFC_LISTED]]
            more = ", …" if len(self.nfc) > NFC_LISTED else ""
            out.append(f"normalised {total} character{'s' if total != 1 else ''} to Unicode NFC "
                       f"({', '.join(listed)}{more})")
        return tuple(out)


@dataclass
class LabelCleaner:
    """The texts of issue.yaml (paper name, page titles, editors, credits …) cleaned like an article's,
    each change noted with the key it was made in: a quoted YAML value can write any character."""

    found: list[tuple[int, str]] = field(default_factory=list)  # (line in issue.yaml, note)

    def clean(self, text: str, key: str, line: int = 0) -> str:
        norm = Normaliser()
        out = norm.clean_inline(norm.clean_source(text))
        self.found.extend((line, f"{key}: {note}") for note in norm.notes())
        return out

    def notes(self) -> tuple[str, ...]:
        """In the order of the file, whatever order the loader read the keys in."""
        return tuple(note for _, note in sorted(self.found, key=lambda f: f[0]))
