"""Word text as Markdown the article loader reads back to the same text: escaped, with bold and italics,
lists and pipe tables."""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt

from .reader import Para, Seg

_MD = MarkdownIt("commonmark")

# ASCII marks Markdown reads as markup anywhere in a line; each is written with a backslash before it
# (CommonMark: any ASCII punctuation may be escaped, and the escape prints the mark alone).
INLINE_SPECIAL = frozenset("\\`*_[]<>!#|~&")
# A line starting with a number and . or ) would be an ordered list item: the mark is escaped.
LINE_NUMBER = re.compile(r"^(\d{1,9})([.)])")
# A Word number Markdown can carry as an ordered list item: 1. or 1)
LIST_NUMBER = re.compile(r"\d{1,9}[.)]")
# The marker of a run that is a note reference ([^1]): written as it is, never escaped or emphasised.
NOTE = "note"
# Lines after the first of a footnote's definition are indented so Markdown reads them as part of it.
NOTE_INDENT = "    "


def escape(text: str) -> str:
    """Text that Markdown sets as exactly these characters."""
    return "".join("\\" + ch if ch in INLINE_SPECIAL else ch for ch in text)


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))


def _split_edges(text: str) -> tuple[str, str, str]:
    """(lead, core, tail): the core starts and ends with neither space nor punctuation. CommonMark does not
    open ** before punctuation that follows a letter (文**“引”**文 stays as typed), so a bold or italic
    span's edge punctuation and spaces are set unemphasised."""
    i, j = 0, len(text)
    while i < j and (text[i].isspace() or _is_punct(text[i])):
        i += 1
    while j > i and (text[j - 1].isspace() or _is_punct(text[j - 1])):
        j -= 1
    return text[:i], text[i:j], text[j:]


def _runs(segs: list[Seg]) -> list[tuple[str, frozenset[str]]]:
    """Runs of one line with their markers (** bold, * italic), the edges of each emphasised run moved out
    of it (see _split_edges) and neighbours of the same emphasis joined."""
    out: list[tuple[str, frozenset[str]]] = []

    def add(text: str, marks: frozenset[str]) -> None:
        if not text:
            return
        if out and out[-1][1] == marks:
            out[-1] = (out[-1][0] + text, marks)
        else:
            out.append((text, marks))

    for seg in segs:
        if seg.note:
            add(seg.text, frozenset((NOTE,)))
            continue
        marks = frozenset(m for m, on in (("**", seg.bold), ("*", seg.italic)) if on)
        if not marks:
            add(seg.text, marks)
            continue
        lead, core, tail = _split_edges(seg.text)
        add(lead, frozenset())
        add(core, marks if core else frozenset())
        add(tail, frozenset())
    return out


def _emphasised(runs: list[tuple[str, frozenset[str]]]) -> str:
    """The runs with their markers opened and closed in nesting order (bold outside italics)."""
    out: list[str] = []
    stack: list[str] = []
    for text, marks in runs:
        keep = 0
        while keep < len(stack) and stack[keep] in marks:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(mark)
        del stack[keep:]
        for mark in ("**", "*"):
            if mark in marks and mark not in stack:
                out.append(mark)
                stack.append(mark)
        out.append(text if NOTE in marks else escape(text))
    out += reversed(stack)
    return "".join(out)


