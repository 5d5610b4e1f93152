"""The masthead's date line: Gregorian date, weekday, lunar date and solar term, from one date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from lunar_python import Solar

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")  # date.weekday() order
# Lunar month names as calendars print them: the first month is 正月, the twelfth 腊月, the
# eleventh 冬月 (the names Chinese newspapers use in their date lines).
LUNAR_MONTHS = ("正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月")
_DIGITS = "一二三四五六七八九十"


@dataclass(frozen=True)
class DateLine:
    """The parts of a date line; the masthead joins them (2026年4月1日 星期三 农历丙午年二月十四)."""

    gregorian: str
    weekday: str
    lunar: str
    solar_term: str | None


def lunar_day(day: int) -> str:
    """初一…初十, 十一…十九, 二十, 廿一…廿九, 三十: the traditional names of lunar days."""
    if not 1 <= day <= 30:
        raise ValueError(f"lunar day out of range: {day}")
    if day <= 10:
        return "初" + _DIGITS[day - 1]
    if day < 20:
        return "十" + _DIGITS[day - 11]
    if day == 20:
        return "二十"
    if day < 30:
        return "廿" + _DIGITS[day - 21]
    return "三十"


def lunar_month(month: int) -> str:
    """lunar_python numbers a leap month negatively: -6 is 闰六月."""
    name = LUNAR_MONTHS[abs(month) - 1]
    return ("闰" + name) if month < 0 else name


def date_line(d: datetime.date) -> DateLine:
    lunar = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    term = lunar.getJieQi() or None
    return DateLine(
        gregorian=f"{d.year}年{d.month}月{d.day}日",
        weekday=WEEKDAYS[d.weekday()],
        lunar=f"农历{lunar.getYearInGanZhi()}年{lunar_month(lunar.getMonth())}{lunar_day(lunar.getDay())}",
        solar_term=term,
    )
