"""Hostile or odd article text is set, not crashed on, and no character of it is lost or drawn as a box."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from issuepress.layout.items import TextLine
from issuepress.pipeline import ComposeOptions, Result, compose
from robustkit import assert_body_back, codes, flagged_chars, nonspace, pdf_pages_text, write_issue

# Generous bounds (seconds) for one compose: they catch a hang or a quadratic blow-up, not a slow machine.
QUICK_S = 20.0
LONG_S = 90.0  # the 200,000-character article (about 6 s on a 2-core machine)

HAN = ("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作"
       "里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想")


def compose_body(tmp_path: Path, body: str, front: str = "title: 标题\n", proof: bool = True,
                 name: str = "issue") -> tuple[Result, list[str], float]:
    root = write_issue(tmp_path / name, body=body, front=front)
    out = tmp_path / f"{name}.pdf"
    start = time.perf_counter()
    res = compose(root, out, ComposeOptions(proof=proof))
    elapsed = time.perf_counter() - start
    assert out.read_bytes().startswith(b"%PDF-")
    return res, pdf_pages_text(out), elapsed


def han_text(n: int, seed: int, punct_every: int = 0) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        out.append(rng.choice(HAN))
        if punct_every and i % punct_every == 0:
            out.append("。" if rng.random() < 0.5 else "，")
            if rng.random() < 0.05:
                out.append("\n\n")
    return "".join(out)


def body_glyphs(res: Result) -> list:
    return [g for page in res.doc.pages for it in page.items
            if isinstance(it, TextLine) and it.role == "body" for g in it.line.glyphs]


def test_empty_article_is_set_with_its_title(tmp_path: Path) -> None:
    res, pages, took = compose_body(tmp_path, "")
    assert took < QUICK_S
    assert res.report["articles"][0]["body_lines"] == 0
    assert "标题" in pages[0]
    # an issue of one empty story leaves its page blank: reported like any page with a hole (issue 8)
    assert codes(res.report) == ["page-hole"]


def test_article_of_one_character(tmp_path: Path) -> None:
    res, pages, took = compose_body(tmp_path, "字")
    assert took < QUICK_S
    assert res.report["articles"][0]["body_lines"] == 1
    assert_body_back(res.report, pages, "字")


def test_200000_character_article_is_set_and_its_overset_counted(tmp_path: Path) -> None:
    body = han_text(200_000, seed=1, punct_every=23)
    res, pages, took = compose_body(tmp_path, body)
    assert took < LONG_S, f"{took:.1f} s"
    art = res.report["articles"][0]
    assert art["status"] == "overset" and art["overset_chars"] > 190_000
    assert "text-overset" in codes(res.report)
    assert_body_back(res.report, pages, body)


def test_paragraph_of_5000_characters_without_punctuation(tmp_path: Path) -> None:
    body = han_text(5000, seed=2)
    res, pages, took = compose_body(tmp_path, body)
    assert took < QUICK_S
    assert "line-past-edge" not in codes(res.report)
    assert_body_back(res.report, pages, body)


def test_300_character_url_breaks_inside_the_column(tmp_path: Path) -> None:
    url = "https://example.org/" + "/".join(f"segment{i:02d}-abcdefghij" for i in range(14))
    assert len(url) >= 300
    body = f"详见{url}。"
    res, pages, took = compose_body(tmp_path, body)
    assert took < QUICK_S
    assert "line-past-edge" not in codes(res.report)
    assert_body_back(res.report, pages, body)
    assert res.report["articles"][0]["body_lines"] > 5  # broken over lines, not one overlong line


def test_only_punctuation(tmp_path: Path) -> None:
    body = "。，、；：？！“”‘’（）《》……——" * 30
    res, pages, took = compose_body(tmp_path, body)
    assert took < QUICK_S
    # kinsoku is unavoidable in text that is all punctuation; the short story leaves its page part blank
    assert set(codes(res.report)) <= {"kinsoku", "page-hole"}
    assert_body_back(res.report, pages, body)


def test_only_latin_text(tmp_path: Path) -> None:
    body = "The quick brown fox jumps over the lazy dog. " * 60
    res, pages, took = compose_body(tmp_path, body)
    assert took < QUICK_S
    assert "line-past-edge" not in codes(res.report)
    assert_body_back(res.report, pages, body)


def test_emoji_and_characters_outside_the_bmp_are_flagged_never_lost(tmp_path: Path) -> None:
    body = "表情😀👍🏽和扩展B的字𠀀𪚥，家庭👨\u200d👩\u200d👧，红心❤\ufe0f。"
    res, pages, took = compose_body(tmp_path, body)
    assert took < QUICK_S
    flagged = {f["message"][f["message"].index("U+"):].split(")")[0] for f in res.report["findings"]
               if f["code"] == "glyph-missing"}
    # every emoji and rare Han character without a glyph is reported; the invisible joiners are removed
    assert {"U+1F600", "U+1F44D", "U+1F3FD", "U+2A6A5", "U+1F468", "U+1F469", "U+1F467"} <= flagged
    assert not flagged & {"U+200D", "U+FE0F"}
    changes = " ".join(res.report["normalised"][0]["changes"])
    assert "U+200D" in changes and "U+FE0F" in changes
    assert_body_back(res.report, pages, body.replace("\u200d", "").replace("\ufe0f", ""))


def test_zero_width_and_control_characters_are_removed_and_listed_never_boxes(tmp_path: Path) -> None:
    body = "零\u200b宽\u200c字\u200d符\u2060与\x07控\x01制\x7f字\u0085符，双向\u200e标记\u202a和软\u00ad连字符。"
    res, pages, took = compose_body(tmp_path, body)
    assert took < QUICK_S
    assert "glyph-missing" not in codes(res.report)
    assert not any(g.missing for g in body_glyphs(res))
    changes = " ".join(res.report["normalised"][0]["changes"])
    assert "zero-width" in changes and "control" in changes and "invisible formatting" in changes
    clean = "零宽字符与控制字符，双向标记和软连字符。"
    assert_body_back(res.report, pages, clean)
    assert "\x00" not in "".join(pages)


def test_tabs_become_spaces(tmp_path: Path) -> None:
    body = "制表\t符\t在文中。\n\n第二段\t也有。"
    res, pages, _ = compose_body(tmp_path, body)
    assert_body_back(res.report, pages, body)
    assert any("tab" in c for c in res.report["normalised"][0]["changes"])
    assert not any(g.ch == "\t" for g in body_glyphs(res))


def test_crlf_line_ends_set_like_lf(tmp_path: Path) -> None:
    lf = "第一段正文，" + han_text(300, seed=3, punct_every=17) + "\n\n第二段。\n"
    res_lf, pages_lf, _ = compose_body(tmp_path, lf, name="lf")
    res_crlf, pages_crlf, _ = compose_body(tmp_path, lf.replace("\n", "\r\n"), name="crlf")
    assert pages_crlf == pages_lf
    assert_body_back(res_crlf.report, pages_crlf, lf)


def test_full_width_space_indents_are_normalised_to_the_layout_indent(tmp_path: Path) -> None:
    plain = "第一段正文在这里。\n\n第二段正文也在这里。"
    indented = "\u3000\u3000第一段正文在这里。\n\n\u3000\u3000第二段正文也在这里。"
    res_plain, pages_plain, _ = compose_body(tmp_path, plain, name="plain")
    res_ind, pages_ind, _ = compose_body(tmp_path, indented, name="indented")
    assert pages_ind == pages_plain
    xs = lambda res: [(round(g.x_pt, 3), g.ch) for g in body_glyphs(res)]  # noqa: E731
    assert xs(res_ind) == xs(res_plain)
    assert not any(g.ch == "\u3000" for g in body_glyphs(res_ind))
    assert any("indentation" in c for c in res_ind.report["normalised"][0]["changes"])


def test_html_in_markdown_is_set_as_text_never_run(tmp_path: Path) -> None:
    body = "段落<script>alert(1)</script>里有<b>标签</b>。\n\n<div>\n块级<i>HTML</i>\n</div>\n"
    res, pages, _ = compose_body(tmp_path, body)
    text = "".join(pages)
    # the text a reader would see is set, no tag (issue 10); a script's content is no text, and each
    # HTML line is reported
    for piece in ("段落里有标签。", "块级HTML"):
        assert piece in text, piece
    for piece in ("<", ">", "alert", "script"):
        assert piece not in text, piece
    assert {f["line"] for f in res.report["findings"] if f["code"] == "markup-unsupported"} == {4, 6}
    assert b"/JavaScript" not in (tmp_path / "issue.pdf").read_bytes()
    assert b"/JS" not in (tmp_path / "issue.pdf").read_bytes()


def test_print_mode_sets_hostile_text_too(tmp_path: Path) -> None:
    body = "混合Latin与数字123，表情😀，零宽\u200b字符，网址https://example.org/a/b/c。"
    res, pages, took = compose_body(tmp_path, body, proof=False)
    assert took < QUICK_S
    assert_body_back(res.report, pages, body.replace("\u200b", ""))


@pytest.mark.parametrize("front, flagged", [
    ("title: \"标题\\u200b含零宽\\a和\\u200e\"\nsubtitle: \"副题\tTab\"\nbyline: 记者\u3000张三\n", set()),
    ("title: |\n  两行\n  标题\nkicker: 😀引题\n", {"\U0001F600"}),
    (f"title: {'长' * 300}\n", set()),
], ids=["escaped-invisibles", "block-title-emoji-kicker", "300-char-title"])
def test_odd_headlines_are_set(tmp_path: Path, front: str, flagged: set[str]) -> None:
    res, pages, took = compose_body(tmp_path, "正文。", front=front)
    assert took < QUICK_S
    assert nonspace("正文。") in "".join(pages)
    assert flagged_chars(res.report) == flagged
    assert "\x00" not in "".join(pages)  # no invisible character drawn as an empty glyph
