"""check_pdf on small PDFs: for each code a PDF that passes and one that fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader

from issuepress.preflight.pdfcheck import as_findings, check_pdf, page_boxes, pdfx_findings
from issuepress.render.colors import REGISTRATION
from issuepress.render.marks import draw_marks

from printkit import BLEED, BLEED_BOX, MEDIA, TRIM

X, Y = TRIM[0] + 20, TRIM[1] + 20  # a point well inside the trim


def codes(path: Path, **kw) -> list[str]:
    return [f.code for f in check_pdf(path, **{"print_mode": True, **kw})]


def cmyk_text(font: str, cmyk=(0, 0, 0, 1), text="Test 123", x=X, y=Y):
    def draw(c):
        c.setFillColorCMYK(*cmyk)
        c.setFont(font, 9)
        c.drawString(x, y, text)
    return draw


# ---- box-missing ----------------------------------------------------------------------------------------

def test_boxes_present_pass(make_pdf, test_font):
    path = make_pdf(cmyk_text(test_font))
    assert codes(path) == []
    (boxes,) = page_boxes(path)
    assert boxes["MediaBox"] == pytest.approx((0, 0, *MEDIA))
    assert boxes["TrimBox"] == pytest.approx(TRIM)
    assert boxes["BleedBox"] == pytest.approx(BLEED_BOX)


def test_trim_box_missing_fails_in_print_mode_only(make_pdf, test_font):
    path = make_pdf(cmyk_text(test_font), trim=False)
    found = check_pdf(path, print_mode=True)
    assert [(f.code, f.page) for f in found] == [("box-missing", 1)]
    assert "TrimBox" in found[0].message
    assert codes(path, print_mode=False) == []
    assert page_boxes(path)[0]["TrimBox"] is None


def test_bleed_box_missing_fails(make_pdf, test_font):
    assert codes(make_pdf(cmyk_text(test_font), cmyk_text(test_font), bleed=False)) == ["box-missing"] * 2


def test_trim_outside_bleed_fails(make_pdf, test_font):
    def draw(c):
        cmyk_text(test_font)(c)
        c.setBleedBox((TRIM[0] + 5, TRIM[1], TRIM[2], TRIM[3]))
    assert codes(make_pdf(draw)) == ["box-missing"]


# ---- font-not-embedded ------------------------------------------------------------------------------------

def test_embedded_truetype_passes(make_pdf, test_font):
    assert codes(make_pdf(cmyk_text(test_font)), print_mode=False) == []


def test_base14_font_not_embedded_fails_even_in_proofs(make_pdf, test_font):
    path = make_pdf(cmyk_text(test_font), cmyk_text("Helvetica"))
    found = check_pdf(path, print_mode=False)
    assert [(f.code, f.page, f.severity) for f in found] == [("font-not-embedded", 2, "error")]
    assert "Helvetica" in found[0].message


# ---- rgb-content ------------------------------------------------------------------------------------------

def rule(c, setter, *colour, width=0.5, x0=X, y0=Y):
    setter(*colour)
    c.setLineWidth(width)
    c.line(x0, y0, x0 + 100, y0)


def test_cmyk_rules_and_text_pass(make_pdf, test_font):
    def draw(c):
        rule(c, c.setStrokeColorCMYK, 0, 0.5, 1, 0)
        cmyk_text(test_font, (0.2, 0, 0, 0.4))(c)
    assert codes(make_pdf(draw)) == []


@pytest.mark.parametrize("how", ["stroke", "fill", "text"])
def test_rgb_paint_fails(make_pdf, test_font, how):
    def draw(c):
        if how == "stroke":
            rule(c, c.setStrokeColorRGB, 1, 0, 0)
        elif how == "fill":
            c.setFillColorRGB(0, 0, 1)
            c.rect(X, Y, 20, 20, stroke=0, fill=1)
        else:
            c.setFont(test_font, 9)
            c.setFillColorRGB(0.2, 0.2, 0.2)
            c.drawString(X, Y, "rgb")
    path = make_pdf(draw)
    assert codes(path) == ["rgb-content"]
    assert codes(path, print_mode=False) == []


def test_rgb_set_but_never_painted_passes(make_pdf, test_font):
    def draw(c):
        c.setFillColorRGB(1, 0, 0)
        c.setFillColorCMYK(0, 0, 0, 1)
        c.rect(X, Y, 20, 20, stroke=0, fill=1)
    assert codes(make_pdf(draw)) == []


def raw(ops: str):
    """Content written as PDF operators, for the colour spaces ReportLab's API does not produce."""
    def draw(c):
        c._code.append(ops)  # the canvas's own content list: no public call writes cs/sc
    return draw


