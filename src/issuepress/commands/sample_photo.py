"""A landscape photograph drawn with Pillow for `issuepress new`: the sample issue needs a picture it may
print and give away, and a drawn one has no licence to carry."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

# 3:2 like a camera's frame; at two columns of an A4 page (about 120 mm) this is over 500 ppi, at the
# full width of an A3 page about 330 ppi, so no layout warns about its resolution.
WIDTH, HEIGHT = 2400, 1600
# The same picture on every run (a sample issue composes to the same bytes everywhere).
SEED = 215
JPEG_QUALITY = 85


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _ridge(rng: random.Random, base: float, rough: float, steps: int = 9) -> list[float]:
    """Heights (fractions of the picture's height) of a ridge line by midpoint displacement."""
    pts = [base + rng.uniform(-rough, rough), base + rng.uniform(-rough, rough)]
    amp = rough
    for _ in range(steps):
        nxt = []
        for a, b in zip(pts, pts[1:]):
            nxt += [a, (a + b) / 2 + rng.uniform(-amp, amp)]
        pts = nxt + [pts[-1]]
        amp *= 0.55
    return pts


def _draw_ridge(draw: ImageDraw.ImageDraw, heights: list[float], bottom: float, colour: tuple[int, int, int]) -> None:
    n = len(heights) - 1
    poly = [(WIDTH * i / n, HEIGHT * h) for i, h in enumerate(heights)]
    draw.polygon(poly + [(WIDTH, HEIGHT * bottom), (0, HEIGHT * bottom)], fill=colour)


def sample_photo_jpeg() -> bytes:
    """A lake below layered hills at dusk: sky, sun glow, hazy ridges, their reflection, reeds; grain."""
    rng = random.Random(SEED)
    img = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    horizon = 0.62
    top, low = (58, 92, 150), (246, 196, 142)
    for y in range(round(HEIGHT * horizon)):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, low, (y / (HEIGHT * horizon)) ** 1.6))
    glow = Image.new("L", (WIDTH, HEIGHT))
    ImageDraw.Draw(glow).ellipse((1450, 560, 1750, 860), fill=255)
    glow = glow.filter(ImageFilter.GaussianBlur(90))
    img.paste((255, 236, 200), (0, 0), glow)
    ImageDraw.Draw(img).ellipse((1560, 670, 1640, 750), fill=(255, 247, 226))
    draw = ImageDraw.Draw(img)
    layers = ((0.40, 0.12, (150, 140, 160)), (0.47, 0.09, (112, 108, 132)), (0.53, 0.06, (76, 80, 98)),
              (0.585, 0.03, (48, 58, 62)))
    for base, rough, colour in layers:
        _draw_ridge(draw, _ridge(rng, base, rough), horizon, colour)
    land = img.crop((0, 0, WIDTH, round(HEIGHT * horizon)))
    water = land.transpose(Image.Transpose.FLIP_TOP_BOTTOM).filter(ImageFilter.GaussianBlur(6))
    water = Image.blend(water, Image.new("RGB", water.size, (40, 62, 88)), 0.35)
    img.paste(water.crop((0, 0, WIDTH, HEIGHT - round(HEIGHT * horizon))), (0, round(HEIGHT * horizon)))
    draw = ImageDraw.Draw(img)
    for _ in range(110):  # ripples: light streaks on the water
        wy = rng.uniform(horizon + 0.01, 1.0) * HEIGHT
        wx = rng.uniform(0, WIDTH)
        length = rng.uniform(30, 220) * (wy / HEIGHT)
        draw.line([(wx, wy), (wx + length, wy)], fill=(150, 150, 160), width=2)
    for _ in range(900):  # reeds along the near shore
        x = rng.uniform(0, WIDTH)
        if 500 < x < 1900 and rng.random() < 0.8:
            continue
        h = rng.uniform(80, 420)
        lean = rng.uniform(-40, 40)
        draw.line([(x, HEIGHT), (x + lean, HEIGHT - h)], fill=(24 + rng.randrange(20), 34 + rng.randrange(24), 22),
                  width=rng.choice((2, 3, 4)))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.frombytes("L", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT)).convert("RGB")
    img = Image.blend(img, grain, 0.04)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY, dpi=(300, 300), optimize=True)
    return buf.getvalue()
