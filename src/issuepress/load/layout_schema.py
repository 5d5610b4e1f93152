"""Every layout key, declared once with kind, default and help; `python -m` prints the Markdown reference."""

from __future__ import annotations

import math

from ..fonts.defaults import DEFAULT_ROLES
from ..fonts.roles import WEIGHTS, FontError, weight_class
from ..limits import MAX_LAYOUT_NUMBER
from .schema import Ctx, Key, Kind, ListOf, MapOf, Section, defaults_of, markdown
from .units import PAPER_MM, ZIHAO, paper_size, parse_cmyk, parse_em, parse_length, parse_vertical

# ------------------------------------------------------------------------------------------------- kinds


def _nonneg(v: float, what: str) -> float:
    if v < 0:
        raise ValueError(f"{what} cannot be negative, got {v:g}")
    return v


def _length(v: object, ctx: Ctx) -> float:
    return _nonneg(parse_length(v), "a length")


def _size(v: object, ctx: Ctx) -> float:
    size = parse_length(v)
    if size <= 0:
        raise ValueError(f"a font size must be above zero, got {v!r}")
    return size


def _vertical(v: object, ctx: Ctx) -> float:
    return _nonneg(parse_vertical(v, ctx.baseline_pt), "a height")


def _int(minimum: int, maximum: int | None = None) -> Kind:
    """A whole number from `minimum`; without a `maximum`, up to limits.MAX_LAYOUT_NUMBER (unbounded
    counts would make unbounded loops), which the docs do not repeat."""
    cap = maximum if maximum is not None else MAX_LAYOUT_NUMBER

    def parse(v: object, ctx: Ctx) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"expected a whole number, got {v!r}")
        if v < minimum or v > cap:
            raise ValueError(f"must be at least {minimum} and at most {cap}, got {v}")
        return v

    doc = f"whole number ≥ {minimum}" + (f" and ≤ {maximum}" if maximum is not None else "")
    return Kind("int", doc, parse)


def _number(v: object, ctx: Ctx) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(f"expected a number, got {v!r}")
    if not math.isfinite(v) or v > MAX_LAYOUT_NUMBER:
        raise ValueError(f"must be at most {MAX_LAYOUT_NUMBER}, got {v!r}")
    return _nonneg(float(v), "this value")


def _bool(v: object, ctx: Ctx) -> bool:
    if not isinstance(v, bool):
        raise ValueError(f"expected true or false, got {v!r}")
    return v


def _text(v: object, ctx: Ctx) -> str:
    text = str(v).strip()
    if not text:
        raise ValueError("is empty")
    return text


def choice(*options: str) -> Kind:
    def parse(v: object, ctx: Ctx) -> str:
        text = str(v).strip()
        if text not in options:
            raise ValueError(f"expected one of {', '.join(options)}, got '{text}'")
        return text

    return Kind("choice", " \\| ".join(f"`{o}`" for o in options), parse, text=True)


def _share(v: object, ctx: Ctx) -> float:
    """A share of a whole: 0.15 or `15%`."""
    text = str(v).strip()
    try:
        share = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise ValueError(f"expected a share such as 0.15 or 15%, got {v!r}") from None
    if isinstance(v, bool) or not math.isfinite(share) or not 0 <= share <= 1:
        raise ValueError(f"must be between 0 and 1 (0% and 100%), got {v!r}")
    return share


def _paper(v: object, ctx: Ctx) -> str:
    paper_size(str(v))
    return str(v).strip()


def _span_key(v: object, ctx: Ctx) -> int:
    text = str(v).strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"expected a module width in columns (1, 2, …), got '{text}'")
    return int(text)


