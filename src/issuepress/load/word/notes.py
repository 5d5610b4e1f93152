"""Word footnotes and endnotes (word/footnotes.xml, word/endnotes.xml), numbered in the order the text
refers to them, so they become Markdown footnotes [^1] and are set as ①② notes at the story's end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .styles import w

RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
# A note's w:type: the separator line, its continuation and the continuation notice are Word's own
# furniture of the page foot, not notes anyone wrote (a note of no type is an ordinary one).
FURNITURE = frozenset(("separator", "continuationSeparator", "continuationNotice"))
KINDS = ("footnote", "endnote")


@dataclass
class Note:
    """One note referred to in the text: its label in the Markdown ([^label]) and its paragraphs."""

    label: str
    paras: list[Any] = field(default_factory=list)  # reader.Para


@dataclass
class NoteParts:
    """The notes parts of a document: the part (for its pictures' relationships) and each note by kind and id."""

    parts: dict[str, Any] = field(default_factory=dict)  # kind -> the docx Part holding the notes
    bodies: dict[tuple[str, str], etree._Element] = field(default_factory=dict)  # (kind, w:id) -> w:footnote
    read: list[Note] = field(default_factory=list)  # in the order referred to
    labels: dict[tuple[str, str], str] = field(default_factory=dict)

    def body(self, kind: str, note_id: str) -> etree._Element | None:
        return self.bodies.get((kind, note_id))


def load_notes(doc_part: Any) -> NoteParts:
    """The footnotes and endnotes of the document part (none when it has no such part)."""
    from docx.oxml.parser import parse_xml

    out = NoteParts()
    for kind, reltype in zip(KINDS, (RT_FOOTNOTES, RT_ENDNOTES)):
        try:
            part = doc_part.part_related_by(reltype)
        except KeyError:
            continue
        element = getattr(part, "element", None)
        if element is None:
            element = parse_xml(part.blob)  # python-docx keeps notes parts as plain parts: their bytes
        out.parts[kind] = part
        for note in element.iterfind(w(kind)):
            if note.get(w("type"), "normal") in FURNITURE:
                continue
            note_id = note.get(w("id"))
            if note_id is not None:
                out.bodies[(kind, note_id)] = note
    return out
