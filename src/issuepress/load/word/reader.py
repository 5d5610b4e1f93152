"""Walk a Word document's body in reading order: paragraphs (styled runs, pictures, list markers) and tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from lxml import etree

from .notes import Note, NoteParts
from .numbering import Marker, Numbering
from .styles import Style, Styles, kind_of, numbering_of, on, w

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
# Containers whose runs are part of the text (links, fields, content controls, tracked insertions,
# smart tags); deleted and moved-away text (w:del, w:moveFrom) is not.
INLINE_CONTAINERS = frozenset(w(t) for t in ("hyperlink", "fldSimple", "smartTag", "ins", "moveTo", "customXml",
                                             "bdo", "dir"))
SKIPPED = frozenset(w(t) for t in ("del", "moveFrom", "pPr", "rPr", "bookmarkStart", "bookmarkEnd",
                                   "proofErr", "commentRangeStart", "commentRangeEnd"))
# Tables inside tables inside …: Word nests a few deep; this bounds the recursion of a hostile file.
MAX_TABLE_DEPTH = 8


@dataclass(frozen=True)
class Seg:
    """A run of text with its emphasis; "\n" inside is a line break (Shift+Enter in Word). A reference to
    a footnote or endnote is a run of its own: `note` is the note's label, `text` its Markdown ([^1])."""

    text: str
    bold: bool = False
    italic: bool = False
    note: str = ""


@dataclass(frozen=True)
class PictureRef:
    """A picture in the text: the part it is stored in, or why it cannot be taken (a chart, a link)."""

    part: Any  # the docx Part holding the picture's bytes (None when it cannot be taken)
    name: str  # the part's name in the package (word/media/image1.png) or what the object is
    problem: str = ""


@dataclass
class Para:
    """One paragraph: kind from its style, its text runs, pictures in it, and its list marker."""

    kind: str  # title | subtitle | caption | heading | body
    level: int  # heading level (1 = Heading 1); 0 for other kinds
    segs: list[Seg] = field(default_factory=list)
    pictures: list[PictureRef] = field(default_factory=list)
    marker: Marker | None = None
    centred: bool = False
    text_before_picture: bool = False

    @property
    def text(self) -> str:
        """The paragraph's words (its note references left out: they are marks, not text)."""
        return "".join(s.text for s in self.segs if not s.note)

    @property
    def all_bold(self) -> bool:
        words = [s for s in self.segs if s.text.strip() and not s.note]
        return bool(words) and all(s.bold for s in words)


@dataclass
class Table:
    """A table as rows of cells, each cell the paragraphs in it (merged cells repeat nothing)."""

    rows: list[list[list[Para]]]

    def pictures(self) -> bool:
        return any(p.pictures for row in self.rows for cell in row for p in cell)


Item = Union[Para, Table]