LENGTH = Kind("length", "length", _length)
SIZE = Kind("size", "字号 or length", _size)
VERTICAL = Kind("height", "length, `N lines` or `grid`", _vertical)
EM = Kind("em", "em (`2em`)", lambda v, c: parse_em(v))
NUMBER = Kind("number", "a number", _number)
BOOL = Kind("bool", "`true` or `false`", _bool)
TEXT = Kind("text", "text", _text, text=True)
NAME = Kind("name", "a name", _text, text=True)
PAPER = Kind("paper", "paper size name: " + ", ".join(f"`{p}`" for p in PAPER_MM), _paper, text=True)
CMYK = Kind("cmyk", "`[c, m, y, k]` in percent", lambda v, c: parse_cmyk(v))
ROLE_REF = Kind("font role", "a role under `fonts`", _text, text=True, ref="fonts")
STYLE_REF = Kind("style", "a style under `styles`", _text, text=True, ref="styles")
COLOR_REF = Kind("colour", "a colour under `colors`", _text, text=True, ref="colors")
SPAN_KEY = Kind("span", "module width in columns", _span_key)
ALIGN = choice("justify", "left", "center", "right")


def _weight(v: object, ctx: Ctx) -> str:
    text = str(v).strip().lower()
    try:
        weight_class(text)
    except FontError as exc:
        raise ValueError(str(exc)) from None
    return text


WEIGHT = Kind("weight", "a weight name (" + ", ".join(f"`{w}`" for w in WEIGHTS) + ") or 100–900", _weight,
              text=True)

# ------------------------------------------------------------------------------------------- the sections

PAGE = Section("page", "Trim size, bleed and margins. The inside margin is at the spine (left on odd pages).", (
    Key("size", PAPER, "A4", "Trim size by name (ISO, or the Chinese 开 sizes of a 787 × 1092 mm sheet)."),
    Key("orientation", choice("portrait", "landscape"), "portrait", "Turns the named size."),
    Key("width", LENGTH, None, "Trim width; overrides `size`."),
    Key("height", LENGTH, None, "Trim height; overrides `size`."),
    Key("bleed", LENGTH, "3mm", "Bleed beyond the trim on every side (print shops ask for 3 mm)."),
    Section("margins", "Distance from the trim to the type area.", (
        Key("top", LENGTH, "15mm", "Top margin (the masthead and page header sit inside the type area)."),
        Key("bottom", LENGTH, "18mm", "Bottom margin."),
        Key("inside", LENGTH, "15mm", "Margin at the spine."),
        Key("outside", LENGTH, "15mm", "Margin at the fore edge."),
    )),
))

GRID = Section("grid", "The column grid and the baseline grid every line of body text sits on.", (
    Key("columns", _int(1, 12), 3, "Columns of the type area."),
    Key("gutter", LENGTH, "4.5mm", "Space between two columns."),
    Key("baseline", LENGTH, "16pt", "Baseline grid step = the body leading (about 1.5 × the body size)."),
    Key("column_rule", LENGTH, 0, "Width of a rule in the gutters between a story's columns (0: none)."),
))

TEXT_RULES = Section("text", "The CJK text engine (W3C clreq).", (
    Key("level", choice("loose", "basic", "strict"), "basic",
        "Line-start/line-end prohibition level (clreq §3.1.7): which marks may not begin or end a line."),
    Key("han_latin_space", EM, "0.25em", "Space between Han and Latin letters or digits (clreq §3.2.4: ¼ em)."),
    Key("han_latin_space_min", EM, "0.125em", "How far that space may shrink in a tight line (⅛ em)."),
    Key("hanging_punctuation", BOOL, False, "Let a closing mark hang into the margin at a line end."),
    Key("indent", EM, "2em", "First-line indent of body paragraphs (clreq §3.3: two characters); styles "
                             "without their own `indent` use it."),
    Key("emphasis_font", ROLE_REF, "kai", "Font role of *emphasis* in running text (Chinese papers set it in "
                                          "楷体); in a style already in that role, emphasis is set in `song`."),
    Key("list_indent", EM, 0, "Where a list item's marker stands from the column edge; the item's lines all "
                              "start after the marker (a hanging indent), a nested list 2 em further in."),
    Key("punctuation", choice("keep", "fix"), "keep",
        "ASCII `, . : ; ? ! ( ) \" '` typed beside Chinese characters: `keep` prints them as typed and warns "
        "(`halfwidth-punctuation`); `fix` sets them full-width (，。：；？！（）, quotes paired: “” ‘’ in "
        "Simplified articles, 「」 and 『』 inside them in zh-Hant, zh-TW and zh-HK ones, by the article's `lang` "
        "or `issue.lang`), leaving "
        "numbers, Latin text, URLs and code alone, and lists each change in the report's `normalised`. "
        "`--fix-punctuation` on the command line is the same as `fix`."),
))



