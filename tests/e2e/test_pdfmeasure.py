"""The PDF measures on made-up pages: each one finds the fault it is for, and passes a correct line."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace as NS

from pdfmeasure import (Box, Glyph, PdfPage, body_lines, column_overruns, frame, frames, furniture_bottom,
                        justification, kinsoku_faults, missing_from, outside_margins, baseline_grid_faults,
                        split_pair_faults, text_blocks, text_on_images)

SIZE = 10.0
B = 15.0  # baseline grid of the made-up layout
# 200 × 300 pt page, inside margin 20, outside 30: two 70 pt columns with a 10 pt gutter.
LAYOUT = NS(
    page=NS(width_pt=200.0, height_pt=300.0, margin_top_pt=20.0, margin_bottom_pt=20.0, margin_inside_pt=20.0,
            margin_outside_pt=30.0),
    grid=NS(columns=2, gutter_pt=10.0, baseline_pt=B),
    styles={"body": NS(size_pt=SIZE, font="song")},
    fonts={"song": NS(chain=(NS(family="Noto Serif CJK SC"),))},
)
FR = frames(LAYOUT)
BODY_FONT = "NotoSerifCJKsc-Regular"


def line(text: str, x: float, baseline: float, size: float = SIZE, font: str = BODY_FONT,
         page: int = 1) -> list[Glyph]:
    """Full-width glyphs set solid from x (ASCII at 0.3 em) on a baseline."""
    out = []
    for ch in text:
        w = size * (0.3 if ord(ch) < 0x80 else 1.0)
        out.append(Glyph(page, ch, font, size, x, x + w, baseline - 0.88 * size, baseline + 0.12 * size, baseline, ()))
        x += w
    return out


def page_of(*glyph_lists: list[Glyph], images: tuple[Box, ...] = (), rules: tuple[Box, ...] = (),
            number: int = 1) -> PdfPage:
    return PdfPage(number, 200.0, 300.0, tuple(g for gl in glyph_lists for g in gl), (), images, rules)


def lines_of(*glyph_lists: list[Glyph]) -> list:
    return body_lines([page_of(*glyph_lists)], LAYOUT, FR, skip_furniture=False)


def test_frame_mirrors_margins_and_splits_columns() -> None:
    recto, verso = frame(LAYOUT, 1), frame(LAYOUT, 2)
    assert (recto.left, recto.right) == (20.0, 170.0) and (verso.left, verso.right) == (30.0, 180.0)
    assert recto.columns == ((20.0, 90.0), (100.0, 170.0))
    assert frame(LAYOUT, 2, galley=True) == recto


def test_body_lines_keep_body_glyphs_per_column() -> None:
    lines = lines_of(line("一二三四五六七", 20, 50), line("甲乙", 100, 50), line("标题", 20, 65, size=16),
                     line("黑体", 20, 80, font="NotoSansCJKsc-Bold"))
    assert [(ln.column, ln.text) for ln in lines] == [(0, "一二三四五六七"), (1, "甲乙")]


def test_body_lines_skip_the_furniture_band() -> None:
    rule = Box(20.0, 40.0, 170.0, 41.0)
    page = page_of(line("第二版", 20, 30), line("正文", 20, 60), rules=(rule,))
    assert furniture_bottom(page, FR(1)) == 41.0
    assert [ln.text for ln in body_lines([page], LAYOUT, FR)] == ["正文"]


def test_kinsoku_finds_forbidden_line_starts_and_ends() -> None:
    lines = lines_of(line("，一二三", 20, 50), line("一二三“", 20, 65), line("“一二”。", 20, 80),
                     line(",abc", 100, 50))
    faults = kinsoku_faults(lines)
    assert len(faults) == 3
    assert "'，'" in faults[0] and "'“'" in faults[1] and "','" in faults[2]


def test_split_dash_and_ellipsis_are_found_but_whole_pairs_pass() -> None:
    split = lines_of(line("一二三四五六—", 20, 50), line("—七八", 20, 65))
    assert len(split_pair_faults(split, B)) == 1
    across = lines_of(line("一二三四五六…", 20, 200), line("…七八", 100, 50))
    assert len(split_pair_faults(across, B)) == 1
    whole = lines_of(line("一二三四五——", 20, 50), line("七八", 20, 65))
    assert split_pair_faults(whole, B) == []


def test_trimmed_closing_mark_reaches_the_edge_with_its_ink() -> None:
    # 。 drawn from 85 to 95: its ink half ends at the column edge (90), its blank half lies in the gutter
    lines = lines_of(line("一二三四五六。", 25, 50), line("七八九", 20, 65))
    assert lines[0].ink_x1 == 90.0
    j = justification(lines, FR, B)
    assert (j.checked, j.misses) == (1, ())
    assert column_overruns(lines, FR) == []


def test_glyph_past_the_column_edge_is_an_overrun() -> None:
    lines = lines_of(line("一二三四五六七", 25, 50))
    faults = column_overruns(lines, FR)
    assert len(faults) == 1 and "'七'" in faults[0]


def test_short_line_inside_a_paragraph_misses_but_a_last_line_is_skipped() -> None:
    lines = lines_of(line("一二三四五六", 20, 50),  # short, and the next line is not indented: a miss
                     line("七八", 20, 65),  # the next line is indented 2 em: a paragraph's last line
                     line("十一二三四", 40, 80),  # a first line reaching the edge
                     line("五六", 20, 95))  # a leg's last line: unknown
    j = justification(lines, FR, B)
    assert j.checked == 2 and len(j.misses) == 1 and "-10.00" in j.misses[0] and "y=50.0" in j.misses[0]
    assert j.ratio == 0.5


def test_baseline_off_the_grid_is_found() -> None:
    lines = lines_of(line("一", 20, 50), line("二", 20, 65), line("三", 100, 80), line("四", 100, 96))
    faults = baseline_grid_faults(lines, B)
    assert len(faults) == 1 and "'四'" in faults[0]


def test_text_on_a_picture_is_found_but_a_caption_under_it_is_not() -> None:
    pic = Box(20.0, 40.0, 90.0, 100.0)
    inside = page_of(line("图中字", 30, 70), images=(pic,))
    caption = page_of(line("图注", 20, 100 + 0.88 * SIZE), images=(pic,))
    assert len(text_on_images([inside])) == 3
    assert text_on_images([caption]) == []


def test_glyph_in_the_margin_is_found() -> None:
    assert outside_margins([page_of(line("一", 20, 50))], FR) == []
    assert len(outside_margins([page_of(line("一", 5, 50))], FR)) == 1
    assert len(outside_margins([page_of(line("一", 20, 285))], FR)) == 1


def test_blocks_join_a_two_line_title_but_not_neighbouring_columns() -> None:
    page = page_of(line("第一行标题", 40, 40, size=16), line("第二行", 50, 60, size=16),
                   line("左栏", 20, 100), line("右栏", 100, 100))
    assert text_blocks(page, 8.0) == ["第一行标题第二行", "左栏", "右栏"]


def test_missing_from_counts_the_shortfall() -> None:
    assert missing_from(Counter("院院报"), Counter("院报报")) == {"院": 1}
    assert missing_from(Counter("院报"), Counter("院报院")) == {}
