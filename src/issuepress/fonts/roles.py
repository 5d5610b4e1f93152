"""Font roles as a layout names them: a role (song, hei, kai…) is a fallback chain of font choices."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FontChoice:
    """One face to try: by family and weight (looked up on the machine) or by a font file."""

    family: str | None = None
    weight: str = "regular"
    file: str | None = None


@dataclass(frozen=True)
class FontRole:
    """A named role and its faces in fallback order: the first face that has a character sets it."""

    name: str
    chain: tuple[FontChoice, ...]
