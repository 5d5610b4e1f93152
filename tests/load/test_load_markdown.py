"""Article bodies: paragraphs, subheads, bold, quotes, and everything else kept as plain text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from issuepress.load.markdown import parse_body
from issuepress.load.normalise import Normaliser
from issuepress.model import Paragraph, Span, Subhead, Table


def body(text: str):
    norm = Normaliser()
    return parse_body(norm.clean_source(text), norm)


def texts(text: str) -> list[str]:
    """Each block's text; a list item's marker (set apart, hanging) before it with a space."""
    return [(b.marker + " " if getattr(b, "marker", "") else "") + b.text for b in body(text)]


def test_paragraphs_subheads_bold():
    blocks = body("第一段**重点**内容。\n\n## 小标题\n\n### 三级标题\n\n第二段。\n")
    assert blocks == (
        Paragraph((Span("第一段"), Span("重点", True), Span("内容。"))),
        Subhead("小标题"),
        Subhead("三级标题"),
        Paragraph((Span("第二段。"),)),
    )


def test_quote_paragraphs_are_kind_quote():
    blocks = body("> 引用一\n> 接着\n\n正文\n")
    assert blocks[0] == Paragraph((Span("引用一接着"),), "quote")
    assert blocks[1].kind == "body"


def test_line_breaks_join_han_without_space_and_latin_with_one():
    assert texts("中文第一行\n第二行\n") == ["中文第一行第二行"]
    assert texts("English words\ncontinue here\n") == ["English words continue here"]
    assert texts("中文\nEnglish\n中文\n") == ["中文English中文"]
    # a hard break (two spaces or `\\` at the line end) is a forced line break, not a join (issue 10)
    assert texts("硬换行  \n第二行\n") == ["硬换行\n第二行"]
    assert texts("hard\\\nbreak\n") == ["hard\nbreak"]


def test_lists_keep_their_markers():
    assert texts("1. 第一\n2. 第二\n") == ["1. 第一", "2. 第二"]
    assert texts("3) 三\n4) 四\n") == ["3) 三", "4) 四"]
    assert texts("- 甲\n* 乙\n") == ["● 甲", "● 乙"]


def test_links_images_html_and_code_keep_their_characters():
    assert texts("见[官网](https://example.org)。\n") == ["见官网（https://example.org）。"]
    assert texts("<https://example.org>\n") == ["https://example.org"]
    assert texts("文字<b>粗</b>。\n") == ["文字粗。"]  # raw HTML: its text, the tags dropped (issue 10)
    assert texts("图![说明](a.png)\n") == ["图", "说明"]  # a picture in the text is a figure, its alt the caption
    assert texts("代码`x = 1`。\n") == ["代码x = 1。"]
    assert texts("```\nprint(1)\n```\n") == ["print(1)"]
    assert texts("<div>\n块\n</div>\n") == ["块"]


def test_thematic_break_is_kept_as_text_and_a_pipe_table_is_a_table():
    assert texts("上\n\n***\n\n下\n") == ["上", "***", "下"]
    (table,) = body("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n")
    assert isinstance(table, Table) and table.text == "甲乙12" and [r.header for r in table.rows] == [True, False]


def test_bold_inside_a_quote_and_a_list():
    (quote,) = body("> 说**重要**的话\n")
    assert quote.spans == (Span("说"), Span("重要", True), Span("的话")) and quote.kind == "quote"
    (item,) = body("1. **粗**体\n")
    assert item.marker == "1." and item.spans == (Span("粗", True), Span("体"))


def test_empty_body():
    assert body("") == ()
    assert body("\n\n  \n") == ()


# Characters that carry no Markdown meaning anywhere in a line: Han, kana, Latin letters, digits and
# Chinese punctuation. Whatever an editor writes with them must come out character for character.
PLAIN = st.sampled_from(list("中文排版测试院报医护一二三四五六七八九十あいうabcXYZ0123456789，。、；：？！“”‘’（）《》…—"))
LINE = st.lists(PLAIN, min_size=1, max_size=30).map("".join)
PARA = st.lists(LINE, min_size=1, max_size=4).map("\n".join)
DOC = st.lists(PARA, min_size=0, max_size=5).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(DOC)
def test_no_character_of_the_body_is_lost(doc):
    out = "".join(texts(doc)).replace(" ", "")
    assert out == doc.replace("\n", "")
