"""Word documents for the tests, written with python-docx as a department would send them, and the bad
files an editor receives (an old .doc, a damaged or empty .docx, a zip bomb)."""

from __future__ import annotations

import io
import shutil
import struct
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from PIL import Image, ImageDraw
from issuekit import issue_yaml  # noqa: E402

HERE = Path(__file__).parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE.parent / "robust"))
sys.path.insert(0, str(HERE.parent / "e2e"))

TITLE = "我院举办首届护理技能大赛"
SUBHEADS = ("赛前准备充分", "比赛精彩纷呈")
BOLD = "护理技能大赛"
ITALIC = "以赛促学"
BULLETS = ("静脉输液操作规范", "心肺复苏急救演练")
NUMBERED = ("理论考试", "实操比赛", "颁奖总结")
TABLE = (("科室", "参赛人数", "名次"), ("内科", "12人", "一等奖"), ("外科", "10人", "二等奖"))
CAPTIONS = ("比赛现场的心肺复苏操作", "获奖选手合影留念")
BYLINE_TEXT = "（护理部 王丽）"
BYLINE = "护理部 王丽"
# Sentences of the body: enough text that the story fills a few column inches.
FILL = ("为进一步提升护理人员的专业技能和服务水平，强化临床护理质量，医院护理部组织开展了本次大赛。"
        "全院各临床科室积极报名，参赛选手赛前反复练习，力求把每一个操作环节做到规范、精准、熟练。")


def picture(size: tuple[int, int], colour: str, fmt: str) -> bytes:
    """A real picture of that shape: a coloured field with a white diagonal band (so crops can be told)."""
    im = Image.new("RGB", size, colour)
    ImageDraw.Draw(im).polygon([(0, 0), (size[0] // 3, 0), (size[0], size[1]), (size[0] * 2 // 3, size[1])],
                               fill="white")
    out = io.BytesIO()
    im.save(out, fmt, quality=90) if fmt == "JPEG" else im.save(out, fmt)
    return out.getvalue()


# The two pasted pictures: a landscape JPEG and a portrait PNG.
LANDSCAPE = ((1600, 1200), "#b03030", "JPEG")
PORTRAIT = ((900, 1200), "#3050b0", "PNG")


def full_document(path: Path, table: bool = False) -> Path:
    """Title, subheads (Heading 2), bold and italic runs, a bulleted and a numbered list, two pictures with a
    caption under each (one in Word's Caption style, one plain), a byline last; the table only if asked."""
    d = docx.Document()
    d.add_paragraph(TITLE, style="Title")
    p = d.add_paragraph("3月25日，医院举办首届")
    p.add_run(BOLD).bold = True
    p.add_run("，来自全院的120名护士参加比赛，")
    p.add_run(ITALIC).italic = True
    p.add_run("。" + FILL)
    d.add_picture(io.BytesIO(picture(*LANDSCAPE)), width=Cm(12))
    d.add_paragraph(CAPTIONS[0], style="Caption")
    d.add_heading(SUBHEADS[0], level=2)
    d.add_paragraph(FILL + "比赛分为以下环节：")
    for item in NUMBERED:
        d.add_paragraph(item, style="List Number")
    d.add_paragraph("重点考核的项目有：")
    for item in BULLETS:
        d.add_paragraph(item, style="List Bullet")
    if table:
        t = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
        for r, row in enumerate(TABLE):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    d.add_heading(SUBHEADS[1], level=2)
    d.add_paragraph(FILL * 2)
    d.add_picture(io.BytesIO(picture(*PORTRAIT)), width=Cm(6))
    d.add_paragraph(CAPTIONS[1]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("护理部主任在总结时表示，护理工作关系到每一位患者的安全。" + FILL)
    d.add_paragraph(BYLINE_TEXT).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


def simple_document(path: Path, title: str = "简单的标题", paragraphs: tuple[str, ...] = ("第一段正文。", "第二段正文。"),
                    heading: bool = False) -> Path:
    d = docx.Document()
    if heading:
        d.add_heading(title, level=1)
    else:
        d.add_paragraph(title, style="Title")
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(str(path))
    return path


def write_issue(root: Path, articles: tuple[str, ...], layout: str = "a4-3col") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "issue.yaml").write_text(issue_yaml([("要闻", articles)], layout), encoding="utf-8")
    return root


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and mtime: what 'unchanged' is checked against."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


# ------------------------------------------------------------------------------------------------ bad files

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _ole_entry(name: str, kind: int, child: int = NOSTREAM, right: int = NOSTREAM) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0"
    return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, NOSTREAM, right, child)
            + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", ENDOFCHAIN, 0))


def ole_file(path: Path, streams: tuple[str, ...]) -> Path:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding empty streams of these names."""
    header = (OLE_MAGIC + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0))
    header += struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108
    fat = struct.pack("<II", FATSECT, ENDOFCHAIN) + struct.pack("<I", FREESECT) * 126
    entries = [_ole_entry("Root Entry", 5, child=1)]
    for i, name in enumerate(streams):
        entries.append(_ole_entry(name, 2, right=i + 2 if i + 1 < len(streams) else NOSTREAM))
    directory = b"".join(entries).ljust(512, b"\0")
    path.write_bytes(header + fat + directory)
    return path


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    """A copy of the .docx with some parts replaced (None: left out)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    zout.writestr(info.filename, replace[info.filename])
            else:
                zout.writestr(info, zin.read(info))
    return dst


def zip_bomb(src: Path, dst: Path, declared: int) -> Path:
    """The .docx with a picture whose zip entry declares `declared` bytes unpacked (the central
    directory's size field patched: what a zip bomb shows before anything is unpacked)."""
    shutil.copyfile(src, dst)
    with zipfile.ZipFile(dst, "a") as zf:
        zf.writestr("word/media/bomb.png", b"\0" * 1024)
    data = bytearray(dst.read_bytes())
    name = b"word/media/bomb.png"
    at = data.rfind(name) - 46  # the central directory header of the entry just written
    assert data[at:at + 4] == b"PK\x01\x02"
    data[at + 24:at + 28] = struct.pack("<I", declared)
    dst.write_bytes(bytes(data))
    return dst


# An EMF file's start: record EMR_HEADER (type 1), its size, bounds, and the signature " EMF" at byte 40.
EMF = (struct.pack("<II", 1, 108) + b"\0" * 32 + b" EMF" + struct.pack("<I", 0x10000) + b"\0" * 60)


def with_emf_picture(src: Path, dst: Path) -> Path:
    """The document with its first picture replaced by an EMF drawing (as older Office pastes them)."""
    with zipfile.ZipFile(src) as zf:
        first = sorted(n for n in zf.namelist() if n.startswith("word/media/"))[0]
    return rewrite_zip(src, dst, {first: EMF})


# ------------------------------------------------------------------------------------------ notes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"
NOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
# Word's own notes at the head of footnotes.xml: the separator line, its continuation (ids -1 and 0) and
# the continuation notice.
SEPARATORS = ('<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
              '<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
              '</w:p></w:{kind}>'
              '<w:{kind} w:type="continuationNotice" w:id="1000"><w:p><w:r><w:t>{notice}</w:t></w:r></w:p></w:{kind}>')
# What Word's continuation notice may say (an editor can type one): page furniture, never a note.
NOTICE = "接下页脚注"



def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note_xml(kind: str, note_id: int, paragraphs: tuple[str, ...]) -> str:
    """One note as Word writes it: its mark (w:footnoteRef) in the first run, a space, the text."""
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    paras = []
    for k, text in enumerate(paragraphs):
        mark = (f'<w:r><w:rPr><w:rStyle w:val="{kind.capitalize()}Reference"/></w:rPr><w:{ref}/></w:r>'
                '<w:r><w:t xml:space="preserve"> </w:t></w:r>') if k == 0 else ""
        paras.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{mark}'
                     f'<w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>')
    return f'<w:{kind} w:id="{note_id}">{"".join(paras)}</w:{kind}>'