@pytest.mark.parametrize(("ops", "expected"), [
    (f"/DeviceRGB cs 1 0 0 sc {X} {Y} 20 20 re f", ["rgb-content"]),
    (f"/DeviceRGB CS 0 0 1 SC 1 w {X} {Y} m {X + 50} {Y} l S", ["rgb-content"]),
    (f"/DeviceCMYK cs 0 1 1 0 sc {X} {Y} 20 20 re f", []),
    (f"/DeviceCMYK cs 1 1 1 0.5 sc {X} {Y} 20 20 re f", ["ink-over-limit"]),
    (f"/DeviceGray cs 0 sc {X} {Y} 20 20 re f", []),
])
def test_colour_set_through_cs_and_sc(make_pdf, ops, expected):
    assert codes(make_pdf(raw(ops))) == expected


# ---- rich-black -------------------------------------------------------------------------------------------

def test_k_only_text_passes(make_pdf, test_font):
    assert codes(make_pdf(cmyk_text(test_font, (0, 0, 0, 1)))) == []


def test_four_colour_black_text_fails(make_pdf, test_font):
    found = check_pdf(make_pdf(cmyk_text(test_font, (0.6, 0.4, 0.4, 1.0))), print_mode=True)
    assert [f.code for f in found] == ["rich-black"]
    assert "C60 M40 Y40 K100" in found[0].message


def test_rich_black_area_is_not_text_and_passes(make_pdf):
    def draw(c):
        c.setFillColorCMYK(0.6, 0.4, 0.4, 1.0)  # 240 %: a rich-black panel is fine, only text is flagged
        c.rect(X, Y, 50, 50, stroke=0, fill=1)
    assert codes(make_pdf(draw)) == []


def test_rich_black_text_inside_a_form_fails(make_pdf, test_font):
    def draw(c):
        c.beginForm("f1")
        cmyk_text(test_font, (0.3, 0.3, 0.3, 0.95))(c)
        c.endForm()
        c.doForm("f1")
    assert codes(make_pdf(draw)) == ["rich-black"]


# ---- ink-over-limit ---------------------------------------------------------------------------------------

def panel(cmyk, x=X, y=Y):
    def draw(c):
        c.setFillColorCMYK(*cmyk)
        c.rect(x, y, 50, 50, stroke=0, fill=1)
    return draw


def test_ink_within_limit_passes(make_pdf):
    assert codes(make_pdf(panel((0.75, 0.75, 0.75, 0.75)))) == []  # exactly 300 %


def test_ink_over_limit_fails(make_pdf):
    path = make_pdf(panel((0.8, 0.8, 0.8, 0.8)))
    found = check_pdf(path, print_mode=True)
    assert [f.code for f in found] == ["ink-over-limit"]
    assert "320%" in found[0].message
    assert codes(path, ink_limit=340) == []
    assert codes(make_pdf(panel((0.7, 0.7, 0.0, 0.0))), ink_limit=120) == ["ink-over-limit"]  # newsprint-ish


def test_registration_marks_outside_bleed_pass(make_pdf, test_font):
    def draw(c):
        draw_marks(c, TRIM, BLEED, "Paper 4  page 1  2026-04-01", test_font)
    assert codes(make_pdf(draw)) == []


def test_registration_colour_inside_trim_fails(make_pdf):
    def draw(c):
        rule(c, c.setStrokeColorCMYK, *REGISTRATION, width=0.25)
    assert codes(make_pdf(draw)) == ["ink-over-limit"]


def test_heavy_ink_reaching_into_the_bleed_fails(make_pdf):
    # A panel mostly in the mark area but 2 pt into the bleed prints there before trimming.
    assert codes(make_pdf(panel((1, 1, 1, 1), x=BLEED_BOX[0] - 48, y=Y))) == ["ink-over-limit"]
    assert codes(make_pdf(panel((1, 1, 1, 1), x=BLEED_BOX[0] - 52, y=Y))) == []


