"""Check set lines the way a proofreader would: kinsoku at line edges, lines past the column edge, gappy lines.

This is a second, independent look at the text engine's output (the engine should never let one
through); it reads the laid-out lines, not the engine's internals.
"""

from __future__ import annotations

from ..layout.items import DocumentLayout, Finding, TextLine
from ..text.types import Line

# clreq §3.1.7 (basic level): marks that may not start a line.
NO_LINE_START = set("、，。．：；！？‼⁇）〕］｝〗】》〉”’」』～–·・/")
# clreq §3.1.7: marks that may not end a line (opening brackets, quotes, book-title marks).
NO_LINE_END = set("（〔［｛〖【《〈“‘「『")
# clreq §3.1.7: inseparable pairs (—— and ……) must not be split across lines.
INSEPARABLE = ("—", "…")
# A line may pass its measure by this much before it counts (rounding in the PDF writer).
EDGE_TOLERANCE_PT = 0.5
# Issue 8: a justified line has at most ¼ em added between two Han characters (the engine's
# adjust.LOOSE_MAX_EM, restated here on purpose); the tolerance absorbs rounding.
LOOSE_MAX_EM = 0.25
LOOSE_TOLERANCE_EM = 0.005
# Roles whose lines are running text set by the engine at a measure (not furniture or titles).
TEXT_ROLES = {"body", "note", "quote", "subhead", "caption", "byline", "footnote", "table", "table-repeat"}


def _visible(line) -> str:
    return "".join(g.ch for g in line.glyphs if not g.ch.isspace())


def is_han(ch: str) -> bool:
    """A Han character: CJK Unified Ideographs, Extension A and the compatibility block."""
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def han_gap_em(line: Line) -> float:
    """The largest room between two adjacent Han glyphs of the line, in em (0 when they touch)."""
    widest = 0.0
    prev = None
    for g in line.glyphs:
        if prev is not None and is_han(prev.ch) and is_han(g.ch):
            gap = (g.x_pt + g.dx_pt - (prev.x_pt + prev.dx_pt + prev.width_pt)) / max(g.size_pt, prev.size_pt)
            widest = max(widest, gap)
        prev = g
    return widest


def check_lines(doc: DocumentLayout) -> list[Finding]:
    """kinsoku, line-past-edge and line-loose findings for every text line of the document."""
    out: list[Finding] = []
    for page in doc.pages:
        prev: TextLine | None = None
        for item in page.items:
            if not isinstance(item, TextLine) or item.role not in TEXT_ROLES:
                continue
            text = _visible(item.line)
            if not text:
                continue
            single_unit = len(text) == 1
            # a paragraph's first line (indented) starts with what the editor wrote: not a break fault
            if text[0] in NO_LINE_START and not single_unit and (item.line.indent_pt <= 0 or item.line.hung):
                out.append(Finding("warning", "kinsoku", f"a line starts with {text[0]!r}: {text[:12]}…",
                                   page.number, item.article))
            if text[-1] in NO_LINE_END and not single_unit:
                out.append(Finding("warning", "kinsoku", f"a line ends with {text[-1]!r}: …{text[-12:]}",
                                   page.number, item.article))
            if prev is not None and prev.article == item.article:
                ptext = _visible(prev.line)
                for mark in INSEPARABLE:
                    if ptext.endswith(mark) and text.startswith(mark) and not ptext.endswith(mark * 2):
                        out.append(Finding("warning", "kinsoku", f"{mark * 2} split across lines: …{ptext[-8:]}",
                                           page.number, item.article))
            line = item.line
            right = max((g.x_pt + g.width_pt for g in line.glyphs if not g.ch.isspace()), default=0.0)
            if right > line.measure_pt + EDGE_TOLERANCE_PT:
                out.append(Finding("error", "line-past-edge",
                                   f"a line is {right - line.measure_pt:.1f} pt wider than its column: {text[:16]}…",
                                   page.number, item.article))
            if item.role == "body" and line.justified:
                gap = han_gap_em(line)
                if gap > LOOSE_MAX_EM + LOOSE_TOLERANCE_EM:
                    out.append(Finding("warning", "line-loose",
                                       f"a line has {gap:.2f} em between two Han characters: {text[:16]}…",
                                       page.number, item.article))
            prev = item
    return out
