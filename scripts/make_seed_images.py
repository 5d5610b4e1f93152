"""Draw the placeholder photos of the sample issues (seeds/*/images/*.jpg), the same bytes on every run."""

from __future__ import annotations

import argparse
import io
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# Scenes are drawn on a 1100 x 800 canvas, then scaled by OUTPUT_SCALE so that a photo two columns of
# tabloid-4col wide (128 mm) and cropped taller to fill its module still has 300 ppi (2420 px / 128 mm = 480 ppi).
WIDTH_PX, HEIGHT_PX = 1100, 800
OUTPUT_SCALE = 2.2
PPI = 300
# Scenes are drawn this many times larger and scaled down, which smooths edges without any randomness.
SUPERSAMPLE = 2
# Print-shop default for photos in a newsletter; keeps each file well under the 250 KB budget.
JPEG_QUALITY = 85
MAX_BYTES = 250_000

ROOT = Path(__file__).resolve().parent.parent

RGB = tuple[int, int, int]
SKIN: RGB = (236, 200, 170)
HAIR: RGB = (40, 34, 30)
WHITE_COAT: RGB = (244, 246, 248)
SCRUBS: RGB = (120, 170, 200)
NURSE_PINK: RGB = (240, 196, 208)
SUIT: RGB = (44, 52, 70)
FLAG_RED: RGB = (196, 24, 30)
GOLD: RGB = (224, 182, 80)


@dataclass(frozen=True)
class Photo:
    """One placeholder photo: where it goes in the seeds and how it is drawn."""

    path: str  # relative to the repository root
    draw: Callable[[Canvas], None]
    seed: int  # fixes the scattered details (leaves, crowd order) so the output never changes


class Canvas:
    """A drawing surface in the photo's own pixel units, supersampled underneath."""

    def __init__(self, seed: int) -> None:
        self.k = SUPERSAMPLE
        self.img = Image.new("RGB", (WIDTH_PX * self.k, HEIGHT_PX * self.k))
        self.d = ImageDraw.Draw(self.img)
        self.rng = random.Random(seed)

    def _s(self, box: tuple[float, ...]) -> list[float]:
        return [v * self.k for v in box]

    def gradient(self, y0: float, y1: float, top: RGB, bottom: RGB) -> None:
        """A vertical gradient band (walls, sky, floors)."""
        a, b = int(y0 * self.k), int(y1 * self.k)
        for y in range(a, b):
            t = (y - a) / max(1, b - a - 1)
            col = (round(top[0] + (bottom[0] - top[0]) * t), round(top[1] + (bottom[1] - top[1]) * t),
                   round(top[2] + (bottom[2] - top[2]) * t))
            self.d.line([(0, y), (self.img.width, y)], fill=col)

    def rect(self, box: tuple[float, float, float, float], fill: RGB, outline: RGB | None = None,
             width: float = 0, radius: float = 0) -> None:
        self.d.rounded_rectangle(self._s(box), radius=radius * self.k, fill=fill, outline=outline,
                                 width=int(width * self.k))

    def ellipse(self, box: tuple[float, float, float, float], fill: RGB) -> None:
        self.d.ellipse(self._s(box), fill=fill)

    def poly(self, pts: list[tuple[float, float]], fill: RGB) -> None:
        self.d.polygon([(x * self.k, y * self.k) for x, y in pts], fill=fill)

    def figure(self, x: float, feet: float, h: float, coat: RGB, legs: RGB = (60, 64, 80),
               facing: float = 0.0) -> None:
        """A standing person, `h` px tall, centred on x; `facing` shifts the face for a turned head."""
        head = h * 0.14
        top = feet - h
        w = h * 0.28
        self.rect((x - w * 0.32, feet - h * 0.45, x - w * 0.04, feet), legs, radius=h * 0.03)
        self.rect((x + w * 0.04, feet - h * 0.45, x + w * 0.32, feet), legs, radius=h * 0.03)
        self.rect((x - w / 2, top + head * 1.05, x + w / 2, feet - h * 0.36), coat, radius=h * 0.06)
        self.ellipse((x - head / 2, top, x + head / 2, top + head), SKIN)
        self.d.chord(self._s((x - head / 2, top - head * 0.04, x + head / 2, top + head * 0.7)), 180, 360, fill=HAIR)
        if facing:
            self.ellipse((x + facing * head * 0.25 - 3, top + head * 0.45, x + facing * head * 0.25 + 3,
                          top + head * 0.55), HAIR)

    def seated(self, x: float, seat: float, h: float, coat: RGB) -> None:
        """A person seen from behind a table: head and shoulders above `seat`."""
        head = h * 0.3
        self.rect((x - h * 0.28, seat - h * 0.62, x + h * 0.28, seat), coat, radius=h * 0.12)
        self.ellipse((x - head / 2, seat - h, x + head / 2, seat - h + head), SKIN)
        self.d.chord(self._s((x - head / 2, seat - h - head * 0.04, x + head / 2, seat - h + head * 0.7)),
                     180, 360, fill=HAIR)

    def bed(self, x0: float, x1: float, y: float, patient: bool = True) -> None:
        """A hospital bed seen from the side, with a patient under a blanket."""
        self.rect((x0, y, x1, y + 40), (222, 226, 230), radius=6)
        self.rect((x0 - 6, y - 90, x0 + 12, y + 120), (170, 178, 186), radius=4)
        self.rect((x1 - 12, y - 50, x1 + 6, y + 120), (170, 178, 186), radius=4)
        if patient:
            self.ellipse((x0 + 30, y - 52, x0 + 92, y + 4), (250, 250, 250))
            self.ellipse((x0 + 40, y - 62, x0 + 88, y - 14), SKIN)
            self.rect((x0 + 90, y - 38, x1 - 20, y + 8), (150, 196, 222), radius=18)

    def finish(self) -> Image.Image:
        small = self.img.resize((WIDTH_PX, HEIGHT_PX), Image.Resampling.LANCZOS)
        return small.filter(ImageFilter.SMOOTH)


