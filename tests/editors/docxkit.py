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
