"""A picture in its frame: the share cut, where the cut falls, the frame's lines on the grid."""

from __future__ import annotations

from issuepress.layout.crop import crop_box, crop_shares, keeps_orientation, print_ppi
from issuepress.layout.photos import frame_lines

# tabloid-4col: a column is 174.3 pt wide, the grid 16.5 pt.
COL_PT, B = 174.33, 16.5


def test_a_frame_of_the_picture_shape_cuts_nothing() -> None:
    assert crop_shares((3000, 2000), 300.0, 200.0) == (0.0, 0.0)


def test_a_taller_frame_cuts_the_sides_and_a_wider_one_the_height() -> None:
    cut_w, cut_h = crop_shares((3000, 2000), 100.0, 100.0)
    assert abs(cut_w - 1 / 3) < 1e-9 and cut_h == 0.0
    cut_w, cut_h = crop_shares((2000, 3000), 100.0, 100.0)
    assert cut_w == 0.0 and abs(cut_h - 1 / 3) < 1e-9


def test_the_crop_keeps_the_focus_as_far_as_the_edges_allow() -> None:
    # a 1000×1000 picture in a 2:1 frame keeps 500 rows
    assert crop_box((1000, 1000), 200.0, 100.0, (0.5, 0.0)) == (0, 0, 1000, 500)
    assert crop_box((1000, 1000), 200.0, 100.0, (0.5, 1.0)) == (0, 500, 1000, 1000)
    assert crop_box((1000, 1000), 200.0, 100.0, (0.5, 0.5)) == (0, 250, 1000, 750)
    assert crop_box((1000, 1000), 200.0, 100.0, (0.5, 0.6)) == (0, 350, 1000, 850)


def test_ppi_is_that_of_the_covering_scale() -> None:
    assert abs(print_ppi((300, 400), COL_PT, COL_PT * 4 / 3) - 300 * 72 / COL_PT) < 1e-6


def test_orientation() -> None:
    assert keeps_orientation((2000, 3000), 100.0, 120.0)
    assert not keeps_orientation((2000, 3000), 120.0, 100.0)
    assert not keeps_orientation((3000, 2000), 100.0, 120.0)
    assert keeps_orientation((1000, 1000), 100.0, 120.0)


def test_frame_lines_stay_within_max_crop_and_min_ppi() -> None:
    for px in ((3000, 2000), (2000, 3000), (6000, 1500), (1000, 1333), (2420, 1760)):
        natural, low, high = frame_lines(px, COL_PT, B, 0.15, 300.0)
        assert low <= natural <= high
        exact = COL_PT * px[1] / px[0] / B
        assert natural in (int(exact), int(exact) + 1)  # the line count nearest the picture's shape
        for n in range(low, high + 1):
            assert max(crop_shares(px, COL_PT, n * B)) <= 0.15 + 1e-9
            assert keeps_orientation(px, COL_PT, n * B)
        assert max(crop_shares(px, COL_PT, (high + 1) * B)) > 0.15 or print_ppi(px, COL_PT, (high + 1) * B) < 300


def test_a_picture_at_its_resolution_limit_does_not_grow() -> None:
    # 730 px over 174.3 pt is 301 ppi: one line taller would need a larger scale, below 300 ppi
    natural, low, high = frame_lines((730, 1000), COL_PT, B, 0.15, 300.0)
    assert high == natural and low < natural
