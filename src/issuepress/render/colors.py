"""Resolve colour names to CMYK; black is K only (a print shop rejects rich or RGB black)."""

from __future__ import annotations

from collections.abc import Mapping

CMYK = tuple[float, float, float, float]

# K-only black: small text in four-colour black misregisters on press (NEWSPAPER.md, print checks).
BLACK: CMYK = (0.0, 0.0, 0.0, 1.0)
WHITE: CMYK = (0.0, 0.0, 0.0, 0.0)
# Marks that must show on every separation (crop and registration marks).
REGISTRATION: CMYK = (1.0, 1.0, 1.0, 1.0)

BUILTIN: dict[str, CMYK] = {
    "black": BLACK,
    "white": WHITE,
    "registration": REGISTRATION,
    "gray": (0.0, 0.0, 0.0, 0.5),
    "grey": (0.0, 0.0, 0.0, 0.5),
    "light": (0.0, 0.0, 0.0, 0.12),
    "missing": (0.0, 1.0, 1.0, 0.0),  # the mark for a missing glyph or image: red that prints
    "guide": (0.6, 0.0, 0.0, 0.0),  # proof overlays (grid, slots), never in a print PDF
}


def resolve(name: str, palette: Mapping[str, CMYK] | None = None) -> CMYK:
    """Look a colour name up in the layout's palette, then the built-ins; unknown names are black."""
    if palette and name in palette:
        return palette[name]
    return BUILTIN.get(name, BLACK)