class Reader:
    """Reads body elements of one document part with its styles and numbering."""

    def __init__(self, part: Any, styles: Styles, numbering: Numbering, notes: NoteParts | None = None) -> None:
        self.part = part
        self.styles = styles
        self.numbering = numbering
        self.notes = notes  # None inside a note itself: a note refers to no other note

    def body(self, el: etree._Element, depth: int = 0) -> list[Item]:
        """The paragraphs and tables of a body, table cell or text box, in order."""
        out: list[Item] = []
        for child in el:
            if child.tag == w("p"):
                out += self.paragraph(child, depth)
            elif child.tag == w("tbl"):
                if depth < MAX_TABLE_DEPTH:
                    out.append(self.table(child, depth + 1))
            elif child.tag in (w("sdt"), w("customXml")):  # content controls hold ordinary paragraphs
                content = child.find(w("sdtContent"))
                out += self.body(content if content is not None else child, depth)
            elif child.tag == f"{{{MC}}}AlternateContent":
                out += self.body(_choice(child), depth)
        return out

    def paragraph(self, p: etree._Element, depth: int) -> list[Item]:
        """The paragraph, followed by the paragraphs of any text box anchored in it."""
        ppr = p.find(w("pPr"))
        sid = None
        direct_num = None
        centred = None
        outline = None
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            sid = ps.get(w("val")) if ps is not None else None
            numpr = ppr.find(w("numPr"))
            direct_num = numbering_of(numpr) if numpr is not None else None
            if numpr is not None and direct_num is None:
                direct_num = ("0", 0)  # numbering switched off for this paragraph
            jc = ppr.find(w("jc"))
            centred = jc.get(w("val")) == "center" if jc is not None else None
            ol = ppr.find(w("outlineLvl"))
            if ol is not None and (ol.get(w("val")) or "").isdigit() and int(ol.get(w("val")) or 9) < 9:
                outline = int(ol.get(w("val")) or 0)
        style = self.styles.get(sid)
        kind = kind_of(style)
        level = (style.outline if style.outline is not None else 0) + 1 if kind == "heading" else 0
        if kind == "body" and outline is not None:
            kind, level = "heading", outline + 1
        para = Para(kind, level, centred=style.centred if centred is None else centred)
        num = direct_num if direct_num is not None else style.num
        if num is not None and num[0] != "0" and kind in ("body", "caption", "heading"):
            para.marker = self.numbering.marker(*num)
        boxes: list[etree._Element] = []
        self._inline(p, para, style, boxes)
        extra: list[Item] = []
        for box in boxes:
            extra += self.body(box, depth)
        return [para, *extra]

    def _inline(self, el: etree._Element, para: Para, style: Style, boxes: list[etree._Element]) -> None:
        for child in el:
            tag = child.tag
            if tag == w("r"):
                self._run(child, para, style, boxes)
            elif tag in INLINE_CONTAINERS:
                self._inline(child, para, style, boxes)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, para, style, boxes)
            elif tag == f"{{{MC}}}AlternateContent":
                self._inline(_choice(child), para, style, boxes)

    def _run(self, r: etree._Element, para: Para, pstyle: Style, boxes: list[etree._Element]) -> None:
        rpr = r.find(w("rPr"))
        bold = italic = None
        if rpr is not None:
            if on(rpr.find(w("vanish"))):  # hidden text is not printed by Word either
                return
            bold, italic = on(rpr.find(w("b"))), on(rpr.find(w("i")))
            rs = rpr.find(w("rStyle"))
            if rs is not None and rs.get(w("val")):
                cstyle = self.styles.get(rs.get(w("val")))
                bold = cstyle.bold if bold is None else bold
                italic = cstyle.italic if italic is None else italic
        if para.kind == "body":  # a heading's or title's own boldness is its style, not emphasis
            bold = pstyle.bold if bold is None else bold
            italic = pstyle.italic if italic is None else italic
        b, i = bool(bold), bool(italic)
        custom_mark = False
        for child in r:
            tag = child.tag
            if tag == w("t"):
                if custom_mark:  # the note's own mark (*, †) typed after its reference: the number replaces it
                    custom_mark = False
                    continue
                self._text(para, child.text or "", b, i)
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                self._note_ref(child, para)
                custom_mark = child.get(w("customMarkFollows"), "0").lower() in ("1", "true", "on")
            elif tag in (w("tab"), w("ptab")):
                self._text(para, " ", b, i)
            elif tag == w("br"):
                if child.get(w("type"), "textWrapping") == "textWrapping":
                    self._text(para, "\n", b, i)
            elif tag == w("cr"):
                self._text(para, "\n", b, i)
            elif tag == w("noBreakHyphen"):
                self._text(para, "-", b, i)
            elif tag in (w("drawing"), w("pict"), w("object")):
                self._drawing(child, para, boxes)
            elif tag == f"{{{MC}}}AlternateContent":
                for sub in _choice(child):
                    if sub.tag in (w("drawing"), w("pict"), w("object")):
                        self._drawing(sub, para, boxes)

    def _text(self, para: Para, text: str, bold: bool, italic: bool) -> None:
        if not text:
            return
        if para.segs and (para.segs[-1].bold, para.segs[-1].italic) == (bold, italic) and not para.segs[-1].note:
            para.segs[-1] = Seg(para.segs[-1].text + text, bold, italic)
        else:
            para.segs.append(Seg(text, bold, italic))

    def _note_ref(self, ref: etree._Element, para: Para) -> None:
        """A footnote or endnote reference: the note is read (once, numbered in the order referred to) and
        its label set where the reference stands; a note with no text is left out with its reference."""
        if self.notes is None:
            return
        kind = "footnote" if ref.tag == w("footnoteReference") else "endnote"
        key = (kind, ref.get(w("id")) or "")
        label = self.notes.labels.get(key)
        if label is None:
            body = self.notes.body(*key)
            if body is None:
                return
            reader = Reader(self.notes.parts[kind], self.styles, self.numbering, None)
            paras: list[Para] = []
            for item in reader.body(body, MAX_TABLE_DEPTH - 1):
                paras += [item] if isinstance(item, Para) else [p for r in item.rows for c in r for p in c]
            paras = [p for p in paras if p.text.strip()]
            if not paras:
                return
            label = str(len(self.notes.read) + 1)
            self.notes.labels[key] = label
            self.notes.read.append(Note(label, paras))
        para.segs.append(Seg(f"[^{label}]", note=label))

    def table(self, tbl: etree._Element, depth: int) -> Table:
        """Rows of cells; a merged cell is given once, the cells it covers are empty."""
        rows: list[list[list[Para]]] = []
        for tr in tbl.iterfind(w("tr")):
            row: list[list[Para]] = []
            for tc in tr.iterfind(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = 1
                merged = False
                if tcpr is not None:
                    gs = tcpr.find(w("gridSpan"))
                    if gs is not None and (gs.get(w("val")) or "").isdigit():
                        span = max(1, min(64, int(gs.get(w("val")) or 1)))
                    vm = tcpr.find(w("vMerge"))
                    merged = vm is not None and vm.get(w("val"), "continue") != "restart"
                cell: list[Para] = []
                if not merged:
                    for item in self.body(tc, depth):
                        if isinstance(item, Para):
                            cell.append(item)
                        else:  # a table in a cell: its cells' paragraphs, row by row
                            cell += [p for r in item.rows for c in r for p in c]
                row.append(cell)
                row += [[] for _ in range(span - 1)]
            rows.append(row)
        return Table(rows)

    def _drawing(self, el: etree._Element, para: Para, boxes: list[etree._Element]) -> None:
        """Pictures (DrawingML blips, VML image data) and text boxes of one drawing, in order; a text box's
        own content is read as paragraphs after this one."""
        if para.text.strip() and not para.pictures:
            para.text_before_picture = True
        for node in el:
            tag = node.tag
            if tag == w("txbxContent"):
                boxes.append(node)
            elif tag == CHART:
                para.pictures.append(PictureRef(None, "a chart", "a Word chart, which cannot be printed"))
            elif tag in (f"{{{A}}}blip", f"{{{V}}}imagedata"):
                self._picture(node, para)
            elif tag == f"{{{MC}}}AlternateContent":
                self._drawing(_choice(node), para, boxes)
            else:
                self._drawing(node, para, boxes)

    def _picture(self, node: etree._Element, para: Para) -> None:
        rid = node.get(f"{{{R}}}embed") or node.get(f"{{{R}}}id")
        if rid is None:
            if node.get(f"{{{R}}}link") is not None:
                para.pictures.append(PictureRef(None, "a linked picture", "linked to a file outside the document, "
                                                "not stored in it"))
            return
        part = self.part.related_parts.get(rid)
        if part is not None:
            para.pictures.append(PictureRef(part, str(part.partname).lstrip("/")))


def _choice(el: etree._Element) -> etree._Element:
    """The first choice of an mc:AlternateContent (its fallback repeats the same content)."""
    choice = el.find(f"{{{MC}}}Choice")
    if choice is None:
        choice = el.find(f"{{{MC}}}Fallback")
    return choice if choice is not None else el