def ward(c: Canvas, wall: RGB = (214, 226, 232)) -> None:
    """Ward background: wall, window with daylight, floor."""
    shade: RGB = (max(0, wall[0] - 30), max(0, wall[1] - 30), max(0, wall[2] - 30))
    c.gradient(0, 560, wall, shade)
    c.gradient(560, HEIGHT_PX, (190, 186, 176), (150, 146, 138))
    c.rect((700, 90, 1000, 380), (248, 248, 244), outline=(180, 184, 190), width=10)
    c.rect((715, 105, 985, 365), (196, 224, 244))
    c.rect((845, 105, 855, 365), (180, 184, 190))


def draw_ward_consultation(c: Canvas) -> None:
    """病房会诊: doctors in white coats round a bed."""
    ward(c)
    c.bed(120, 620, 470)
    for x, h, coat in ((640, 430, WHITE_COAT), (760, 450, WHITE_COAT), (880, 420, SCRUBS), (990, 440, WHITE_COAT)):
        c.figure(x, 760, h, coat, facing=-1)
    c.rect((600, 300, 700, 380), (70, 80, 96), radius=6)  # a monitor on a stand
    c.rect((612, 312, 688, 368), (90, 190, 150))
    c.rect((646, 380, 654, 560), (150, 156, 164))


def draw_nursing_care(c: Canvas) -> None:
    """优质护理: a nurse at the bedside, an infusion stand."""
    ward(c, wall=(236, 226, 214))
    c.bed(300, 860, 480)
    c.rect((220, 120, 230, 720), (160, 166, 174))  # infusion stand
    c.rect((196, 120, 254, 130), (160, 166, 174))
    c.rect((206, 132, 244, 210), (226, 240, 250), outline=(150, 170, 190), width=3, radius=8)
    c.figure(170, 770, 470, NURSE_PINK, legs=(240, 240, 244), facing=1)
    c.figure(930, 770, 440, WHITE_COAT, facing=-1)


