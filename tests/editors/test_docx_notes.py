"""Word footnotes and endnotes: read from word/footnotes.xml and word/endnotes.xml, numbered ①② where the
text refers to them and set at the story's end, as Markdown footnotes are; Word's separators are not notes.
Read back from the composed PDF."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest

import docxkit as kit
from robustkit import EXIT_OK, describe, pdf_pages_text, run_cli

from issuepress.load.layout import load_layout

LAYOUTS = ("a4-3col", "tabloid-4col")
FOOTNOTES = (("调整自四月一日起执行，节假日另行通知。",), ("公告张贴在门诊大厅东侧的公告栏。", "网上公告见医院微信公众号。"),
             ("附注由医务处负责解释。",))
ENDNOTES = (("本文由门诊办公室提供。",),)


def noted_document(folder: Path) -> Path:
    """A notice with three footnotes (one in bold text, one in a subhead, one of two paragraphs) and an
    endnote, as a word processor stores them."""
    d = docx.Document()
    d.add_paragraph("门诊时间调整的通知", style="Title")
    d.add_paragraph("根据工作安排，自四月起门诊时间调整{fn1}，请患者朋友相互转告。" + kit.FILL)
    p = d.add_paragraph("具体安排详见")
    p.add_run("医院公告{fn2}").bold = True
    p.add_run("。" + kit.FILL + "总值班电话8888-1234{en1}。")
    d.add_heading("附注{fn3}", level=2)
    d.add_paragraph("正文的最后一段文字。")
    plain = folder / "plain.docx"
    d.save(str(plain))
    return kit.with_notes(plain, folder / "notice.docx", FOOTNOTES, ENDNOTES)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_notes_are_numbered_at_their_references_and_set_at_the_story_end(tmp_path: Path, layout: str) -> None:
    issue = kit.write_issue(tmp_path / "issue", ("articles/notice.docx",), layout)
    (issue / "articles").mkdir()
    noted_document(issue / "articles")
    pdf = tmp_path / "out.pdf"
    res = run_cli("compose", issue, "-o", pdf, "--proof")
    assert res.exit_code == EXIT_OK, describe(res)
    text = "".join(pdf_pages_text(pdf))
    # ① … at each reference, in the order the text refers to them (the endnote is the third reference)
    for ref in ("门诊时间调整①，", "医院公告②。", "8888-1234③。", "附注④"):
        assert ref in text, ref
    notes = ("①调整自四月一日起执行，节假日另行通知。", "②公告张贴在门诊大厅东侧的公告栏。", "网上公告见医院微信公众号。",
             "③本文由门诊办公室提供。", "④附注由医务处负责解释。")
    end = text.index("正文的最后一段文字。")
    at = [text.find(n) for n in notes]
    assert all(a > end for a in at), (at, end)  # after the story's last paragraph, in order
    assert at == sorted(at)
    assert kit.NOTICE not in text and "{fn" not in text and "[^" not in text
    # the notes are set in the layout's footnote style, smaller than the body
    size = load_layout(layout).styles["footnote"].size_pt
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    joined = "".join(c["text"] for c in chars if not c["text"].isspace())
    solid = [c for c in chars if not c["text"].isspace()]
    k = joined.index("调整自四月一日起执行")
    assert {round(c["size"], 2) for c in solid[k:k + 10]} == {round(size, 2)}
    k = joined.index("根据工作安排")
    assert round(solid[k]["size"], 2) > round(size, 2)


def test_import_writes_the_notes_as_markdown_footnotes(tmp_path: Path) -> None:
    path = noted_document(tmp_path)
    res = run_cli("import", path, "-o", tmp_path / "md")
    assert res.exit_code == EXIT_OK, describe(res)
    md = (tmp_path / "md" / "notice.md").read_text(encoding="utf-8")
    assert "门诊时间调整[^1]，" in md and "**医院公告**[^2]" in md and "8888-1234[^3]" in md and "## 附注[^4]" in md
    assert "\n[^1]: 调整自四月一日起执行，节假日另行通知。\n" in md
    assert "\n[^2]: 公告张贴在门诊大厅东侧的公告栏。\n\n    网上公告见医院微信公众号。\n" in md
    assert "\n[^3]: 本文由门诊办公室提供。\n" in md and "\n[^4]: 附注由医务处负责解释。\n" in md
    assert kit.NOTICE not in md
