"""The input model: an issue, its articles and its layout, as frozen dataclasses every later stage reads."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from .fonts.roles import FontChoice, FontRole

__all__ = [
    "Article", "ArticleFinding", "Block", "BlockRules", "Figure", "FontChoice", "FontRole", "FlowRules", "Grid", "ImageRules", "Issue", "IssueInfo",
    "Layout", "Masthead", "PageGeometry", "PageHeader", "PageSpec", "Paper", "Paragraph", "Photo", "PrintRules",
    "QrItem", "Slot", "Span", "Subhead", "Table", "TableRow", "TableRules", "Template", "TextRules", "TextStyle",
    "CMYK",
]

CMYK = tuple[float, float, float, float]

# ---------------------------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class Span:
    """A run of body text; bold comes from Markdown **strong**, emph from *emphasis* (set in 楷体)."""

    text: str
    bold: bool = False
    emph: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. kind: body | quote (from `>`) | note | footnote (a note set at the story's end).

    `marker` makes it a list item: the marker as typed or numbered (1. 一、 （一） ● ①), set at the
    item's start with every line of the text after it (a hanging indent); `depth` is its list nesting."""

    spans: tuple[Span, ...]
    kind: str = "body"
    runs_on: bool = False  # the text after a picture inside a paragraph: it goes on, not indented
    marker: str = ""
    depth: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Subhead:
    """A 小标题 (`##` or `###` in Markdown), set on its own lines."""

    text: str


@dataclass(frozen=True)
class TableRow:
    """One row of a table: each cell's spans (bold kept); `header` for the row above the delimiter row."""

    cells: tuple[tuple[Span, ...], ...]
    header: bool = False


@dataclass(frozen=True)
class Table:
    """A pipe table: rows of cells, one alignment per column (left | center | right, from `:--` `:-:` `--:`).

    `line` is the line of the article file where the table starts, so a finding can name it."""

    rows: tuple[TableRow, ...]
    aligns: tuple[str, ...]
    line: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for row in self.rows for cell in row.cells for s in cell)


@dataclass(frozen=True)
class Photo:
    """A photo of an article. A missing file is not an input error: exists=False, layout marks it."""

    src: Path
    caption: str
    credit: str | None
    width: int | None  # columns the photo spans; None lets the layout decide
    exists: bool
    focus: tuple[float, float] = (0.5, 0.5)  # the point of the picture a crop keeps (0–1 across, down)


@dataclass(frozen=True)
class ArticleFinding:
    """A finding the loader makes about an article's text (a stable code from preflight/codes.py, whose
    table gives its severity); the report names the article and the page it is printed on."""

    code: str
    message: str  # names the file and line, as every finding does
    line: int | None = None


@dataclass(frozen=True)
class Figure:
    """A picture written in the body (`![caption](src)`): printed at that point of the story, a column wide.

    `line` is the body line it is written on (1-based, counted from the first line after the front matter)."""

    photo: Photo
    line: int = 0

    @property
    def text(self) -> str:
        return self.photo.caption  # what it sets in the story's text


Block = Union[Paragraph, Subhead, Figure, Table]


@dataclass(frozen=True)
class Article:
    """One Markdown article: headline parts from the front matter, body as blocks.

    `normalised` lists what the loader changed in the text (zero-width characters removed, …) so
    the report can tell the editor; `findings` what it found and left for the editor to decide.
    `slot` is set by the issue when the article is pinned to a slot.
    """

    path: Path
    kicker: str | None
    title: str
    subtitle: str | None
    byline: str | None
    byline_position: str  # "end" | "top"
    note: str | None
    photos: tuple[Photo, ...]
    credits: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]
    slot: str | None = None
    normalised: tuple[str, ...] = ()
    short_title: str | None = None  # the title's short form over a continuation (转版), when the editor gives one
    lang: str | None = None  # language tag (zh-Hans, zh-Hant, zh-HK …): which phrase model breaks its headlines
    findings: tuple[ArticleFinding, ...] = ()  # load-time findings (preflight/loaded.py adds them to the report)
    style: str = "prose"  # prose | verse (every line as written, stanzas apart: front matter `style: verse`)


# ---------------------------------------------------------------------------------------------- issue


@dataclass(frozen=True)
class Paper:
    """The paper itself, as its masthead shows it."""

    name: str
    tagline: str | None = None
    publisher: str | None = None
    logo: Path | None = None
    licence: str | None = None


@dataclass(frozen=True)
class IssueInfo:
    """第N期, 总第N期 and the date (weekday and lunar date are derived from it, never typed)."""

    number: int
    total: int | None
    date: datetime.date
    lang: str | None = None  # issue.lang: the language of every article whose front matter names none


@dataclass(frozen=True)
class PageSpec:
    """One page of the issue: its 版名, editor, template and articles in order."""

    title: str
    editor: str | None
    template: str | None
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class QrItem:
    """A QR code with its label (extras.qr)."""

    label: str
    data: str


@dataclass(frozen=True)
class Issue:
    """A whole issue as loaded from its folder."""

    path: Path  # the issue folder
    source: Path  # its issue.yaml
    paper: Paper
    info: IssueInfo
    credits: tuple[tuple[str, tuple[str, ...]], ...]
    layout: Layout
    pages: tuple[PageSpec, ...]
    extras_qr: tuple[QrItem, ...] = ()
    qr_title: str | None = None
    normalised: tuple[str, ...] = ()  # what the loader changed in issue.yaml's texts, each with its key


