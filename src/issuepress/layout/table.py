"""A pipe table set at a measure: column widths from content, cells set by the text engine, a unit per row.

Each row is a whole number of grid lines tall and carries its cells and rules in `Unit.drawn`, so the
column flow places a table like any other text: it may break between rows (never leaving the header
or a single row alone at a column's edge), and the text after it stays on the baseline grid.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..text.prepare import prepare
from ..text.rules import Brk
from ..text.types import Line, ParagraphSettings
from .items import Finding, Item, RuleItem, TextLine
from .story import Unit, counted, grid_lines_for
from .typeset import Setter, baseline_offset

# Space kept above and below a cell's text inside its row, so a rule never touches a glyph's em box.
VPAD_PT = 1.0
# A cell whose whole text is at most this many em wide (a name, 周一, a time, a price) is not broken
# while the table can be made to fit otherwise: a layout editor never wraps 张三 or 08:00 in a roster.
SHORT_CELL_EM = 4.5
# A column of longer text is never set narrower than this many em while the table can fit otherwise: a
# column one or two characters wide reads as a stack of characters, not as text.
MIN_COLUMN_EM = 3.0
# Break kinds a cell's text is broken at while the table fits: the ordinary break opportunities
# (between Han characters, at spaces), not inside a Latin word or a number.
SOFT_BREAKS = frozenset({Brk.ALLOW, Brk.URL})
# What a table too wide for its column may break at too: inside words (clreq's last resort), never at a
# kinsoku gap (。 stays with the character before it) nor before a space.
HARD_BREAKS = SOFT_BREAKS | {Brk.WORD_SAFE, Brk.WORD, Brk.HYPHEN}
# Room for rounding in width sums (pt): a column exactly as wide as its content still holds it.
EPS_PT = 0.01
# A table of at most this many rows is kept whole in one column (a layout editor moves a short table
# rather than cut it); a longer one may break between rows, two rows at least on either side.
KEEP_WHOLE_ROWS = 8
# Unit.kind of a table row (flow and module treat it as an unbreakable block), and of a row of a table
# that does not fit its column at its style's size: a module wider than a column sets it across its width.
KIND = "table"
# Role of the header row's lines where it is set again over the rows after a break.
REPEAT_ROLE = "table-repeat"
WIDE_KIND = "table-wide"
# The narrowest a cell's text is set when a table is wrapped inside words (em of its size): a column of two
# characters still reads as text; one of one character is a stack of characters. A table that cannot
# keep every column this wide is set narrower only as a last resort, and reported as an error.
MIN_CELL_EM = 2.0
# How well a table fits, best first: at its style's size; smaller (table.min_size); broken inside words,
# every column at least MIN_CELL_EM; narrower columns than that (a character or so a line); past the column.
RANK = {"natural": 0, "wrapped": 0, "small": 1, "squeezed": 2, "cramped": 3, "over": 4}


def _runs(setter: Setter, spans, style: str, where: str, size: float, allowed: frozenset[int]) -> tuple[float, float]:
    """(natural width, widest piece between allowed breaks) of a cell's text at `size`."""
    chars = setter.chars(spans, style, where, size_pt=size)
    if not chars:
        return 0.0, 0.0
    rules = setter.layout.text
    p = prepare(chars, ParagraphSettings(1e6, 0.0, "left", rules.level, rules.han_latin_space_em,
                                         rules.han_latin_space_min_em))
    n = p.n

    def width(a: int, b: int) -> float:
        return p.p_w[b] - p.p_w[a] + (p.p_glue[b] - p.p_glue[a + 1] if b > a + 1 else 0.0)

    widest, a = 0.0, 0
    for g in range(1, n):
        if p.kinds[g] in allowed:
            widest = max(widest, width(a, g))
            a = g
    widest = max(widest, width(a, n))
    return width(0, n), widest


def _cell_style(setter: Setter, header: bool) -> str:
    rules = setter.layout.table
    return rules.header_style if header else rules.style


def _measure(setter: Setter, table, where: str, size: float, allowed: frozenset[int], short: bool
             ) -> tuple[list[float], list[float]]:
    """Per column: natural width (longest cell) and least width (widest unbreakable piece), no padding."""
    cols = len(table.aligns)
    nat, least = [0.0] * cols, [0.0] * cols
    for row in table.rows:
        style = _cell_style(setter, row.header)
        for c, spans in enumerate(row.cells):
            w, piece = _runs(setter, [(s.text, s.bold) for s in spans], style, where, size, allowed)
            if short:
                piece = w if w <= SHORT_CELL_EM * size else max(piece, min(w, MIN_COLUMN_EM * size))
            nat[c] = max(nat[c], w)
            least[c] = max(least[c], piece)
    return nat, least


