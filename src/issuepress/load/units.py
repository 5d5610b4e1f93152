"""Lengths, font sizes, em values, paper sizes and colours as designers write them, converted to pt."""

from __future__ import annotations

import math
import re

from ..limits import MAX_EM, MAX_LENGTH_PT

PT_PER_INCH = 72.0
PT_PER_MM = PT_PER_INCH / 25.4
# 级 (Q) of phototypesetting: one Q is a quarter millimetre (NEWSPAPER.md, 字号 table note).
PT_PER_Q = 0.25 * PT_PER_MM

UNITS: dict[str, float] = {
    "pt": 1.0,
    "mm": PT_PER_MM,
    "cm": 10 * PT_PER_MM,
    "in": PT_PER_INCH,
    "q": PT_PER_Q,
    "级": PT_PER_Q,
}

# 字号: the Chinese point-size names and their sizes in pt (NEWSPAPER.md, "Sizes designers use").
ZIHAO: dict[str, float] = {
    "初号": 42, "小初": 36,
    "一号": 26, "小一": 24,
    "二号": 22, "小二": 18,
    "三号": 16, "小三": 15,
    "四号": 14, "小四": 12,
    "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5,
    "七号": 5.5, "八号": 5,
}

# Trim sizes (width, height) in mm, portrait. ISO A/B series, and the Chinese 开 sizes of the
# common 787 × 1092 mm sheet as newspapers and printers name them (8开 is the usual tabloid).
PAPER_MM: dict[str, tuple[float, float]] = {
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
    "B4": (250, 353),
    "B5": (176, 250),
    "8开": (260, 370),
    "16开": (185, 260),
    "4开": (390, 543),
}

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_LENGTH_RE = re.compile(rf"^\s*({_NUMBER})\s*([A-Za-z级]*)\s*$")
_EM_RE = re.compile(rf"^\s*({_NUMBER})\s*(em|字)?\s*$")
_LINES_RE = re.compile(rf"^\s*({_NUMBER})\s*(lines?|行)\s*$")


class UnitError(ValueError):
    """A value that is not in any unit we know; the message says what was expected."""


def _bounded(value: float, limit: float, unit: str, written: object) -> float:
    """The value if it is finite and within ±limit (limits.py says why), else a UnitError."""
    if not math.isfinite(value) or abs(value) > limit:
        raise UnitError(f"{written!r} is out of range: at most {limit:g}{unit} either way")
    return value


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def parse_length(value: object) -> float:
    """`10.5pt`, `15Q`/`15级`, `3.7mm`, `1cm`, `1in`, a 字号 name, or a bare number (pt) -> pt."""
    return _bounded(_parse_length(value), MAX_LENGTH_PT, "pt", value)


def _parse_length(value: object) -> float:
    n = _number(value)
    if n is not None:
        return n
    if not isinstance(value, str):
        raise UnitError(f"expected a length like 3mm or 10.5pt, got {value!r}")
    text = value.strip()
    if text in ZIHAO:
        return float(ZIHAO[text])
    m = _LENGTH_RE.match(text)
    if not m:
        raise UnitError(f"expected a length like 3mm, 10.5pt, 15Q or 五号, got {value!r}")
    number, unit = float(m.group(1)), m.group(2).lower()
    if unit == "":
        return number
    if unit not in UNITS:
        raise UnitError(f"unknown unit {m.group(2)!r} in {value!r} (use pt, mm, cm, in, Q or 级)")
    return number * UNITS[unit]


def parse_em(value: object) -> float:
    """`2em`, `2字` or a bare number, in em (for indents and spacing measured in characters)."""
    n = _number(value)
    if n is not None:
        return _bounded(n, MAX_EM, "em", value)
    if isinstance(value, str):
        m = _EM_RE.match(value)
        if m:
            return _bounded(float(m.group(1)), MAX_EM, "em", value)
    raise UnitError(f"expected a value in em like 2em, got {value!r}")


def parse_vertical(value: object, baseline_pt: float) -> float:
    """A length, or a count of grid lines (`3 lines`, `3行`), or `grid` (one line) -> pt."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "grid":
            return baseline_pt
        m = _LINES_RE.match(text)
        if m:
            return _bounded(float(m.group(1)) * baseline_pt, MAX_LENGTH_PT, "pt", value)
    try:
        return parse_length(value)
    except UnitError:
        raise UnitError(f"expected a length like 14pt, a line count like 3 lines, or grid; got {value!r}") from None


def paper_size(name: str, landscape: bool = False) -> tuple[float, float]:
    """A paper name (A4, 8开, …) -> (width_pt, height_pt)."""
    key = name.strip()
    key = key.upper() if key[:1].isascii() else key
    if key not in PAPER_MM:
        raise UnitError(f"unknown paper size {name!r} (known: {', '.join(PAPER_MM)})")
    w, h = PAPER_MM[key]
    if landscape:
        w, h = h, w
    return w * PT_PER_MM, h * PT_PER_MM


def parse_cmyk(value: object) -> tuple[float, float, float, float]:
    """[c, m, y, k] in percent (0–100) -> fractions 0..1."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        raise UnitError(f"expected a CMYK colour [c, m, y, k] in percent, got {value!r}")
    out = []
    for v in value:
        n = _number(v)
        if n is None or not 0 <= n <= 100:
            raise UnitError(f"CMYK values are percentages from 0 to 100, got {v!r}")
        out.append(n / 100.0)
    return (out[0], out[1], out[2], out[3])