# ---------------------------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class PageGeometry:
    """Trim size, bleed and margins in pt (inside = at the spine; mirrored on even pages)."""

    width_pt: float
    height_pt: float
    bleed_pt: float
    margin_top_pt: float
    margin_bottom_pt: float
    margin_inside_pt: float
    margin_outside_pt: float


@dataclass(frozen=True)
class Grid:
    """Columns and the baseline grid; baseline_pt is the body leading."""

    columns: int
    gutter_pt: float
    baseline_pt: float
    column_rule_pt: float = 0.0


@dataclass(frozen=True)
class TextRules:
    """Settings of the CJK text engine (clreq level, Han–Latin space, indent)."""

    level: str = "basic"
    han_latin_space_em: float = 0.25
    han_latin_space_min_em: float = 0.125
    hanging_punctuation: bool = False
    indent_em: float = 2.0
    emphasis_font: str = "kai"  # font role of *emphasis*
    list_indent_em: float = 0.0  # a list marker's distance from the column edge
    punctuation: str = "keep"  # keep | fix: half-width marks among Chinese text (load/punctpass.py)


@dataclass(frozen=True)
class TextStyle:
    """A named text style: font role, size, leading, alignment, indent, colour name, spacing."""

    font: str
    size_pt: float
    leading_pt: float
    align: str
    indent_em: float
    color: str
    space_before_pt: float
    space_after_pt: float
    letter_spacing_em: float = 0.0
    bold: bool = False


@dataclass(frozen=True)
class Masthead:
    """The front-page 报头 block; eye is what the 报眼 box at top right holds."""

    height_pt: float
    name_style: str = "masthead_name"
    info_style: str = "masthead_info"
    credits_style: str = "masthead_credits"
    credits: str = "masthead"  # masthead | footer
    rule_pt: float = 1.5
    eye: str = "qr"  # qr | contents | none
    logo_height_pt: float = 56.0


@dataclass(frozen=True)
class PageHeader:
    """The 版头 of inner pages, mirrored on even pages when mirror is set."""

    height_pt: float
    style: str = "header"
    title_style: str = "header_title"
    rule_pt: float = 0.75
    mirror: bool = True


@dataclass(frozen=True)
class BlockRules:
    """What separates stacked modules, and photo defaults."""

    separator: str = "rule"  # rule | space
    rule_pt: float = 0.5
    space_lines: int = 1
    photo_columns_default: int = 1
    caption_style: str = "caption"


@dataclass(frozen=True)
class Slot:
    """A named region of a template on the grid of the type area below masthead/header (0-based)."""

    name: str
    column: int
    span: int
    line: int
    lines: int | None  # None: as tall as the story needs (to the bottom at most)
    bleed: bool = False  # photos at its head touching the type area's side edges extend to the bleed


@dataclass(frozen=True)
class Template:
    """A page template: furniture switches and named slots."""

    name: str
    masthead: bool
    header: bool
    slots: tuple[Slot, ...]
    background: str | None = None  # colour name printed behind the page, out to the bleed

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)


@dataclass(frozen=True)
class ImageRules:
    """Resolution limits in ppi at the printed size; downsample pictures above this multiple of min_ppi."""

    min_ppi: float = 300.0
    warn_ppi: float = 150.0
    downsample_above: float = 2.0
    max_crop: float = 0.15  # the largest share of a picture's width or height a frame may cut away


@dataclass(frozen=True)
class FlowRules:
    """How stories continue across pages (转版)."""

    max_jumps: int = 1  # how many times one story may jump
    min_jump_lines: int = 6  # the fewest body lines worth carrying to another page


@dataclass(frozen=True)
class TableRules:
    """How a table is drawn: which rules (grid | horizontal | open), their weights, cell padding, styles."""

    rules: str = "grid"
    frame_pt: float = 0.75
    header_pt: float = 0.5
    rows_pt: float = 0.25
    padding_pt: float = 2.5
    style: str = "table"
    header_style: str = "table_header"
    min_size_pt: float = 7.5


@dataclass(frozen=True)
class PrintRules:
    """What the PDF carries for the print shop."""

    bleed_pt: float
    crop_marks: bool = True
    registration: bool = True
    slug: bool = True
    ink_limit: int = 300
    profile: str | None = None


@dataclass(frozen=True)
class Layout:
    """A layout YAML, validated, with every unit converted to pt and every default filled in."""

    name: str
    path: Path
    page: PageGeometry
    grid: Grid
    text: TextRules
    fonts: Mapping[str, FontRole]
    colors: Mapping[str, CMYK]  # CMYK 0..1
    styles: Mapping[str, TextStyle]
    title_sizes: Mapping[int, float]  # module span in columns -> title size in pt
    masthead: Masthead
    page_header: PageHeader
    blocks: BlockRules
    templates: Mapping[str, Template]
    images: ImageRules
    print: PrintRules
    flow: FlowRules = FlowRules()
    table: TableRules = TableRules()
    sources: tuple[Path, ...] = ()  # this file and every file it extends: inputs an output may not replace
