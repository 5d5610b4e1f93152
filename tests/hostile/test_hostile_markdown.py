"""Markdown an editor types without meaning Markdown: link reference definitions, link titles, fence
info strings and addresses with Han characters all reach the page as typed (read back from the PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from readbackkit import compose

from issuepress.load.markdown import parse_body
from issuepress.load.normalise import Normaliser
from robustkit import nonspace

URL = "https://www.云岭医院.cn/新闻"


def texts(md: str) -> list[str]:
    norm = Normaliser()
    return [getattr(b, "marker", "") + b.text for b in parse_body(norm.clean_source(md), norm)]


def test_link_reference_definitions_are_set_as_paragraphs(tmp_path: Path) -> None:
    body = ("本院上半年门诊量同比增长百分之十二[注]，详见[1]。\n\n"
            "[注]: 本文数据来源于医务部\n\n"
            "[1]: 《中国医院管理》2025年第3期\n\n"
            "[官网]: https://www.云岭医院.cn \"医院官网\"\n")
    got = compose(tmp_path, body)
    for text in (got.plumber, got.pdfium):
        for line in body.split("\n\n"):
            assert nonspace(line) in text, (line, text)


def test_a_link_naming_a_definition_stays_as_typed_beside_it(tmp_path: Path) -> None:
    body = f"请访问[官网][1]或[医院主页]。\n\n[1]: {URL}\n\n[医院主页]: {URL}/首页 '主页'\n"
    got = compose(tmp_path, body)
    for text in (got.plumber, got.pdfium):
        assert "请访问[官网][1]或[医院主页]。" in text
        assert f"[1]:{URL}" in text and f"[医院主页]:{URL}/首页'主页'" in text


def test_link_addresses_print_as_typed_with_their_titles(tmp_path: Path) -> None:
    body = (f"见[官网]({URL} \"医院官网\")与<{URL}/公告>。\n\n"
            "图![门诊楼](images/楼.png '新楼')在此，[邮箱](mailto:办公室@云岭医院.cn)。\n")
    got = compose(tmp_path, body)
    for text in (got.plumber, got.pdfium):
        assert "xn--" not in text and "%E" not in text
        assert f'见官网（{URL}"医院官网"）与{URL}/公告。' in text
        # the picture is a figure (its file is missing: a marked frame), its title after its caption
        assert "![" not in text and "门诊楼（新楼）" in text and "在此，邮箱（mailto:办公室@云岭医院.cn）。" in text


def test_a_fence_info_string_is_set_before_the_code(tmp_path: Path) -> None:
    body = "前文。\n\n```python 示例程序\nprint(1)\n```\n\n~~~ 附注\n内容\n~~~\n\n后文。\n"
    got = compose(tmp_path, body)
    for text in (got.plumber, got.pdfium):
        assert "前文。python示例程序print(1)附注内容后文。" in text


@pytest.mark.parametrize(("md", "want"), [
    ("[注]: 本文数据来源于医务部\n", ["[注]: 本文数据来源于医务部"]),
    ("[foo]:\n/url\n'标题'\n", ["[foo]: /url '标题'"]),
    ("[^1]: 脚注\n", ["①脚注"]),  # a footnote never referred to: kept as note ① at the end (and reported)
    ("见[注]。\n\n[注]: 说明\n", ["见[注]。", "[注]: 说明"]),
    (f"[{URL}]({URL} \"题\")\n", [f'{URL}（"题"）']),
    ("[](https://a.cn/路 \"空\")\n", ['https://a.cn/路 "空"']),
    ("[文字](<> \"只有标题\")\n", ['文字（"只有标题"）']),
    ("```\n代码\n```\n", ["代码"]),
])
def test_markdown_keeps_what_the_editor_typed(md: str, want: list[str]) -> None:
    assert texts(md) == want