def inline(segs: list[Seg]) -> str:
    """Runs as Markdown lines joined by hard breaks (backslash-newline): ** for bold, * for italics.

    Blank lines are dropped (one would end the paragraph), and so are a line's leading and trailing blanks."""
    lines: list[list[Seg]] = [[]]
    for seg in segs:
        for k, piece in enumerate(seg.text.split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(Seg(piece, seg.bold, seg.italic, seg.note))
    out = []
    for line in lines:
        text = "".join(s.text for s in line)
        lead = len(text) - len(text.lstrip(" \t"))
        trail = len(text) - len(text.rstrip(" \t"))
        out.append(_line_start(_checked(_trim(line, lead, trail))))
    return "\\\n".join(line for line in out if line)


def _checked(line: list[Seg]) -> str:
    """The line's Markdown, read back to be sure it gives the line's text: where runs of emphasis meet
    (bold straight after italics) CommonMark can pair the marks otherwise, and then the italics are
    dropped from that line rather than a mark printed or a letter lost."""
    text = "".join(s.text for s in line)
    md = _emphasised(_runs(line))
    if _reads_as(md) == text:
        return md
    plain_italics = [Seg(s.text, s.bold, False, s.note) for s in line]
    md = _emphasised(_runs(plain_italics))
    return md if _reads_as(md) == text else "".join(s.text if s.note else escape(s.text) for s in line)


def _reads_as(md: str) -> str:
    """The text CommonMark reads from one line of Markdown (its marks of emphasis taken away)."""
    tokens = _MD.parseInline(md)
    return "".join(t.content for tok in tokens for t in (tok.children or []) if t.type == "text")


def _trim(line: list[Seg], lead: int, trail: int) -> list[Seg]:
    """The line without its first `lead` and last `trail` characters (its edge blanks)."""
    out = []
    pos, end = 0, sum(len(s.text) for s in line) - trail
    for seg in line:
        a, b = max(pos, lead), min(pos + len(seg.text), end)
        if a < b:
            out.append(Seg(seg.text[a - pos:b - pos], seg.bold, seg.italic, seg.note))
        pos += len(seg.text)
    return out


def _line_start(line: str) -> str:
    """A line start Markdown would read as a list item, rule or setext underline, escaped."""
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    return LINE_NUMBER.sub(r"\1\\\2", line)


def plain(segs: list[Seg]) -> str:
    """The runs' text alone (a title, a caption, a byline): no emphasis, no note references, line breaks kept."""
    text = "".join(s.text for s in segs if not s.note)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def heading(segs: list[Seg]) -> str:
    """A subhead's text on one line, escaped, its note references kept where they stand."""
    text = "".join(s.text if s.note else escape(s.text.replace("\n", " ")) for s in segs)
    return " ".join(text.split())


def note_definition(label: str, paras: list[Para]) -> str:
    """A footnote's definition, [^1]: text, its further lines and paragraphs indented under it."""
    blocks = []
    for p in paras:
        text = inline(p.segs)
        if p.marker is not None and p.marker.text.strip():  # a numbered line of a note keeps its number
            marker = p.marker.text.strip()
            text = escape(marker) + ("" if wide(marker[-1]) else " ") + text
        if text:
            blocks.append(text.replace("\n", "\n" + NOTE_INDENT))
    return f"[^{label}]: " + ("\n\n" + NOTE_INDENT).join(blocks)


def list_item(para: Para, indent: str) -> tuple[str, int]:
    """(Markdown, width of its marker) of a list paragraph: a Markdown bullet for a Word bullet, an `N.` or
    `N)` item for a plain decimal number, and any other marker (一、 （一） ① a.) kept as the paragraph's
    text (width 0: no Markdown list)."""
    assert para.marker is not None
    body = inline(para.segs)
    marker = para.marker.text.strip()
    if para.marker.bullet:
        lead = "- "
    elif LIST_NUMBER.fullmatch(marker):
        lead = marker + " "
    else:
        gap = "" if not marker or wide(marker[-1]) else " "
        return _line_start(escape(marker) + gap + body) if marker else body, 0
    pad = indent + " " * len(lead)
    return indent + lead + body.replace("\n", "\n" + pad), len(lead)


def cell_text(paras: list[Para]) -> str:
    """A table cell's paragraphs on one line (a pipe table's cell is one line), pipes escaped."""
    parts = [inline(p.segs).replace("\\\n", " ").replace("\n", " ") for p in paras if p.text.strip()]
    joined = ""
    for part in parts:
        if joined and not (wide(joined[-1]) or wide(part[0])):
            joined += " "
        joined += part
    return joined.strip()


def wide(ch: str) -> bool:
    """Han, kana and full-width forms: text that joins without a space."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def pipe_table(rows: list[list[str]]) -> str:
    """A GFM pipe table; the first row is its header, as Word tables mostly have one."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(c or " " for c in rows[0]) + " |", "|" + "|".join([" --- "] * width) + "|"]
    lines += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows[1:]]
    return "\n".join(line.replace("|  |", "| |") for line in lines)
