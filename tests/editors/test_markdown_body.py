"""Markdown an editor uses, all of it set and none of it printed raw (issue 10, point 2): hard line
breaks, raw HTML reported and set as its text; read back from the PDF the CLI composes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from mdbodykit import article, compose, text

from issuepress.load.markdown import parse_body
from issuepress.load.normalise import Normaliser

EM = 9.0  # the A4 layout's body size (小五), pt
POS = 0.05  # pt: positions read back from the PDF agree to this

ADDRESS = ("地址：云岭市人民路一号\\\n"
           "电话：一二三四五六七八  \n"
           "邮编：六五零零零零，这里是一段很长的文字，用于测试软换行是否仍然连接起来，以及两端对齐是否仍然有效\n"
           "继续一行，把这一段拉得更长一些，好让它在栏里折成好几行。\n")


def test_hard_breaks_start_new_lines_at_the_column_edge(tmp_path: Path) -> None:
    out = compose(tmp_path, {"a.md": article(ADDRESS)})
    lines = out.body_lines()
    assert text(lines[0]) == "地址：云岭市人民路一号"  # `\` at the line end: the line ends there
    assert text(lines[1]) == "电话：一二三四五六七八"  # two trailing spaces: likewise
    assert text(lines[2]).startswith("邮编：")
    # the first line has the paragraph's 2 em indent; the broken lines start at the column's left edge
    edge = lines[0][0].x0 - 2 * EM
    assert abs(lines[1][0].x0 - edge) < POS and abs(lines[2][0].x0 - edge) < POS
    assert lines[1][0].top > lines[0][0].top and lines[2][0].top > lines[1][0].top
    # the lines before a hard break are set as a last line: no space added between the characters
    for line in lines[:2]:
        steps = [b.x0 - a.x0 for a, b in zip(line, line[1:])]
        assert all(abs(s - EM) < POS for s in steps), steps
    # a soft break still joins: the paragraph's source lines run on
    flat = "".join(text(ln) for ln in lines)
    assert "有效继续一行" in flat
    assert not out.findings("markup-unsupported")  # Markdown's own breaks are no unsupported markup


HTML_BODY = ("第一段正文。\n\n"
             "第二段<span style=\"color:red\">红字</span> &amp; 结束。\n\n"
             "<div class=\"box\">\n块里的文字 &amp; &#x4E2D;文 &quot;引&quot;\n</div>\n")


def test_raw_html_is_set_as_its_text_and_reported_with_file_and_line(tmp_path: Path) -> None:
    out = compose(tmp_path, {"a.md": article(HTML_BODY)})
    found = out.findings("markup-unsupported")
    # the front matter takes lines 1–3: the span is on line 6, the div opens on line 8
    assert sorted(f["line"] for f in found) == [6, 8]
    for f in found:
        assert f["severity"] == "warning" and f["article"] == "articles/a.md" and f["page"] == 1
        assert f"articles/a.md line {f['line']}" in f["message"]
    flat = "".join(text(ln) for ln in out.body_lines())
    assert "第二段红字&结束。" in flat.replace(" ", "")
    assert "块里的文字&中文\"引\"" in flat.replace(" ", "")
    for raw in ("<", ">", "span", "style", "div", "&amp;", "&#", "&quot;"):
        assert raw not in flat, raw


# Lines an editor ends with a hard break: `\` or two spaces, then the next line of the paragraph.
LINE_TEXTS = st.text(alphabet="春眠不觉晓处闻啼鸟夜来风雨声花落知多少，。abc 12", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(LINE_TEXTS, st.sampled_from(("\\\n", "  \n", "\n"))), min_size=1, max_size=8))
def test_hard_breaks_lose_no_character(parts: list[tuple[str, str]]) -> None:
    """Every character of the source is in the paragraphs, a hard break as "\\n" where it was typed."""
    parts[-1] = (parts[-1][0], "\n")  # a `\\` ending the paragraph is a backslash (CommonMark), no break
    body = "".join(words + end for words, end in parts)
    blocks = parse_body(body, Normaliser())
    got = "".join(b.text for b in blocks)
    want = "".join(words + ("\n" if end != "\n" else "") for words, end in parts)
    # markdown trims the blanks at a line's ends; a trailing break makes no line
    assert "".join(got.split()) == "".join(want.split())
    assert got.count("\n") <= sum(1 for w, end in parts[:-1] if end != "\n" and w.strip())
    assert not got.startswith("\n") and not got.endswith("\n")
