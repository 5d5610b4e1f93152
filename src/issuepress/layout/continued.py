"""The continuation head (转版 head): one line, a short form of the title and （上接第M版）.

NEWSPAPER.md: the rest of a jumped story resumes "under a short repeat of its title with （上接第1版）".
The repeat is one line in the layout's `continued` style, never the full multi-line headline: the
editor's `short_title` when given, else the longest start of the title that ends at a phrase
boundary and fits beside the mark.
"""

from __future__ import annotations

import re

from ..text.phrases import allowed_breaks
from ..text.types import Line
from .story import Headline, grid_lines_for
from .typeset import Setter

STYLE = "continued"
# Where a title may be shortened: after punctuation that closes a phrase, or at a space between phrases.
PHRASE_END = re.compile(r"(?<=[，、：；！？,:;!?）」』”’])|[ \u3000\n]+|(?=——)")
# The shortest start of a title worth repeating when it ends at a phrase boundary, not a mark (我院 is not a
# short form of 我院举办……).
MIN_SHORT_CHARS = 4
# Smaller sizes tried, as shares of the style's size, before the head falls back to the mark alone.
SHRINK_STEPS = (1.0, 0.9, 0.8)


def title_prefixes(title: str, short_title: str | None = None) -> list[str]:
    """Candidate short forms, longest first: the editor's short title, the whole title, then every start
    of it that ends at a mark, a space or a phrase boundary (the headline breaker's phrases)."""
    out: list[str] = []
    if short_title:
        out.append(short_title.replace("\n", " ").strip())
    flat = " ".join(part.strip() for part in title.split("\n") if part.strip())
    out.append(flat)
    # cuts at a mark or a space first, longest first; then at phrase boundaries, longest first
    marks = sorted({m.start() for m in PHRASE_END.finditer(flat) if 0 < m.start() < len(flat)}, reverse=True)
    phrases = sorted({g for g in allowed_breaks(flat) if MIN_SHORT_CHARS <= g < len(flat)} - set(marks),
                     reverse=True)
    for c in [*marks, *phrases]:
        head = flat[:c].rstrip(" \u3000，、：；,:;——")
        if head:
            out.append(head)
    seen: set[str] = set()
    return [p for p in out if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]


def continuation_head(setter: Setter, title: str, short_title: str | None, from_page: int, width_pt: float,
                      where: str) -> Headline:
    """One line: the longest short form of the title that fits with （上接第M版）, at the style's size
    or a little smaller; the mark alone when no phrase of the title fits."""
    layout = setter.layout
    st = layout.styles[STYLE]
    mark = f"（上接第{from_page}版）"
    line: tuple[Line, ...] | None = None
    for share in SHRINK_STEPS:
        size = st.size_pt * share
        for text in title_prefixes(title, short_title):
            lines = setter.set(text + mark, STYLE, width_pt, where, size_pt=size, indent_em=0)
            if len(lines) == 1:
                line = lines
                break
        if line is not None:
            break
    if line is None:
        line = setter.set(mark, STYLE, width_pt, where, indent_em=0)[:1]
    height = st.leading_pt + st.space_before_pt + st.space_after_pt
    return Headline(((STYLE, line, st.leading_pt),), grid_lines_for(height, layout.grid.baseline_pt), width_pt)
