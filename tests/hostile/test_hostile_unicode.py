"""Unicode an editor pastes: every character reads back from the PDF's text layer as typed, and
every character the loader removes or changes is in the report's `normalised` with its count."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
from readbackkit import compose, glyph_missing

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