def draw_banner_thanks(c: Canvas) -> None:
    """赠送锦旗: a red silk banner with gold trim held up by a family member and doctors."""
    c.gradient(0, 600, (226, 232, 236), (196, 204, 210))
    c.gradient(600, HEIGHT_PX, (176, 170, 160), (140, 134, 126))
    c.rect((380, 110, 720, 560), FLAG_RED, outline=GOLD, width=14)
    c.rect((366, 96, 734, 118), (120, 84, 40), radius=8)  # the rod
    for i in range(7):  # gold characters suggested as bars, two columns
        c.rect((455, 170 + i * 52, 520, 205 + i * 52), GOLD, radius=4)
        c.rect((580, 170 + i * 52, 645, 205 + i * 52), GOLD, radius=4)
    c.poly([(380, 560), (420, 610), (460, 560)], GOLD)
    c.poly([(640, 560), (680, 610), (720, 560)], GOLD)
    for x, h, coat in ((170, 500, WHITE_COAT), (300, 520, SUIT), (800, 520, WHITE_COAT), (930, 490, SCRUBS)):
        c.figure(x, 780, h, coat)


def draw_studio_plaque(c: Canvas) -> None:
    """工作室揭牌: a wall plaque under a red cloth, guests in a row."""
    c.gradient(0, 620, (238, 232, 220), (206, 198, 184))
    c.gradient(620, HEIGHT_PX, (120, 96, 80), (96, 76, 62))
    c.rect((330, 80, 770, 380), (250, 246, 236), outline=GOLD, width=10, radius=6)
    for i in range(3):
        c.rect((380, 130 + i * 70, 720, 170 + i * 70), (150, 120, 60), radius=4)
    c.poly([(320, 70), (780, 70), (700, 150), (400, 150)], FLAG_RED)  # the cloth just lifted
    rng = c.rng
    coats = [SUIT, WHITE_COAT, SUIT, WHITE_COAT, SUIT, WHITE_COAT]
    rng.shuffle(coats)
    for i, coat in enumerate(coats):
        c.figure(120 + i * 172, 790, 400 + rng.randint(-30, 30), coat)


def draw_jst_cooperation(c: Canvas) -> None:
    """合作签约: a meeting table, two delegations, a red backdrop."""
    c.gradient(0, 480, (176, 30, 36), (140, 20, 26))
    c.rect((200, 80, 900, 130), GOLD, radius=6)
    c.gradient(480, HEIGHT_PX, (214, 206, 190), (180, 170, 152))
    for i in range(7):
        c.seated(130 + i * 140, 560, 200, SUIT if i % 2 else WHITE_COAT)
    c.rect((40, 560, 1060, 640), (118, 78, 50), radius=8)  # the table
    c.rect((40, 550, 1060, 572), (236, 236, 232))
    for i in range(7):
        c.rect((110 + i * 140, 520, 150 + i * 140, 552), (250, 250, 250), radius=3)  # name cards


def draw_walk(c: Canvas) -> None:
    """职工健步走: a spring path through green hills, walkers in sportswear."""
    c.gradient(0, 380, (150, 196, 236), (222, 236, 246))
    c.poly([(0, 380), (260, 250), (520, 360), (780, 230), (1100, 350), (1100, 520), (0, 520)], (120, 170, 100))
    c.gradient(520, HEIGHT_PX, (150, 196, 110), (110, 160, 80))
    c.poly([(470, 520), (630, 520), (1000, HEIGHT_PX), (100, HEIGHT_PX)], (200, 190, 170))
    rng = c.rng
    for _ in range(30):  # blossoms on the hillside
        x, y = rng.randint(0, WIDTH_PX), rng.randint(400, 700)
        if not 100 < x < 1000 or y < 520:
            c.ellipse((x - 9, y - 9, x + 9, y + 9), (246, 200, 214))
    colours = [(220, 70, 60), (60, 110, 200), (240, 180, 40), (40, 150, 120), (220, 70, 60), (60, 110, 200)]
    for i, col in enumerate(colours):
        depth = i / (len(colours) - 1)
        feet = 560 + depth * 220
        x = 560 + (-1) ** i * (40 + depth * 230)
        c.figure(x, feet, 160 + depth * 300, col, legs=(40, 44, 60))


