"""Word list numbering: the marker Word shows before a list paragraph (1. 一、 （一） ① a) ●), counted as Word counts."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .styles import w

# Levels of a Word list (w:ilvl 0–8).
LEVELS = 9
CHINESE_DIGITS = "〇一二三四五六七八九"
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
# 天干 and 地支, the counting of ideographTraditional and ideographZodiac (甲乙丙丁…, 子丑寅卯…).
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# ① … ⑳: Unicode has circled numbers up to 50 (㉑ … ㊿ past 20); above, the plain number.
CIRCLED = "".join(chr(0x2460 + i) for i in range(20)) + "".join(chr(0x3251 + i) for i in range(15)) \
    + "".join(chr(0x32B1 + i) for i in range(15))
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese(n: int, digits: str = CHINESE_DIGITS, ten: str = "十") -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return digits[0]
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        zero = "零" if digits == CHINESE_DIGITS else digits[0]  # 一百零五, as it is read
        tail = "" if rest == 0 else (zero + digits[rest] if rest < 10 else chinese(rest, digits, ten))
        if 10 <= rest < 20:
            tail = digits[1] + tail  # 一百一十二, not 一百十二
        return digits[n // 100] + "百" + tail
    return str(n)


def roman(n: int) -> str:
    out = []
    for value, letters in ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """a b … z aa bb …: Word repeats the letter past z."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    """Level number `n` in Word's number format `fmt` (w:numFmt); an unknown format counts in digits."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital"):
        return chinese(n)
    if fmt == "chineseLegalSimplified":
        return chinese(n, LEGAL_DIGITS, "拾")
    if fmt in ("ideographTraditional",):
        return HEAVENLY_STEMS[(n - 1) % 10] if n > 0 else ""
    if fmt in ("ideographZodiac",):
        return EARTHLY_BRANCHES[(n - 1) % 12] if n > 0 else ""
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + 0xFF10) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    fmt: str  # w:numFmt: decimal, chineseCounting, bullet …
    text: str  # w:lvlText: "%1." "%1、" "（%1）" "%1.%2" or the bullet character
    start: int


@dataclass(frozen=True)
class Marker:
    """A list paragraph's marker: `bullet` lists become Markdown bullets, the others keep the marker's text."""

    text: str
    bullet: bool
    level: int


def _level(el: etree._Element) -> Level:
    def val(tag: str, default: str) -> str:
        sub = el.find(w(tag))
        return sub.get(w("val"), default) if sub is not None else default

    start = val("start", "1")
    return Level(val("numFmt", "decimal"), val("lvlText", ""), int(start) if start.lstrip("-").isdigit() else 1)


class Numbering:
    """The document's list definitions and the counters of the lists read so far."""

    def __init__(self, root: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self._counts: dict[str, list[int]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        for ab in root.iterfind(w("abstractNum")):
            levels = {}
            for lvl in ab.iterfind(w("lvl")):
                ilvl = lvl.get(w("ilvl"), "0")
                if ilvl.isdigit():
                    levels[int(ilvl)] = _level(lvl)
            self._abstract[ab.get(w("abstractNumId"), "")] = levels
        for num in root.iterfind(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides = {}
            for ov in num.iterfind(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                ilvl = ov.get(w("ilvl"), "0")
                if so is not None and ilvl.isdigit() and so.get(w("val"), "").isdigit():
                    overrides[int(ilvl)] = int(so.get(w("val"), "1"))
            self._nums[num.get(w("numId"), "")] = (ref.get(w("val"), "") if ref is not None else "", overrides)

    def marker(self, num_id: str, ilvl: int) -> Marker | None:
        """The marker of the next paragraph of list `num_id` at level `ilvl` (counting it), or None when the
        document defines no such list."""
        if num_id not in self._nums:
            return None
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id)
        if not levels:
            return None
        ilvl = max(0, min(LEVELS - 1, ilvl))
        lvl = levels.get(ilvl, Level("decimal", f"%{ilvl + 1}.", 1))
        # lists of one definition count on together, as Word does, unless a list restarts it (startOverride)
        counts = self._counts.setdefault(abstract_id, [0] * LEVELS)
        if num_id not in self._started:
            self._started.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv < LEVELS:
                    counts[lv] = start - 1
        if counts[ilvl] == 0 and ilvl not in overrides:
            counts[ilvl] = lvl.start - 1
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, LEVELS):
            counts[deeper] = 0
        if lvl.fmt == "bullet":
            return Marker(lvl.text, True, ilvl)
        text = lvl.text
        for k in range(LEVELS, 0, -1):  # %10 does not exist; go down so %1 never eats a longer name
            if f"%{k}" in text:
                sub = levels.get(k - 1, Level("decimal", "", 1))
                n = counts[k - 1] if counts[k - 1] else sub.start
                text = text.replace(f"%{k}", format_number(n, lvl.fmt if k - 1 == ilvl else sub.fmt))
        return Marker(text, False, ilvl)
