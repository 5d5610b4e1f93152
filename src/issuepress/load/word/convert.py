"""A .docx as the Markdown article text (front matter and body) the loader reads, with its pictures.

`issuepress import` writes this text and the pictures out; compose reads the same text through
load/article.py with the pictures in the cache, so the two can never set an article differently.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ...errors import InputError
from ..yamlnode import (TAG_FLOAT, TAG_INT, TAG_NULL, YMap, YNode, YScalar, YSeq, as_seq, check_keys, describe,
                        fail, is_null, parse_yaml)
from .container import DAMAGED, open_document
from .notes import load_notes
from .numbering import Numbering
from .reader import Reader
from .structure import Parts, parts_of
from .styles import Styles, w

RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
SIDECAR_SUFFIXES = (".yaml", ".yml")
NO_TITLE = ("no title: style the headline's paragraph as Title or Heading 1 in Word or WPS (标题 or 标题 1), "
            "or give title: in {sidecar}")


@dataclass(frozen=True)
class Converted:
    """The article text of a Word file, with the pictures its front matter names."""

    path: Path  # the .docx
    text: str  # Markdown: front matter, then the body
    pictures: tuple[tuple[str, bytes], ...]  # (src as written in photos:, the picture's bytes), in order
    notes: tuple[str, ...]  # what the document holds that is left out, and why
    sidecar: YMap | None  # NAME.yaml's front matter, which won over the document


def sidecar_path(path: Path) -> Path | None:
    """NAME.yaml (or NAME.yml) beside NAME.docx, if there is one."""
    for suffix in SIDECAR_SUFFIXES:
        cand = path.with_suffix(suffix)
        if cand.is_file():
            return cand
    return None


def word_companions(path: Path) -> list[Path]:
    """The files a Word article is read from besides itself (its NAME.yaml): inputs of the compose, for
    the PDF's date and for the rule that no output replaces an input."""
    from .container import looks_like_word

    if not looks_like_word(path):
        return []
    side = sidecar_path(path)
    return [side] if side else []


def read_sidecar(path: Path, keys: tuple[str, ...]) -> YMap | None:
    from ..textfile import read_text

    side = sidecar_path(path)
    if side is None:
        return None
    node = parse_yaml(read_text(side).text, side)
    if node is None:
        return None
    if not isinstance(node, YMap):
        raise fail(node, "", f"the front matter of {path.name} is keys and values (title: …), got {describe(node)}")
    check_keys(node, "", keys)
    return node


def _related(part: Any, reltype: str) -> Any:
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    return getattr(related, "element", None)


def convert(path: Path, picture_dir: str, keys: tuple[str, ...]) -> Converted:
    """The article text of `path`; the document's pictures are named `picture_dir`/NAME-1.jpg, NAME-2.png …"""
    sidecar = read_sidecar(path, keys)
    doc = open_document(path)
    part = doc.part
    body = doc.element.find(w("body"))
    if body is None:
        raise InputError(path, DAMAGED.format(what="word/document.xml has no body"))
    try:
        notes = load_notes(part)
        reader = Reader(part, Styles(_related(part, RT_STYLES)), Numbering(_related(part, RT_NUMBERING)), notes)
        items = reader.body(body)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError) as exc:
        # well-formed XML that is not what Word writes (an element where text belongs, a number that is
        # none): the file is wrong, and the editor is told so in one line
        raise InputError(path, DAMAGED.format(what=f"its XML is not as Word writes it: {type(exc).__name__}: "
                                              f"{exc}")) from None
    has_title = sidecar is not None and not is_null(sidecar.get("title"))
    parts = parts_of(items, has_title, tuple(notes.read))
    if not parts.title and not parts.body and not parts.pictures and not has_title:
        raise InputError(path, "the document has no text: is it the right file?")
    front, pictures = _front(parts, path, picture_dir)
    if sidecar is not None:
        front = _merge(front, sidecar)
        front = {k: front[k] for k in sorted(front, key=lambda k: keys.index(k) if k in keys else len(keys))}
    if not front.get("title"):
        side = sidecar_path(path)
        raise InputError(path, NO_TITLE.format(sidecar=side.name if side else path.with_suffix(".yaml").name))
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"
    text += "\n\n".join(parts.body) + ("\n" if parts.body else "")
    return Converted(path, text, tuple(pictures), tuple(parts.notes), sidecar)


def _front(parts: Parts, path: Path, picture_dir: str) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    front: dict[str, Any] = {}
    for key in ("kicker", "title", "subtitle", "byline"):
        value = getattr(parts, key)
        if value:
            front[key] = value
    photos, pictures = [], []
    stem = _short(path.stem)
    for n, pic in enumerate(parts.pictures, 1):
        src = f"{picture_dir.rstrip('/')}/{stem}-{n}{pic.ext}" if picture_dir else f"{stem}-{n}{pic.ext}"
        entry: dict[str, Any] = {"src": src}
        if pic.caption:
            entry["caption"] = pic.caption
        photos.append(entry)
        pictures.append((src, pic.data))
    if photos:
        front["photos"] = photos
    return front, pictures


# Bytes of a document's name kept in its pictures' names (NAME-12.jpeg): a file name has at most 255.
PICTURE_STEM_BYTES = 200


def _short(stem: str) -> str:
    """The document's name cut to PICTURE_STEM_BYTES on a character boundary."""
    while len(os.fsencode(stem)) > PICTURE_STEM_BYTES:
        stem = stem[:-1]
    return stem


def as_typed(node: YNode | None) -> Any:
    """A sidecar value as the article loader will read it again: text as written (`yes` stays 'yes',
    not True), whole numbers and numbers as numbers."""
    if node is None:
        return None
    if isinstance(node, YMap):
        return {k: as_typed(v) for k, v in node.items.items()}
    if isinstance(node, YSeq):
        return [as_typed(v) for v in node.items]
    if node.tag == TAG_NULL:
        return None
    if node.tag in (TAG_INT, TAG_FLOAT) or isinstance(node.value, str):
        return node.value
    return node.raw


def _merge(front: dict[str, Any], sidecar: YMap) -> dict[str, Any]:
    """The sidecar's keys win; its photos: entries amend the document's pictures in order (caption:,
    credit:, width:, focus:), an entry with src: is that file instead, and photos: [] leaves them out."""
    out = dict(front)
    for key, node in sidecar.items.items():
        if key != "photos":
            out[key] = as_typed(node)
            continue
        doc_photos = list(front.get("photos", []))
        if isinstance(node, YScalar) and node.tag == TAG_NULL:
            continue
        merged = []
        items = as_seq(node, "photos")
        for i, item in enumerate(items):
            value = as_typed(item)
            if isinstance(value, dict) and "src" not in value:
                if i >= len(doc_photos):
                    raise fail(item, f"photos[{i}]", f"the document has {len(doc_photos)} picture(s), so this entry "
                               "has none to describe; give src: for a picture of the issue folder")
                merged.append({**doc_photos[i], **value})
            else:
                merged.append(value)
        merged += doc_photos[len(items):] if items else []
        out["photos"] = merged
    return out


def locate(sidecar: YMap, key: str) -> int | None:
    """The line of `key` (photos[1].caption) in the sidecar, as far down the path as it is written there."""
    node: YNode = sidecar
    line = None
    for part in key.replace("]", "").replace("[", ".").split("."):
        if isinstance(node, YMap) and part in node.items:
            line = node.where(part).line
            node = node.items[part]
        elif isinstance(node, YSeq) and part.isdigit() and int(part) < len(node.items):
            node = node.items[int(part)]
            line = node.pos.line
        else:
            break
    return line
