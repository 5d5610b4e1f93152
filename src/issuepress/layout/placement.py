"""Choose module shapes for a page's stories: a guillotine split of the free area, cheapest first.

Stories keep their order (the first is always top-left). A region holds one story, or a story on top
of the rest (stack), or two groups side by side (split). Costs, heaviest first: overset characters,
holes (empty column-lines, squared so one big hole costs more than small ones), headlines side by
side at the same height (碰题), and a little for each split so simple pages stay simple.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .module import ModulePlan

# Costs of the page search (see the module docstring for their order).
OVERSET_PER_CHAR = 1000.0
HOLE_WEIGHT = 1.0
TOMBSTONE = 400.0
# The rest of a story jumped from the page before yields to the page's own stories: what of it does not
# fit jumps on again (or is overset on the last page), so its overset costs less.
CARRIED_OVERSET_SHARE = 0.02
# A headline forced onto more lines than the editor wrote (a two-line title wrapped into four in a
# narrow module) reads badly: cost per extra line.
HEADLINE_WRAP = 40.0
SPLIT = 4.0
# A photo printed narrower than the article asked, per column short (the module is too narrow for it):
# the editor's width is worth a hole of about 17 column-lines.
PHOTO_NARROWED = 300.0
# How many lines taller than its natural height a stacked module may be made.
STACK_STRETCH = 6
# A page's own story with not one line on it (the editor put it on this page): worse than any overset.
STORY_LEFT_OUT = 1e9
# A region narrower than this many columns holds no story (a 1-column story is a valid module).
MIN_SPAN = 1


@dataclass(frozen=True)
class Placement:
    """A story's module: its plan, at column `col` and grid line `line`, `lines` tall."""

    story: int
    col: int
    span: int
    line: int
    lines: int
    plan: ModulePlan


Measure = Callable[[int, int, int], ModulePlan]  # (story, span, target lines) -> plan fitted to target


@dataclass
class Arranger:
    """Memoised search over the splits of a region for stories[i:j]."""

    n: int
    natural: Callable[[int, int], ModulePlan]  # (story, span) -> natural plan (unbounded height)
    fit: Measure
    gap: int = 1  # grid lines between two stacked modules (layout blocks.space_lines)
    cell_chars: float = 0.0  # body characters one column-line holds: what a hole leaves unprinted
    memo: dict = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.memo = {}

    def best(self, i: int, j: int, span: int, lines: int,
             lead: bool = False) -> tuple[float, tuple[Placement, ...]]:
        """Cheapest arrangement of stories i..j-1 in a region `span` columns × `lines` lines (relative).

        With `lead`, story i is the page's 头条: always across the whole region, on top.
        """
        key = (i, j, span, lines, lead)
        if key in self.memo:
            return self.memo[key]
        options: list[tuple[float, tuple[Placement, ...]]] = []
        if j - i == 1:
            options.append(self.single(i, span, lines))
        else:
            # stack: story i at its natural height across the region, the rest below
            # (taller than natural by up to STACK_STRETCH lines: photos grow or the headline gets air,
            # so spare lines are spread over the page instead of pooling at its foot)
            nat = self.natural(i, span)
            if nat.fill.placed == len(nat.story.units):
                tops = [nat.lines + extra for extra in range(STACK_STRETCH + 1)]
            else:
                # a story too long for the region on top: as tall as the rest below it allows, so the
                # stories after it keep their own height instead of standing beside it over a hole
                rest = sum(self.natural(k, span).lines for k in range(i + 1, j)) + self.gap * (j - i - 2)
                tops = [t for t in (lines - self.gap - rest, lines - self.gap - rest - 1) if t >= 4]
            for top in tops:
                below = lines - top - self.gap
                if below < 4:
                    break
                c_top, p_top = self.single(i, span, top)
                c_rest, p_rest = self.best(i + 1, j, span, below)
                shifted = tuple(_shift(p, 0, top + self.gap) for p in p_rest)
                options.append((c_top + c_rest, p_top + shifted))
            # split: stories i..k-1 on the left a columns, k..j-1 on the right
            for a in range(MIN_SPAN, span) if not lead else ():
                for k in range(i + 1, j):
                    c_l, p_l = self.best(i, k, a, lines)
                    c_r, p_r = self.best(k, j, span - a, lines)
                    cost = c_l + c_r + SPLIT
                    if _starts_with_headline(p_l) and _starts_with_headline(p_r):
                        cost += TOMBSTONE
                    options.append((cost, p_l + tuple(_shift(p, a, 0) for p in p_r)))
            if not options:
                # nothing else fits: stack anyway and let the later stories be overset
                c_top, p_top = self.single(i, span, max(1, lines // 2))
                c_rest, p_rest = self.best(i + 1, j, span, max(1, lines - lines // 2 - self.gap))
                options.append((c_top + c_rest, p_top + tuple(_shift(p, 0, lines // 2 + self.gap) for p in p_rest)))
        result = min(options, key=lambda o: o[0])
        self.memo[key] = result
        return result

    def single(self, i: int, span: int, lines: int) -> tuple[float, tuple[Placement, ...]]:
        plan = self.fit(i, span, lines)
        slack = max(0, lines - plan.lines) * span
        hole = slack + _short_leg(plan)
        carried = plan.story.continued_from is not None
        weight = CARRIED_OVERSET_SHARE if carried else 1.0
        cost = weight * OVERSET_PER_CHAR * plan.overset_chars + HOLE_WEIGHT * hole * hole
        # an empty column-line under a module is text left out as much as an overset one: a page that
        # cannot print everything prints what it can without holes, rather than a few more characters
        # beside one (a story's own short last leg is its length, not space another story could use)
        cost += OVERSET_PER_CHAR * self.cell_chars * slack
        if not carried and plan.story.units and plan.fill.placed == 0:
            cost += STORY_LEFT_OUT  # the editor put it on this page: it starts here
        cost += HEADLINE_WRAP * _extra_title_lines(plan)
        cost += PHOTO_NARROWED * plan.photos_narrowed
        return cost, (Placement(i, 0, span, 0, lines, plan),)


def _short_leg(plan: ModulePlan) -> int:
    """Grid lines by which the module's shortest leg stops above the foot of its body (a hole inside it)."""
    units = plan.story.units
    short = 0
    for c, (a, b) in enumerate(plan.fill.ranges):
        used = plan.photo_lines[c] + sum(u.grid_lines for u in units[a:b])
        short = max(short, plan.body_lines - used)
    return short


def _extra_title_lines(plan: ModulePlan) -> int:
    written = plan.story.article.title.count("\n") + 1
    for style, lines, _ in plan.headline.parts:
        if style == "title":
            return max(0, len(lines) - written)
    return 0


def _shift(p: Placement, dc: int, dl: int) -> Placement:
    return Placement(p.story, p.col + dc, p.span, p.line + dl, p.lines, p.plan)


def _starts_with_headline(ps: tuple[Placement, ...]) -> bool:
    first = min(ps, key=lambda p: (p.line, p.col))
    return first.line == 0 and first.plan.headline.grid_lines > 0


def arrange(n: int, columns: int, lines: int, natural: Callable[[int, int], ModulePlan],
            fit: Measure, lead: bool = False, gap: int = 1, cell_chars: float = 0.0
            ) -> tuple[float, tuple[Placement, ...]]:
    """Best arrangement of n stories in a free area of `columns` × `lines` (story 0 across the top
    when `lead`)."""
    if n == 0 or lines <= 0:
        return 0.0, ()
    return Arranger(n, natural, fit, gap, cell_chars).best(0, n, columns, lines, lead)
