"""Articles: front matter errors, encodings, BOM and CRLF, and the normalisations the report lists."""

from __future__ import annotations

import pytest

from issuepress.errors import InputError
from issuepress.load.article import load_article
from issuepress.model import Paragraph

MINIMAL = "---\ntitle: 标题\n---\n正文。\n"


def load(write, text: str | bytes, name: str = "a.md"):
    path = write(name, text)
    return load_article(path, path.parent)


def error(write, text: str | bytes, name: str = "a.md") -> tuple[InputError, object]:
    path = write(name, text)
    with pytest.raises(InputError) as info:
        load_article(path, path.parent)
    return info.value, path


def test_minimal_article_defaults(write):
    art = load(write, MINIMAL)
    assert art.title == "标题"
    assert (art.kicker, art.subtitle, art.byline, art.note) == (None, None, None, None)
    assert (art.byline_position, art.photos, art.credits, art.slot) == ("end", (), (), None)
    assert art.blocks == (Paragraph(art.blocks[0].spans),) and art.blocks[0].text == "正文。"


def test_no_front_matter(write):
    err, path = error(write, "# 标题\n\n正文\n")
    assert err.path == path.resolve() and err.line == 1
    assert "no front matter" in err.message


def test_front_matter_never_closed(write):
    err, path = error(write, "---\ntitle: 标题\n正文\n")
    assert str(err).startswith(f"{path.resolve()}:1:") and "never closed" in err.message


def test_broken_front_matter_yaml_has_file_line(write):
    err, path = error(write, "---\ntitle: 标题\nkicker: [未闭合\n---\n正文\n")
    assert err.path == path.resolve() and "YAML syntax error" in err.message
    assert err.line in (3, 4) and err.column is not None


def test_front_matter_that_is_not_a_mapping(write):
    err, _ = error(write, "---\n- 标题\n---\n")
    assert err.line == 2 and "keys and values" in err.message


def test_empty_front_matter(write):
    err, _ = error(write, "---\n---\n正文\n")
    assert "empty" in err.message


def test_missing_title(write):
    err, _ = error(write, "---\nkicker: 引题\n---\n正文\n")
    assert err.key == "title" and "missing" in err.message


def test_title_line_numbers_count_the_opening_fence(write):
    err, _ = error(write, "---\ntitle: 标题\nphotos:\n  - src: a.jpg\n    widht: 2\n---\n")
    assert err.line == 5 and err.key == "photos[0].widht" and "did you mean 'width'?" in err.message


def test_photo_width_must_be_a_whole_number(write):
    err, _ = error(write, "---\ntitle: 标题\nphotos:\n  - {src: a.jpg, width: 两栏}\n---\n")
    assert err.key == "photos[0].width" and "whole number" in err.message and err.line == 4


def test_bad_byline_position(write):
    err, _ = error(write, "---\ntitle: 标题\nbyline_position: bottom\n---\n")
    assert err.key == "byline_position" and "end, top" in err.message


def test_two_line_title_and_bare_photo_path(write):
    art = load(write, '---\ntitle: "第一行\\n第二行"\nphotos: [images/a.jpg]\n---\n')
    assert art.title == "第一行\n第二行"
    assert art.photos[0].caption == "" and art.photos[0].src.name == "a.jpg" and not art.photos[0].exists


def test_credit_lists_and_numbers_as_text(write):
    art = load(write, "---\ntitle: 2026\ncredits: {文字: [王晶晶, 李四], 图片: 卞晨}\n---\n")
    assert art.title == "2026"
    assert art.credits == (("文字", "王晶晶 李四"), ("图片", "卞晨"))


@pytest.mark.parametrize("encoding, name", [("gb18030", "GB18030"), ("big5", "Big5"), ("utf-16", "UTF-16"),
                                            ("utf-16-le", "UTF-16")])
def test_not_utf8_says_which_encoding(write, encoding, name):
    text = "---\ntitle: 醫院舉辦座談會\n---\n第一段正文，這是醫院的新聞。\n"
    err, path = error(write, text.encode(encoding))
    assert err.path == path.resolve()
    assert f"not UTF-8 (looks like {name}); save it as UTF-8" in str(err)


def test_gb18030_simplified_text_is_named_gb18030(write):
    err, _ = error(write, "---\ntitle: 我院举办座谈会\n---\n第一段正文，这是医院的新闻。\n".encode("gb18030"))
    assert "looks like GB18030" in err.message and err.line == 2


def test_bom_is_accepted_and_noted(write):
    art = load(write, b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert art.title == "标题"
    assert any("byte-order mark" in n for n in art.normalised)


def test_crlf_is_accepted(write):
    art = load(write, MINIMAL.replace("\n", "\r\n").encode("utf-8") + "第二段\r\n".encode())
    assert art.title == "标题" and art.blocks[0].text == "正文。第二段"


def test_zero_width_and_control_characters_are_removed_and_counted(write):
    body = "正\u200b文\u200c\u200d中\u2060间\ufeff有\x07字\x1b。\n"
    art = load(write, "---\ntitle: 标\u200b题\n---\n" + body)
    assert art.title == "标题"
    assert art.blocks[0].text == "正文中间有字。"
    notes = " | ".join(art.normalised)
    assert "removed 6 zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF)" in notes
    assert "removed 2 control characters (U+0007, U+001B)" in notes


def test_tabs_become_spaces(write):
    art = load(write, "---\ntitle: 标题\n---\nword\tword 中文\n")
    assert art.blocks[0].text == "word word 中文"
    assert any("1 tab" in n for n in art.normalised)


def test_hand_indentation_is_removed_and_counted(write):
    body = "\u3000\u3000第一段。\n\n  第二段。\n\n    第三段，四个空格。\n\n\t第四段，制表符。\n\n第五段。\n"
    art = load(write, "---\ntitle: 标题\n---\n" + body)
    assert [b.text for b in art.blocks] == ["第一段。", "第二段。", "第三段，四个空格。", "第四段，制表符。", "第五段。"]
    assert any("start of 4 paragraphs" in n for n in art.normalised)


def test_nfc_normalisation(write):
    art = load(write, "---\ntitle: Cafe\u0301\n---\nnai\u0308ve\n")
    assert art.title == "Caf\u00e9" and art.blocks[0].text == "na\u00efve"
    assert any("NFC" in n for n in art.normalised)


def test_clean_article_has_no_notes(write):
    assert load(write, MINIMAL).normalised == ()


def test_lang_tag_is_read_and_a_bad_one_named(write):
    art = load(write, "---\ntitle: 中心學校運動會\nlang: zh-HK\n---\n正文。\n")
    assert art.lang == "zh-HK"
    assert load(write, MINIMAL).lang is None
    err, path = error(write, "---\ntitle: 标题\nlang: 繁体\n---\n正文。\n")
    assert err.path == path.resolve() and err.key == "lang" and err.line == 3 and "zh-Hant" in err.message
