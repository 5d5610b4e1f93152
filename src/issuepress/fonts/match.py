"""Pick the face for a family and weight among scanned faces: exact family name, nearest weight, upright."""

from __future__ import annotations

from typing import Sequence

from .scan import FaceInfo

# The CSS Fonts 4 weight-matching idea (§5.2 "font-weight"): at equal distance a target up to
# 500 prefers the lighter face, a heavier target the heavier face.
LIGHTER_PREFERRED_UP_TO = 500


def normalize(name: str) -> str:
    """Family names compare case-insensitively with runs of white space folded."""
    return " ".join(name.split()).casefold()


def family_faces(faces: Sequence[FaceInfo], family: str) -> list[FaceInfo]:
    """Faces whose family names (any language, IDs 16/21/1) include `family`; else whose full or PS name is it."""
    key = normalize(family)
    hits = [f for f in faces if any(normalize(n) == key for n in f.names)]
    if not hits:
        hits = [f for f in faces if normalize(f.full_name) == key or normalize(f.ps_name) == key]
    return hits


def nearest_weight(faces: Sequence[FaceInfo], target: int) -> FaceInfo | None:
    """The upright face closest in usWeightClass to `target`; earlier faces win remaining ties."""
    if not faces:
        return None

    def cost(item: tuple[int, FaceInfo]) -> tuple[int, int, int, int]:
        order, face = item
        delta = face.weight_class - target
        wrong_side = (delta > 0) if target <= LIGHTER_PREFERRED_UP_TO else (delta < 0)
        return (int(face.italic), abs(delta), int(wrong_side), order)

    return min(enumerate(faces), key=cost)[1]
