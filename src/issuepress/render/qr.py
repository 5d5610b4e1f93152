"""Draw a QR code as vector squares, K-only, so it stays sharp at any print resolution."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from reportlab.pdfgen.canvas import Canvas

from . import colors

# Four modules of quiet zone is what the QR standard asks for around the symbol.
QUIET_MODULES = 4


@lru_cache(maxsize=64)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix of `data` at error correction level M, without border; made once per text in a
    process (choosing its mask builds and scores all eight: the code of a URL on every page is made once)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def draw_qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw at PDF coordinates, (x, y) the lower-left corner of a size × size square."""
    matrix = qr_matrix(data)
    n = len(matrix) + 2 * QUIET_MODULES
    m = size / n
    c.saveState()
    c.setFillColorCMYK(*colors.BLACK)
    p = c.beginPath()
    for r, row in enumerate(matrix):
        run_start = None
        for col in range(len(row) + 1):
            on = col < len(row) and row[col]
            if on and run_start is None:
                run_start = col
            elif not on and run_start is not None:
                px = x + (QUIET_MODULES + run_start) * m
                py = y + size - (QUIET_MODULES + r + 1) * m
                p.rect(px, py, (col - run_start) * m, m)
                run_start = None
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()
