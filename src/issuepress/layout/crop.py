"""A picture in a frame: what the frame cuts away, where the cut falls, and the resolution it prints at.

One place for this arithmetic, so that the planner (which frame), the renderer (which pixels) and the
report (what was cut) agree. Sizes are upright pixels (EXIF orientation applied) and frames in pt.
"""

from __future__ import annotations

# A frame within this relative difference of the picture's shape is the picture's shape (no crop).
SAME_SHAPE = 1e-3
PT_PER_INCH = 72.0


def crop_shares(px: tuple[int, int], w_pt: float, h_pt: float) -> tuple[float, float]:
    """(share of the picture's width cut away, share of its height cut away) to fill the frame."""
    if px[0] <= 0 or px[1] <= 0 or w_pt <= 0 or h_pt <= 0:
        return 0.0, 0.0
    have = px[0] / px[1]
    want = w_pt / h_pt
    if abs(have - want) <= SAME_SHAPE * want:
        return 0.0, 0.0
    if have > want:  # the picture is wider than the frame: its sides go
        return 1.0 - want / have, 0.0
    return 0.0, 1.0 - have / want


def print_ppi(px: tuple[int, int], w_pt: float, h_pt: float) -> float:
    """Pixels per inch as printed: the picture is scaled to cover the frame (the larger ratio)."""
    if px[0] <= 0 or px[1] <= 0:
        return 0.0
    scale = max(w_pt / px[0], h_pt / px[1])  # pt per pixel
    return PT_PER_INCH / scale if scale > 0 else 0.0


def keeps_orientation(px: tuple[int, int], w_pt: float, h_pt: float) -> bool:
    """A portrait picture stays portrait and a landscape stays landscape (a square one may go either way)."""
    if px[0] == px[1]:
        return True
    return w_pt >= h_pt if px[0] > px[1] else h_pt >= w_pt


def crop_box(px: tuple[int, int], w_pt: float, h_pt: float,
             focus: tuple[float, float] = (0.5, 0.5)) -> tuple[int, int, int, int]:
    """The pixels (left, top, right, bottom) the frame shows: the frame's shape, centred on `focus`
    (shares 0–1 across and down) as far as the picture's edges allow."""
    w, h = px
    cut_w, cut_h = crop_shares(px, w_pt, h_pt)
    nw = max(1, round(w * (1.0 - cut_w)))
    nh = max(1, round(h * (1.0 - cut_h)))
    left = _place(w, nw, focus[0])
    top = _place(h, nh, focus[1])
    return left, top, left + nw, top + nh


def _place(total: int, keep: int, at: float) -> int:
    """Start of a window `keep` long whose centre is as near `at` × total as the edges allow."""
    start = round(at * total - keep / 2)
    return max(0, min(total - keep, start))
