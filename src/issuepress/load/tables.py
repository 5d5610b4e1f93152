"""GFM pipe tables (markdown-it's table tokens) -> model.Table: rows of cells with their spans and alignments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from markdown_it.token import Token

from ..model import Block, Span, Table, TableRow

# markdown-it writes a column's alignment as a style attribute: `:--` left, `:-:` center, `--:` right.
_ALIGN = {"text-align:left": "left", "text-align:center": "center", "text-align:right": "right"}
# A column without a colon in its delimiter is set flush left: the reading direction.
DEFAULT_ALIGN = "left"

Inline = Callable[[list[Token]], list[Span]]


def read_table(tokens: list[Token], i: int, inline: Inline) -> tuple[Table, int]:
    """The table opened at tokens[i] (`table_open`) and the index of its `table_close`.

    Every row gets as many cells as the header has columns (GFM: a short row is padded with empty
    cells, the excess of a long row is dropped by markdown-it already)."""
    start = tokens[i].map[0] + 1 if tokens[i].map else 0
    rows: list[TableRow] = []
    aligns: list[str] = []
    cells: list[tuple[Span, ...]] = []
    header = False
    j = i + 1
    while j < len(tokens) and tokens[j].type != "table_close":
        tok = tokens[j]
        if tok.type == "thead_open":
            header = True
        elif tok.type == "thead_close":
            header = False
        elif tok.type == "tr_open":
            cells = []
        elif tok.type in ("th_open", "td_open"):
            if header:
                aligns.append(_ALIGN.get(str(tok.attrs.get("style", "")), DEFAULT_ALIGN))
            inl = tokens[j + 1] if j + 1 < len(tokens) and tokens[j + 1].type == "inline" else None
            cells.append(tuple(_clean(inline(inl.children or []))) if inl else ())
        elif tok.type == "tr_close":
            rows.append(TableRow(tuple(cells), header))
        j += 1
    width = len(aligns) or max((len(r.cells) for r in rows), default=0)
    rows = [replace(r, cells=(r.cells + ((),) * width)[:width]) for r in rows]
    return Table(tuple(rows), tuple(aligns) or (DEFAULT_ALIGN,) * width, start), j


def _clean(spans: list[Span]) -> list[Span]:
    """A cell's spans without the blanks around its text (the pipes' padding is not part of the cell)."""
    out = [s for s in spans if s.text]
    if out:
        out[0] = Span(out[0].text.lstrip(" \t"), out[0].bold)
        out[-1] = Span(out[-1].text.rstrip(" \t"), out[-1].bold)
    return [s for s in out if s.text]


def at_file_lines(blocks: tuple[Block, ...], offset: int) -> tuple[Block, ...]:
    """The blocks with each table's line counted in the article file (the body starts `offset` lines in)."""
    return tuple(replace(b, line=b.line + offset) if isinstance(b, Table) else b for b in blocks)
