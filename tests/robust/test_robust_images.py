"""Odd pictures are drawn or replaced by a marked placeholder with a finding; none stops the compose."""

from __future__ import annotations

import io
import os
import struct
import time
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image

from issuepress.layout.items import ImageItem
from issuepress.limits import MAX_IMAGE_PIXELS
from issuepress.pipeline import ComposeOptions, compose
from robustkit import EXIT_INPUT, ISSUE_YAML, codes, describe, one_line, pdf_pages_text, run_cli, write_issue

CAPTION = "图片说明文字"
# Seconds for one compose with a picture; a decoded bomb would take far longer (and gigabytes).
QUICK_S = 20.0


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels, with almost no data: a decompression bomb's
    shape, cheap to write; only a decoder that trusts the header would allocate the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def encoded(mode: str, size: tuple[int, int], fmt: str, color: object = None) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color if color is not None else 0).save(buf, fmt)
    return buf.getvalue()


JPEG = encoded("RGB", (2400, 1600), "JPEG", (200, 60, 40))
PICTURES: dict[str, bytes] = {
    "bomb-400mp.png": png_header_only(20_000, 20_000),
    "bomb-90mp.png": png_header_only(10_000, 9_000),  # between our limit and Pillow's warning threshold
    "truncated.jpg": JPEG[: len(JPEG) // 2],
    "corrupt.jpg": JPEG[:2] + os.urandom(64) + JPEG[66:],
    "not-a-picture.jpg": "这不是图片".encode(),
    "empty.png": b"",
    "alpha.png": encoded("RGBA", (2400, 1600), "PNG", (0, 100, 200, 90)),
    "cmyk.jpg": encoded("CMYK", (2400, 1600), "JPEG", (0, 100, 100, 0)),
    "one-pixel.png": encoded("RGB", (1, 1), "PNG"),
    "sixteen-bit.png": encoded("I;16", (2400, 1600), "PNG"),
    "palette.png": encoded("P", (2400, 1600), "PNG"),
}
# The finding each picture gets (None: drawn, no error about the picture itself).
EXPECTED: dict[str, str | None] = {
    "bomb-400mp.png": "image-too-large",
    "bomb-90mp.png": "image-too-large",
    "truncated.jpg": "image-unreadable",
    "corrupt.jpg": "image-unreadable",
    "not-a-picture.jpg": "image-unreadable",
    "empty.png": "image-unreadable",
    "alpha.png": None,
    "cmyk.jpg": None,
    "one-pixel.png": "image-low-resolution",
    "sixteen-bit.png": None,
    "palette.png": None,
}


def photo_front(name: str) -> str:
    return f"title: 标题\nphotos:\n  - src: images/{name}\n    caption: {CAPTION}\n"


def test_bombs_are_over_the_limit() -> None:
    assert 10_000 * 9_000 > MAX_IMAGE_PIXELS and 20_000 * 20_000 > MAX_IMAGE_PIXELS


# Print mode converts pictures to CMYK, proof mode keeps them; both paths for the pictures they treat
# differently, print mode alone for the rest (a refused picture is refused before either).
MODES = [(name, False) for name in sorted(PICTURES)] + [
    (name, True) for name in ("alpha.png", "bomb-400mp.png", "cmyk.jpg", "sixteen-bit.png")]


@pytest.mark.parametrize("name, proof", MODES, ids=[f"{n}-{'proof' if p else 'print'}" for n, p in MODES])
def test_odd_picture_is_drawn_or_replaced_with_a_finding(tmp_path: Path, name: str, proof: bool) -> None:
    root = write_issue(tmp_path / "issue", body="正文一段。", front=photo_front(name),
                       files={f"images/{name}": PICTURES[name]})
    out = tmp_path / "issue.pdf"
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = compose(root, out, ComposeOptions(proof=proof))
    assert time.perf_counter() - start < QUICK_S
    assert not [w for w in caught if issubclass(w.category, Image.DecompressionBombWarning)]
    # image-cropped: a one-paragraph story's photo grows (within images.max_crop) to fill the page
    picture_codes = [c for c in codes(res.report) if c.startswith("image-") and c not in ("image-rgb", "image-cropped")]
    expected = EXPECTED[name]
    assert picture_codes == ([expected] if expected else []), res.report["findings"]
    for f in res.report["findings"]:
        if f["code"] == expected:
            assert f["message"].startswith(f"images/{name}") and f["page"] == 1, f
    images = [it for page in res.doc.pages for it in page.items if isinstance(it, ImageItem)]
    assert len(images) == 1
    assert images[0].ok == (expected in (None, "image-low-resolution"))
    assert CAPTION in pdf_pages_text(out)[0]  # the caption is set under the photo or its placeholder
    assert "正文一段。" in pdf_pages_text(out)[0]


def test_bomb_as_masthead_logo_is_refused_with_a_finding(tmp_path: Path) -> None:
    issue_yaml = (ISSUE_YAML.replace("  name: 测试院报\n", "  name: 测试院报\n  logo: images/logo.png\n")
                  .replace("template: inner", "template: front"))
    root = write_issue(tmp_path / "issue", issue_yaml=issue_yaml, files={"images/logo.png": png_header_only(30_000, 30_000)})
    res = compose(root, tmp_path / "issue.pdf", ComposeOptions(proof=True))
    assert "image-too-large" in codes(res.report)


def test_pillow_limit_is_restored_after_a_compose(tmp_path: Path) -> None:
    before = Image.MAX_IMAGE_PIXELS
    root = write_issue(tmp_path / "issue", front=photo_front("b.png"), files={"images/b.png": PICTURES["bomb-400mp.png"]})
    compose(root, tmp_path / "issue.pdf", ComposeOptions(proof=True))
    assert Image.MAX_IMAGE_PIXELS == before


def test_picture_that_is_a_pipe_is_an_input_error(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", front=photo_front("pipe.jpg"))
    (root / "images").mkdir()
    os.mkfifo(root / "images" / "pipe.jpg")
    res = run_cli("compose", root, "-o", tmp_path / "x.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "articles/a.md:4: photos[0].src: 'images/pipe.jpg' is not a regular file" in one_line(res.stderr)
