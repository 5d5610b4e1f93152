"""Word reading in parts: runs to Markdown and back, list numbers as Word counts them, bylines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from issuepress.load.markdown import parse_body
from issuepress.load.normalise import Normaliser
from issuepress.load.word.emit import inline
from issuepress.load.word.numbering import Numbering, chinese, format_number
from issuepress.load.word.reader import Seg
from issuepress.load.word.structure import byline_of
from issuepress.model import Paragraph

# Characters an editor's Word text holds, with every ASCII mark Markdown reads as markup.
ALPHABET = "中文字护理部，。“”（）《》、：；！？abcXYZ019 *_[]<>!#|~&`\\-+=.()%"
segments = st.lists(st.tuples(st.text(ALPHABET, min_size=1, max_size=8), st.booleans(), st.booleans()),
                    min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(segments)
def test_runs_come_back_as_typed_with_their_bold(runs: list[tuple[str, bool, bool]]) -> None:
    """Whatever the runs hold, the Markdown made of them reads back to the same text (spaces at the
    paragraph's edges aside), no mark of markup left in or lost, and every letter keeps its boldness."""
    segs = [Seg(text, bold, italic) for text, bold, italic in runs]
    md = inline(segs)
    blocks = parse_body(md, Normaliser())
    want = "".join(text for text, _, _ in runs)
    if not want.strip(" "):
        assert blocks == ()
        return
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph), (md, blocks)
    got = blocks[0].text
    shown = want.strip(" ")
    lead = len(want) - len(want.lstrip(" "))
    marker = blocks[0].marker
    if marker:  # a number or bullet typed at the start is set as a list marker, the blanks after it dropped
        assert shown.startswith(marker), (md, marker)
        rest = shown[len(marker):]
        lead += len(marker) + len(rest) - len(rest.lstrip(" \u3000"))
        shown = rest.lstrip(" \u3000")
    assert got == shown, (md, got)
    flags = [bold for text, bold, _ in runs for _ in text]
    got_flags = [s.bold for s in blocks[0].spans for _ in s.text]
    for i, ch in enumerate(got):
        if ch.isalnum():  # letters keep their emphasis; marks at a span's edge may lose it
            assert got_flags[i] == flags[lead + i], (md, i, ch)


def test_line_starts_that_look_like_markdown_stay_text() -> None:
    for text in ("1. 不是列表", "- 不是列表", "+ 不是", "# 不是标题", "> 不是引文", "=====", "---", "    四个空格"):
        blocks = parse_body(inline([Seg(text)]), Normaliser())
        # a number typed at the paragraph's start is set as a hand-typed list marker (hanging), as typed
        assert [(b.marker + " " if b.marker else "") + b.text for b in blocks] == [text.strip()], text


def _numbering(levels: str) -> Numbering:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
           '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
           '<w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>')
    return Numbering(etree.fromstring(xml))


def _lvl(i: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def test_list_numbers_as_word_shows_them() -> None:
    num = _numbering(_lvl(0, "chineseCounting", "%1、") + _lvl(1, "chineseCounting", "（%2）")
                     + _lvl(2, "decimalEnclosedCircle", "%3"))
    got = [num.marker("1", lvl).text for lvl in (0, 1, 1, 2, 2, 1, 0, 1)]  # type: ignore[union-attr]
    assert got == ["一、", "（一）", "（二）", "①", "②", "（三）", "二、", "（一）"]
    assert num.marker("2", 0).text == "一、"  # a list that restarts (startOverride)
    assert num.marker("9", 0) is None  # no such list


def test_multilevel_decimal_and_bullets() -> None:
    num = _numbering(_lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2") + _lvl(2, "bullet", "\uf0b7"))
    assert [num.marker("1", lvl).text for lvl in (0, 1, 1, 0, 1)] == ["1.", "1.1", "1.2", "2.", "2.1"]
    bullet = num.marker("1", 2)
    assert bullet is not None and bullet.bullet


def test_counting_forms() -> None:
    assert [chinese(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110, 112)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一百一十二"]
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"
    assert format_number(3, "ideographTraditional") == "丙" and format_number(12, "decimalFullWidth") == "１２"


def test_bylines() -> None:
    assert byline_of("（护理部 王丽）") == "护理部 王丽"
    assert byline_of("(宣传科　张三、李四)") == "宣传科 张三、李四"
    assert byline_of("护理部 王丽") == "护理部 王丽"
    assert byline_of("护理部") is None  # one word: could be anything
    assert byline_of("会议 圆满 结束。") is None  # a sentence
    assert byline_of("Walking on air") is None  # no department and name
    assert byline_of("（" + "很长的" * 12 + "）") is None


# ------------------------------------------------------------------------------------------------ damaged files

import io  # noqa: E402
import tempfile  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402

import docxkit as kit  # noqa: E402

from issuepress.errors import InputError  # noqa: E402
from issuepress.load.article import FRONT_MATTER_KEYS  # noqa: E402
from issuepress.load.word.convert import convert  # noqa: E402

_GOOD: dict[str, bytes] = {}


def _good() -> bytes:
    if not _GOOD:
        with tempfile.TemporaryDirectory() as tmp:
            _GOOD["docx"] = kit.full_document(Path(tmp) / "g.docx", table=True).read_bytes()
    return _GOOD["docx"]


def _mutated(part: str, mutate) -> bytes:  # noqa: ANN001
    src = io.BytesIO(_good())
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, mutate(data) if info.filename == part else data)
    return out.getvalue()


PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels",
         "[Content_Types].xml")


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(PARTS), st.integers(0, 10**6), st.integers(0, 3), st.text("<>/=\"' wabc:0-9", max_size=6))
def test_a_damaged_part_is_read_or_an_input_error(part: str, seed: int, how: int, junk: str) -> None:
    """Any part cut, spliced with junk, stripped of an element or given a wrong attribute value: the
    document is read or refused with an input error, never a crash."""

    def mutate(data: bytes) -> bytes:
        at = seed % max(1, len(data))
        if how == 0:  # cut a slice out
            return data[:at] + data[at + 1 + seed % 97:]
        if how == 1:  # splice junk in
            return data[:at] + junk.encode() + data[at:]
        root = etree.fromstring(data)
        nodes = list(root.iter())
        node = nodes[seed % len(nodes)]
        if how == 2 and node is not root:  # drop an element
            node.getparent().remove(node)
        else:  # a wrong value for an attribute
            for name in list(node.attrib)[:1]:
                node.set(name, junk)
        return etree.tostring(root)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bad.docx"
        path.write_bytes(_mutated(part, mutate))
        try:
            convert(path, "images", FRONT_MATTER_KEYS)
        except InputError as exc:
            assert "bad.docx" in str(exc)


def test_bylines_with_a_role() -> None:
    assert byline_of("通讯员：梁奡") == "通讯员：梁奡"
    assert byline_of("  记者: 张三 李四") == "记者：张三 李四"
    assert byline_of("备注：会议时间另行通知。") is None
