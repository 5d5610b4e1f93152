"""Pictures for print: find a CMYK profile, convert to CMYK, downsample, and measure ppi and total ink."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms

from ..errors import InputError

ENV_PROFILE = "ISSUEPRESS_CMYK_PROFILE"
# Debian's libgs-common ships Artifex's SWOP-like CMYK profile here; it is on every machine with Ghostscript.
GHOSTSCRIPT_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
# Other folders where systems keep ICC profiles (colord, macOS, user folders), searched in this order.
OTHER_PROFILE_DIRS = (
    Path("/usr/share/color/icc"),
    Path("/usr/local/share/color/icc"),
    Path.home() / ".local/share/icc",
    Path.home() / ".color/icc",
    Path("/Library/ColorSync/Profiles"),
    Path("/System/Library/ColorSync/Profiles"),
    Path(os.environ.get("WINDIR") or r"C:\Windows") / "System32" / "spool" / "drivers" / "color",
)
PROFILE_SUFFIXES = (".icc", ".icm")
POINTS_PER_INCH = 72.0


def is_cmyk_profile(path: Path) -> bool:
    """True for an ICC output profile whose data colour space is CMYK (header bytes 16..20)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(20)
    except OSError:
        return False
    return len(head) == 20 and head[16:20] == b"CMYK"


def _profiles_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = [p for p in folder.rglob("*") if p.suffix.lower() in PROFILE_SUFFIXES and p.is_file()]
    return sorted(found)  # stable: the same machine always picks the same profile


def find_cmyk_profile() -> Path | None:
    """The CMYK profile to convert to and to name as the PDF/X output intent, or None when there is none.

    Order: $ISSUEPRESS_CMYK_PROFILE (an InputError when it names no CMYK profile, since the user asked for
    it; a print shop's FOGRA or GRACoL file is given so), Ghostscript's default CMYK profile, then the usual
    system folders.
    """
    env = os.environ.get(ENV_PROFILE)
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise InputError(path, "no such file", key=ENV_PROFILE)
        if not is_cmyk_profile(path):
            raise InputError(path, "not a CMYK ICC profile", key=ENV_PROFILE)
        return path
    if is_cmyk_profile(GHOSTSCRIPT_CMYK):
        return GHOSTSCRIPT_CMYK
    for folder in OTHER_PROFILE_DIRS:
        for p in _profiles_in(folder):
            if is_cmyk_profile(p):
                return p
    return None


def profile_name(profile: Path) -> str:
    """The profile's own description (for the output intent's identifier), else its file name."""
    try:
        desc = ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(profile))).strip()
    except (OSError, ImageCms.PyCMSError):
        desc = ""
    return desc or profile.stem


@lru_cache(maxsize=4)
def _rgb_to_cmyk(profile: str, mtime_ns: int) -> ImageCms.ImageCmsTransform:
    """Building a transform parses the profile; one per profile (and file version) is enough."""
    del mtime_ns  # part of the cache key only
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(profile), "RGB",
                                   "CMYK", renderingIntent=ImageCms.Intent.PERCEPTUAL)


def _flatten(img: Image.Image) -> Image.Image:
    """Composite transparency onto white paper: print has no alpha."""
    rgba = img.convert("RGBA")
    bg = Image.new("RGB", rgba.size, (255, 255, 255))
    bg.paste(rgba, mask=rgba.getchannel("A"))
    return bg


# 16-bit grey (PNG) arrives as an 'I' mode; its 0..65535 maps to 0..255 by this divisor.
SIXTEEN_TO_EIGHT_BITS = 257


def gray_to_k(img: Image.Image) -> Image.Image:
    """A grey picture printed on the black plate only: C = M = Y = 0, K = 255 - L."""
    if img.mode.startswith("I"):
        img = img.convert("I").point(lambda v: v / SIXTEEN_TO_EIGHT_BITS)
    gray = img.convert("L")
    zero = Image.new("L", gray.size, 0)
    return Image.merge("CMYK", (zero, zero, zero, gray.point(lambda v: 255 - v)))


def to_cmyk(img: Image.Image, profile: Path) -> Image.Image:
    """Convert a picture to CMYK for `profile` (sRGB source, perceptual intent); grey goes to K only."""
    if img.mode == "CMYK":
        return img.copy()
    if img.mode in ("1", "L", "F") or img.mode.startswith("I"):
        return gray_to_k(img)
    if img.mode == "LA":
        return gray_to_k(_flatten(img).convert("L"))
    rgb = _flatten(img) if img.mode in ("RGBA", "RGBa", "PA", "P", "La") else img.convert("RGB")
    transform = _rgb_to_cmyk(str(profile), profile.stat().st_mtime_ns)
    return ImageCms.applyTransform(rgb, transform)


def effective_ppi(px_w: int, px_h: int, w_pt: float, h_pt: float) -> float:
    """Pixels per inch as printed: the lower of the two directions, since that is the one that shows."""
    if w_pt <= 0 or h_pt <= 0:
        return 0.0
    return min(px_w / (w_pt / POINTS_PER_INCH), px_h / (h_pt / POINTS_PER_INCH))


def downsample(img: Image.Image, placed_w_pt: float, placed_h_pt: float, target_ppi: float,
               factor: float = 2.0) -> Image.Image:
    """Shrink a picture to `target_ppi` when it has more than `factor` × that, else return it unchanged.

    Pixels beyond what the press resolves only make the PDF larger; the factor keeps pictures that are
    merely a little sharp than needed as they are, so resampling happens only where it pays.
    """
    ppi = effective_ppi(img.width, img.height, placed_w_pt, placed_h_pt)
    if target_ppi <= 0 or ppi <= factor * target_ppi:
        return img
    w = max(1, round(placed_w_pt / POINTS_PER_INCH * target_ppi))
    h = max(1, round(placed_h_pt / POINTS_PER_INCH * target_ppi))
    return img.resize((w, h), Image.Resampling.LANCZOS)


def ink_percent(cmyk: tuple[float, float, float, float]) -> float:
    """Total area coverage in percent (C+M+Y+K, each 0..1): what a paper's ink limit is stated in."""
    return round(sum(cmyk) * 100.0, 6)
