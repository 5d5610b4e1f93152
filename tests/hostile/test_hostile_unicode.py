"""Unicode an editor pastes: every character reads back from the PDF's text layer as typed, and
every character the loader removes or changes is in the report's `normalised` with its count."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from readbackkit import compose, glyph_missing
from robustkit import EXIT_INPUT, ISSUE_YAML, describe, one_line, run_cli, write_issue

from issuepress.render.tounicode import fix_cmap, utf16_hex

# Han characters beyond the BMP (CJK Extension B) that Noto CJK SC and LXGW WenKai all draw:
# 𠮷 (U+20BB7, the 吉 of 吉野家), 𨋢 (U+282E2, Cantonese 𨋢 "lift") and a name of two Ext-B characters.
EXT_B = "𠮷𨋢"
EXT_B_NAME = "𠀋𡈽"


def test_characters_beyond_the_bmp_read_back_whole_from_the_text_layer(tmp_path: Path) -> None:
    body = f"吉字{EXT_B[0]}与粤语{EXT_B[1]}字，作者{EXT_B_NAME}。"
    got = compose(tmp_path, body, front=f"title: 说{EXT_B[0]}\nbyline: 记者 {EXT_B_NAME}\n")
    assert glyph_missing(got.report) == []  # the fonts draw them: the test is about the text layer
    for text in (got.plumber, got.pdfium):
        assert body in text, text
        assert f"说{EXT_B[0]}" in text and f"记者{EXT_B_NAME}" in text
        # the truncated readings ReportLab's map gave: U+20BB and U+282E
        assert "\u20bb" not in text and "\u282e" not in text


def test_every_tounicode_destination_is_utf16(tmp_path: Path) -> None:
    got = compose(tmp_path, f"{EXT_B}{EXT_B_NAME}，中文与English。")
    with pikepdf.open(got.pdf) as pdf:
        cmaps = [f.ToUnicode.read_bytes().decode("ascii") for page in pdf.pages
                 for f in page.Resources.Font.values() if "/ToUnicode" in f]
    chars = [block for cmap in cmaps for block in re.findall(r"beginbfchar\n(.*?)\nendbfchar", cmap, re.S)]
    dests = [d for block in chars for d in re.findall(r"^<[0-9A-F]{2}> <([0-9A-F]+)>$", block, re.M)]
    assert dests and all(len(d) in (4, 8) for d in dests), dests
    mapped = {bytes.fromhex(d).decode("utf-16-be") for d in dests}
    assert set(EXT_B + EXT_B_NAME) <= mapped


def test_utf16_of_a_code_point() -> None:
    assert utf16_hex(0x4E2D) == "4E2D"
    assert utf16_hex(0x20BB7) == "D842DFB7" == "𠮷".encode("utf-16-be").hex().upper()
    assert utf16_hex(0x10FFFF) == "DBFFDFFF"
    cmap = "1 beginbfchar\n<00> <4E2D>\n<01> <20BB7>\n<02> <1F600>\n<03> <10FFFF>\nendbfchar"
    assert fix_cmap(cmap) == "1 beginbfchar\n<00> <4E2D>\n<01> <D842DFB7>\n<02> <D83DDE00>\n<03> <DBFFDFFF>\nendbfchar"
    assert fix_cmap(fix_cmap(cmap)) == fix_cmap(cmap)


def changes_of(entries: list[str], what: str) -> list[str]:
    return [c for c in entries if what in c]


def test_interlinear_annotation_marks_are_removed_and_counted(tmp_path: Path) -> None:
    body = "批注\ufff9汉字\ufffahàn zì\ufffb完，再注\ufff9字\ufffazì\ufffb。"
    got = compose(tmp_path, body)
    for text in (got.plumber, got.pdfium):
        assert "批注汉字hànzì完，再注字zì。" in text
    (note,) = changes_of(got.normalised("articles/a.md"), "interlinear annotation")
    assert note.startswith("removed 6 interlinear annotation characters (U+FFF9, U+FFFA, U+FFFB)"), note


def test_egyptian_format_controls_are_removed_and_counted(tmp_path: Path) -> None:
    # U+13430 VERTICAL JOINER twice, U+13436 OVERLAY MIDDLE, U+1343F (Unicode 15) END WALLED ENCLOSURE
    body = "埃及\U00013430象形\U00013430文字\U00013436的格式\U0001343f控制符。"
    got = compose(tmp_path, body)
    for text in (got.plumber, got.pdfium):
        assert "埃及象形文字的格式控制符。" in text
    (note,) = changes_of(got.normalised("articles/a.md"), "U+13430")
    assert note == "removed 4 invisible formatting characters (U+13430, U+13436, U+1343F)"
    assert glyph_missing(got.report) == []


def test_issue_yaml_labels_report_every_change_with_their_key(tmp_path: Path) -> None:
    # a variation selector in the paper's name, compatibility ideographs (U+F900 豈, U+2F800 丽) in a
    # page title and the editor, a zero-width space in a credit's role
    issue_yaml = ('paper:\n  name: "测试\\ufe00院报"\n'
                  "issue:\n  number: 1\n  date: 2026-04-01\n"
                  'credits:\n  "主\\u200b编": 刘维佳\n'
                  "layout: a4-3col\n"
                  'pages:\n  - title: "要\\uf900闻"\n    editor: "李\\U0002f800"\n    template: inner\n'
                  "    articles:\n      - articles/a.md\n")
    got = compose(tmp_path, "正文。", issue_yaml=issue_yaml)
    assert got.normalised("issue.yaml") == [
        "paper.name: removed 1 invisible formatting character (U+FE00)",
        "credits: removed 1 zero-width character (U+200B)",
        "pages[0].title: normalised 1 character to Unicode NFC (U+F900 → U+8C48)",
        "pages[0].editor: normalised 1 character to Unicode NFC (U+2F800 → U+4E3D)",
    ]
    assert got.normalised("articles/a.md") == []
    for text in (got.plumber, got.pdfium):
        assert "测试院报" in text and "要\u8c48闻" in text


def test_nfc_counts_only_the_characters_it_changes(tmp_path: Path) -> None:
    # three rewritten sequences (a decomposed é, a Hangul syllable typed as jamo, a compatibility
    # ideograph) among 400 characters NFC leaves alone; the old count took every character after the first
    long = "的一是不了在人有我他这个们中来上大为和国地" * 20
    body = f"Cafe\u0301，{long}韩文\u1100\u1161\u11a8，{long}兼容\uf91d字。"
    got = compose(tmp_path, body)
    (note,) = changes_of(got.normalised("articles/a.md"), "NFC")
    assert note == ("normalised 3 characters to Unicode NFC (U+0065 U+0301 → U+00E9, "
                    "U+1100 U+1161 U+11A8 → U+AC01, U+F91D → U+6B04)")
    for text in (got.plumber, got.pdfium):
        assert f"Caf\u00e9，{long}韩文\uac01，{long}兼容\u6b04字。" in text


def test_every_format_character_of_this_python_is_removed() -> None:
    """The written-out table covers every Cf character the running Python knows (and the controls)."""
    import sys
    import unicodedata

    from issuepress.load.normalise import Normaliser

    kept = "\t\n"
    fmt = "".join(chr(cp) for cp in range(sys.maxunicode + 1)
                  if unicodedata.category(chr(cp)) in ("Cf", "Cc") and chr(cp) not in kept)
    norm = Normaliser()
    assert norm.clean_source(f"甲{fmt}乙") == "甲乙"
    assert sum(norm.removed.values()) == len(fmt)


def test_the_composing_starters_table_matches_this_python() -> None:
    import unicodedata

    from issuepress.load.nfc import COMPOSING_STARTERS

    table = {cp for lo, hi in COMPOSING_STARTERS for cp in range(lo, hi + 1)}
    second = set()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = [int(x, 16) for x in d.split()]
            if (len(parts) == 2 and unicodedata.combining(chr(parts[1])) == 0
                    and unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(cp)):
                second.add(parts[1])
    hangul = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    assert second | hangul <= table


def test_an_escaped_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    issue_yaml = ISSUE_YAML.replace("name: 测试院报", 'name: "测试\\ud842\\udfb7院报"')
    got = compose(tmp_path, "正文。", front='title: "标题\\ud842\\udfb7"\n', issue_yaml=issue_yaml)
    for text in (got.plumber, got.pdfium):
        assert "测试𠮷院报" in text and "标题𠮷" in text
    assert glyph_missing(got.report) == []


@pytest.mark.parametrize(("where", "key", "line"), [("issue", "paper.name", 2), ("article", "title", 2),
                                                    ("key", "paper", 2)])
def test_a_lone_surrogate_is_an_input_error_naming_file_and_key(tmp_path: Path, where: str, key: str,
                                                                 line: int) -> None:
    issue_yaml, front = ISSUE_YAML, "title: 标题\n"
    if where == "issue":
        issue_yaml = ISSUE_YAML.replace("name: 测试院报", 'name: "测试\\ud800院报"')
    elif where == "key":
        issue_yaml = ISSUE_YAML.replace("name: 测试院报", '"na\\udc00me": 测试院报')
    else:
        front = 'title: "标\\udc00题"\n'
    root = write_issue(tmp_path / "issue", front=front, issue_yaml=issue_yaml)
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF-old")
    res = run_cli("compose", root, "-o", out)
    assert res.exit_code == EXIT_INPUT, describe(res)
    msg = one_line(res.stderr)
    name = "issue.yaml" if where != "article" else "a.md"
    assert f"{name}:{line}:" in msg and f" {key}: " in msg and "surrogate" in msg, msg
    assert out.read_bytes() == b"%PDF-old"


def test_each_of_several_editors_is_named_by_its_key(tmp_path: Path) -> None:
    issue_yaml = ISSUE_YAML.replace("    template: inner\n",
                                    '    editor: ["李\\U0002f800", "王\\u200b五"]\n    template: inner\n')
    got = compose(tmp_path, "正文。", issue_yaml=issue_yaml)
    assert got.normalised("issue.yaml") == [
        "pages[0].editor[0]: normalised 1 character to Unicode NFC (U+2F800 → U+4E3D)",
        "pages[0].editor[1]: removed 1 zero-width character (U+200B)",
    ]
    for text in (got.plumber, got.pdfium):
        assert "李\u4e3d" in text and "王五" in text
