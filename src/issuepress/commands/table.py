"""Plain-text tables for the listing commands: columns aligned by their width in a terminal."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path

# Space between two columns of a listing.
GAP = "  "


def shown(path: Path | str) -> str:
    """A path fit for any terminal: bytes of a name that is not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def width(text: str) -> int:
    """Columns a terminal gives the text: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def table(rows: Sequence[Sequence[str]]) -> str:
    """Rows with every column but the last padded to its widest cell."""
    if not rows:
        return ""
    cols = max(len(r) for r in rows)
    widths = [max((width(r[i]) for r in rows if i < len(r)), default=0) for i in range(cols - 1)]
    lines = []
    for r in rows:
        cells = [c + " " * (widths[i] - width(c)) if i < cols - 1 else c for i, c in enumerate(r)]
        lines.append(GAP.join(cells).rstrip())
    return "\n".join(lines)
