"""CMYK profile lookup, picture conversion, downsampling thresholds, ppi and total ink."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from issuepress.errors import InputError
from issuepress.render import color
from issuepress.render.color import (downsample, effective_ppi, find_cmyk_profile, ink_percent, is_cmyk_profile,
                                     to_cmyk)


@pytest.fixture
def no_profiles(monkeypatch, tmp_path):
    """A machine with no profile anywhere: every place find_cmyk_profile looks is empty."""
    monkeypatch.delenv(color.ENV_PROFILE, raising=False)
    monkeypatch.setattr(color, "GHOSTSCRIPT_CMYK", tmp_path / "gs" / "default_cmyk.icc")
    monkeypatch.setattr(color, "OTHER_PROFILE_DIRS", (tmp_path / "system",))
    return tmp_path


def header_only(path: Path, space: bytes) -> Path:
    head = bytearray(128)
    head[16:20] = space
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(head))
    return path


@pytest.fixture(scope="module")
def real_profile() -> Path:
    """A real CMYK profile (Ghostscript's on Debian); conversion needs one, so skip without it."""
    for p in (color.GHOSTSCRIPT_CMYK,):
        if is_cmyk_profile(p):
            return p
    pytest.skip("no CMYK ICC profile on this machine (Debian: libgs-common)")


# ---- find_cmyk_profile ------------------------------------------------------------------------------------

def test_no_profile_anywhere_is_none(no_profiles):
    assert find_cmyk_profile() is None


def test_search_order_env_then_ghostscript_then_system(no_profiles, monkeypatch):
    tmp = no_profiles
    system = header_only(tmp / "system" / "deep" / "b.icc", b"CMYK")
    header_only(tmp / "system" / "a-rgb.icc", b"RGB ")  # not CMYK: skipped although it sorts first
    assert find_cmyk_profile() == system
    gs = header_only(tmp / "gs" / "default_cmyk.icc", b"CMYK")
    assert find_cmyk_profile() == gs
    header_only(tmp / "profiles" / "FOGRA39.icc", b"CMYK")  # a profiles/ folder in a checkout is not looked in
    assert find_cmyk_profile() == gs
    env = header_only(tmp / "mine.icm", b"CMYK")
    monkeypatch.setenv(color.ENV_PROFILE, str(env))
    assert find_cmyk_profile() == env


def test_env_profile_that_is_missing_or_rgb_is_an_input_error(no_profiles, monkeypatch):
    monkeypatch.setenv(color.ENV_PROFILE, str(no_profiles / "nope.icc"))
    with pytest.raises(InputError, match="no such file"):
        find_cmyk_profile()
    monkeypatch.setenv(color.ENV_PROFILE, str(header_only(no_profiles / "rgb.icc", b"RGB ")))
    with pytest.raises(InputError, match="not a CMYK"):
        find_cmyk_profile()


# ---- to_cmyk ----------------------------------------------------------------------------------------------

def test_rgb_becomes_cmyk_through_the_profile(real_profile):
    img = Image.new("RGB", (4, 2), (255, 255, 255))
    img.putpixel((1, 0), (0, 0, 0))
    img.putpixel((2, 0), (0, 160, 230))  # a cyan-ish blue
    out = to_cmyk(img, real_profile)
    assert out.mode == "CMYK" and out.size == (4, 2)
    assert sum(out.getpixel((0, 0))) <= 3  # paper white: no ink
    c, m, y, k = out.getpixel((1, 0))
    assert k > 200 and c + m + y + k > 400  # black: heavy ink, K dominant
    c, m, y, k = out.getpixel((2, 0))
    assert c > 150 and c > m > y  # blue: mostly cyan


def test_transparent_pixels_print_as_paper(real_profile):
    img = Image.new("RGBA", (2, 1), (0, 0, 0, 0))
    img.putpixel((1, 0), (0, 0, 0, 255))
    out = to_cmyk(img, real_profile)
    assert sum(out.getpixel((0, 0))) <= 3 and out.getpixel((1, 0))[3] > 200


def test_grey_pictures_go_to_the_black_plate_only(fake_cmyk_profile):
    img = Image.new("L", (3, 1))
    img.putdata([0, 100, 255])
    out = to_cmyk(img, fake_cmyk_profile)  # no colour management for grey: the profile is not read
    assert out.mode == "CMYK"
    assert [out.getpixel((x, 0)) for x in range(3)] == [(0, 0, 0, 255), (0, 0, 0, 155), (0, 0, 0, 0)]
    assert to_cmyk(Image.new("1", (1, 1), 1), fake_cmyk_profile).getpixel((0, 0)) == (0, 0, 0, 0)
    deep = Image.new("I;16", (2, 1))  # a 16-bit grey PNG: 0..65535, not clipped at 255
    deep.putpixel((0, 0), 65535)
    deep.putpixel((1, 0), 32768)
    assert [to_cmyk(deep, fake_cmyk_profile).getpixel((x, 0)) for x in range(2)] == [(0, 0, 0, 0),
                                                                                   (0, 0, 0, 128)]


def test_cmyk_input_is_kept(fake_cmyk_profile):
    img = Image.new("CMYK", (1, 1), (10, 20, 30, 40))
    out = to_cmyk(img, fake_cmyk_profile)
    assert out.getpixel((0, 0)) == (10, 20, 30, 40) and out is not img


# ---- effective_ppi and downsample -------------------------------------------------------------------------

def test_effective_ppi_is_the_weaker_direction():
    assert effective_ppi(300, 300, 72, 72) == pytest.approx(300)
    assert effective_ppi(600, 300, 72, 72) == pytest.approx(300)
    assert effective_ppi(600, 600, 144, 72) == pytest.approx(300)
    assert effective_ppi(100, 100, 0, 72) == 0.0


@pytest.mark.parametrize(("px", "shrunk"), [(600, False), (601, True), (400, False), (2000, True)])
def test_downsample_only_above_factor_times_target(px, shrunk):
    img = Image.new("RGB", (px, (px + 1) // 2), (1, 2, 3))
    out = downsample(img, 72, 36, target_ppi=300, factor=2.0)  # 1 × ½ inch
    if shrunk:
        assert out.size == (300, 150)
        assert effective_ppi(*out.size, 72, 36) == pytest.approx(300)
    else:
        assert out is img


def test_downsample_factor_and_target_are_honoured():
    img = Image.new("L", (450, 450))
    assert downsample(img, 72, 72, target_ppi=300, factor=1.0).size == (300, 300)
    assert downsample(img, 72, 72, target_ppi=300, factor=1.5) is img
    assert downsample(img, 144, 144, target_ppi=150, factor=1.4).size == (300, 300)


# ---- ink ----------------------------------------------------------------------------------------------

def test_ink_percent():
    assert ink_percent((1, 1, 1, 1)) == 400
    assert ink_percent((0, 0, 0, 1)) == 100
    assert ink_percent((0.6, 0.4, 0.4, 1.0)) == pytest.approx(240)
    assert ink_percent((0, 0, 0, 0)) == 0
