"""The date line: Gregorian, weekday, lunar date in newspaper style, solar term."""

from __future__ import annotations

import datetime

import pytest

from issuepress.load.calendar import date_line, lunar_day, lunar_month


def test_format_example():
    dl = date_line(datetime.date(2026, 4, 1))
    assert (dl.gregorian, dl.weekday, dl.lunar, dl.solar_term) == ("2026年4月1日", "星期三", "农历丙午年二月十四", None)


@pytest.mark.parametrize("day, lunar, weekday", [
    ((2026, 2, 17), "农历丙午年正月初一", "星期二"),   # Spring Festival: 正月
    ((2025, 1, 28), "农历甲辰年腊月廿九", "星期二"),   # before the Spring Festival: still last year's 甲辰, 腊月
    ((2025, 7, 25), "农历乙巳年闰六月初一", "星期五"),  # a leap month
    ((2026, 12, 9), "农历丙午年冬月初一", "星期三"),   # the eleventh month
    ((2026, 3, 19), "农历丙午年二月初一", "星期四"),
    ((2026, 3, 28), "农历丙午年二月初十", "星期六"),
    ((2026, 4, 7), "农历丙午年二月二十", "星期二"),
    ((2026, 2, 16), "农历乙巳年腊月廿九", "星期一"),   # the eve, in a month of 29 days
])
def test_lunar_dates(day, lunar, weekday):
    dl = date_line(datetime.date(*day))
    assert (dl.lunar, dl.weekday) == (lunar, weekday)


def test_solar_term_on_its_day_only():
    assert date_line(datetime.date(2026, 4, 5)).solar_term == "清明"
    assert date_line(datetime.date(2026, 12, 22)).solar_term == "冬至"
    assert date_line(datetime.date(2026, 4, 6)).solar_term is None


def test_day_and_month_names():
    assert [lunar_day(d) for d in (1, 10, 11, 19, 20, 21, 29, 30)] == \
        ["初一", "初十", "十一", "十九", "二十", "廿一", "廿九", "三十"]
    assert [lunar_month(m) for m in (1, 2, 11, 12, -4)] == ["正月", "二月", "冬月", "腊月", "闰四月"]
    with pytest.raises(ValueError):
        lunar_day(31)


def test_weekdays_cover_the_week():
    days = [date_line(datetime.date(2026, 4, 6) + datetime.timedelta(n)).weekday for n in range(7)]
    assert days == ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
