"""A story set once at the column measure: headline per span, body as grid units, photos measured."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..text.types import Line
from .items import Item, TextLine
from .bodyblocks import is_verse, set_block
from .heading import set_heading
from .typeset import Setter

# A subhead keeps this many following body lines with it in the same column (LAYOUT.md: balance).
SUBHEAD_KEEP = 2
# Parenthesised byline, the convention of mainland papers: （全科医学科 李娟娟）
BYLINE_OPEN, BYLINE_CLOSE = "（", "）"
NOTE_PREFIX = "编者按："


@dataclass(frozen=True)
class Unit:
    """An unbreakable piece of a column: one body line, or a whole subhead, byline or credit box."""

    kind: str  # line | subhead | byline | note | credits | quote
    lines: tuple[Line, ...]
    grid_lines: int
    style: str
    leading_pt: float
    para: int = -1  # paragraph number, for widow/orphan rules
    index: int = 0  # line number inside its paragraph
    para_len: int = 1
    keep_next: int = 0  # how many following units must share this unit's column
    boxed: bool = False
    space_before_pt: float = 0.0
    chars: int = -1  # non-space characters (counted once by `counted`; placement asks often)
    # A block laid out once from the unit's own top-left corner (a table's cells and rules, a picture
    # with its caption): drawn moved to where the flow puts the unit; its text lines count as characters.
    drawn: tuple[Item, ...] = ()
    # Rows set again over this unit when it opens a column (a long table's header row, repeated after
    # a break to the next column or page, as newspapers and clreq do): they take room there too.
    repeat: tuple["Unit", ...] = ()
    # Drawn under the unit when it ends a leg and its block goes on elsewhere (the frame rule closing
    # each part of a broken table).
    close: tuple[Item, ...] = ()

    @property
    def repeat_lines(self) -> int:
        return sum(u.grid_lines for u in self.repeat)


@dataclass(frozen=True)
class Headline:
    """Kicker, title and subtitle set across a span, with its height in whole grid lines."""

    parts: tuple[tuple[str, tuple[Line, ...], float], ...]  # (style, lines, leading)
    grid_lines: int
    width_pt: float


@dataclass(frozen=True)
class Story:
    """Everything layout needs to place one article as a module."""

    file: str
    title: str
    units: tuple[Unit, ...]
    char_count: int  # non-space characters of the body units (for overset counts)
    article: object  # model.Article
    continued_from: int | None = None  # page number, for the rest of a story that jumped here
    jumps: int = 0  # how often the story has jumped to reach this part (flow.max_jumps bounds it)


def grid_lines_for(height_pt: float, baseline_pt: float) -> int:
    """Whole grid lines needed for a height (a hair of tolerance so exact fits stay exact)."""
    return max(1, math.ceil(height_pt / baseline_pt - 1e-6))


def unit_chars(u: Unit) -> int:
    """Non-space characters of a unit: what an overset count counts."""
    if u.chars >= 0:
        return u.chars
    lines = list(u.lines) + [it.line for it in u.drawn if isinstance(it, TextLine)]
    return sum(1 for ln in lines for g in ln.glyphs if not g.ch.isspace())


def counted(u: Unit) -> Unit:
    return replace(u, chars=unit_chars(u))


def _spans(par) -> list[tuple[str, bool]]:
    return [(s.text, s.bold) for s in par.spans]


def set_headline(setter: Setter, article, width_pt: float, span: int, title_sizes, where: str,
                 small: bool = False) -> Headline:
    """Set the headline block for a module `span` columns wide; a wider module gets a larger title.

    `small` is the short repeat of the title over the rest of a story that jumped (转版): one-column size.
    """
    layout = setter.layout
    B = layout.grid.baseline_pt
    parts: list[tuple[str, tuple[Line, ...], float]] = []
    total = 0.0
    title_st = layout.styles["title"]
    size = title_sizes.get(1 if small else span) if title_sizes else None
    size = size or title_st.size_pt
    for style, text, sz in (("kicker", article.kicker, None), ("title", article.title, size),
                            ("subtitle", article.subtitle, None)):
        if not text:
            continue
        st = layout.styles[style]
        s = sz or st.size_pt
        leading = st.leading_pt * (s / st.size_pt) if sz else st.leading_pt
        lines = set_heading(setter, text, style, width_pt, where, size_pt=s, lang=article_lang(article),
                            context=article_context(article))
        parts.append((style, lines, leading))
        total += len(lines) * leading + st.space_before_pt + st.space_after_pt
    if not parts:
        return Headline((), 0, width_pt)
    return Headline(tuple(parts), grid_lines_for(total, B), width_pt)


def article_lang(article) -> str | None:
    """The article's language tag when its front matter gives one (zh-Hant, zh-HK …), else None.

    Read with getattr: layout tests pass small stand-ins for model.Article.
    """
    lang = getattr(article, "lang", None)
    return lang if isinstance(lang, str) and lang else None


def article_context(article) -> str:
    """The article's paragraphs and subheads as one text: the names it repeats are kept whole in its
    headlines (heading.set_heading). Read with getattr: layout tests pass small stand-ins."""
    return "\n".join(getattr(b, "text", "") for b in getattr(article, "blocks", ()) if isinstance(getattr(b, "text", None), str))


def build_story(setter: Setter, article, measure_pt: float, where: str) -> Story:
    """Set the body once at the column measure, as a sequence of grid units."""
    layout = setter.layout
    B = layout.grid.baseline_pt
    units: list[Unit] = []
    para_no = 0

    def add_para(lines: tuple[Line, ...], style: str, kind: str) -> None:
        nonlocal para_no
        n = len(lines)
        st = layout.styles[style]
        per = max(1, round(st.leading_pt / B)) if st.leading_pt > B * 1.01 else 1
        for i, ln in enumerate(lines):
            units.append(Unit(kind, (ln,), per, style, per * B, para_no, i, n))
        para_no += 1

    def add_block(lines: tuple[Line, ...], style: str, kind: str, keep: int = 0, boxed: bool = False) -> None:
        st = layout.styles[style]
        h = len(lines) * st.leading_pt + st.space_before_pt + st.space_after_pt
        units.append(Unit(kind, lines, grid_lines_for(h, B), style, st.leading_pt, keep_next=keep,
                          boxed=boxed, space_before_pt=st.space_before_pt))

    if article.byline and article.byline_position == "top":
        add_block(setter.set(article.byline, "byline", measure_pt, where, indent_em=0, align="left"),
                  "byline", "byline")
    if article.note:
        note = article.note if article.note.startswith(("编者按", "編者按")) else \
            setter.own_words(NOTE_PREFIX, where) + article.note
        add_para(setter.set(note, "note", measure_pt, where), "note", "note")
    verse = is_verse(article)
    for k, block in enumerate(article.blocks):
        if hasattr(block, "photo"):
            from .figure import figure_unit  # figure.py measures with photos.py, which imports this module
            units.append(figure_unit(setter, block.photo, measure_pt, where))
        elif hasattr(block, "aligns"):  # a model.Table: its rows are units (imported here: table.py needs Unit)
            from .table import table_units
            units.extend(table_units(setter, block, measure_pt, where, para_no))
            para_no += 1
        elif hasattr(block, "spans"):
            done = set_block(setter, article, block, measure_pt, where)
            add_para(done.lines, done.style, done.kind)
            nxt = article.blocks[k + 1] if k + 1 < len(article.blocks) else None
            if verse and done.style == "verse" and getattr(nxt, "kind", None) == "body" and units:
                # stanzas are separated by one blank grid line, after the stanza's last line
                units[-1] = replace(units[-1], grid_lines=units[-1].grid_lines + 1)
        else:
            lines = set_heading(setter, block.text, "subhead", measure_pt, where, lang=article_lang(article),
                                context=article_context(article))
            add_block(lines, "subhead", "subhead", keep=SUBHEAD_KEEP)
    if article.byline and article.byline_position != "top":
        text = article.byline
        if not (text.startswith(("（", "(")) and text.endswith(("）", ")"))):
            text = BYLINE_OPEN + text + BYLINE_CLOSE
        add_block(setter.set(text, "byline", measure_pt, where, indent_em=0, align="right"), "byline", "byline")
    if article.credits:
        text = "　".join(f"{k}/{v}" for k, v in article.credits)
        lines = setter.set(text, "credits_box", measure_pt - 8, where, indent_em=0, align="left")
        add_block(lines, "credits_box", "credits", boxed=True)
    units = [counted(u) for u in units]
    chars = sum(unit_chars(u) for u in units)
    return Story(where, article.title.replace("\n", ""), tuple(units), chars, article)
