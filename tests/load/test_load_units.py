"""Units designers write: pt, mm, cm, in, Q/级, 字号 names, em, grid lines, paper names, CMYK."""

from __future__ import annotations

import pytest

from issuepress.load.units import (UnitError, paper_size, parse_cmyk, parse_em, parse_length, parse_vertical)


@pytest.mark.parametrize("text, pt", [
    ("10.5pt", 10.5), ("10.5 pt", 10.5), (10.5, 10.5), (9, 9.0), ("12", 12.0),
    ("1in", 72.0), ("25.4mm", 72.0), ("2.54cm", 72.0), ("3.7mm", 3.7 * 72 / 25.4),
    ("15Q", 15 * 0.25 * 72 / 25.4), ("15q", 15 * 0.25 * 72 / 25.4), ("15级", 15 * 0.25 * 72 / 25.4),
    (".5pt", 0.5),
])
def test_lengths(text, pt):
    assert parse_length(text) == pytest.approx(pt)


@pytest.mark.parametrize("name, pt", [
    ("初号", 42), ("小初", 36), ("一号", 26), ("小一", 24), ("二号", 22), ("小二", 18), ("三号", 16), ("小三", 15),
    ("四号", 14), ("小四", 12), ("五号", 10.5), ("小五", 9), ("六号", 7.5), ("小六", 6.5), ("七号", 5.5), ("八号", 5),
])
def test_zihao_names(name, pt):
    assert parse_length(name) == pt


def test_q_near_wuhao():
    # NEWSPAPER.md: 10.5 pt is about 14.8Q
    assert parse_length("14.8Q") == pytest.approx(10.5, abs=0.02)


@pytest.mark.parametrize("bad", ["10px", "big", "五", "", "1 0pt", True, None, [1]])
def test_bad_lengths(bad):
    with pytest.raises(UnitError):
        parse_length(bad)


def test_em():
    assert parse_em("2em") == 2 and parse_em("2字") == 2 and parse_em(0.25) == 0.25 and parse_em("1.5") == 1.5
    with pytest.raises(UnitError):
        parse_em("2mm")


def test_vertical_lines_and_grid():
    assert parse_vertical("3 lines", 14) == 42 and parse_vertical("1 line", 14) == 14
    assert parse_vertical("3行", 16) == 48 and parse_vertical("grid", 16.5) == 16.5
    assert parse_vertical("10mm", 14) == pytest.approx(10 * 72 / 25.4)
    with pytest.raises(UnitError):
        parse_vertical("3 rows", 14)


@pytest.mark.parametrize("name, mm", [("A4", (210, 297)), ("a3", (297, 420)), ("A5", (148, 210)),
                                      ("B4", (250, 353)), ("B5", (176, 250)), ("8开", (260, 370)),
                                      ("16开", (185, 260))])
def test_paper_sizes(name, mm):
    w, h = paper_size(name)
    assert (w, h) == (pytest.approx(mm[0] * 72 / 25.4), pytest.approx(mm[1] * 72 / 25.4))
    assert paper_size(name, landscape=True) == (h, w)


def test_unknown_paper():
    with pytest.raises(UnitError, match="known: A3"):
        paper_size("Letter")


def test_cmyk():
    assert parse_cmyk([0, 0, 0, 100]) == (0, 0, 0, 1.0)
    assert parse_cmyk([100, 50, 0, 12.5]) == (1.0, 0.5, 0, 0.125)
    for bad in ([0, 0, 100], [0, 0, 0, 101], "black", [0, 0, 0, True]):
        with pytest.raises(UnitError):
            parse_cmyk(bad)
