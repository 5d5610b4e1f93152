"""Article body Markdown -> paragraphs, subheads and bold spans; anything else kept as plain text.

Raw HTML is never set as markup: its text is set and a `markup-unsupported` warning names the line."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..limits import MAX_MARKDOWN_NESTING
from ..model import Block, Paragraph, Span, Subhead
from .figures import Piece, figure_of, run_on, split_at_images
from .htmltext import hiding, html_text, tag_names
from .listmarks import circled, split_marker
from .normalise import Normaliser
from .tables import read_table

# Marker set in front of a bullet-list item (editors' -, * and + all become this).
BULLET = "●"  # not the interpunct: clreq forbids · at a line start, and a list item starts one
# A hard line break (`\\` or two spaces at a line end) inside a paragraph: the text engine's forced break.
HARD_BREAK = "\n"
UNSUPPORTED = "markup-unsupported"



class _AsTyped(MarkdownIt):
    """CommonMark that keeps a link's address as the editor typed it.

    markdown-it turns `https://www.云岭医院.cn/新闻` into punycode and percent-escapes, which a browser
    needs and a reader of paper cannot read; the printed page shows the address as written."""

    def normalizeLink(self, url: str) -> str:  # noqa: N802 (markdown-it's name)
        return url

    def normalizeLinkText(self, link: str) -> str:  # noqa: N802
        return link


# Link reference definitions (`[注]: 本文数据来源于医务部`, `[1]: 《…》`) are off: in a newsletter such a
# line is a note the editor typed, and Markdown would drop it from the text. It is set as a paragraph,
# and a link naming it (`[官网][1]`) stays as typed, the definition printed where the editor put it.
# Footnotes ([^1] … [^1]: text, and inline ^[text]) are read by mdit-py-plugins' footnote rules; the notes
# are collected here (not moved by the plugin) so each is set at the story's end with its number ①②.
# A reference with no definition is matched too, so no "[^3]" is printed: it is reported instead.
_md = _AsTyped("commonmark").disable("reference").use(footnote_plugin, always_match_refs=True).disable("footnote_tail")
# ~~struck through~~ is read (not printed with its tildes) so that it can be reported: print has no
# strikethrough worth a reader's trust, and its text is set plain.
_md.enable("strikethrough")
_md.enable("table")  # GFM pipe tables: set as tables (load/tables.py)
# markdown-it drops everything inside a container nested past `maxNesting` (20 by default). The cap is
# set twice the limit, so text nested past the limit is still in the tokens and can be refused by line.
_md.options["maxNesting"] = 2 * MAX_MARKDOWN_NESTING


class TooDeep(Exception):
    """Markdown nested past MAX_MARKDOWN_NESTING, at `line` (1-based, in the body)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _check_depth(tokens: list[Token]) -> None:
    for tok in tokens:
        if tok.level > MAX_MARKDOWN_NESTING:
            raise TooDeep((tok.map[0] if tok.map else 0) + 1)


