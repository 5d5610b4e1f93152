"""The page grid: columns × baseline lines inside the type area, in pt from the trim's top-left."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class PageGrid:
    """Columns and lines of one page's type area (below any masthead or header)."""

    left: float
    top: float
    width: float
    columns: int
    gutter: float
    baseline: float
    lines: int

    @property
    def col_w(self) -> float:
        return (self.width - (self.columns - 1) * self.gutter) / self.columns

    def col_x(self, c: int) -> float:
        return self.left + c * (self.col_w + self.gutter)

    def span_width(self, span: int) -> float:
        return span * self.col_w + (span - 1) * self.gutter

    def line_y(self, line: int) -> float:
        return self.top + line * self.baseline

    @classmethod
    def for_area(cls, left: float, top: float, width: float, height: float, columns: int, gutter: float,
                 baseline: float) -> "PageGrid":
        return cls(left, top, width, columns, gutter, baseline, max(0, math.floor(height / baseline + 1e-6)))
