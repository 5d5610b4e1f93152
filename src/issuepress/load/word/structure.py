"""A Word document's paragraphs as an article: title, subtitle, photos with captions, body, byline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...limits import MAX_WORD_PICTURES
from . import emit
from .pictures import extension, vector_kind
from .notes import Note
from .reader import Item, Para, PictureRef, Table

# A caption is short: two lines under a photo at most (a column holds about 18 characters, a photo spans
# two or three). A longer paragraph under a picture is body text, not its caption.
CAPTION_MAX_CHARS = 100
# An unstyled first paragraph taken as the title (centred or all bold) is a headline's length at most.
TITLE_MAX_CHARS = 60
# A byline （部门 姓名） is a department and one or a few names.
BYLINE_MAX_CHARS = 30
# Marks that end or divide a sentence: a paragraph holding one is text, not a byline.
SENTENCE_MARKS = re.compile(r"[。！？；，：,.!?;:]")
BYLINE_PARENS = re.compile(r"[（(]\s*(.+?)\s*[）)]")
# 部门 姓名: two to four words separated by spaces (a full-width space too).
BYLINE_WORDS = re.compile(r"\S+(?:[ \u3000]+\S+){1,3}")
# 通讯员：梁奡, 记者 张三, 文/图：李四: a role word, a colon, the names (the one colon a byline has).
BYLINE_ROLE = re.compile(r"(通讯员|记者|作者|撰稿|供稿|摄影|摄|文|图|文/图|图/文|文图|本报记者|特约记者)\s*[：:]\s*(.+)")
# Han characters: a byline without brackets names a Chinese department and person (English words
# separated by spaces are a sentence, not a byline).
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


@dataclass(frozen=True)
class Picture:
    """A picture of the document as one of the article's photos."""

    name: str  # the part's name in the document (word/media/image1.png), for messages
    data: bytes
    ext: str
    caption: str


@dataclass
class Parts:
    """What the document gives the article; front-matter fields are None when the document has none."""

    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    pictures: list[Picture] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # Markdown blocks
    notes: list[str] = field(default_factory=list)  # what was left out, and why


def flatten(items: list[Item]) -> list[Item]:
    """Tables that only arrange pictures and their captions (a grid of photos with a line under each,
    common in Word) read column by column, so each caption follows its picture; one-cell tables (a frame
    around a note) read as their paragraphs."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Table) and (item.pictures() or _cells(item) <= 1):
            width = max((len(r) for r in item.rows), default=0)
            for col in range(width):
                for row in item.rows:
                    if col < len(row):
                        out += row[col]
        else:
            out.append(item)
    return out


def _cells(table: Table) -> int:
    return sum(1 for row in table.rows for cell in row if any(p.text.strip() for p in cell))


def _title_like(p: Para) -> bool:
    """An unstyled paragraph that looks like a headline: short, centred or all bold, no closing stop."""
    text = p.text.strip()
    return (0 < len(text) <= TITLE_MAX_CHARS and (p.centred or p.all_bold) and not text.endswith("。")
            and p.marker is None)


def byline_of(text: str) -> str | None:
    """（部门 姓名）, (部门 姓名), 部门 姓名 or 通讯员：姓名 alone on a short line: the byline's words; else None."""
    text = text.strip()
    if not text or len(text) > BYLINE_MAX_CHARS + 2 or "\n" in text:
        return None
    m = BYLINE_PARENS.fullmatch(text)
    inner = m.group(1) if m else text
    role = BYLINE_ROLE.fullmatch(inner)
    if role and role.group(2).strip() and not SENTENCE_MARKS.search(role.group(2)):
        return role.group(1) + "：" + " ".join(role.group(2).replace("\u3000", " ").split())
    if SENTENCE_MARKS.search(inner) or len(inner) > BYLINE_MAX_CHARS:
        return None
    if not m and not (BYLINE_WORDS.fullmatch(inner) and HAN.search(inner)):
        return None
    return " ".join(inner.replace("\u3000", " ").split())


def parts_of(items: list[Item], has_title: bool, notes: tuple[Note, ...] = ()) -> Parts:
    """Sort the document's blocks into the article's parts (has_title: the sidecar gives the title, so
    no paragraph need be taken for it, though a styled title paragraph is still not body text); the
    footnotes and endnotes follow the body as Markdown footnote definitions."""
    blocks = [b for b in flatten(items) if isinstance(b, Table) or b.text.strip() or b.pictures]
    parts = Parts()
    used: set[int] = set()
    _title(blocks, parts, used, has_title)
    _byline(blocks, parts, used)  # before captions: （部门 姓名） under the last picture is the byline
    _photos(blocks, parts, used)
    _body(blocks, parts, used)
    for note in notes:
        parts.body.append(emit.note_definition(note.label, note.paras))
        if any(p.pictures for p in note.paras):
            parts.notes.append(f"left out the picture(s) in note {note.label}: a note's pictures are not printed")
    return parts


