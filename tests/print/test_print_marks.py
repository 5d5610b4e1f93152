"""Crop marks, registration targets and the slug, read back from the PDF with pdfplumber."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pdfplumber
import pytest
from printkit import BLEED, BLEED_BOX, MEDIA, TRIM

from issuepress.render.marks import (CROP_MARK_LEN_PT, MARK_LINE_PT, MARK_SPACE_PT, TARGET_RADIUS_PT,
                                     draw_marks, format_slug, marks_hook)

SLUG = "Paper  No. 4  page 1  2026-04-01  issue.pdf  2026-04-01 09:30"


def marked(make_pdf, slug=SLUG, font: str | None = None, trim=TRIM):
    result: dict[str, str] = {}

    def draw(c):
        result["lacking"] = draw_marks(c, trim, BLEED, slug, font)
    path = make_pdf(draw)
    return pdfplumber.open(path), result["lacking"]


def overlaps(obj, box, eps=0.01) -> bool:
    return obj["x0"] < box[2] - eps and obj["x1"] > box[0] + eps and obj["y0"] < box[3] - eps \
        and obj["y1"] > box[1] + eps


def test_crop_marks_sit_on_the_trim_lines_outside_the_bleed(make_pdf, test_font):
    pdf, _ = marked(make_pdf, font=test_font)
    lines = pdf.pages[0].lines
    x0, y0, x1, y1 = TRIM
    crop = [ln for ln in lines if pytest.approx(CROP_MARK_LEN_PT, abs=0.01) in (ln["width"], ln["height"])]
    assert len(crop) == 8
    horizontal = sorted((round(ln["y0"], 2), round(ln["x0"], 2)) for ln in crop if ln["height"] < 0.01)
    vertical = sorted((round(ln["x0"], 2), round(ln["y0"], 2)) for ln in crop if ln["width"] < 0.01)
    off = BLEED + MARK_LINE_PT / 2
    near, far = round(x0 - off - CROP_MARK_LEN_PT, 2), round(x1 + off, 2)
    assert horizontal == [(round(y0, 2), near), (round(y0, 2), far), (round(y1, 2), near), (round(y1, 2), far)]
    assert [v[0] for v in vertical] == [round(x0, 2)] * 2 + [round(x1, 2)] * 2
    for ln in crop:
        assert ln["linewidth"] == pytest.approx(MARK_LINE_PT)
        assert tuple(ln["stroking_color"]) == (1, 1, 1, 1)  # registration: on every plate


def test_every_mark_is_outside_the_bleed_box_and_on_the_sheet(make_pdf, test_font):
    pdf, _ = marked(make_pdf, font=test_font)
    page = pdf.pages[0]
    objs = page.lines + page.curves + page.chars
    assert len(page.curves) == 4 and len(page.chars) > 20
    for obj in objs:
        assert not overlaps(obj, BLEED_BOX), obj
        assert -0.01 <= obj["x0"] and obj["x1"] <= MEDIA[0] + 0.01
        assert -0.01 <= obj["y0"] and obj["y1"] <= MEDIA[1] + 0.01


def test_targets_are_centred_on_each_side(make_pdf, test_font):
    pdf, _ = marked(make_pdf, slug="", font=test_font)
    centres = sorted((round((c["x0"] + c["x1"]) / 2, 1), round((c["y0"] + c["y1"]) / 2, 1))
                     for c in pdf.pages[0].curves)
    mid_x, mid_y = (TRIM[0] + TRIM[2]) / 2, (TRIM[1] + TRIM[3]) / 2
    d = BLEED + MARK_SPACE_PT / 2
    expected = sorted((round(x, 1), round(y, 1)) for x, y in
                      [(mid_x, TRIM[1] - d), (mid_x, TRIM[3] + d), (TRIM[0] - d, mid_y), (TRIM[2] + d, mid_y)])
    assert centres == expected
    assert all(c["width"] == pytest.approx(2 * TARGET_RADIUS_PT, abs=0.05) for c in pdf.pages[0].curves)


def test_slug_text_reads_back_below_the_bleed_at_bottom_left(make_pdf, test_font):
    pdf, lacking = marked(make_pdf, font=test_font)
    page = pdf.pages[0]
    assert lacking == ""
    assert page.extract_text().replace(" ", "") == SLUG.replace(" ", "")
    chars = page.chars
    assert all(ch["y1"] <= BLEED_BOX[1] for ch in chars)
    assert min(ch["x0"] for ch in chars) > TRIM[0]  # right of the left crop mark
    assert {ch["fontname"].split("+")[-1] for ch in chars} != {"Helvetica"}


def test_chinese_slug_in_the_passed_face(make_pdf, test_font):
    slug = format_slug(paper="中文", issue="第4期", page=2, date="2026-04-01", file="a.pdf",
                       composed=datetime(2026, 4, 1, 9, 30))
    assert slug == "中文  第4期  第2版  2026-04-01  a.pdf  2026-04-01 09:30"
    pdf, lacking = marked(make_pdf, slug="中文 第4期", font=test_font)
    assert lacking == ""
    assert pdf.pages[0].extract_text().replace(" ", "") == "中文第4期"


def test_characters_the_font_lacks_are_reported_and_left_out(make_pdf, test_font):
    pdf, lacking = marked(make_pdf, slug="ab\U00020000cd\U00020000", font=test_font)
    assert lacking == "\U00020000"
    assert pdf.pages[0].extract_text() == "abcd"


def test_without_a_face_the_slug_falls_back_to_helvetica(make_pdf):
    pdf, _ = marked(make_pdf, slug="proof 1", font=None)
    assert {ch["fontname"] for ch in pdf.pages[0].chars} == {"Helvetica"}


def test_long_slug_on_a_narrow_page_drops_the_bottom_target_not_the_text(make_pdf, test_font):
    narrow = (TRIM[0], TRIM[1], TRIM[0] + 200, TRIM[3])
    pdf, _ = marked(make_pdf, font=test_font, trim=narrow)
    page = pdf.pages[0]
    assert len(page.curves) == 3
    assert all(c["y0"] > narrow[1] for c in page.curves)  # the bottom one is the one left out
    assert max(ch["x1"] for ch in page.chars) < narrow[2]  # left of the right crop mark
    assert page.extract_text().replace(" ", "") == SLUG.replace(" ", "")


def test_slug_too_long_for_any_room_is_cut_at_the_end(make_pdf, test_font):
    tiny = (TRIM[0], TRIM[1], TRIM[0] + 40, TRIM[3])
    pdf, _ = marked(make_pdf, font=test_font, trim=tiny)
    text = pdf.pages[0].extract_text()
    assert text.startswith("Paper") and text.endswith("…")
    assert max(ch["x1"] for ch in pdf.pages[0].chars) < tiny[2]


@dataclass(frozen=True)
class FakePage:
    number: int = 3
    width_pt: float = TRIM[2] - TRIM[0]
    height_pt: float = TRIM[3] - TRIM[1]


def test_marks_hook_finds_the_trim_render_pdf_uses(make_pdf, test_font):
    hook = marks_hook(BLEED, lambda page: f"page {page.number}", test_font)
    path = make_pdf(lambda c: hook(c, FakePage(), None))
    page = pdfplumber.open(path).pages[0]
    assert page.extract_text() == "page 3"
    xs = {round(ln["x0"], 2) for ln in page.lines if ln["width"] < 0.01 and ln["height"] > 20}
    assert {round(TRIM[0], 2), round(TRIM[2], 2)} <= xs


def test_a_slug_thousands_of_characters_long_keeps_the_longest_start_that_fits(make_pdf, test_font):
    """A paper name of 20,000 characters: the cut keeps as much of the start as the room takes."""
    from reportlab.pdfbase import pdfmetrics

    from issuepress.render.marks import SLUG_MIN_SIZE_PT, slug_placement
    slug = "Paper " + "name " * 4000 + "2026-04-01 09:30"
    x, size, text, _ = slug_placement(TRIM, slug, test_font)
    room = TRIM[2] - x - (x - TRIM[0])  # the slug's gap is the same either side
    assert size == SLUG_MIN_SIZE_PT and text.endswith("…") and slug.startswith(text[:-1])
    assert pdfmetrics.stringWidth(text, test_font, size) <= room
    longer = slug[:len(text)] + "…"  # one character more than was kept
    assert pdfmetrics.stringWidth(longer, test_font, size) > room
