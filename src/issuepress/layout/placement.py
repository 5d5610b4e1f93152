"""Choose module shapes for a page's stories: a guillotine split of the free area, cheapest first.

Stories keep their order (the first is always top-left). A region holds one story, or a story on top
of the rest (stack), or two groups side by side (split). Costs, heaviest first: overset characters,
holes (empty column-lines, squared so one big hole costs more than small ones), headlines side by
side at the same height (碰题), and a little for each split so simple pages stay simple.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from .flow import leg_lines
from .module import ModulePlan
from .table_span import foot_lines

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
# A table printed worse than at its style's size across its width (table.rank: 1 smaller, 2 broken inside
# words, 3 in columns under two characters, 4 past its column), per table: a layout editor gives a wide
# table a module as wide as it needs rather than squeeze it into one column, and cuts text before
# breaking a table's words (a table wrapped inside words costs as much as 30 characters overset).
TABLE_RANK_COST = (0.0, 5 * OVERSET_PER_CHAR, 30 * OVERSET_PER_CHAR, 200 * OVERSET_PER_CHAR, 400 * OVERSET_PER_CHAR)
# How many lines taller than its natural height a stacked module may be made.
STACK_STRETCH = 6
# A page's own story with not one line on it (the editor put it on this page): worse than any overset.
STORY_LEFT_OUT = 1e9
# A photo (with its caption) left out because its module ends above it: about what a column of text
# costs overset, so the search gives a story room for its photos before it saves a few lines of text.
PHOTO_LEFT_OUT = 200 * OVERSET_PER_CHAR
# A region narrower than this many columns holds no story (a 1-column story is a valid module).
MIN_SPAN = 1
# A region of up to this many stories tries every cut into two groups side by side; a larger one only
# cuts near its balanced cut (Arranger._cuts). Real pages hold at most 15 to 20 stories (mostly under 8),
# so they are searched in full; the full search grows with the cube of the stories (a page of 40 took
# 10 s to place, against 0.4 s with the shortcut, and the same arrangement).
EXHAUSTIVE_STORIES = 20
# How many cuts either side of the balanced one a large region tries: with 4, a page of 40 short stories
# printed 3 % fewer characters than the full search; with 8 the same page as the full search.
CUT_SPREAD = 8


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


# How the cheapest arrangement of a region was made (kept in the memo instead of its placements, which
# are built once for the winner: building them for every option was most of a crowded page's time).
ONE, STACK, SPLIT_AT, FALLBACK = "one", "stack", "split", "fallback"


@dataclass
class Arranger:
    """Memoised search over the splits of a region for stories[i:j]."""

    n: int
    natural: Callable[[int, int], ModulePlan]  # (story, span) -> natural plan (unbounded height)
    fit: Measure
    gap: int = 1  # grid lines between two stacked modules (layout blocks.space_lines)
    cell_chars: float = 0.0  # body characters one column-line holds: what a hole leaves unprinted
    memo: dict = None  # type: ignore[assignment]
    singles: dict = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        # (i, j, span, lines, lead) -> (cost, top-left module has a headline, how it was made)
        self.memo = {}
        # (i, span, lines) -> (cost, has a headline, plan)
        self.singles = {}
        self.naturals: dict[tuple[int, int], tuple[bool, int]] = {}
        self.area_prefix: list[int] | None = None

    def best(self, i: int, j: int, span: int, lines: int,
             lead: bool = False) -> tuple[float, tuple[Placement, ...]]:
        """Cheapest arrangement of stories i..j-1 in a region `span` columns × `lines` lines (relative).

        With `lead`, story i is the page's 头条: always across the whole region, on top.
        """
        cost, _, _ = self._search(i, j, span, lines, lead)
        return cost, self._build(i, j, span, lines, lead, 0, 0)

    def _search(self, i: int, j: int, span: int, lines: int, lead: bool) -> tuple[float, bool, tuple]:
        """(cost, whether the region's top-left module starts with a headline, the choice made)."""
        key = (i, j, span, lines, lead)
        found = self.memo.get(key)
        if found is not None:
            return found
        best: tuple[float, bool, tuple] | None = None

        def offer(cost: float, head: bool, how: tuple) -> None:
            nonlocal best
            if best is None or cost < best[0]:  # the first of equal costs wins, as min() did
                best = (cost, head, how)

        if j - i == 1:
            c, h, _ = self._single(i, span, lines)
            offer(c, h, (ONE,))
        else:
            # stack: story i at its natural height across the region, the rest below
            # (taller than natural by up to STACK_STRETCH lines: photos grow or the headline gets air,
            # so spare lines are spread over the page instead of pooling at its foot)
            fits, nat_lines = self._natural(i, span)
            if fits:
                tops = [nat_lines + extra for extra in range(STACK_STRETCH + 1)]
            else:
                # a story too long for the region on top: as tall as the rest below it allows, so the
                # stories after it keep their own height instead of standing beside it over a hole
                rest = self._rest(i + 1, j, span)
                tops = [t for t in (lines - self.gap - rest, lines - self.gap - rest - 1) if t >= 4]
            for top in tops:
                below = lines - top - self.gap
                if below < 4:
                    break
                c_top, h_top, _ = self._single(i, span, top)
                c_rest = self._search(i + 1, j, span, below, False)[0]
                offer(c_top + c_rest, h_top, (STACK, top, below))
            # split: stories i..k-1 on the left a columns, k..j-1 on the right
            for a in range(MIN_SPAN, span) if not lead else ():
                for k in self._cuts(i, j, a, span):
                    c_l, h_l, _ = self._search(i, k, a, lines, False)
                    c_r, h_r, _ = self._search(k, j, span - a, lines, False)
                    cost = c_l + c_r + SPLIT
                    if h_l and h_r:
                        cost += TOMBSTONE
                    offer(cost, h_l, (SPLIT_AT, a, k))
            if best is None:
                # nothing else fits: stack anyway and let the later stories be overset
                c_top, h_top, _ = self._single(i, span, max(1, lines // 2))
                c_rest = self._search(i + 1, j, span, max(1, lines - lines // 2 - self.gap), False)[0]
                offer(c_top + c_rest, h_top, (FALLBACK,))
        assert best is not None
        self.memo[key] = best
        return best

    def _natural(self, i: int, span: int) -> tuple[bool, int]:
        """Whether story i fits whole at its natural height in `span` columns, and that height."""
        key = (i, span)
        found = self.naturals.get(key)
        if found is None:
            nat = self.natural(i, span)
            found = self.naturals[key] = (nat.fill.placed == len(nat.story.units), nat.lines)
        return found

    def _rest(self, i: int, j: int, span: int) -> int:
        """Grid lines stories i..j-1 take stacked at their natural heights in `span` columns."""
        return sum(self._natural(k, span)[1] for k in range(i, j)) + self.gap * (j - i - 1)

    def _cuts(self, i: int, j: int, a: int, span: int) -> range | list[int]:
        """Where stories i..j-1 may be cut into a left group of `a` columns and a right one: anywhere in a
        region of up to EXHAUSTIVE_STORIES stories; in a larger one only within CUT_SPREAD stories of the
        cut that gives each side its share of the stories' area (column-lines at one column), since a cut
        far from it leaves one side overset and the other empty, the costliest shapes there are. Real pages
        (up to 20 stories) never reach the shortcut."""
        if j - i <= EXHAUSTIVE_STORIES:
            return range(i + 1, j)
        area = self._areas()
        target = area[i] + (area[j] - area[i]) * a / span
        # the nearest cut to the target (the lower of two as near): area only grows with k
        up = bisect_left(area, target, i + 1, j - 1)
        k = up - 1 if up > i + 1 and target - area[up - 1] <= area[up] - target else up
        return list(range(max(i + 1, k - CUT_SPREAD), min(j - 1, k + CUT_SPREAD) + 1))

    def _areas(self) -> list[int]:
        """Prefix sums of the stories' natural column-lines at one column (the body's own measure)."""
        if self.area_prefix is None:
            acc = [0]
            for k in range(self.n):
                acc.append(acc[-1] + self._natural(k, 1)[1] + self.gap)
            self.area_prefix = acc
        return self.area_prefix

    def _build(self, i: int, j: int, span: int, lines: int, lead: bool, dc: int, dl: int
               ) -> tuple[Placement, ...]:
        """The placements of the choice the search made for this region, moved by (dc, dl)."""
        how = self.memo[(i, j, span, lines, lead)][2]
        if how[0] == ONE:
            return (Placement(i, dc, span, dl, lines, self._single(i, span, lines)[2]),)
        if how[0] == STACK:
            _, top, below = how
            return ((Placement(i, dc, span, dl, top, self._single(i, span, top)[2]),)
                    + self._build(i + 1, j, span, below, False, dc, dl + top + self.gap))
        if how[0] == SPLIT_AT:
            _, a, k = how
            return self._build(i, k, a, lines, False, dc, dl) + self._build(k, j, span - a, lines, False, dc + a, dl)
        half = max(1, lines // 2)
        return ((Placement(i, dc, span, dl, half, self._single(i, span, half)[2]),)
                + self._build(i + 1, j, span, max(1, lines - lines // 2 - self.gap), False, dc,
                              dl + lines // 2 + self.gap))

    def single(self, i: int, span: int, lines: int) -> tuple[float, tuple[Placement, ...]]:
        cost, _, plan = self._single(i, span, lines)
        return cost, (Placement(i, 0, span, 0, lines, plan),)

    def _single(self, i: int, span: int, lines: int) -> tuple[float, bool, ModulePlan]:
        """Cost of story i alone in `span` × `lines`, whether its module starts with a headline, its plan."""
        key = (i, span, lines)
        found = self.singles.get(key)
        if found is not None:
            return found
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
        cost += PHOTO_LEFT_OUT * len(plan.dropped)
        cost += sum(TABLE_RANK_COST[r] for r in plan.table_ranks)
        found = (cost, plan.headline.grid_lines > 0, plan)
        self.singles[key] = found
        return found


def _short_leg(plan: ModulePlan) -> int:
    """Grid lines by which the module's shortest leg stops above the foot of its body (a hole inside it)."""
    units = plan.story.units
    short = 0
    for c, (a, b) in enumerate(plan.fill.ranges):
        used = plan.photo_lines[c] + leg_lines(units, a, b) + foot_lines(plan)
        short = max(short, plan.body_lines - used)
    return short


def _extra_title_lines(plan: ModulePlan) -> int:
    written = plan.story.article.title.count("\n") + 1
    for style, lines, _ in plan.headline.parts:
        if style == "title":
            return max(0, len(lines) - written)
    return 0


def arrange(n: int, columns: int, lines: int, natural: Callable[[int, int], ModulePlan],
            fit: Measure, lead: bool = False, gap: int = 1, cell_chars: float = 0.0
            ) -> tuple[float, tuple[Placement, ...]]:
    """Best arrangement of n stories in a free area of `columns` × `lines` (story 0 across the top
    when `lead`)."""
    if n == 0 or lines <= 0:
        return 0.0, ()
    return Arranger(n, natural, fit, gap, cell_chars).best(0, n, columns, lines, lead)