def distribute(nat: list[float], least: list[float], room: float) -> list[float]:
    """Column widths filling `room`: as a typesetter does, a column whose text fits in an equal share of
    what is left takes its natural width; the others share the rest by their natural widths, none
    narrower than its unbreakable content. With room to spare, every column grows by its share."""
    n = len(nat)
    if n == 0:
        return []
    total = sum(nat)
    if total <= room:
        extra = room - total
        return [w + (extra * w / total if total > 0 else extra / n) for w in nat]
    fixed: dict[int, float] = {}
    while True:
        free = [c for c in range(n) if c not in fixed]
        if not free:
            break
        left = room - sum(fixed.values())
        share = left / len(free)
        settled = {c: nat[c] for c in free if nat[c] <= share}
        if not settled:
            weight = sum(nat[c] for c in free)
            settled = {c: least[c] for c in free if left * nat[c] / weight < least[c]}
            if not settled:
                for c in free:
                    fixed[c] = left * nat[c] / weight
                break
        fixed.update(settled)
    return [fixed[c] for c in range(n)]


@dataclass(frozen=True)
class Fit:
    """How a table fits a measure: the size its cells are set at and its column widths (padding in)."""

    widths: tuple[float, ...]
    size_pt: float
    fit: str  # natural | wrapped (between words) | squeezed (inside words) | cramped (under MIN_CELL_EM) | over
    need_pt: float  # the narrowest the table can be set at its style's size without breaking inside a word


def fit_table(setter: Setter, table, measure_pt: float, where: str) -> Fit:
    """Column widths at `measure_pt`: at the style's size if its unbreakable content fits, else a size
    smaller (down to table.min_size), else wrapped inside words as clreq's last resort allows."""
    key = ("table-fit", where, table.line, id(table), measure_pt)
    if key in setter.cache:
        return setter.cache[key]
    layout = setter.layout
    rules = layout.table
    cols = len(table.aligns)
    pad = 2 * rules.padding_pt
    room = measure_pt - cols * pad
    base = layout.styles[rules.style].size_pt
    sizes = [base] + ([rules.min_size_pt] if rules.min_size_pt < base else [])
    chosen = None
    need = 0.0
    for size in sizes:
        nat, least = _measure(setter, table, where, size, SOFT_BREAKS, short=True)
        if size == base:
            need = sum(least) + cols * pad
        if sum(least) <= room + EPS_PT:
            chosen = (size, nat, least, "natural" if sum(nat) <= room + EPS_PT else "wrapped")
            break
    if chosen is None:
        size = sizes[-1]
        nat, least = _measure(setter, table, where, size, HARD_BREAKS, short=False)
        floor = [max(piece, min(w, MIN_CELL_EM * size)) for w, piece in zip(nat, least)]
        if sum(floor) <= room + EPS_PT:
            chosen = (size, nat, floor, "squeezed")
        else:
            chosen = (size, nat, least, "cramped" if sum(least) <= room + EPS_PT else "over")
    size, nat, least, fit = chosen
    inner = distribute(nat, least, room) if fit != "over" else least
    result = Fit(tuple(w + pad for w in inner), size, fit, need)
    setter.cache[key] = result
    return result


def rank(setter: Setter, f: Fit) -> int:
    """0: the table fits at its style's size; 1: only smaller; 2: broken inside words; 3: columns under
    MIN_CELL_EM; 4: past the column."""
    base = setter.layout.styles[setter.layout.table.style].size_pt
    return RANK[f.fit] if f.fit in ("squeezed", "cramped", "over") or f.size_pt >= base else RANK["small"]


def table_units(setter: Setter, table, measure_pt: float, where: str, para: int) -> tuple[Unit, ...]:
    """The table's rows as units of the column flow, set at `measure_pt` (cached: a module asks often)."""
    key = ("table-units", where, table.line, id(table), measure_pt, para)
    if key not in setter.cache:
        f = fit_table(setter, table, measure_pt, where)
        units = _row_units(setter, table, f.widths, f.size_pt, where, para)
        if rank(setter, f) > 0:
            units = tuple(replace(u, kind=WIDE_KIND) for u in units)
            setter.cache[("table-of", where, para)] = table
        setter.cache[key] = units
    return setter.cache[key]


