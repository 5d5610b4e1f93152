"""Font roles as a layout names them: a role (song, hei, kai…) is a fallback chain of font choices."""

from __future__ import annotations

from dataclasses import dataclass

# Weight names a layout may use, as OpenType usWeightClass values (OpenType OS/2 spec, usWeightClass:
# the common names of its table). Numbers "100".."900" are accepted too; the face with the nearest
# class is chosen. "normal" and "heavy" are aliases (CSS and older font menus).
WEIGHTS: dict[str, int] = {
    "thin": 100,
    "extralight": 200,
    "light": 300,
    "regular": 400,
    "normal": 400,
    "medium": 500,
    "semibold": 600,
    "bold": 700,
    "extrabold": 800,
    "black": 900,
    "heavy": 900,
}

# Names used when reporting a face's weight: the nearest entry wins (a 350 DemiLight reports "light").
WEIGHT_NAMES: tuple[tuple[int, str], ...] = tuple(
    sorted((v, k) for k, v in WEIGHTS.items() if k not in ("normal", "heavy")))


class FontError(Exception):
    """A font role cannot be resolved, or a font choice is malformed; the message is one line."""


def weight_class(weight: str) -> int:
    """usWeightClass for a weight name or number string; FontError for anything else."""
    key = weight.strip().lower()
    if key in WEIGHTS:
        return WEIGHTS[key]
    if key.isdigit() and 1 <= int(key) <= 1000:
        return int(key)
    names = ", ".join(WEIGHTS)
    raise FontError(f"unknown font weight {weight!r} (use one of {names} or a number 100-900)")


def weight_name(cls: int) -> str:
    """The nearest weight name for a usWeightClass (ties go to the lighter name)."""
    return min(WEIGHT_NAMES, key=lambda item: (abs(item[0] - cls), item[0]))[1]


@dataclass(frozen=True)
class FontChoice:
    """One face to try: by family and weight (looked up on the machine) or by a font file (wins when it exists)."""

    family: str | None = None
    weight: str = "regular"
    file: str | None = None

    def __post_init__(self) -> None:
        if not self.family and not self.file:
            raise FontError("a font choice needs a family or a file")
        weight_class(self.weight)  # fail at load time, not at first use

    @property
    def weight_class(self) -> int:
        return weight_class(self.weight)

    def describe(self) -> str:
        """How the choice is named in error messages: 'LXGW WenKai (regular)'."""
        return f"{self.file or self.family} ({self.weight})"


@dataclass(frozen=True)
class FontRole:
    """A named role and its faces in fallback order: the first face that has a character sets it."""

    name: str
    chain: tuple[FontChoice, ...]

    def __post_init__(self) -> None:
        if not self.chain:
            raise FontError(f"font role {self.name!r} has no fonts")