def _title(blocks: list[Item], parts: Parts, used: set[int], has_title: bool) -> None:
    paras = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Para) and not b.pictures]
    # the Title style; else a first paragraph set as a headline (bold or centred, short), as most
    # department copy has it; else the first heading
    first = next((i for i, b in paras if b.kind == "title"), None)
    if first is None and not has_title:
        first = next((i for i, b in paras[:1] if b.kind == "body" and _title_like(b)), None)
    if first is None:
        first = next((i for i, b in paras if b.kind == "heading"), None)
    if first is None:
        return
    head = blocks[first]
    assert isinstance(head, Para)
    lines, i = [emit.plain(head.segs)], first + 1
    while head.kind == "title" and i < len(blocks) and isinstance(blocks[i], Para) \
            and getattr(blocks[i], "kind", "") == "title":  # a title typed over two Title paragraphs
        lines.append(emit.plain(blocks[i].segs))  # type: ignore[union-attr]
        i += 1
    used.update(range(first, i))
    parts.title = "\n".join(line for line in lines if line)
    above = blocks[0] if first == 1 else None
    if isinstance(above, Para) and not above.pictures and (above.kind == "subtitle" or _title_like(above)):
        parts.kicker = emit.plain(above.segs).replace("\n", " ")  # 引题: one headline line above the title
        used.add(0)
    nxt = blocks[i] if i < len(blocks) else None
    if isinstance(nxt, Para) and nxt.kind == "subtitle" and not nxt.pictures:
        parts.subtitle = emit.plain(nxt.segs).replace("\n", " ")
        used.add(i)


def _caption_below(blocks: list[Item], j: int, used: set[int]) -> bool:
    b = blocks[j] if j < len(blocks) else None
    return (isinstance(b, Para) and j not in used and not b.pictures and b.marker is None
            and (b.kind == "caption" or (b.kind == "body" and len(b.text.strip()) <= CAPTION_MAX_CHARS)))


def _photos(blocks: list[Item], parts: Parts, used: set[int]) -> None:
    for i, b in enumerate(blocks):
        if not isinstance(b, Para) or not b.pictures:
            continue
        taken = [pic for ref in b.pictures if (pic := _picture(ref, parts))]
        caption = ""
        own = b.text.strip()
        if own and not b.text_before_picture and len(own) <= CAPTION_MAX_CHARS:
            caption = emit.plain(b.segs).replace("\n", " ")
            b.segs = []  # the paragraph's text is the caption, not body text
        elif _caption_below(blocks, i + 1, used):
            caption = emit.plain(blocks[i + 1].segs).replace("\n", " ")  # type: ignore[union-attr]
            used.add(i + 1)
        elif i > 0 and _caption_above(blocks, i - 1, used):
            caption = emit.plain(blocks[i - 1].segs).replace("\n", " ")  # type: ignore[union-attr]
            used.add(i - 1)
        if not b.text.strip():
            used.add(i)
        if not taken:
            if caption:
                parts.notes[-1] += f" (its caption “{caption}” is left out with it)"
            continue
        for pic in taken[:-1]:
            parts.pictures.append(pic)
        parts.pictures.append(Picture(taken[-1].name, taken[-1].data, taken[-1].ext, caption))


def _caption_above(blocks: list[Item], j: int, used: set[int]) -> bool:
    """A paragraph in Word's Caption style just above a picture, not yet another picture's caption."""
    b = blocks[j]
    return isinstance(b, Para) and j not in used and b.kind == "caption" and not b.pictures


def _picture(ref: PictureRef, parts: Parts) -> Picture | None:
    """The picture, or None with a note saying why it is left out."""
    n = len(parts.pictures) + 1
    if ref.part is None:
        parts.notes.append(f"left out {ref.name} (picture {n}): {ref.problem}; paste it as a JPEG or PNG picture")
        return None
    data = bytes(ref.part.blob)
    ext = extension(data)
    if ext is None:
        kind = vector_kind(data)
        what = f"an {kind} drawing, which cannot be printed" if kind else "not a picture format that can be printed"
        parts.notes.append(f"left out picture {n} ({ref.name}): {what}; paste it as a JPEG or PNG picture "
                           "(in Word: copy it, Paste Special > Picture (PNG))")
        return None
    if len(parts.pictures) >= MAX_WORD_PICTURES:
        parts.notes.append(f"left out picture {n} ({ref.name}): an article takes at most {MAX_WORD_PICTURES} "
                           "pictures from its document")
        return None
    return Picture(ref.name, data, ext, "")


def _byline(blocks: list[Item], parts: Parts, used: set[int]) -> None:
    last = next((i for i in range(len(blocks) - 1, -1, -1) if i not in used), None)
    if last is None or (parts.title is None and all(i in used for i in range(last))):
        return  # the only paragraph of a document is its text, not a byline
    b = blocks[last]
    if isinstance(b, Para) and b.kind == "body" and b.marker is None and not b.pictures:
        byline = byline_of(emit.plain(b.segs))
        if byline:
            parts.byline = byline
            used.add(last)


def _body(blocks: list[Item], parts: Parts, used: set[int]) -> None:
    lead: dict[int, str] = {}  # list level -> indent of its items' text, while a list runs
    for i, b in enumerate(blocks):
        if i in used:
            continue
        if isinstance(b, Table):
            rows = [[emit.cell_text(cell) for cell in row] for row in b.rows]
            rows = [r for r in rows if any(r)]
            if rows:
                parts.body.append(emit.pipe_table(rows))
            lead.clear()
            continue
        if not b.text.strip():
            continue
        if b.kind in ("heading", "title"):  # a numbered heading (一、 第一章) keeps its number as text
            number = b.marker.text.strip() if b.marker and not b.marker.bullet else ""
            gap = " " if number and not emit.wide(number[-1]) else ""
            parts.body.append("## " + emit.escape(number + gap) + emit.heading(b.segs))
            lead.clear()
        elif b.marker is not None:
            level = b.marker.level
            indent = lead.get(level - 1, "") if level > 0 else ""
            text, width = emit.list_item(b, indent)
            for deeper in [k for k in lead if k >= level]:
                del lead[deeper]
            if width:
                lead[level] = indent + " " * width
            parts.body.append(text)
        else:
            parts.body.append(emit.inline(b.segs))
            lead.clear()
