"""Every mode and bit depth Pillow opens is drawn as it looks: the picture read back from the PDF has the
source's brightness and contrast (a 16-bit grey PNG printed white), and phone pictures stand upright."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageStat

from issuepress.render.picture_modes import printable
from robustkit import EXIT_OK, describe, run_cli, write_issue

SIZE = (300, 200)  # landscape, so the frame crops little
# Mean and standard deviation of the grey read back may differ from the source's by this much (of 255):
# the frame crops a little, resampling and the sRGB->CMYK->grey round trip move values by a few units;
# a white or black picture is 100 off.
MEAN_TOL = 12.0
# Modes that hold grey only: printed on the black plate alone (colour modes go through the ICC profile).
GREY_MODES = frozenset({"1", "L", "LA", "I;16", "I;16B", "I", "F", "CMYK"})
STD_TOL = 12.0


def gradient() -> Image.Image:
    """Grey 0..255 top to bottom: mean 127.5, standard deviation 74."""
    return Image.linear_gradient("L").resize(SIZE)


def _png16_rgb(ref: Image.Image) -> bytes:
    """A 16-bit-per-sample RGB PNG written by hand (Pillow writes none)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    w, h = ref.size
    px = ref.tobytes()
    rows = b"".join(b"\0" + b"".join(struct.pack(">HHH", v * 257, v * 257, v * 257) for v in px[y * w:(y + 1) * w])
                    for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _save(img: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def sources() -> dict[str, tuple[str, bytes]]:
    """name -> (mode Pillow opens the file in, file bytes), all of the same grey gradient."""
    ref = gradient()
    vals = ref.tobytes()
    zero = Image.new("L", SIZE, 0)
    made = {
        "bilevel.png": ("1", _save(ref.convert("1"), "PNG")),
        "grey.png": ("L", _save(ref, "PNG")),
        "grey-alpha.png": ("LA", _save(ref.convert("LA"), "PNG")),
        "palette.png": ("P", _save(ref.convert("P"), "PNG")),
        "grey16.png": ("I;16", _save(Image.frombytes("I;16", SIZE, b"".join(struct.pack("<H", v * 257) for v in vals)),
                                     "PNG")),
        "grey16be.tif": ("I;16B", _save(Image.frombytes("I;16B", SIZE,
                                                        b"".join(struct.pack(">H", v * 257) for v in vals)), "TIFF")),
        "grey32.tif": ("I", _save(ref.convert("I").point(lambda v: v * 257), "TIFF")),
        "float.tif": ("F", _save(ref.convert("F").point(lambda v: v / 255), "TIFF")),
        "rgb16.png": ("RGB", _png16_rgb(ref)),
        "cmyk.tif": ("CMYK", _save(Image.merge("CMYK", (zero, zero, zero, ref.point(lambda v: 255 - v))), "TIFF")),
        "ycbcr.tif": ("YCbCr", _save(ref.convert("RGB").convert("YCbCr"), "TIFF")),
        "lab.tif": ("LAB", _save(ref.convert("LAB"), "TIFF")),
    }
    return made


SOURCES = sources()


def grey_stats(img: Image.Image) -> tuple[float, float]:
    """(mean, standard deviation) of the picture as grey 0..255 (CMYK through Pillow's plain formula)."""
    grey = img.convert("RGB").convert("L") if img.mode == "CMYK" else img.convert("L")
    st = ImageStat.Stat(grey)
    return st.mean[0], st.stddev[0]


def placed_images(pdf: Path) -> list[Image.Image]:
    with pikepdf.open(pdf) as doc:
        return [pikepdf.PdfImage(raw).as_pil_image() for page in doc.pages for raw in page.get_images().values()]


def compose_photo(tmp_path: Path, name: str, data: bytes, *args: str) -> Path:
    root = write_issue(tmp_path / "issue", body="正文一段。",
                       front=f"title: 标题\nphotos:\n  - src: images/{name}\n    caption: 图片说明\n",
                       files={f"images/{name}": data})
    out = tmp_path / "out.pdf"
    res = run_cli("compose", root, "-o", out, *args)
    assert res.exit_code == EXIT_OK, describe(res)
    assert res.stderr == "", describe(res)
    return out


def test_the_sources_open_in_the_modes_they_stand_for() -> None:
    for name, (mode, data) in SOURCES.items():
        with Image.open(io.BytesIO(data)) as im:
            assert im.mode == mode, name
            mean, std = grey_stats(im if mode in ("L", "RGB", "CMYK", "1", "P", "LA") else printable(im))
            assert abs(mean - 127.5) < 3 and std > 60, (name, mean, std)


@pytest.mark.parametrize("name", sorted(SOURCES))
@pytest.mark.parametrize("mode", ["proof", "print"])
def test_every_mode_is_drawn_with_its_brightness_and_contrast(tmp_path: Path, name: str, mode: str) -> None:
    out = compose_photo(tmp_path, name, SOURCES[name][1], *(["--proof"] if mode == "proof" else []))
    images = placed_images(out)
    assert len(images) == 1, name
    mean, std = grey_stats(images[0])
    ref_mean, ref_std = grey_stats(gradient().convert("1") if name == "bilevel.png" else gradient())
    assert abs(mean - ref_mean) < MEAN_TOL and abs(std - ref_std) < STD_TOL, (name, mode, mean, std)
    if mode == "print" and SOURCES[name][0] in GREY_MODES:  # grey goes to the black plate only
        assert images[0].mode in ("CMYK", "L"), images[0].mode
        if images[0].mode == "CMYK":
            c, m, y, _ = images[0].split()
            assert max(ch.getextrema()[1] for ch in (c, m, y)) <= 8, name


def test_sixteen_bit_grey_is_not_white_on_the_black_plate(tmp_path: Path) -> None:
    """The case the issue names: the K plate carries the picture (it was all 0, paper white)."""
    out = compose_photo(tmp_path, "grey16.png", SOURCES["grey16.png"][1])
    (img,) = placed_images(out)
    k = img.getchannel("K") if img.mode == "CMYK" else img.point(lambda v: 255 - v)
    lo, hi = k.getextrema()
    assert hi - lo > 200 and ImageStat.Stat(k).stddev[0] > 50


@pytest.mark.parametrize("mode", ["HSV", "PA", "La", "RGBa", "RGBX", "I;16L", "I;16N"])
def test_modes_only_made_in_memory_are_printable(mode: str) -> None:
    ref = gradient()
    img = ref.convert("RGB").convert(mode) if mode in ("HSV", "RGBX") else ref.convert("RGBA" if mode == "RGBa"
                                                                                      else "LA").convert(mode) \
        if mode in ("La", "RGBa") else ref.convert(mode) if mode == "PA" else \
        Image.frombytes(mode, SIZE, b"".join(struct.pack("<H", v * 257) for v in ref.tobytes()))
    out = printable(img)
    assert out.mode in ("L", "RGB", "CMYK")
    mean, std = grey_stats(out)
    assert abs(mean - 127.5) < 3 and abs(std - 73.9) < 3, (mode, mean, std)


def test_transparent_parts_print_as_paper(tmp_path: Path) -> None:
    img = Image.new("LA", SIZE, (0, 0))  # black, fully transparent: nothing to print
    out = compose_photo(tmp_path, "clear.png", _save(img, "PNG"), "--proof")
    (placed,) = placed_images(out)
    assert grey_stats(placed)[0] > 250


def test_exif_orientation_still_turns_a_phone_picture_upright(tmp_path: Path) -> None:
    """Stored landscape with EXIF orientation 6 (turn 90° clockwise to view): placed portrait, its
    dark stored-left edge at the top."""
    stored = Image.new("L", (300, 200), 255)
    stored.paste(0, (0, 0, 60, 200))  # a dark band along the stored left edge
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    stored.save(buf, "JPEG", exif=exif.tobytes())
    out = compose_photo(tmp_path, "phone.jpg", buf.getvalue(), "--proof")
    (placed,) = placed_images(out)
    assert placed.height > placed.width
    grey = placed.convert("L")
    top = ImageStat.Stat(grey.crop((0, 0, grey.width, grey.height // 10))).mean[0]
    bottom = ImageStat.Stat(grey.crop((0, grey.height * 9 // 10, grey.width, grey.height))).mean[0]
    assert top < 60 and bottom > 200, (top, bottom)
