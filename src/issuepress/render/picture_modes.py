"""Any picture Pillow opens, as one of the three modes the PDF writer draws: L, RGB or CMYK.

Pillow opens files into many modes (bilevel, 16-bit and 32-bit grey, float, palettes with or without
alpha, YCbCr, LAB, HSV...). ReportLab draws only 8-bit L, RGB and CMYK, and Pillow's own conversion
of deep grey to 8 bits clips instead of scaling (a 16-bit grey photo comes out white), so every
other mode is brought to one of those three here, scaled by its bit depth, transparency composited
onto white paper.
"""

from __future__ import annotations

from typing import cast

from PIL import Image

# Modes drawn as they are.
DRAWN = frozenset({"L", "RGB", "CMYK"})
# 16-bit grey in its byte orders: always 0..65535 (the PNG or TIFF header says 16 bits).
SIXTEEN_BIT = frozenset({"I;16", "I;16L", "I;16B", "I;16N"})
# 0..65535 maps to 0..255 by this divisor (65535 / 255).
SIXTEEN_TO_EIGHT = 257.0
EIGHT_BIT_MAX = 255.0
SIXTEEN_BIT_MAX = 65535.0
# A float picture whose values all lie in 0..1 is normalised (the usual convention of float TIFFs).
UNIT_MAX = 1.0
# Modes with an alpha channel (premultiplied or not): composited onto white, since print has no alpha.
ALPHA = frozenset({"LA", "La", "PA", "RGBA", "RGBa"})
GREY_ALPHA = frozenset({"LA", "La"})
WHITE = 255


def _range(img: Image.Image) -> tuple[float, float]:
    """Darkest and lightest value of a one-band picture, as floats."""
    lo, hi = cast("tuple[float, float]", img.convert("F").getextrema())  # one band: a (min, max) pair
    return float(lo), float(hi)


def _scaled(img: Image.Image, scale: float, offset: float = 0.0) -> Image.Image:
    """v * scale + offset in float, then to 8-bit grey (Pillow clips the result to 0..255)."""
    return img.convert("F").point(lambda v: v * scale + offset).convert("L")


def _stretched(img: Image.Image) -> Image.Image:
    """The picture's own darkest to lightest value over 0..255 (data with no fixed white)."""
    lo, hi = _range(img)
    if hi <= lo:
        return Image.new("L", img.size, WHITE if lo > 0 else 0)
    return _scaled(img, EIGHT_BIT_MAX / (hi - lo), -lo * EIGHT_BIT_MAX / (hi - lo))


def deep_grey(img: Image.Image) -> Image.Image:
    """16-bit, 32-bit or float grey as 8-bit grey.

    16-bit modes are scaled by 1/257. A 32-bit 'I' picture (how Pillow opens some 16-bit files) is
    taken as 8-bit data when every value fits 0..255, as 16-bit data when it fits 0..65535, else
    stretched. A float 'F' picture is taken as 0..1 when it fits that, as 0..255 when it fits that,
    else stretched.
    """
    if img.mode in SIXTEEN_BIT:
        return _scaled(img, 1.0 / SIXTEEN_TO_EIGHT)
    lo, hi = _range(img)
    if lo >= 0 and img.mode == "F" and hi <= UNIT_MAX:
        return _scaled(img, EIGHT_BIT_MAX)
    if lo >= 0 and hi <= EIGHT_BIT_MAX:
        return _scaled(img, 1.0)
    if lo >= 0 and img.mode == "I" and hi <= SIXTEEN_BIT_MAX:
        return _scaled(img, 1.0 / SIXTEEN_TO_EIGHT)
    return _stretched(img)


def _on_white(img: Image.Image) -> Image.Image:
    """An RGBA picture composited onto white paper, as RGB."""
    bg = Image.new("RGB", img.size, (WHITE, WHITE, WHITE))
    bg.paste(img, mask=img.getchannel("A"))
    return bg


def printable(img: Image.Image) -> Image.Image:
    """The picture as L, RGB or CMYK, looking as it does on screen over white paper."""
    mode = img.mode
    if mode in DRAWN and "transparency" not in img.info:
        return img
    if mode == "1":
        return img.convert("L")
    if mode in SIXTEEN_BIT or mode in ("I", "F"):
        return deep_grey(img)
    if mode in GREY_ALPHA:
        grey, alpha = img.split()  # La (premultiplied) is rare in files; its grey is kept as stored
        bg = Image.new("L", img.size, WHITE)
        bg.paste(grey, mask=alpha)
        return bg
    if mode == "CMYK":
        return img
    if mode in ALPHA or mode in ("P", "PA", "L", "RGB"):  # a palette, or a colour key marked transparent
        return _on_white(img.convert("RGBA"))
    return img.convert("RGB")  # YCbCr, LAB, HSV, RGBX: colour without alpha
