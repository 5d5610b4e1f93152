"""Continuations (转版): a story that does not fit its page ends with （下转第N版） and goes on there.

The page a continuation lands on is known only once the later pages are placed, so the jump line is
set with the next page's number first and set again (`JumpRecord.land`) when the continuation is
placed; a continuation printed nowhere undoes its jump (`JumpRecord.undo`), and the story ends on its
page at a sentence end, overset.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .flow import Fill, _break_ok
from .grid import PageGrid
from .items import Finding
from .module import ModulePlan, fit_module
from .story import Story, Unit, counted, unit_chars
from .typeset import Setter

# How many units the first part may give back to make room for the jump line and to carry at least
# flow.min_jump_lines lines (a jump line and a few lines, usually; bounded so the search stays cheap).
MAX_GIVE_BACK = 24
# How far back an overset story's last printed line may move to end at a sentence or clause end
# (NEWSPAPER.md: a cut story ends on a full sentence); more lines than this and the text does not allow it.
MAX_SENTENCE_BACK = 10
# Marks that end a sentence or a clause (clreq: 句号 问号 叹号 分号), and closing marks that may follow them.
SENTENCE_ENDS = "。！？；!?;…"
TRAILING_CLOSERS = "”’」』）)》〉]】"


def jump_unit(setter: Setter, page: int, measure_pt: float, where: str) -> Unit:
    """The （下转第N版） line: right-aligned in the byline style, one grid line."""
    st = setter.style("byline")
    lines = setter.set(setter.own_words(f"（下转第{page}版）", where), "byline", measure_pt, where, indent_em=0, align="right")
    return Unit("jump", lines, max(1, len(lines)), "byline", st.leading_pt)


def body_lines(units: tuple[Unit, ...]) -> int:
    """Grid lines of running text among units (what a jump carries)."""
    return sum(u.grid_lines for u in units if u.kind != "jump")


@dataclass(frozen=True)
class JumpRecord:
    """A story that jumped from `page`: its first part as placed there and the plan before the split."""

    file: str
    page: int
    index: int  # position of the first part in its page's plan list
    before: ModulePlan  # the overset plan the split replaced, to go back to when nothing lands
    measure_pt: float

    def land(self, setter: Setter, plan: ModulePlan, page: int) -> ModulePlan:
        """The first part with its jump line naming `page`, where the continuation is printed."""
        units = plan.story.units
        if not units or units[-1].kind != "jump":
            return plan
        fixed = units[:-1] + (jump_unit(setter, page, self.measure_pt, self.file),)
        return replace(plan, story=replace(plan.story, units=fixed))

    def undo(self) -> ModulePlan:
        """No continuation is printed anywhere: the story ends on its page at a sentence end, overset."""
        return end_at_sentence(self.before)


def split_for_jump(setter: Setter, plan: ModulePlan, grid: PageGrid, lines: int, page_no: int, next_page: int,
                   findings: list[Finding]) -> tuple[ModulePlan, Story] | None:
    """The first part of an overset story with its jump line, and the rest as a story for later pages.

    The rest carries at least `flow.min_jump_lines` lines of text (the first part gives some back when
    the overset is shorter); the cut is where a column may end (widow and subhead rules). None when no
    split fits, or when a story has jumped as often as `flow.max_jumps` allows.
    """
    story = plan.story
    flow = setter.layout.flow
    if story.jumps >= flow.max_jumps:
        return None
    min_lines = flow.min_jump_lines
    jump = jump_unit(setter, next_page, grid.col_w, story.file)
    units = story.units
    placed = plan.fill.placed
    for k in range(placed, max(0, placed - MAX_GIVE_BACK) - 1, -1):
        if k == 0:
            break
        rest_units = units[k:]
        if body_lines(rest_units) < min(min_lines, body_lines(units)) or not _break_ok(units, k):
            continue
        if body_lines(units[:k]) < min_lines and story.continued_from is None:
            break  # a first part shorter than a jump is not worth a jump line either
        first = replace(story, units=units[:k] + (jump,))
        cand = fit_module(setter, first, plan.span, grid, lines, findings)
        if cand.fill.placed == len(first.units) and cand.lines <= lines:
            rest_article = replace(story.article, kicker=None, subtitle=None, photos=(), note=None)
            # （上接第M版） names the page the text comes from, also when a continuation jumps again
            rest = Story(story.file, story.title, rest_units, story.char_count, rest_article, page_no,
                         story.jumps + 1)
            return cand, rest
    return None


def _ends_sentence(u: Unit) -> bool:
    if u.kind != "line":
        return True  # a subhead, byline or box ends a block
    if u.index == u.para_len - 1:
        return True  # a paragraph's last line
    text = "".join(g.ch for ln in u.lines for g in ln.glyphs).rstrip().rstrip(TRAILING_CLOSERS)
    return bool(text) and text[-1] in SENTENCE_ENDS


def end_at_sentence(plan: ModulePlan) -> ModulePlan:
    """An overset plan whose last printed line ends at a sentence or clause end, where the text allows:
    printing stops after the last whole line that ends one, or inside a line right after its last
    sentence end (the rest of that line joins the overset), whichever comes later."""
    units = plan.story.units
    placed = plan.fill.placed
    if placed >= len(units) or placed == 0:
        return plan
    for k in range(placed, max(0, placed - MAX_SENTENCE_BACK), -1):
        u = units[k - 1]
        if u.kind == "subhead":
            continue  # never end on a subhead
        if _ends_sentence(u):
            return cut(plan, k)
        split = _split_after_sentence(u) if u.kind == "line" else None
        if split is not None:
            head, tail = split
            story = replace(plan.story, units=units[:k - 1] + (head, tail) + units[k:])
            return cut(replace(plan, story=story), k)
    return plan


def _split_after_sentence(u: Unit) -> tuple[Unit, Unit] | None:
    """A body line cut after its last sentence end: the printed part, set flush left as a paragraph's
    last line would be, and the rest as an unprinted unit (counted overset)."""
    (line,) = u.lines
    glyphs = line.glyphs
    end = -1
    for i, g in enumerate(glyphs[:-1]):
        if g.ch in SENTENCE_ENDS:
            end = i
    if end < 0:
        return None
    while end + 1 < len(glyphs) and (glyphs[end + 1].ch in TRAILING_CLOSERS or glyphs[end + 1].ch in SENTENCE_ENDS):
        end += 1
    if end + 1 >= len(glyphs):
        return None
    kept, rest = glyphs[:end + 1], glyphs[end + 1:]
    width = kept[-1].x_pt + kept[-1].width_pt
    head = replace(u, lines=(replace(line, glyphs=kept, width_pt=width, justified=False, last=True),), chars=-1)
    tail = replace(u, lines=(replace(line, glyphs=rest),), chars=-1)
    return counted(head), counted(tail)


def cut(plan: ModulePlan, k: int) -> ModulePlan:
    """The plan with only its first k units printed (legs keep their tops; the rest is overset)."""
    ranges = tuple((min(a, k), min(b, k)) for a, b in plan.fill.ranges)
    return replace(plan, fill=Fill(ranges, min(k, plan.fill.placed)))


def overset_of(plan: ModulePlan) -> int:
    return sum(unit_chars(u) for u in plan.story.units[plan.fill.placed:])
