"""The seeds' placeholder photos: print-sized, small, and exactly what scripts/make_seed_images.py draws."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image, ImageChops, ImageStat

from seedfolder import REPO, SEEDS_DIR, read_folder

# A re-encoded JPEG may differ by a level or two from another libjpeg build; a changed drawing differs by far more.
MAX_MEAN_PIXEL_DIFF = 2.0
MAX_BYTES = 250_000
SIZE_PX = (2420, 1760)  # drawn at 1100 x 800, scaled 2.2x: 300 ppi even when cropped to fill a module
PPI = 300


def load_script() -> ModuleType:
    name = "make_seed_images"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "make_seed_images.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def referenced_photos() -> list[Path]:
    out = []
    for d in sorted(p for p in SEEDS_DIR.iterdir() if p.is_dir()):
        folder = read_folder(d.name)
        for a in folder.articles:
            out += [folder.root / ph["src"] for ph in a.front.get("photos", [])]
    return out


def test_every_photo_drawn_by_the_script_is_used_and_vice_versa() -> None:
    drawn = sorted(REPO / p.path for p in load_script().PHOTOS)
    assert drawn == sorted(referenced_photos())
    assert sorted(SEEDS_DIR.glob("*/images/*")) == drawn


@pytest.mark.parametrize("path", referenced_photos(), ids=lambda p: p.name)
def test_photo_is_print_sized_jpeg(path: Path) -> None:
    data = path.read_bytes()
    assert len(data) < MAX_BYTES
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "JPEG" and im.mode == "RGB"
        assert im.size == SIZE_PX
        assert tuple(round(v) for v in im.info["dpi"]) == (PPI, PPI)


def test_script_output_is_deterministic() -> None:
    script = load_script()
    photo = script.PHOTOS[0]
    assert script.render(photo) == script.render(photo)


def test_committed_photos_match_the_script(tmp_path: Path) -> None:
    """Catches a drawing changed without the JPEGs regenerated (or the other way round)."""
    script = load_script()
    assert script.main(["--root", str(tmp_path)]) == 0
    for photo in script.PHOTOS:
        with Image.open(tmp_path / photo.path) as fresh, Image.open(REPO / photo.path) as kept:
            diff = ImageStat.Stat(ImageChops.difference(fresh.convert("RGB"), kept.convert("RGB"))).mean
        assert max(diff) < MAX_MEAN_PIXEL_DIFF, f"{photo.path}: rerun scripts/make_seed_images.py"