def _default_fonts() -> dict[str, list[dict[str, str]]]:
    """The built-in roles are the fonts stage's defaults (declared there once), written as a layout would."""
    out: dict[str, list[dict[str, str]]] = {}
    for name, role in DEFAULT_ROLES.items():
        out[name] = [{"family": c.family or "", "weight": c.weight} if c.weight != "regular" else
                     {"family": c.family or ""} for c in role.chain]
    return out


FONT_CHOICE = Section("font", "One face of a role's fallback chain.", (
    Key("family", NAME, None, "Family name as the font file gives it (`Noto Serif CJK SC`)."),
    Key("weight", WEIGHT, "regular", "Weight within the family."),
    Key("file", NAME, None, "A font file instead of a family: a path relative to the layout, the issue's "
                           "fonts/ folder or a folder in $ISSUEPRESS_FONTS."),
))

FONTS = MapOf("fonts", "Font roles: a role is a list of faces tried in order for each character "
                       "(fallback). Styles name roles, so a face is changed in one place. A bold span uses "
                       "the role `<role>-bold` when the layout has one. The plain roles set Simplified "
                       "Chinese (GB punctuation); `<role>@zh-Hant` and `<role>@zh-HK` are the same roles for "
                       "an article whose `lang` (front matter or `issue.lang`) is Traditional: zh-Hant and "
                       "zh-TW take `@zh-Hant`, zh-HK and zh-MO `@zh-HK` (else `@zh-Hant`), and a role the layout "
                       "does not give for a language falls back to the plain one. For those roles a pause or "
                       "stop mark (，。、：；！？) comes from the first face that draws it centred in the em, "
                       "as Taiwan and Hong Kong set them.", NAME, ListOf(FONT_CHOICE, "family"),
               _default_fonts(), key_doc="role")

COLORS = MapOf("colors", "Named CMYK colours. Small text should stay in `black`, which is K only "
                         "(a print shop rejects four-colour black text).", NAME, CMYK, {
    "black": [0, 0, 0, 100],
    "white": [0, 0, 0, 0],
    "gray": [0, 0, 0, 50],
    "red": [0, 100, 100, 0],
}, key_doc="colour")

STYLE = Section("style", "A text style.", (
    Key("font", ROLE_REF, "song", "Font role."),
    Key("size", SIZE, "五号", "Font size."),
    Key("leading", VERTICAL, "grid", "Line pitch; `grid` is the baseline step (body text must use it)."),
    Key("align", ALIGN, "justify", "Alignment; a justified paragraph's last line is set flush left."),
    Key("indent", EM, None, "First-line indent; none given: `text.indent` for running text, 0 otherwise."),
    Key("color", COLOR_REF, "black", "Colour name."),
    Key("space_before", LENGTH, 0, "Space above (layout rounds a block to whole grid lines)."),
    Key("space_after", LENGTH, 0, "Space below."),
    Key("letter_spacing", EM, 0, "Extra space after every character (titles are sometimes spaced)."),
    Key("bold", BOOL, False, "Set in the role's `-bold` sibling."),
))

