"""Photos as the editor asked, read back from the PDF: frames against the source pictures' pixels.

Ordinary pictures of every shape (a 3:2, a 2:3 portrait, a 4:1 panorama, a 300×400 headshot, a phone
picture stored on its side with an EXIF orientation, one with `focus: top`), each in a real story of the
jincheng seed, composed on tabloid-4col. Each picture is written here with Pillow; the checks measure
the placed frames and the embedded pixels, not what the code says it did.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from e2ekit import SEEDS, Composed, compact, compose, read_article
from pdfmeasure import PlacedImage, body_lines, placed_images, text_on_images

MM = 72 / 25.4
# The report's frames agree with the PDF's placements to this (mm).
FRAME_TOL_MM = 0.5
# A frame's width equals its columns' width to this (pt), and the embedded picture's shape the frame's.
WIDTH_TOL_PT = 0.5
SHAPE_TOL = 0.01
# The layout's images.max_crop default (15 %), plus the pixel rounding of a crop.
MAX_CROP = 0.15 + 0.002
ORIENTATION_TAG = 0x0112
ROTATED_90_CW = 6  # EXIF: the stored picture must be turned 90° clockwise to be upright


@dataclass(frozen=True)
class Pic:
    """A test picture: its article, upright pixel size, columns asked for and front-matter extras."""

    name: str
    story: str  # the seed article whose real text goes with it
    size: tuple[int, int]  # upright pixels
    width: int
    extra: str = ""
    page: int = 0  # set by the fixture


def _rows(size: tuple[int, int]) -> Image.Image:
    """Every row its own colour (row y: red = y mod 256, green = y div 256): a crop's rows can be read back."""
    w, h = size
    img = Image.new("RGB", size)
    px = img.load()
    for y in range(h):
        colour = (y % 256, y // 256, 128)
        for x in range(w):
            px[x, y] = colour
    return img


def _scene(size: tuple[int, int]) -> Image.Image:
    """A plain picture with a red band across its top tenth (which way is up)."""
    img = Image.new("RGB", size, (200, 200, 200))
    band = Image.new("RGB", (size[0], max(1, size[1] // 10)), (220, 20, 20))
    img.paste(band, (0, 0))
    return img


def _focus_size(layout) -> tuple[int, int]:
    """A picture one column wide at just over min_ppi whose natural frame rounds down to whole lines
    (so the height is cut) and that cannot grow a line without falling below min_ppi: the cut is
    forced, and focus: top decides where it falls."""
    col_w = (layout.page.width_pt - layout.page.margin_inside_pt - layout.page.margin_outside_pt
             - (layout.grid.columns - 1) * layout.grid.gutter_pt) / layout.grid.columns
    B = layout.grid.baseline_pt
    w = math.ceil(col_w / 72 * layout.images.min_ppi * 1.01)
    lines = 14.35  # natural height in grid lines: 14 lines cut 2.4 % of the height
    return w, round(w * lines * B / col_w)


@pytest.fixture(scope="module")
def photos_issue(out_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Composed, list[Pic]]:
    folder = tmp_path_factory.mktemp("photos") / "photos"
    (folder / "articles").mkdir(parents=True)
    (folder / "images").mkdir()
    from issuepress.load.layout import load_layout
    layout = load_layout("tabloid-4col", SEEDS)
    pics = [
        Pic("landscape.jpg", "safety-meeting", (1800, 1200), 2),
        Pic("portrait.jpg", "spine", (800, 1200), 1),
        Pic("panorama.jpg", "walk", (3600, 900), 4),
        Pic("headshot.jpg", "thumb", (300, 400), 2),
        Pic("phone.jpg", "nursing", (1000, 1333), 1),
        Pic("focus.png", "banner", _focus_size(layout), 1, "    focus: top\n"),
    ]
    pages = []
    for k, pic in enumerate(pics):
        path = folder / "images" / pic.name
        if pic.name == "phone.jpg":
            exif = Image.Exif()
            exif[ORIENTATION_TAG] = ROTATED_90_CW
            _scene(pic.size).transpose(Image.Transpose.ROTATE_90).save(path, quality=90, exif=exif)
        elif pic.name == "focus.png":
            _rows(pic.size).save(path)
        else:
            _scene(pic.size).save(path, quality=90)
        front, body = read_article(SEEDS / "jincheng-215" / "articles" / f"{pic.story}.md")
        art = (f"---\ntitle: {json.dumps(front['title'], ensure_ascii=False)}\nphotos:\n  - src: images/{pic.name}\n    caption: 图{k + 1}\n"
               f"    width: {pic.width}\n{pic.extra}---\n{body}")
        (folder / "articles" / f"{pic.story}.md").write_text(art, encoding="utf-8")
        slot = ", slot: lead" if k == 0 else ""
        pages.append(f"  - title: 第{k + 1}版\n    template: {'front' if k == 0 else 'inner'}\n"
                     f"    articles:\n      - {{file: articles/{pic.story}.md{slot}}}\n")
    (folder / "issue.yaml").write_text("paper: {name: 测试院报}\nissue: {number: 1, date: 2026-04-01}\n"
                                       "layout: tabloid-4col\npages:\n" + "".join(pages), encoding="utf-8")
    c = compose("photos", folder, out_dir, "--proof")
    return c, [Pic(p.name, p.story, p.size, p.width, p.extra, k + 1) for k, p in enumerate(pics)]


def _placed(c: Composed, page: int) -> PlacedImage:
    ims = [im for im in placed_images(c.pdf) if im.page == page]
    assert len(ims) == 1, ims
    return ims[0]


def _cuts(size: tuple[int, int], w: float, h: float) -> tuple[float, float]:
    have, want = size[0] / size[1], w / h
    return (1 - want / have, 0.0) if have > want else (0.0, 1 - have / want)


def _codes(c: Composed, code: str, name: str) -> list[dict]:
    return [f for f in c.report["findings"] if f["code"] == code and name in f["message"]]


def _span_w(c: Composed, page: int, cols: int) -> float:
    fr = c.frames(page)
    return fr.columns[cols - 1][1] - fr.columns[0][0]


def test_every_picture_keeps_its_shape_within_max_crop(photos_issue) -> None:
    c, pics = photos_issue
    for pic in pics:
        im = _placed(c, pic.page)
        w, h = im.box.x1 - im.box.x0, im.box.bottom - im.box.top
        cut_w, cut_h = _cuts(pic.size, w, h)
        assert max(cut_w, cut_h) <= MAX_CROP, (pic.name, cut_w, cut_h)
        if pic.size[0] != pic.size[1]:
            assert (w > h) == (pic.size[0] > pic.size[1]), f"{pic.name}: {w:.0f}×{h:.0f} pt turned"
        # the embedded pixels are the picture cut to the frame's shape, not squeezed into it
        ew, eh = im.pixels.size
        assert abs(ew / eh - w / h) <= SHAPE_TOL * (w / h), (pic.name, im.pixels.size, w, h)
        assert abs(ew - pic.size[0] * (1 - cut_w)) <= 2 and abs(eh - pic.size[1] * (1 - cut_h)) <= 2, pic.name


def test_width_is_honoured_or_reported_and_never_enlarged_below_min_ppi(photos_issue) -> None:
    c, pics = photos_issue
    min_ppi = c.layout.images.min_ppi
    for pic in pics:
        im = _placed(c, pic.page)
        w, h = im.box.x1 - im.box.x0, im.box.bottom - im.box.top
        ppi = 72 / max(w / pic.size[0], h / pic.size[1])
        narrowed = _codes(c, "photo-width", pic.name)
        if abs(w - _span_w(c, pic.page, pic.width)) > WIDTH_TOL_PT:
            assert narrowed, f"{pic.name}: {w / MM:.1f} mm wide, asked {pic.width} columns, no photo-width finding"
        else:
            assert not narrowed, narrowed
        if ppi < min_ppi - 0.5:  # only a picture too small even for one column prints below min_ppi
            assert abs(w - _span_w(c, pic.page, 1)) <= WIDTH_TOL_PT, f"{pic.name}: {ppi:.0f} ppi at {w / MM:.0f} mm"
            assert _codes(c, "image-low-resolution", pic.name), pic.name


def test_headshot_is_printed_one_column_with_its_findings(photos_issue) -> None:
    """A 300×400 headshot asked 2 columns wide: 1 column (124 ppi, not 62 ppi), reported twice."""
    c, pics = photos_issue
    pic = next(p for p in pics if p.name == "headshot.jpg")
    im = _placed(c, pic.page)
    assert abs((im.box.x1 - im.box.x0) - _span_w(c, pic.page, 1)) <= WIDTH_TOL_PT
    assert im.box.bottom - im.box.top > im.box.x1 - im.box.x0  # still a portrait
    (f,) = _codes(c, "photo-width", pic.name)
    assert "printed 1" in f["message"] and f["severity"] == "warning"
    assert _codes(c, "image-low-resolution", pic.name)


def test_phone_picture_prints_upright(photos_issue) -> None:
    c, pics = photos_issue
    pic = next(p for p in pics if p.name == "phone.jpg")
    with Image.open(c.folder / "images" / pic.name) as stored:
        assert stored.size == (pic.size[1], pic.size[0])  # stored on its side
        assert ImageOps.exif_transpose(stored).size == pic.size
    im = _placed(c, pic.page)
    assert im.box.bottom - im.box.top > im.box.x1 - im.box.x0, "a portrait phone picture printed landscape"
    px = im.pixels.convert("RGB")
    top = px.getpixel((px.width // 2, 2))
    bottom = px.getpixel((px.width // 2, px.height - 3))
    assert top[0] > 180 and top[1] < 80, f"red band not at the top: {top}"
    assert abs(bottom[0] - bottom[1]) < 30, f"bottom is not the grey scene: {bottom}"


def test_focus_top_keeps_the_top_rows(photos_issue) -> None:
    c, pics = photos_issue
    pic = next(p for p in pics if p.name == "focus.png")
    im = _placed(c, pic.page)
    w, h = im.box.x1 - im.box.x0, im.box.bottom - im.box.top
    _, cut_h = _cuts(pic.size, w, h)
    assert cut_h * pic.size[1] >= 10, f"the frame cuts only {cut_h:.3f} of the height: nothing to decide"
    px = im.pixels.convert("RGB")

    def row(y: int) -> int:
        r, g, _ = px.getpixel((px.width // 2, y))
        return g * 256 + r

    assert row(0) == 0, f"the first printed row is source row {row(0)}, not the top"
    assert row(px.height - 1) == px.height - 1


def test_report_lists_every_photo_as_placed(photos_issue) -> None:
    c, pics = photos_issue
    entries = c.report["photos"]
    assert sorted(e["file"] for e in entries) == sorted(f"images/{p.name}" for p in pics)
    for pic in pics:
        (e,) = [e for e in entries if e["file"] == f"images/{pic.name}"]
        im = _placed(c, pic.page)
        assert e["page"] == pic.page
        want = (im.box.x0 / MM, im.box.top / MM, (im.box.x1 - im.box.x0) / MM, (im.box.bottom - im.box.top) / MM)
        assert all(abs(a - b) <= FRAME_TOL_MM for a, b in zip(e["frame_mm"], want)), (e["frame_mm"], want)
        cut_w, cut_h = _cuts(pic.size, want[2] * MM, want[3] * MM)
        assert abs(e["crop"]["width"] - cut_w) < 0.005 and abs(e["crop"]["height"] - cut_h) < 0.005, e
        ppi = 72 / max(want[2] * MM / pic.size[0], want[3] * MM / pic.size[1])
        assert abs(e["ppi"] - ppi) <= 1.5, (e, ppi)
        flagged = bool(_codes(c, "image-cropped", pic.name))
        assert flagged == (max(cut_w, cut_h) > 0.10 + 0.001), (pic.name, cut_w, cut_h)


def test_lead_reads_from_the_top_left_beside_its_photo(photos_issue) -> None:
    """The lead's photo is 2 of its 4 columns: it stands at the right, and the first paragraph starts at
    the top of the first column under the headline (no column starts higher)."""
    c, pics = photos_issue
    pic = pics[0]
    im = _placed(c, pic.page)
    fr = c.frames(pic.page)
    assert abs(im.box.x1 - fr.right) <= WIDTH_TOL_PT, "a narrower photo stands at the module's right"
    lines = [ln for ln in body_lines(c.pages, c.layout, c.frames) if ln.page == pic.page]
    tops = {col: min(ln.baseline for ln in lines if ln.column == col) for col in {ln.column for ln in lines}}
    first = min((ln for ln in lines if ln.column == 0), key=lambda ln: ln.baseline)
    assert all(tops[0] <= t + 0.3 for t in tops.values()), tops
    _, body = read_article(c.folder / "articles" / f"{pic.story}.md")
    assert compact(body).startswith(first.text[:8]), first.text
    # the photo's column has its first line under the photo
    photo_cols = [k for k, (x0, x1) in enumerate(fr.columns) if x0 >= im.box.x0 - 1]
    assert all(tops[k] > im.box.bottom for k in photo_cols if k in tops)
    assert not text_on_images(c.pages)