def with_notes(src: Path, dst: Path, footnotes: tuple[tuple[str, ...], ...] = (),
               endnotes: tuple[tuple[str, ...], ...] = ()) -> Path:
    """The .docx with footnotes and endnotes as Word stores them (python-docx writes none): each
    placeholder {fn1} … {en1} … typed in the text becomes a reference run (w:footnoteReference), and
    word/footnotes.xml, word/endnotes.xml hold the separators and the notes' paragraphs."""
    with zipfile.ZipFile(src) as zf:
        doc = zf.read("word/document.xml").decode("utf-8")
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
        types = zf.read("[Content_Types].xml").decode("utf-8")
    parts: dict[str, bytes | None] = {}
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if not notes:
            continue
        tag = "fn" if kind == "footnote" else "en"
        for n in range(1, len(notes) + 1):
            run = (f'</w:t></w:r><w:r><w:rPr><w:rStyle w:val="{kind.capitalize()}Reference"/></w:rPr>'
                   f'<w:{kind}Reference w:id="{n}"/></w:r><w:r><w:t xml:space="preserve">')
            assert "{" + f"{tag}{n}" + "}" in doc, f"{tag}{n} is not typed in the document"
            doc = doc.replace("{" + f"{tag}{n}" + "}", run)
        body = SEPARATORS.format(kind=kind, notice=NOTICE) + "".join(_note_xml(kind, n, p) for n, p in enumerate(notes, 1))
        parts[f"word/{kind}s.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                      f'<w:{kind}s xmlns:w="{W_NS}">{body}</w:{kind}s>').encode("utf-8")
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdNotes{kind}" Type="{NOTES_RT.format(kind=kind)}" '
                            f'Target="{kind}s.xml"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/word/{kind}s.xml" '
                              f'ContentType="{NOTES_CT.format(kind=kind)}"/></Types>')
    doc = doc.replace("<w:t>", '<w:t xml:space="preserve">')
    parts.update({"word/document.xml": doc.encode("utf-8"), "word/_rels/document.xml.rels": rels.encode("utf-8"),
                  "[Content_Types].xml": types.encode("utf-8")})
    rewrite_zip(src, dst, parts)
    with zipfile.ZipFile(dst, "a") as zf:
        for name, data in parts.items():
            if name.endswith(("footnotes.xml", "endnotes.xml")):
                zf.writestr(name, data)  # type: ignore[arg-type]
    return dst