def _row_units(setter: Setter, table, widths: tuple[float, ...], size: float, where: str, para: int
               ) -> tuple[Unit, ...]:
    layout = setter.layout
    rules = layout.table
    B = layout.grid.baseline_pt
    n = len(table.rows)
    heads = sum(1 for r in table.rows if r.header)
    total_w = sum(widths)
    units: list[Unit] = []
    for r, row in enumerate(table.rows):
        style = _cell_style(setter, row.header)
        st = layout.styles[style]
        lead = st.leading_pt * size / st.size_pt
        cells: list[tuple[Line, ...]] = []
        for c, spans in enumerate(row.cells):
            text = [(s.text, s.bold) for s in spans]
            cells.append(setter.set(text, style, widths[c] - 2 * rules.padding_pt, where, size_pt=size,
                                    align=table.aligns[c], indent_em=0) if text else ())
        tallest = max((len(ls) for ls in cells), default=0)
        lines = grid_lines_for(max(1, tallest) * lead + 2 * VPAD_PT, B)
        height = lines * B
        drawn: list[Item] = []
        x = 0.0
        for c, ls in enumerate(cells):
            y = (height - len(ls) * lead) / 2
            for ln in ls:
                drawn.append(TextLine(x + rules.padding_pt, y + baseline_offset(lead, size), ln, role=KIND,
                                      article=where))
                y += lead
            x += widths[c]
        drawn += _rules(rules, widths, total_w, height, _weight(rules, r, heads, n), _weight(rules, r + 1, heads, n))
        keep = n - 1 - r if n <= KEEP_WHOLE_ROWS else 0
        # a row ending a part of the table (the rest in the next column or on a later page) closes it
        close = (RuleItem(0.0, height, total_w, height, rules.frame_pt),) if r < n - 1 and rules.frame_pt > 0 else ()
        units.append(counted(Unit(KIND, (), lines, style, B, para=para, index=r, para_len=n, keep_next=keep,
                                  drawn=tuple(drawn), close=close)))
    # a body row that opens a column is led by the header rows again, their lines in a role of their own:
    # the article's characters are its cells once (story.unit_chars counts a row's own cells only)
    head = tuple(replace(u, drawn=tuple(replace(it, role=REPEAT_ROLE) if isinstance(it, TextLine) else it
                                        for it in u.drawn)) for u in units[:heads])
    return tuple(replace(u, repeat=head) if r >= heads else u for r, u in enumerate(units))


def _weight(rules, boundary: int, heads: int, rows: int) -> float:
    """Weight of the rule at a row boundary (0: over the first row … rows: under the last), 0 for none."""
    if boundary in (0, rows):
        return rules.frame_pt
    if boundary == heads:
        return rules.header_pt
    return rules.rows_pt if rules.rules in ("grid", "horizontal") else 0.0


def _rules(rules, widths: tuple[float, ...], total_w: float, height: float, top: float, bottom: float
           ) -> list[Item]:
    """A row's rules from its own corner: over and under it (the row under or over it draws the same
    rule at the same weight, so a row alone at a column's top or foot is closed too), and upright ones."""
    out: list[Item] = []
    if top > 0:
        out.append(RuleItem(0.0, 0.0, total_w, 0.0, top))
    if bottom > 0:
        out.append(RuleItem(0.0, height, total_w, height, bottom))
    if rules.rules == "grid":
        x = 0.0
        for c in range(len(widths) + 1):
            w = rules.frame_pt if c in (0, len(widths)) else rules.rows_pt
            out.append(RuleItem(x, 0.0, x, height, w))
            x += widths[c] if c < len(widths) else 0.0
    return out


def printed_ranks(setter: Setter, story, foot, col_w: float, span_w: float) -> tuple[int, ...]:
    """How well each table of a story not set at its style's size in the column fits as a module prints
    it: across the module (`span_w`) when it stands at the module's foot, else in the column (`col_w`)."""
    across = {u.para for u in foot}
    out = []
    for para in dict.fromkeys(u.para for u in story.units if u.kind == WIDE_KIND):
        table = setter.cache.get(("table-of", story.file, para))
        if table is not None:
            out.append(rank(setter, fit_table(setter, table, span_w if para in across else col_w, story.file)))
    return tuple(out)


def table_findings(setter: Setter, plan, col_w: float, span_w: float) -> list[Finding]:
    """`table-too-wide` for each table of a placed module that is printed broken inside words or past its
    width: in the column (`col_w`), or across the module (`span_w`) when the module sets it at its foot."""
    out: list[Finding] = []
    story = plan.story
    across = {u.para for u in plan.foot}
    for para in dict.fromkeys(u.para for u in story.units if u.kind == WIDE_KIND):
        table = setter.cache.get(("table-of", story.file, para))
        if table is None:
            continue
        width = span_w if para in across else col_w
        f = fit_table(setter, table, width, story.file)
        if rank(setter, f) >= RANK["squeezed"]:
            how = {"squeezed": "its cells are broken inside words",
                   "cramped": f"its columns are narrower than {MIN_CELL_EM:g} characters, a character or so a line",
                   "over": "it runs past its width even so"}[f.fit]
            out.append(Finding("warning" if f.fit == "squeezed" else "error", "table-too-wide",
                               f"{story.file}, line {table.line}: a table of {len(table.aligns)} columns needs "
                               f"{f.need_pt:.0f} pt, it is set {width:.0f} pt wide at {f.size_pt:g} pt and {how}",
                               article=story.file))
    return out