# Styles every layout has; a layout changes any key of them. Headline styles in 黑体, the body in
# 宋体 at 五号 on the grid, notes/captions/bylines in 楷体 (NEWSPAPER.md, "An article").
BUILTIN_STYLES: dict[str, dict[str, object]] = {
    "body": {},
    "title": {"font": "hei-bold", "size": "小二", "leading": "24pt", "align": "center", "indent": 0},
    "kicker": {"font": "kai", "size": "小四", "leading": "18pt", "align": "center", "indent": 0},
    "subtitle": {"font": "hei", "size": "小四", "leading": "18pt", "align": "center", "indent": 0},
    "subhead": {"font": "hei-bold", "leading": "grid", "align": "left", "indent": 0, "space_before": "4pt"},
    "byline": {"font": "kai", "align": "right", "indent": 0},
    "note": {"font": "kai"},
    "caption": {"font": "kai", "size": "小五", "leading": "13pt", "indent": 0},
    "credit": {"font": "hei", "size": "小六", "leading": "9pt", "align": "right", "indent": 0},
    "quote": {"font": "kai"},
    # verse (front matter `style: verse`): each line starts at `indent`, a line too long for the column
    # goes on 2 em further in; never justified
    "verse": {"font": "kai", "align": "left", "indent": "2em"},
    # footnotes ①② at the story's end, smaller, each on the grid
    "footnote": {"size": "六号", "align": "justify", "indent": 0},
    "continued": {"font": "hei-bold", "size": "四号", "leading": "2 lines", "align": "center", "indent": 0},
    "header": {"size": "小五", "leading": "13pt", "align": "right", "indent": 0},
    "header_title": {"font": "hei-bold", "size": "小四", "leading": "16pt", "align": "left", "indent": 0},
    "masthead_name": {"font": "hei-bold", "size": "初号", "leading": "50pt", "align": "left", "indent": 0,
                      "color": "red", "letter_spacing": "0.1em"},
    "masthead_info": {"size": "小五", "leading": "13pt", "align": "left", "indent": 0},
    "masthead_credits": {"size": "小五", "leading": "13pt", "align": "left", "indent": 0},
    "qr_label": {"font": "hei", "size": "小六", "leading": "9pt", "align": "center", "indent": 0},
    "credits_box": {"font": "hei", "size": "小五", "leading": "13pt", "align": "left", "indent": 0},
    "line_number": {"font": "hei", "size": "六号", "leading": "9pt", "align": "right", "indent": 0,
                    "color": "gray"},
    # table cells: a size under the body's, a leading that puts a one-line row on one grid line
    "table": {"size": "小五", "leading": "12pt", "align": "left", "indent": 0},
    "table_header": {"font": "hei-bold", "size": "小五", "leading": "12pt", "align": "left", "indent": 0},
}
# Styles of running text: without their own indent they take text.indent (clreq §3.3).
INDENTED_STYLES = ("body", "note", "quote")

STYLES = MapOf("styles", "Text styles by name. These are built in; a layout changes keys of any of them "
                         "and may add its own.", NAME, STYLE, BUILTIN_STYLES, key_doc="style")

TITLE_SIZES = MapOf("title_sizes", "Headline size by the width of the story's module in columns (a wider "
                                   "module gets a larger title). A wider module than listed takes the "
                                   "largest size listed.", SPAN_KEY, SIZE,
                    {1: "小二", 2: "二号", 3: "小一", 4: "小初"}, key_doc="span", replace=True)

MASTHEAD = Section("masthead", "The 报头 of the front page: name, issue and date lines, credits, and the "
                               "报眼 box at top right.", (
    Key("height", VERTICAL, "7 lines", "Least height of the masthead block above its rule."),
    Key("name_style", STYLE_REF, "masthead_name", "Style of the paper's name."),
    Key("info_style", STYLE_REF, "masthead_info", "Style of the issue, date, publisher and licence lines."),
    Key("credits_style", STYLE_REF, "masthead_credits", "Style of the credits (主编 …)."),
    Key("credits", choice("masthead", "footer"), "masthead", "Where the issue's credits go."),
    Key("rule", LENGTH, "1.5pt", "Rule under the masthead."),
    Key("eye", choice("qr", "contents", "none"), "qr", "What the 报眼 box holds: the QR codes, this issue's "
                                                        "contents, or nothing."),
    Key("logo_height", LENGTH, "20mm", "Height of the paper's logo art when issue.yaml gives one."),
))

