"""The corpus measures on made-up inputs: each finds the fault it is for and passes a correct case."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from corpusmeasure import (OversetEnd, allowed_breaks, headline_breaks, hole_share, jump_figures, largest_empty,
                           load_segmenter, loose_lines, overset_endings, report_holes)
from pdfmeasure import Box, Glyph, PdfPage, TextLine, frames
from photomeasure import (Placement, Source, best_offset, cover_window, crop_shares, is_turned, judge,
                          load_sources, photo_figures, read_placements)

SIZE = 10.0
B = 15.0
# 200 × 300 pt page, inside margin 20, outside 30: two 70 pt columns with a 10 pt gutter.
LAYOUT = NS(page=NS(width_pt=200.0, height_pt=300.0, margin_top_pt=20.0, margin_bottom_pt=20.0,
                    margin_inside_pt=20.0, margin_outside_pt=30.0),
            grid=NS(columns=2, gutter_pt=10.0, baseline_pt=B))
FR = frames(LAYOUT)
COL1, COL2 = 20.0, 100.0  # left edges of the columns of page 1


def glyphs(text: str, x: float, baseline: float, size: float = SIZE, page: int = 1, gap: float = 0.0) -> list[Glyph]:
    """Full-width glyphs from x with `gap` pt between characters (ASCII at 0.5 em)."""
    out = []
    for ch in text:
        w = size * (0.5 if ord(ch) < 0x80 else 1.0)
        out.append(Glyph(page, ch, "NotoSerifCJKsc-Regular", size, x, x + w, baseline - 0.88 * size,
                         baseline + 0.12 * size, baseline, ()))
        x += w + gap
    return out


def text_line(text: str, x: float, baseline: float, column: int = 0, page: int = 1, gap: float = 0.0) -> TextLine:
    return TextLine(page, column, baseline, tuple(glyphs(text, x, baseline, page=page, gap=gap)))


def page_of(*lines: list[Glyph], number: int = 1, images: tuple[Box, ...] = ()) -> PdfPage:
    return PdfPage(number, 200.0, 300.0, tuple(g for gl in lines for g in gl), (), images, ())


# ---------------------------------------------------------------------------------------------- photos


def test_crop_shares_and_turns() -> None:
    assert crop_shares((600, 400), 1.5) == (0.0, 0.0)
    w, h = crop_shares((600, 400), 1.0)  # 3:2 into a square: a third of the width cut
    assert abs(w - 1 / 3) < 1e-9 and h == 0.0
    w, h = crop_shares((300, 400), 62 / 35)  # the headshot into a landscape frame
    assert w == 0.0 and h > 0.5
    assert is_turned((300, 400), 62 / 35) and not is_turned((300, 400), 0.7) and not is_turned((500, 500), 2.0)
    assert cover_window((600, 400), 1.0, 0.0) == (0.0, 0.0, 400.0, 400.0)
    assert cover_window((600, 400), 1.0, 1.0) == (200.0, 0.0, 600.0, 400.0)


def _picture(w: int, h: int) -> Image.Image:
    """A picture with structure everywhere: diagonal bands and a few discs."""
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    for k in range(-h, w, 23):
        d.line([(k, 0), (k + h, h)], fill=(k * 7 % 255, 90, 160), width=9)
    for i, (cx, cy) in enumerate([(0.2, 0.3), (0.7, 0.6), (0.45, 0.85), (0.85, 0.15)]):
        r = 0.08 * min(w, h) * (i + 1)
        d.ellipse([cx * w - r, cy * h - r, cx * w + r, cy * h + r], fill=(20 * i, 200 - 40 * i, 30))
    return img


def test_best_offset_finds_where_the_kept_part_lies() -> None:
    src = _picture(300, 100)
    placed = src.crop((200, 0, 300, 100))  # the right third, square
    score, off = best_offset(placed, src)
    assert score > 0.9 and off > 0.9
    score, off = best_offset(src.crop((0, 0, 100, 100)), src)
    assert score > 0.9 and off < 0.1


def _source(name: str, upright: Image.Image, stored: Image.Image) -> Source:
    return Source(name, upright, stored, upright.size, stored.size)


def test_judge_tells_the_source_the_crop_and_a_sideways_picture() -> None:
    a, b = _picture(400, 300), _picture(300, 400).transpose(Image.FLIP_LEFT_RIGHT)
    sources = [_source("a.jpg", a, a), _source("b.jpg", b, b.rotate(90, expand=True))]
    # a's centre, cut to a square, printed 72 pt wide (1 inch): 300 source pixels across
    fig = judge(Placement(1, 10, 20, 72, 72, (300, 300), a.crop((50, 0, 350, 300))), sources)
    assert fig.file == "a.jpg" and abs(fig.crop_w - 0.25) < 1e-3 and fig.crop_h == 0.0
    assert fig.ppi == 300.0 and not fig.turned and not fig.sideways
    # b placed as stored (EXIF ignored): sideways, and a portrait printed as a landscape
    raw = b.rotate(90, expand=True)
    fig = judge(Placement(1, 0, 0, 144, 108, raw.size, raw), sources)
    assert fig.file == "b.jpg" and fig.sideways and fig.turned
    assert judge(Placement(1, 0, 0, 50, 50, (50, 50), Image.new("L", (50, 50), 128)), sources).file is None


def test_photo_figures_read_a_pdf_back(tmp_path: Path) -> None:
    """A picture cut by 20 % of its width and drawn by ReportLab is found, at its frame, with that crop."""
    src = _picture(500, 400)
    path = tmp_path / "src.png"
    src.save(path)
    pdf = tmp_path / "one.pdf"
    c = Canvas(str(pdf), pagesize=(300, 300))
    c.drawImage(ImageReader(src.crop((50, 0, 450, 400))), 36, 300 - 36 - 144, width=144, height=144)
    c.save()
    (pl,) = read_placements(pdf)
    assert (round(pl.x0), round(pl.top), round(pl.width_pt), round(pl.height_pt)) == (36, 36, 144, 144)
    (fig,) = photo_figures(pdf, load_sources([("src.png", path)]))
    assert fig.file == "src.png" and abs(fig.crop_w - 0.2) < 1e-3 and abs(fig.offset - 0.5) < 0.1
    assert fig.frame_mm[:2] == (12.7, 12.7)


# ---------------------------------------------------------------------------------------------- jumps


def test_jump_lands_where_its_text_goes_on() -> None:
    story = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯"
    l1 = text_line("一二三四五六七", COL1, 100)
    jump = glyphs("（下转第2版）", COL1, 115)
    head = glyphs("（上接第1版）", COL1, 60, page=2)
    cont = [text_line("八九十甲乙丙丁", COL1, 100, page=2), text_line("戊己庚辛壬癸子", COL1, 115, page=2)]
    pages = [page_of(list(l1.glyphs), jump), page_of(head, *[list(c.glyphs) for c in cont], number=2)]
    jf = jump_figures(pages, [l1, *cont], FR, {"a.md": story}, 8.0)
    (j,) = jf.jumps
    assert (j.page, j.named, j.article, j.landed, j.head, j.carried_lines) == (1, 2, "a.md", 2, True, 2)
    assert j.ok and jf.mismatches == 0 and not jf.orphan_heads and jf.per_story() == {"a.md": 1}


def test_jump_to_the_wrong_page_or_nowhere_is_a_mismatch() -> None:
    story = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯"
    l1 = text_line("一二三四五六七", COL1, 100)
    jump = glyphs("（下转第2版）", COL1, 115)
    cont = [text_line("八九十甲乙丙丁", COL1, 100, page=3), text_line("戊己庚辛壬癸子", COL1, 115, page=3)]
    head = glyphs("（上接第1版）", COL1, 60, page=3)
    pages = [page_of(list(l1.glyphs), jump), page_of(number=2),
             page_of(head, *[list(c.glyphs) for c in cont], number=3)]
    jf = jump_figures(pages, [l1, *cont], FR, {"a.md": story}, 8.0)
    assert jf.jumps[0].landed == 3 and not jf.jumps[0].ok and jf.mismatches == 1
    nowhere = jump_figures(pages[:2], [l1], FR, {"a.md": story}, 8.0)
    assert nowhere.jumps[0].landed is None and nowhere.nowhere == 1


# ---------------------------------------------------------------------------------------------- headlines


def test_allowed_breaks_follow_segmenter_spaces_and_marks() -> None:
    def seg(s: str) -> list[str]:
        return ["中心", "学校", "运动会"] if s == "中心学校运动会" else [s]

    assert allowed_breaks("中心学校运动会", seg) == {2, 4, 7}
    assert 4 in allowed_breaks("快乐运动 健康", lambda s: [s])  # the typed space
    assert 4 in allowed_breaks("县二院：开展", lambda s: [s])  # after the colon
    assert 2 in allowed_breaks("开展“爱耳日”", lambda s: [s])  # before the opening quote


def test_headline_breaks_inside_a_word_are_found() -> None:
    big = 20.0
    bad = page_of(glyphs("中心学", 20, 40, size=big), glyphs("校运动会", 20, 65, size=big))
    good = page_of(glyphs("中心学校", 20, 40, size=big), glyphs("运动会", 20, 65, size=big), number=2)
    choose = lambda lang: (lambda s: ["中心", "学校", "运动会"])  # noqa: E731
    found = headline_breaks([bad, good], [("a.md", "title", "中心学校运动会", None)], 15.0, 8.0, choose)
    assert [(h.page, h.lines, h.bad) for h in found] == [(1, ("中心学", "校运动会"), (3,)), (2, ("中心学校", "运动会"), ())]


def test_headlines_are_judged_with_the_model_of_their_article_language() -> None:
    """The tag, not the characters, picks the model: a zh-HK title the Simplified model cuts 壞數十人 is
    judged with the Traditional one (壞數|十|人), and an untagged one with the Simplified one."""
    seg = load_segmenter()
    if seg is None or seg[0] != "budoux":
        pytest.skip("BudouX is not installed")
    big = 20.0
    page = page_of(glyphs("六𨋢齊壞數", 20, 40, size=big), glyphs("十人鼓譟", 20, 65, size=big))
    text = "六𨋢齊壞數十人鼓譟"
    hk = headline_breaks([page], [("hk.md", "title", text, "zh-HK")], 15.0, 8.0, seg[1])
    plain = headline_breaks([page], [("cn.md", "title", text, None)], 15.0, 8.0, seg[1])
    assert [h.bad for h in hk] == [()] and [h.bad for h in plain] == [(5,)]
    assert seg[1]("zh_TW") == seg[1]("zh-Hant") != seg[1]("zh-Hans")


# ---------------------------------------------------------------------------------------------- loose lines, holes


def test_loose_lines_measure_the_space_between_han() -> None:
    tight = text_line("甲乙丙丁戊己庚", COL1, 100)
    loose = text_line("甲乙丙丁戊己", COL1, 115, gap=3.0)
    last = text_line("辛壬", COL1, 130)  # not indented: the line before it is inside the paragraph
    lo = loose_lines([tight, loose, last], FR, B)
    assert lo.checked == 2 and [round(g, 2) for _, g in lo.loose] == [0.3] and lo.share == 0.5
    # the room between two Han characters the editor separated with a space is not spacing
    assert not loose_lines([tight, loose, last], FR, B, frozenset(tuple(p) for p in "甲乙 乙丙 丙丁 丁戊 戊己".split())).loose


def test_largest_empty_and_hole_share() -> None:
    cells = [[True, True], [False, False], [False, True]]
    assert largest_empty(cells) == (1, 0, 1, 2)
    assert largest_empty([[False] * 2] * 3) == (0, 0, 3, 2)
    # a page of 17 grid lines: text in the first 3 lines of both columns, the rest of column 2 empty,
    # a picture over column 1 below
    page = page_of(*(glyphs("甲" * 7, x, 20 + B * (i + 1) - 3) for x in (COL1, COL2) for i in range(3)),
                   images=(Box(COL1, 20 + 3 * B, COL1 + 70, 280),))
    share, rect = hole_share(page, FR, B)
    assert rect == (3, 1, 14, 1) and abs(share - 14 / 34) < 1e-9


def test_overset_endings_find_the_last_printed_line() -> None:
    text = "甲乙丙丁戊己。庚辛壬癸子丑寅卯辰巳午未"
    lines = [text_line("甲乙丙丁戊己。", COL1, 100), text_line("庚辛壬癸子", COL1, 115)]
    (end,) = overset_endings(lines, {"a.md": text}, ["a.md"])
    assert end.text == "庚辛壬癸子" and not end.at_clause_end
    (end,) = overset_endings(lines[:1], {"a.md": text}, ["a.md"])
    assert end.at_clause_end
    assert OversetEnd("a.md", 1, "他说：“好。”").at_clause_end
    # a verse line or a date ends its paragraph without a mark: the text allows no earlier stop
    (end,) = overset_endings(lines, {"a.md": text}, ["a.md"], {"a.md": {12}})
    assert end.text == "庚辛壬癸子" and end.at_clause_end


def test_report_holes_read_the_findings() -> None:
    report = {"findings": [{"code": "page-hole", "page": 3, "message": "page 3: 1 columns × 6 lines empty from "
                            "line 58 (2.4% of the type area); add text"}, {"code": "text-overset", "page": 3,
                                                                           "message": "(9.9% of the type area)"}]}
    assert report_holes(report) == {3: 0.024}