def test_heavy_text_in_the_scaled_mark_area_is_exempt(make_pdf, test_font):
    def draw(c):
        c.saveState()
        c.translate(TRIM[0], 4)
        c.scale(0.5, 0.5)  # the slug drawn through a cm: its box must still be computed in page space
        cmyk_text(test_font, REGISTRATION, x=0, y=0)(c)
        c.restoreState()
    assert codes(make_pdf(draw)) == []


# ---- images: image-rgb and image-low-resolution ----------------------------------------------------------

def image(mode: str, px: int, size_pt: float = 72.0, *, scale: float = 1.0, inline: bool = False):
    colour = {"RGB": (200, 30, 30), "CMYK": (0, 200, 200, 0), "L": 128}[mode]
    img = Image.new(mode, (px, px), colour)

    def draw(c):
        c.saveState()
        c.translate(X, Y)
        c.scale(scale, scale)
        if inline:
            c.drawInlineImage(img, 0, 0, size_pt, size_pt)
        else:
            c.drawImage(ImageReader(img), 0, 0, size_pt, size_pt)
        c.restoreState()
    return draw


def test_cmyk_image_at_300_ppi_passes(make_pdf):
    assert codes(make_pdf(image("CMYK", 300))) == []
    assert codes(make_pdf(image("L", 300))) == []


def test_rgb_image_fails_in_print_mode_only(make_pdf):
    path = make_pdf(image("RGB", 300))
    found = check_pdf(path, print_mode=True)
    assert [(f.code, f.severity) for f in found] == [("image-rgb", "warning")]
    # where an editor finds it: size and position from the trim's top-left corner, in mm
    top_mm = (TRIM[3] - Y - 72) * 25.4 / 72
    assert f"300×300 px, 25×25 mm, at x 7 mm, y {top_mm:.0f} mm" in found[0].message
    assert codes(path, print_mode=False) == []


def test_rgb_inline_image_fails(make_pdf):
    assert codes(make_pdf(image("RGB", 300, inline=True))) == ["image-rgb"]


@pytest.mark.parametrize(("px", "expected"), [(300, []), (299, ["warning"]), (150, ["warning"]),
                                              (149, ["error"])])
def test_low_resolution_thresholds(make_pdf, px, expected):
    found = check_pdf(make_pdf(image("CMYK", px)), print_mode=False)
    assert [f.severity for f in found if f.code == "image-low-resolution"] == expected


def test_resolution_uses_the_placement_matrix(make_pdf):
    # 300 px over 72 pt is 300 ppi, but scaled up 2x by a cm it is printed at 150 ppi.
    found = check_pdf(make_pdf(image("CMYK", 300, scale=2.0)), print_mode=True)
    assert [(f.code, f.severity) for f in found] == [("image-low-resolution", "warning")]
    assert "150 ppi" in found[0].message
    # ... and scaled down it is sharp enough even with fewer pixels.
    assert codes(make_pdf(image("CMYK", 200, scale=0.5))) == []


def test_custom_thresholds(make_pdf):
    path = make_pdf(image("CMYK", 200))
    assert codes(path, min_ppi=150, warn_ppi=100) == []
    assert [f.severity for f in check_pdf(path, print_mode=True, min_ppi=400, warn_ppi=250)] == ["error"]


# ---- pdfx-unmet and conversions ---------------------------------------------------------------------------

def test_pdfx_findings_carry_the_page():
    found = pdfx_findings(["page 2: font Helvetica is not embedded", "document: encrypted"])
    assert [(f.code, f.page, f.severity) for f in found] == [("pdfx-unmet", 2, "error"),
                                                             ("pdfx-unmet", None, "error")]
    assert found[0].message == "font Helvetica is not embedded"
    assert pdfx_findings([]) == []


def test_as_findings_keeps_code_page_and_severity(make_pdf):
    (f,) = as_findings(check_pdf(make_pdf(panel((1, 1, 1, 1))), print_mode=True))
    assert (f.severity, f.code, f.page, f.article) == ("error", "ink-over-limit", 1, None)


def test_findings_are_in_page_order(make_pdf, test_font):
    path = make_pdf(panel((1, 1, 1, 1)), cmyk_text(test_font, (0.5, 0.5, 0.5, 1)), image("RGB", 100))
    found = check_pdf(path, print_mode=True)
    assert [(f.page, f.code) for f in found] == [(1, "ink-over-limit"), (2, "rich-black"),
                                                 (3, "image-low-resolution"), (3, "image-rgb")]
