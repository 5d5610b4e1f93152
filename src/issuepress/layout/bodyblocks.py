"""How one body paragraph is set: prose, a list item with its marker hanging, a footnote, or a stanza
of verse (each line as written). build_story adds the lines it returns as one paragraph's units."""

from __future__ import annotations

from dataclasses import dataclass

from ..text.types import Line
from .listitem import set_item, set_verse_line
from .typeset import Setter

# Paragraph kinds of the model and the layout style each is set in.
STYLE_OF_KIND = {"quote": "quote", "note": "note", "footnote": "footnote"}
VERSE_STYLE = "verse"
HARD_BREAK = "\n"


@dataclass(frozen=True)
class SetBlock:
    """A paragraph's lines, the style they are set in and the unit kind (line: running text)."""

    lines: tuple[Line, ...]
    style: str
    kind: str


def spans_of(par) -> list[tuple[str, bool, bool]]:
    """(text, bold, emphasis) of each span (a stand-in paragraph may lack emphasis)."""
    return [(s.text, s.bold, getattr(s, "emph", False)) for s in par.spans]


def is_verse(article) -> bool:
    return getattr(article, "style", "prose") == "verse"


def set_block(setter: Setter, article, par, measure_pt: float, where: str) -> SetBlock:
    kind = getattr(par, "kind", "body")
    style = STYLE_OF_KIND.get(kind, "body")
    marker = getattr(par, "marker", "")
    spans = spans_of(par)
    if marker:
        indent = getattr(setter.layout.text, "list_indent_em", 0.0)
        lines = set_item(setter, marker, spans, style, measure_pt, where, getattr(par, "depth", 0), indent)
    elif is_verse(article) and kind == "body":
        style = VERSE_STYLE
        lines = tuple(ln for verse in verse_lines(spans) for ln in
                      set_verse_line(setter, verse, style, measure_pt, where))
    else:  # the text after a picture inside a paragraph runs on: no first-line indent
        lines = setter.set(spans, style, measure_pt, where,
                           indent_em=0.0 if getattr(par, "runs_on", False) else None)
    return SetBlock(lines, style, "line" if style in ("body", VERSE_STYLE) else style)


def verse_lines(spans: list[tuple[str, bool, bool]]) -> list[list[tuple[str, bool, bool]]]:
    """The stanza's spans cut at each line break: one list of spans per line of the poem."""
    out: list[list[tuple[str, bool, bool]]] = [[]]
    for text, bold, emph in spans:
        parts = text.split(HARD_BREAK)
        for k, part in enumerate(parts):
            if k:
                out.append([])
            if part:
                out[-1].append((part, bold, emph))
    return [line for line in out if line]
