"""The corpus keeps its promises: every article and picture is named in SOURCES.md, the pictures are
modest real JPEGs of every shape, the phone photo is stored sideways with EXIF Orientation 6."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps

from corpuskit import CORPUS, corpus_issues

SOURCES = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
# The brief for the corpus: pictures at most 2000 px on the long side, the whole corpus at most 8 MB.
MAX_SIDE_PX = 2000
MAX_CORPUS_BYTES = 8 * 1024 * 1024
EXIF_ORIENTATION = 0x0112


def pictures() -> list[Path]:
    return sorted(CORPUS.glob("*/images/*"))


def test_every_article_and_picture_is_in_sources() -> None:
    names = {p.name for d in corpus_issues() for p in (d / "articles").glob("*.md")} | {p.name for p in pictures()}
    missing = sorted(n for n in names if f"`{n}`" not in SOURCES and f"`{n}` " not in SOURCES)
    assert not missing, f"not named in corpus/SOURCES.md: {missing}"


def test_at_least_22_articles() -> None:
    assert len({p.name for d in corpus_issues() for p in (d / "articles").glob("*.md")}) >= 22


def test_pictures_are_modest_jpegs() -> None:
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    assert total <= MAX_CORPUS_BYTES
    for p in pictures():
        with Image.open(p) as im:
            assert im.format == "JPEG", p
            assert max(im.size) <= MAX_SIDE_PX, p


def test_tabloid_has_photos_of_every_shape() -> None:
    shapes = set()
    for p in (CORPUS / "tabloid-news" / "images").glob("*.jpg"):
        with Image.open(p) as im:
            w, h = ImageOps.exif_transpose(im).size
        r = w / h
        shapes.add("panorama" if r >= 3 else "landscape" if r > 1.05 else "square" if r >= 0.95 else "portrait")
        if (w, h) == (300, 400):
            shapes.add("headshot")
    assert {"panorama", "landscape", "square", "portrait", "headshot"} <= shapes


def test_phone_photo_is_stored_sideways() -> None:
    p = CORPUS / "tabloid-news" / "images" / "rocket-phone-exif6.jpg"
    with Image.open(p) as im:
        assert im.getexif().get(EXIF_ORIENTATION) == 6
        stored = im.size
        upright = ImageOps.exif_transpose(im).size
    assert stored[0] > stored[1] and upright[0] < upright[1]