def _wide(ch: str) -> bool:
    """Han, kana, hangul and full-width forms: text that joins across a line break without a space."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


@dataclass
class _Spans:
    """Collects spans of one paragraph; line breaks resolve once the next character is known."""

    spans: list[Span] = field(default_factory=list)
    pending_break: bool = False

    def add(self, text: str, bold: bool, emph: bool = False) -> None:
        if not text:
            return
        if self.pending_break:
            self.pending_break = False
            prev = self.last_char()
            if prev and not prev.isspace() and not text[0].isspace() and not (_wide(prev) or _wide(text[0])):
                self._append(" ", bold, emph)
        self._append(text, bold, emph)

    def _append(self, text: str, bold: bool, emph: bool = False) -> None:
        if self.spans and self.spans[-1].bold == bold and self.spans[-1].emph == emph:
            self.spans[-1] = Span(self.spans[-1].text + text, bold, emph)
        else:
            self.spans.append(Span(text, bold, emph))

    def last_char(self) -> str:
        for s in reversed(self.spans):
            if s.text:
                return s.text[-1]
        return ""

    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    def line_break(self) -> None:
        if self.spans:
            self.pending_break = True

    def hard_break(self, bold: bool) -> None:
        """A forced break: the line ends here whatever follows (none at the paragraph's start)."""
        if self.spans and self.last_char() != HARD_BREAK:
            self.pending_break = False
            self._append(HARD_BREAK, bold)


def _inline(children: list[Token], norm: Normaliser, line: int = 0, verse: bool = False) -> list[Span]:
    """Spans of one paragraph's inline tokens; `line` is the paragraph's first line in the body (0-based).

    In verse every line break is kept (a line of a poem is never joined with the next)."""
    out = _Spans()
    bold = 0
    emph = 0
    links: list[tuple[str, str, int]] = []  # (address, title, length of the text before the link)
    hidden = 0  # inside an inline <script> or <style>: its content is no text
    for tok in children:
        t = tok.type
        if hidden and t != "html_inline":
            continue
        if t == "text" or t == "code_inline":
            out.add(norm.clean_inline(tok.content), bold > 0, emph > 0)
        elif t == "em_open":
            emph += 1
        elif t == "em_close":
            emph = max(0, emph - 1)
        elif t == "s_open":
            norm.warn(UNSUPPORTED, line + 1, "~~strikethrough~~ is not set as markup; its text is set as plain text")
        elif t == "footnote_ref":
            out.add(_note_number(tok, norm, line), bold > 0)
        elif t == "html_inline":
            hidden = max(0, hidden + hiding(tok.content))
            text, tags = html_text(tok.content)
            norm.warn(UNSUPPORTED, line + 1, f"raw HTML {tag_names(tags) or repr(tok.content)} is not set as markup; "
                      "its text is set as plain text")
            if "br" in tags and not text.strip():
                out.hard_break(bold > 0)
            else:
                out.add(norm.clean_inline(text.replace("\n", " ")), bold > 0)
        elif t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold = max(0, bold - 1)
        elif t == "softbreak":
            if verse:
                out.hard_break(bold > 0)
            else:
                out.line_break()
            line += 1
        elif t == "hardbreak":
            out.hard_break(bold > 0)
            line += 1
        elif t == "link_open":
            links.append((str(tok.attrs.get("href", "")), str(tok.attrs.get("title", "")), len(out.text())))
        elif t == "link_close" and links:
            # the link's text is already set; its address and title are part of what the editor wrote,
            # so they follow in parentheses unless the text is the address (an autolink)
            href, title, start = links.pop()
            out.add(norm.clean_inline(_link_tail(out.text()[start:], href, title)), bold > 0)
        elif t == "image":
            # a picture inside a picture's caption: its own caption is the text (figures.py splits the rest)
            out.add("".join(s.text for s in _inline(tok.children or [], norm)), bold > 0)
        # other markup (a footnote's back-link anchor …): the text inside is kept, the markers are markup
    return out.spans


def _note_number(tok: Token, norm: Normaliser, line: int) -> str:
    """A footnote reference as printed: the note's number in a circle (①, the notes' order of first use)."""
    number = circled(int(tok.meta.get("id", 0)) + 1)
    label = tok.meta.get("label")
    defined = norm.footnote_labels
    if label is not None and label not in defined:
        norm.warn(UNSUPPORTED, line + 1, f"footnote [^{label}] has no text (a line '[^{label}]: …'); its number "
                  f"{number} is printed with no note")
    return number


def _quoted(title: str, before: str = "") -> str:
    """A link's title as set after its address: in double quotes, as Markdown has it typed."""
    return f'{before}"{title}"' if title else ""


def _link_tail(label: str, href: str, title: str) -> str:
    """What follows a link's text: （address "title"）, only the title when the text is the address,
    the bare address when the link has no text."""
    if not label:
        return href + _quoted(title, " " if href else "")
    if href in (label, f"mailto:{label}"):
        return f"（{_quoted(title)}）" if title else ""
    if not href:
        return f"（{_quoted(title)}）" if title else ""
    return f"（{href}{_quoted(title, ' ')}）"


def _strip_start(spans: list[Span], norm: Normaliser) -> list[Span]:
    if not spans:
        return spans
    first = norm.strip_paragraph_start(spans[0].text)
    return ([Span(first, spans[0].bold, spans[0].emph)] if first else []) + spans[1:]


def _trim_end(spans: list[Span]) -> list[Span]:
    while spans and not spans[-1].text.rstrip(" \t"):
        spans = spans[:-1]
    if spans:
        spans = spans[:-1] + [Span(spans[-1].text.rstrip(" \t"), spans[-1].bold, spans[-1].emph)]
    return spans


@dataclass
class _Builder:
    norm: Normaliser
    blocks: list[Block] = field(default_factory=list)
    quote_depth: int = 0
    lists: list[list[int | None]] = field(default_factory=list)  # per open list: [next number or None]
    pending_marker: str | None = None
    verse: bool = False  # style: verse: every line as written
    in_note: bool = False  # setting a footnote's text
    notes: dict[str, list[Token]] = field(default_factory=dict)  # footnote label -> its block tokens
    note_lines: dict[str, int] = field(default_factory=dict)  # footnote label -> its line (0-based)

    def kind(self) -> str:
        return "footnote" if self.in_note else "quote" if self.quote_depth else "body"

    def paragraph(self, spans: list[Span], indented: bool = False) -> None:
        before = self.norm.leading
        spans = _trim_end(_strip_start(spans, self.norm))
        if indented and self.norm.leading == before:
            self.norm.leading += 1
        marker = ""
        depth = max(0, len(self.lists) - 1)
        if self.pending_marker is not None:
            marker = self.pending_marker
            self.pending_marker = None
        elif spans and not self.lists and not self.verse and not self.in_note:
            typed = split_marker(spans[0].text)  # 一、 （一） 1、 ① ● typed at the paragraph's start
            if typed:
                marker = typed[0]
                spans = ([Span(typed[1], spans[0].bold, spans[0].emph)] if typed[1] else []) + spans[1:]
        if spans or marker:
            self.blocks.append(Paragraph(tuple(_merge(spans)), self.kind(), marker=marker,
                                         depth=depth if marker else 0))

    def html(self, content: str, line: int) -> None:
        """An HTML block (`line` 0-based in the body): its text as paragraphs, one per line, and a warning."""
        text, tags = html_text(content)
        self.norm.warn(UNSUPPORTED, line + 1, f"raw HTML {tag_names(tags) or 'block'} is not set as markup; "
                       "its text is set as plain text")
        self.literal(text)

    def literal(self, content: str) -> None:
        """Code and HTML blocks: each non-blank line becomes a paragraph of plain text."""
        for line in content.split("\n"):
            text = self.norm.clean_inline(line).strip(" ")
            if text:
                self.paragraph([Span(text)])

    def flush_marker(self) -> None:
        if self.pending_marker is not None:
            self.paragraph([])


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if out and out[-1].bold == s.bold and out[-1].emph == s.emph:
            out[-1] = Span(out[-1].text + s.text, s.bold, s.emph)
        elif s.text:
            out.append(s)
    return out


def parse_body(text: str, norm: Normaliser, verse: bool = False) -> tuple[Block, ...]:
    """Blocks of the body. Headings are subheads; lists keep their markers; footnotes follow the body as
    paragraphs of kind footnote (numbered ① … in the order first referred to); nothing is dropped."""
    b = _Builder(norm, verse=verse)
    env: dict = {}
    tokens = _md.parse(text, env)
    _check_depth(tokens)
    norm.footnote_labels = {str(t.meta.get("label")) for t in tokens if t.type == "footnote_reference_open"}
    lines = text.split("\n")
    _walk(tokens, lines, b)
    b.flush_marker()
    _notes(env, lines, b)
    return tuple(b.blocks)


def _notes(env: dict, lines: list[str], b: _Builder) -> None:
    """The footnotes after the body, each a paragraph with its number as marker: referred ones in the
    order first referred to, then any never referred to (kept, and reported)."""
    data = env.get("footnotes", {})
    listed = data.get("list", {})
    b.in_note = True
    b.quote_depth = 0
    order = sorted(listed)
    done = set()
    for i in order:
        label = listed[i].get("label")
        if label is None:  # an inline note ^[…]: its text is the tokens
            b.pending_marker = circled(i + 1)
            b.paragraph(_inline(listed[i].get("tokens", []), b.norm))
        elif label in b.notes:  # a reference without a definition has no note (_note_number reports it)
            done.add(label)
            b.pending_marker = circled(i + 1)
            _walk(b.notes[label], lines, b)
            b.flush_marker()
    n = len(order)
    for label, toks in b.notes.items():
        if label in done:
            continue
        n += 1
        b.norm.warn(UNSUPPORTED, b.note_lines.get(label, 0) + 1, f"footnote [^{label}] is never referred to in "
                    f"the text; it is set as note {circled(n)} at the end")
        b.pending_marker = circled(n)
        _walk(toks, lines, b)
        b.flush_marker()
    b.in_note = False


def _walk(tokens: list[Token], lines: list[str], b: _Builder) -> None:
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "footnote_reference_open":
            # a footnote's text: kept for the notes at the story's end
            depth, j = 1, i + 1
            while j < len(tokens) and depth:
                depth += {"footnote_reference_open": 1, "footnote_reference_close": -1}.get(tokens[j].type, 0)
                j += 1
            label = str(tok.meta.get("label", ""))
            b.notes[label] = tokens[i + 1:j - 1]
            b.note_lines[label] = next((x.map[0] for x in tokens[i + 1:j] if x.map), 0)
            i = j
            continue
        if t == "blockquote_open":
            b.quote_depth += 1
        elif t == "blockquote_close":
            b.quote_depth -= 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start", 1) or 1) if t == "ordered_list_open" else None
            b.lists.append([start])
        elif t in ("bullet_list_close", "ordered_list_close"):
            b.lists.pop()
        elif t == "list_item_open":
            b.flush_marker()
            b.pending_marker = _marker(tok, b.lists[-1] if b.lists else [None])
        elif t == "list_item_close":
            b.flush_marker()
        elif t == "paragraph_open":
            _paragraph(tok, tokens[i + 1], lines, b)
            i += 2  # inline, paragraph_close
        elif t == "heading_open":
            b.flush_marker()
            pieces = split_at_images(tokens[i + 1].children or [])
            words = "".join(s.text for p in pieces if isinstance(p, list)
                            for s in _inline(p, b.norm, _line(tok))).strip()
            if words:
                b.blocks.append(Subhead(words))
            _figures(pieces, tok, b)  # a picture in a heading stands under it
            i += 2
        elif t == "table_open":
            b.flush_marker()
            table, i = read_table(tokens, i, lambda kids: _inline(kids, b.norm))
            b.blocks.append(table)
        elif t == "code_block":
            _indented(tok.content, b, _line(tok))
        elif t == "hr" and tok.map:
            b.paragraph([Span(lines[tok.map[0]].strip())])
        elif t == "fence":
            # the info string (```python, ~~~ 注释) is what the editor wrote on the fence: a line of its own
            b.literal(f"{tok.info}\n{tok.content}" if tok.info.strip() else tok.content)
        elif t == "html_block":
            b.html(tok.content, _line(tok))
        i += 1


def _paragraph(tok: Token, inline: Token, lines: list[str], b: _Builder) -> None:
    """A paragraph, cut where the editor put a picture: its text, the figure, then the rest of the text,
    which runs on (no indent). A list item that holds only a picture gets no bullet of its own."""
    pieces = split_at_images(inline.children or [])
    indented = _hand_indented(tok, inline, lines, b)
    if len(pieces) == 1:
        b.paragraph(_inline(pieces[0], b.norm, _line(inline), b.verse), indented)
        return
    texts = [_inline(p, b.norm, _line(inline), b.verse) if isinstance(p, list) else [] for p in pieces]
    if not any(s.text.strip() for spans in texts for s in spans):
        b.pending_marker = None
    text_before = False
    for piece, spans in zip(pieces, texts):
        if not isinstance(piece, list):
            _figures([piece], tok, b)
        elif "".join(s.text for s in spans).strip():
            before = len(b.blocks)
            b.paragraph(spans, indented and not text_before)
            if text_before and len(b.blocks) > before and isinstance(b.blocks[-1], Paragraph):
                b.blocks[-1] = run_on(b.blocks[-1])
            text_before = True


def _figures(pieces: list[Piece], tok: Token, b: _Builder) -> None:
    """The pictures among `pieces` as figure blocks, each with its alt text as caption and its body line."""
    first = (tok.map[0] + 1) if tok.map else 1
    for piece in pieces:
        if isinstance(piece, tuple):
            img, offset = piece
            caption = "".join(s.text for s in _inline(img.children or [], b.norm))
            b.blocks.append(figure_of(img, caption.strip(), first + offset))


def _line(tok: Token) -> int:
    """The token's first line in the text parsed (0-based)."""
    return tok.map[0] if tok.map else 0


def _hand_indented(tok: Token, inline: Token, lines: list[str], b: _Builder) -> bool:
    """Did the editor indent this paragraph by hand? Markdown trims the blanks, so look at the source:
    an ideographic space before the text, or any space before a top-level paragraph."""
    if not tok.map or not inline.content:
        return False
    src = lines[tok.map[0]]
    first = inline.content.split("\n", 1)[0]
    at = src.find(first[: max(1, min(len(first), 8))])
    prefix = src[:at] if at > 0 else ""
    if "\u3000" in prefix:
        return True
    return bool(prefix.strip(" \t") == "" and prefix and not b.quote_depth and not b.lists)


def _indented(content: str, b: _Builder, line: int) -> None:
    """Text indented by hand with 4 spaces or a tab reads as a code block in Markdown. Newsletters
    carry no code, so it is read again as ordinary paragraphs, and the indentation is noted.
    (`line`: the block's first line, so what is found inside is reported at the file's line.)"""
    before = len(b.blocks)
    dedented = "\n".join(line.lstrip(" \t\u3000") for line in content.split("\n"))
    b.norm.line_offset += line
    try:
        _walk(_md.parse(dedented), dedented.split("\n"), b)
    finally:
        b.norm.line_offset -= line
    b.norm.leading += sum(1 for blk in b.blocks[before:] if isinstance(blk, Paragraph))


def _marker(tok: Token, state: list[int | None]) -> str:
    """The list marker as the editor numbered it: 1. 2. … (or 1) 2) …), bullets as ●."""
    if state[0] is None:
        return BULLET
    n = state[0]
    state[0] = n + 1
    return f"{tok.info or n}{tok.markup or '.'}"
