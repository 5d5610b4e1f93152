"""Helpers of the cache, font and signal tests: an issue with a photo, a private cache, the PDF read back."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageStat

from robustkit import EXIT_OK, describe, run_cli, write_issue

PHOTO = "images/p.bmp"  # BMP: two pictures of one size have files of one size (for the `cp -p` case)
PHOTO_FRONT = f"title: 标题\nphotos:\n  - src: {PHOTO}\n    caption: 图片说明\n"


def bmp(grey: int, size: tuple[int, int] = (300, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("L", size, grey).convert("RGB").save(buf, "BMP")
    return buf.getvalue()


def photo_issue(root: Path, grey: int = 40) -> Path:
    return write_issue(root, body="正文一段，用于检验缓存。", front=PHOTO_FRONT, files={PHOTO: bmp(grey)})


def use_cache(monkeypatch: pytest.MonkeyPatch, path: Path) -> Path:
    monkeypatch.setenv("ISSUEPRESS_CACHE", str(path))
    return path


def compose_ok(root: Path, out: Path, *args: str) -> bytes:
    """Compose with the CLI (in this process); exit 0, nothing on stderr; the PDF's bytes."""
    res = run_cli("compose", root, "-o", out, *args)
    assert res.exit_code == EXIT_OK, describe(res)
    assert res.stderr == "", describe(res)
    return out.read_bytes()


def photo_mean(pdf: Path) -> float:
    """Mean grey of the one picture placed in the PDF (0 black .. 255 white)."""
    with pikepdf.open(pdf) as doc:
        (raw,) = [r for page in doc.pages for r in page.get_images().values()]
        img = pikepdf.PdfImage(raw).as_pil_image()
    grey = img.convert("RGB").convert("L") if img.mode == "CMYK" else img.convert("L")
    return ImageStat.Stat(grey).mean[0]


def entries(cache: Path, sub: str) -> list[Path]:
    return sorted(p for p in (cache / sub).iterdir() if p.is_file() and not p.name.startswith("."))


def same_times(path: Path, like: os.stat_result) -> None:
    """What `cp -p` or an archive does: the replaced file keeps the old one's mtime (and here its size)."""
    os.utime(path, ns=(like.st_atime_ns, like.st_mtime_ns))
