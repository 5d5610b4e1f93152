"""Word paragraph and character styles as the reader needs them: heading level, caption, list, bold, italic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: w('p') is '{…/main}p'."""
    return f"{{{W}}}{tag}"


# Style names of a title (the built-in Title style, and its name in Chinese Word and WPS).
TITLE_NAMES = frozenset(("title", "标题"))
SUBTITLE_NAMES = frozenset(("subtitle", "副标题"))
CAPTION_NAMES = frozenset(("caption", "题注"))
# "Heading 2", "heading 2" (as styles.xml stores built-in names), "标题 2" (Chinese Word), "标题2".
HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
# Word allows basedOn chains of any length; real styles go 3 or 4 deep. A loop (A based on B based on A)
# is broken here instead of recursing for ever.
MAX_STYLE_DEPTH = 16


def on(el: etree._Element | None) -> bool | None:
    """A toggle property (<w:b/>, <w:i w:val="0"/>): None when absent, else whether it is on."""
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class Style:
    """What one style (with what it inherits) says: name, outline level, list numbering, bold, italic."""

    name: str
    outline: int | None  # 0 for a Heading 1 … 8; None for body text
    num: tuple[str, int] | None  # (numId, level) of a list style
    bold: bool | None
    italic: bool | None
    centred: bool


class Styles:
    """The styles of one document, resolved through their basedOn chains once each."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, etree._Element] = {}
        self._done: dict[str, Style] = {}
        self.default_paragraph: str | None = None
        for el in (root.iterfind(w("style")) if root is not None else ()):
            sid = el.get(w("styleId"))
            if sid is None:
                continue
            self._raw[sid] = el
            if el.get(w("type")) == "paragraph" and el.get(w("default")) in ("1", "true", "on"):
                self.default_paragraph = sid

    def get(self, sid: str | None) -> Style:
        """The style `sid` (or the default paragraph style), inherited properties filled in."""
        sid = sid or self.default_paragraph
        if sid is None or sid not in self._raw:
            return Style("", None, None, None, None, False)
        if sid not in self._done:
            self._done[sid] = self._resolve(sid, 0)
        return self._done[sid]

    def _resolve(self, sid: str, depth: int) -> Style:
        el = self._raw[sid]
        name_el = el.find(w("name"))
        name = (name_el.get(w("val"), "") if name_el is not None else sid).strip()
        base_el = el.find(w("basedOn"))
        base_id = base_el.get(w("val")) if base_el is not None else None
        base = (self._resolve(base_id, depth + 1) if base_id in self._raw and base_id != sid
                and depth < MAX_STYLE_DEPTH else Style("", None, None, None, None, False))
        ppr, rpr = el.find(w("pPr")), el.find(w("rPr"))
        outline = base.outline
        lvl = ppr.find(w("outlineLvl")) if ppr is not None else None
        if lvl is not None and (lvl.get(w("val")) or "").isdigit():
            level = int(lvl.get(w("val")) or 9)
            outline = level if level < 9 else None  # 9 is "body text"
        m = HEADING_NAME.fullmatch(name)
        if m:
            outline = int(m.group(1)) - 1
        num = base.num
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        if numpr is not None:
            num = numbering_of(numpr, default_level=0)
        jc = ppr.find(w("jc")) if ppr is not None else None
        centred = base.centred if jc is None else jc.get(w("val")) == "center"
        bold = on(rpr.find(w("b"))) if rpr is not None else None
        italic = on(rpr.find(w("i"))) if rpr is not None else None
        return Style(name, outline, num, base.bold if bold is None else bold,
                     base.italic if italic is None else italic, centred)


def numbering_of(numpr: etree._Element, default_level: int = 0) -> tuple[str, int] | None:
    """(numId, level) of a <w:numPr>; None for numId 0, which switches a list style's numbering off."""
    nid_el, lvl_el = numpr.find(w("numId")), numpr.find(w("ilvl"))
    nid = nid_el.get(w("val")) if nid_el is not None else None
    if nid is None:
        return None
    if nid == "0":
        return None
    raw = lvl_el.get(w("val"), "") if lvl_el is not None else ""
    return nid, int(raw) if raw.isdigit() else default_level


def kind_of(style: Style) -> str:
    """title | subtitle | caption | heading | body, from the style's name and outline level."""
    name = style.name.lower()
    if name in TITLE_NAMES:
        return "title"
    if name in SUBTITLE_NAMES:
        return "subtitle"
    if name in CAPTION_NAMES:
        return "caption"
    if style.outline is not None:
        return "heading"
    return "body"