def draw_skills(c: Canvas) -> None:
    """临床技能培训: doctors round a training manikin on a table, a screen behind."""
    c.gradient(0, 540, (226, 230, 236), (196, 202, 212))
    c.gradient(540, HEIGHT_PX, (170, 176, 182), (140, 146, 152))
    c.rect((120, 70, 620, 340), (40, 48, 62), radius=6)  # projection screen
    c.rect((140, 90, 600, 320), (80, 130, 180))
    c.rect((170, 120, 420, 150), (236, 240, 244), radius=4)
    for i in range(3):
        c.rect((170, 180 + i * 40, 560, 196 + i * 40), (200, 214, 228), radius=4)
    c.rect((300, 520, 820, 560), (210, 214, 220), radius=6)  # table
    c.rect((320, 560, 340, 720), (150, 156, 164))
    c.rect((780, 560, 800, 720), (150, 156, 164))
    c.ellipse((330, 470, 400, 530), (230, 190, 160))  # manikin
    c.rect((390, 480, 760, 525), (230, 190, 160), radius=20)
    for x, h, coat in ((220, 470, WHITE_COAT), (900, 480, WHITE_COAT), (1010, 440, SCRUBS)):
        c.figure(x, 780, h, coat, facing=1 if x < 500 else -1)


PHOTOS: tuple[Photo, ...] = (
    Photo("seeds/changzhi-robot/images/ward-consultation.jpg", draw_ward_consultation, 1),
    Photo("seeds/changzhi-robot/images/nursing-care.jpg", draw_nursing_care, 2),
    Photo("seeds/changzhi-robot/images/banner-thanks.jpg", draw_banner_thanks, 3),
    Photo("seeds/changzhi-robot/images/studio-plaque.jpg", draw_studio_plaque, 4),
    Photo("seeds/changzhi-robot/images/jst-cooperation.jpg", draw_jst_cooperation, 5),
    Photo("seeds/jincheng-215/images/walk.jpg", draw_walk, 6),
    Photo("seeds/jincheng-215/images/skills.jpg", draw_skills, 7),
    Photo("seeds/jincheng-215/images/safety-meeting.jpg", draw_jst_cooperation, 8),
    Photo("seeds/jincheng-215/images/elder-care.jpg", draw_studio_plaque, 9),
    Photo("seeds/jincheng-215/images/nursing.jpg", draw_nursing_care, 10),
    Photo("seeds/jincheng-215/images/spine.jpg", draw_ward_consultation, 11),
    Photo("seeds/jincheng-215/images/thumb.jpg", draw_nursing_care, 12),
    Photo("seeds/jincheng-215/images/banner.jpg", draw_banner_thanks, 13),
)


def render(photo: Photo) -> bytes:
    """The JPEG bytes of one photo (baseline, 300 ppi, no timestamps, so identical on every run)."""
    c = Canvas(photo.seed)
    photo.draw(c)
    buf = io.BytesIO()
    img = c.finish()
    img = img.resize((round(WIDTH_PX * OUTPUT_SCALE), round(HEIGHT_PX * OUTPUT_SCALE)), Image.LANCZOS)
    img.save(buf, "JPEG", quality=JPEG_QUALITY, dpi=(PPI, PPI), optimize=True)
    data = buf.getvalue()
    if len(data) > MAX_BYTES:
        raise ValueError(f"{photo.path}: {len(data)} bytes, over the {MAX_BYTES} budget")
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", type=Path, default=ROOT, help="repository root to write under")
    args = ap.parse_args(argv)
    for photo in PHOTOS:
        out = args.root / photo.path
        out.parent.mkdir(parents=True, exist_ok=True)
        data = render(photo)
        out.write_bytes(data)
        print(f"{photo.path}: {len(data) // 1000} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