PAGE_HEADER = Section("page_header", "The 版头 of inner pages: 第N版, the page title, the paper's name, "
                                     "date and editor, over a rule.", (
    Key("height", VERTICAL, "2 lines", "Height of the header block, rule included."),
    Key("style", STYLE_REF, "header", "Style of the paper name, date and editor."),
    Key("title_style", STYLE_REF, "header_title", "Style of 第N版 and the page title."),
    Key("rule", LENGTH, "0.75pt", "Rule under the header."),
    Key("mirror", BOOL, True, "Swap sides on even pages so the page number is always outside."),
))

BLOCKS = Section("blocks", "How stories stacked on a page are separated, and photo defaults.", (
    Key("separator", choice("rule", "space"), "rule", "A thin rule or only space between stories."),
    Key("rule", LENGTH, "0.5pt", "Width of that rule."),
    Key("space_lines", _int(0), 1, "Grid lines between two stories."),
    Key("photo_columns_default", _int(1), 1, "Columns a photo spans when the article does not say."),
    Key("caption_style", STYLE_REF, "caption", "Style of photo captions."),
))

SLOT = Section("slot", "A named region of the grid, below the masthead or header.", (
    Key("column", _int(0), 0, "First column (0 is the leftmost)."),
    Key("span", _int(1), None, "Columns it spans; none given: to the last column."),
    Key("line", _int(0), 0, "First grid line (0 is the first line under the masthead or header)."),
    Key("lines", _int(1), None, "Height in grid lines; none given: as tall as the story needs."),
    Key("bleed", BOOL, False, "Photos at the slot's head that touch the left or right edge of the type area "
        "extend across the margin to the bleed."),
))

TEMPLATE = Section("template", "A page template.", (
    Key("masthead", BOOL, False, "The page carries the masthead (front page)."),
    Key("header", BOOL, True, "The page carries the page header (inner pages)."),
    Key("background", COLOR_REF, None, "A colour printed behind the whole page, out to the bleed (none: paper)."),
    MapOf("slots", "Named slots an article can be pinned to (`{file: …, slot: lead}` in issue.yaml).",
          NAME, SLOT, {}, key_doc="slot"),
))

TEMPLATES = MapOf("templates", "Page templates by name; a page of issue.yaml names one (`template:`), "
                               "else the first page is `front` and the others `inner`.", NAME, TEMPLATE, {
    "front": {"masthead": True, "header": False, "slots": {"lead": {"column": 0, "line": 0}}},
    "inner": {"header": True},
    "feature": {"header": True, "slots": {"main": {"column": 0, "line": 0}}},
}, key_doc="template")

IMAGES = Section("images", "Image resolution limits (at the size printed).", (
    Key("min_ppi", NUMBER, 300, "Below this a photo is reported (warning)."),
    Key("warn_ppi", NUMBER, 150, "Below this a photo is reported as an error."),
    Key("downsample_above", NUMBER, 2.0, "Pictures above this multiple of min_ppi are downsampled."),
    Key("max_crop", Kind("share", "a share of 0–1 or a percentage (`15%`)", _share), 0.15,
        "The most a frame may cut from a picture's width or height to fit the grid; a photo is never "
        "turned from portrait to landscape or back. Over 10 % is reported `image-cropped`."),
))

