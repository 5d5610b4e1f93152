"""What layout hands the renderer: pages of positioned items, all in pt, top-left origin."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

from ..text.types import Line


@dataclass(frozen=True)
class TextLine:
    """A set line whose baseline starts at (x_pt, y_pt); glyph x positions are relative to x_pt."""

    x_pt: float
    y_pt: float
    line: Line
    role: str = "body"  # body | title | caption | header | furniture ... (for checks and the trace)
    article: str | None = None


@dataclass(frozen=True)
class ImageItem:
    """A placed picture; a missing or unreadable file is drawn as a marked placeholder."""

    x_pt: float
    y_pt: float
    width_pt: float
    height_pt: float
    path: Path | None
    ok: bool = True
    label: str = ""
    article: str | None = None
    px: tuple[int, int] | None = None  # the picture's upright pixel size (a story's photo; None otherwise)
    focus: tuple[float, float] = (0.5, 0.5)  # the point a crop keeps (shares across and down)
    role: str = "photo"  # photo (at a module's head) | figure (a picture in the text, in a column's flow)


@dataclass(frozen=True)
class RuleItem:
    """A straight rule from (x1, y1) to (x2, y2)."""

    x1_pt: float
    y1_pt: float
    x2_pt: float
    y2_pt: float
    width_pt: float = 0.5
    color: str = "black"


@dataclass(frozen=True)
class BoxItem:
    """A rectangle, stroked and/or filled (a 报眼 frame, a credit box, a missing-glyph mark)."""

    x_pt: float
    y_pt: float
    width_pt: float
    height_pt: float
    stroke: str | None = "black"
    fill: str | None = None
    stroke_pt: float = 0.5


@dataclass(frozen=True)
class QrItem:
    """A QR code of `data` drawn as vector modules in a square of side size_pt."""

    x_pt: float
    y_pt: float
    size_pt: float
    data: str


Item = Union[TextLine, ImageItem, RuleItem, BoxItem, QrItem]


def shifted(item: Item, dx: float, dy: float) -> Item:
    """The item moved by (dx, dy): a block laid out once from its own origin (a table, a figure) is
    placed wherever the column flow puts it."""
    if isinstance(item, RuleItem):
        return replace(item, x1_pt=item.x1_pt + dx, y1_pt=item.y1_pt + dy, x2_pt=item.x2_pt + dx,
                       y2_pt=item.y2_pt + dy)
    return replace(item, x_pt=item.x_pt + dx, y_pt=item.y_pt + dy)


@dataclass(frozen=True)
class PageLayout:
    """One page: trim size and its items; `type_area` is (x, y, w, h) of the text area."""

    number: int
    width_pt: float
    height_pt: float
    items: tuple[Item, ...]
    type_area: tuple[float, float, float, float]
    title: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Finding:
    """Something an editor fixes later: the issue is still composed; stable `code`."""

    severity: str  # error | warning
    code: str
    message: str
    page: int | None = None
    article: str | None = None
    line: int | None = None  # the line of the article's file, for what the loader found there


@dataclass(frozen=True)
class ArticleResult:
    """Where an article went and whether all of it fit."""

    file: str
    title: str
    pages: tuple[int, ...]
    status: str  # fit | continued | overset
    overset_chars: int = 0
    body_lines: int = 0


@dataclass(frozen=True)
class DocumentLayout:
    """A whole laid-out document (an issue or a galley): pages, findings, article results."""

    pages: tuple[PageLayout, ...]
    findings: tuple[Finding, ...] = ()
    articles: tuple[ArticleResult, ...] = ()
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
