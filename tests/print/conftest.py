"""Fixtures for the print tests: small PDFs made with ReportLab on a trimmed, bled page, a test font."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont as FTFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).parent))  # `import printkit` whatever pytest's import mode

from printkit import BLEED_BOX, MEDIA, TEST_FONT, TRIM, font_file_for_tests  # noqa: E402

Draw = Callable[[Canvas], None]


@pytest.fixture(scope="session")
def test_font(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A registered, embeddable TrueType font (never a system font).

    ReportLab maps every font whose internal PostScript name it has seen before to the first font
    object registered under that name, so a subset of the same font registered by another test would
    stand in for it; a private copy with its own name keeps these tests independent of test order.
    """
    if TEST_FONT not in pdfmetrics.getRegisteredFontNames():
        font = FTFont(str(font_file_for_tests()))
        for rec in font["name"].names:
            if rec.nameID in (1, 3, 4, 6):
                rec.string = TEST_FONT
        path = tmp_path_factory.mktemp("font") / f"{TEST_FONT}.ttf"
        font.save(str(path))
        pdfmetrics.registerFont(TTFont(TEST_FONT, str(path)))
    return TEST_FONT


@pytest.fixture
def make_pdf(tmp_path: Path, test_font: str) -> Callable[..., Path]:
    """make_pdf(draw, draw2, ..., trim=True, bleed=True): one page per draw function, boxes as in print.

    The canvas starts in the test font, as print mode must: ReportLab's default initial font is
    Helvetica, which would otherwise sit unembedded in every page's resources.
    """
    counter = iter(range(10_000))

    def make(*draws: Draw, name: str | None = None, trim: bool = True, bleed: bool = True) -> Path:
        path = tmp_path / (name or f"t{next(counter)}.pdf")
        c = Canvas(str(path), pagesize=MEDIA, invariant=1, pageCompression=1, initialFontName=test_font)
        for draw in draws:
            if trim:
                c.setTrimBox(TRIM)
            if bleed:
                c.setBleedBox(BLEED_BOX)
            draw(c)
            c.showPage()
        c.save()
        return path

    return make


@pytest.fixture
def fake_cmyk_profile(tmp_path: Path) -> Path:
    """Bytes with an ICC header saying 'output profile, CMYK': enough for code that only embeds a profile."""
    head = bytearray(128)
    head[0:4] = (128 + 4).to_bytes(4, "big")
    head[12:16] = b"prtr"
    head[16:20] = b"CMYK"
    head[36:40] = b"acsp"
    path = tmp_path / "fake-cmyk.icc"
    path.write_bytes(bytes(head) + b"\0\0\0\0")
    return path