TABLE = Section("table", "Pipe tables in an article: rules, padding and the styles of the cells. A row is a "
                         "whole number of grid lines tall, so the text after a table stays on the grid.", (
    Key("rules", choice("grid", "horizontal", "open"), "grid",
        "`grid`: a frame and a rule between every row and column; `horizontal`: a frame top and bottom and "
        "rules between rows, no upright rules; `open` (三线表): a rule over the table, under the header and "
        "under the table only."),
    Key("frame", LENGTH, "0.75pt", "Weight of the rules over and under the table (and at its sides in `grid`)."),
    Key("header", LENGTH, "0.5pt", "Weight of the rule under the header row."),
    Key("rows", LENGTH, "0.25pt", "Weight of the rules between body rows and between columns."),
    Key("padding", LENGTH, "2.5pt", "Space between a cell's text and the rules at its left and right."),
    Key("style", STYLE_REF, "table", "Style of the body cells (its size, leading and font; alignment comes from "
                                     "the delimiter row, `:--` `:-:` `--:`)."),
    Key("header_style", STYLE_REF, "table_header", "Style of the header row's cells."),
    Key("min_size", SIZE, "六号", "The smallest size a table too wide for its column is set at before its "
                                 "cells are wrapped inside words (then it is reported `table-too-wide`)."),
))

FLOW = Section("flow", "Continuations (转版): a story that does not fit its page goes on at a later one.", (
    Key("max_jumps", _int(0, 10), 1, "How many times one story may jump (0: never; what does not fit is "
                                     "overset on its page)."),
    Key("min_jump_lines", _int(1, 200), 6, "The fewest body lines carried to another page; a shorter rest is "
                                           "fitted on its page or the story moves whole."),
))

PRINT = Section("print", "What the PDF carries for the print shop (the bleed is `page.bleed`).", (
    Key("crop_marks", BOOL, True, "Crop marks at the trim corners."),
    Key("registration", BOOL, True, "Registration marks."),
    Key("slug", BOOL, True, "A slug line outside the trim: file, date, page."),
    Key("ink_limit", _int(100, 400), 300, "Total ink limit in percent (about 240 for newsprint, 300 coated)."),
    Key("profile", NAME, None, "Output intent: an ICC profile name or file, for PDF/X."),
))

ROOT: tuple = (
    Key("name", NAME, None, "The layout's name; none given: the file name."),
    Key("description", TEXT, None, "A line for people reading the file."),
    Key("extends", NAME, None, "Another layout this one changes (by name or path); its keys are merged "
                               "in depth, this file winning."),
    PAGE, GRID, TEXT_RULES, FONTS, COLORS, STYLES, TITLE_SIZES, MASTHEAD, PAGE_HEADER, BLOCKS, TEMPLATES,
    IMAGES, PRINT, FLOW, TABLE,
)

DEFAULTS = defaults_of(ROOT)

INTRO = f"""# Layout keys

A layout (`layouts/NAME.yaml`, or a path given in issue.yaml) is written by a designer. Every key
is optional: what a layout leaves out takes the default below. An unknown key is an input error
that names the key and suggests the nearest known one.

Generated from `src/issuepress/load/layout_schema.py` by
`python -m issuepress.load.layout_schema > docs/layout-keys.md`; do not edit by hand.

## Units

- Lengths: `10.5pt`, `3.7mm`, `1cm`, `1in`, `15Q` or `15级` (0.25 mm), a bare number is pt.
- Font sizes may be 字号 names: {", ".join(f"{k} {v:g}" for k, v in ZIHAO.items())} (pt).
- Heights on the grid: `3 lines` (or `3行`), `grid` (one baseline step).
- Indents and spacing in em: `2em` (or `2字`), a bare number is em.
- Colours: `[c, m, y, k]` in percent under `colors:`; styles name them. `black` is `[0, 0, 0, 100]`.
"""


def reference() -> str:
    """The Markdown reference of every layout key."""
    return INTRO + "\n## Top level\n\n" + "\n".join(markdown(ROOT)).rstrip() + "\n"


if __name__ == "__main__":
    print(reference(), end="")
