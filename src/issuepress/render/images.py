"""Place a picture in its frame (cropped to fill it), or a marked placeholder when the file is bad."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageOps
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from ..layout.crop import crop_box
from ..layout.items import ImageItem
from . import colors, picture_cache
from .color import downsample, to_cmyk
from .picture_modes import printable


def cover_crop(img: Image.Image, width_pt: float, height_pt: float,
               focus: tuple[float, float] = (0.5, 0.5)) -> Image.Image:
    """Crop the picture to the frame's shape around `focus` (the layout chose a frame that cuts little)."""
    box = crop_box(img.size, width_pt, height_pt, focus)
    if box == (0, 0, img.width, img.height):
        return img
    return img.crop(box)


def draw_placeholder(c: Canvas, x: float, y: float, w: float, h: float, label: str,
                     palette: Mapping[str, colors.CMYK] | None) -> None:
    """A crossed frame in the 'missing' colour: visible on the proof, never mistaken for a photo."""
    c.saveState()
    c.setStrokeColorCMYK(*colors.resolve("missing", palette))
    c.setFillColorCMYK(*colors.resolve("light", palette))
    c.setLineWidth(0.8)
    c.rect(x, y, w, h, stroke=1, fill=1)
    c.line(x, y, x + w, y + h)
    c.line(x, y + h, x + w, y)
    c.restoreState()


def load_for_print(item: ImageItem) -> Image.Image | None:
    """Open, fully decode and crop the picture; None when the file cannot be read."""
    if item.path is None or not item.ok:
        return None
    try:
        with Image.open(item.path) as im:
            im.load()
            img = ImageOps.exif_transpose(im)  # a phone picture's EXIF orientation: printed upright
        img = printable(img)  # every mode and bit depth as L, RGB or CMYK (16-bit grey was printed white)
    except Exception:  # any decoder failure means a placeholder, reported by layout as a finding
        return None
    return cover_crop(img, item.width_pt, item.height_pt, item.focus)


def prepared(item: ImageItem, profile: Path | None, target_ppi: float | None,
             factor: float) -> tuple[str, picture_cache.Prepared] | None:
    """The picture cropped to its frame, downsampled, converted and compressed for print, with the key
    that names it (from the disk cache when the same file was prepared for the same frame before);
    None when it cannot be read."""
    if item.path is None or not item.ok:
        return None
    try:
        key = picture_cache.cache_key(Path(item.path), (item.width_pt, item.height_pt), profile, target_ppi,
                                      factor, item.focus)
    except OSError:
        return None
    pic = picture_cache.load(key)
    if pic is not None:
        return key, pic
    img = load_for_print(item)
    if img is None:
        return None
    if target_ppi:
        img = downsample(img, item.width_pt, item.height_pt, target_ppi, factor)
    if profile is not None and img.mode != "CMYK":
        img = to_cmyk(img, profile)
    pic = picture_cache.Prepared.of(img)
    picture_cache.store(key, pic)
    return key, pic


# PDF colour spaces of the modes pictures are prepared in.
COLOR_SPACES = {"L": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK"}


def draw_image(c: Canvas, item: ImageItem, x: float, y: float,
               palette: Mapping[str, colors.CMYK] | None = None, profile: Path | None = None,
               target_ppi: float | None = None, factor: float = 2.0) -> None:
    """Draw at PDF coordinates (x, y) = lower-left corner of the frame.

    For print, pictures far above the needed resolution are downsampled and RGB is converted to
    CMYK through the ICC profile (greys go to K only). The picture is one image object per file and
    frame, named by its cache key: the key already fixes the pixels (it digests the file's bytes and how
    they are prepared), so they are neither digested nor compressed again (ReportLab's drawImage did both).
    """
    found = prepared(item, profile, target_ppi, factor)
    if found is None:
        draw_placeholder(c, x, y, item.width_pt, item.height_pt, item.label, palette)
        return
    key, pic = found
    name = f"IP{key[:32]}"
    doc = c._doc
    reg = doc.getXObjectName(name)
    if reg not in doc.idToObject:  # as Canvas.drawImage registers an image the first time it is drawn
        obj = pdfdoc.PDFImageXObject(name)
        obj.name = name
        obj.width, obj.height = pic.width, pic.height
        obj.bitsPerComponent = 8
        obj.colorSpace = COLOR_SPACES[pic.mode]
        obj.streamContent = pic.stream
        obj._filters = ("FlateDecode",)
        obj.mask = None
        c._setXObjects(obj)
        doc.Reference(obj, reg)
        doc.addForm(name, obj)
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(x, y)
    c.scale(item.width_pt, item.height_pt)
    c._code.append(f"/{reg} Do")
    c.restoreState()
    c._formsinuse.append(name)
