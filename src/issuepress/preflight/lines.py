"""Check set lines the way a proofreader would: kinsoku at line edges, lines past the column edge.

This is a second, independent look at the text engine's output (the engine should never let one
through); it reads the laid-out lines, not the engine's internals.
"""

from __future__ import annotations

from ..layout.items import DocumentLayout, Finding, TextLine

# clreq §3.1.7 (basic level): marks that may not start a line.
NO_LINE_START = set("、，。．：；！？‼⁇）〕］｝〗】》〉”’」』～–·・/")
# clreq §3.1.7: marks that may not end a line (opening brackets, quotes, book-title marks).
NO_LINE_END = set("（〔［｛〖【《〈“‘「『")
# clreq §3.1.7: inseparable pairs (—— and ……) must not be split across lines.
INSEPARABLE = ("—", "…")
# A line may pass its measure by this much before it counts (rounding in the PDF writer).
EDGE_TOLERANCE_PT = 0.5
# Roles whose lines are running text set by the engine at a measure (not furniture or titles).
TEXT_ROLES = {"body", "note", "quote", "subhead", "caption", "byline"}


def _visible(line) -> str:
    return "".join(g.ch for g in line.glyphs if not g.ch.isspace())


def check_lines(doc: DocumentLayout) -> list[Finding]:
    """kinsoku and line-past-edge findings for every text line of the document."""
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
            if text[0] in NO_LINE_START and not single_unit and item.line.indent_pt <= 0:
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
            prev = item
    return out
