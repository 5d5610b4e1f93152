"""What an editor checks on composed pages, read back from the PDF: jumps that land, headline breaks,
loose lines and holes (issue 8). Photos are judged in photomeasure.py.

Everything here works on pdfmeasure's read-back (glyphs in trim coordinates) and on the source
articles; the report is only used where the PDF cannot say it (characters overset).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfmeasure import Frames, PdfPage, TextLine, han_gap, inside_lines, segments

# （下转第N版） and （上接第M版）, as layout/jumps.py writes them.
JUMP_TO = re.compile(r"下转第(\d+)版")
JUMP_FROM = re.compile(r"上接第(\d+)版")
# The continuation is looked for by this many characters of the text that follows the jump line:
# long enough to be unique in a page, short enough to fit in one column's line or two.
SNIPPET_CHARS = 8
# issue 8: a justified body line has at most a quarter em between two Han characters.
LOOSE_EM = 0.25
# A cell of the page grid is taken by ink that overlaps it by more than this (pt): a glyph's side
# bearing or a rule's half width does not fill a neighbouring cell.
CELL_OVERLAP_PT = 1.0
# Marks a headline may break after (closing, pause, stop) or before (opening), besides a space.
BREAK_AFTER = frozenset("，。、：；！？）」』”’》〉】〕—…·,.:;!?)")
BREAK_BEFORE = frozenset("（「『“‘《〈【〔(")
# issue 8: an overset story's last printed line ends at a sentence or clause end where the text allows.
CLAUSE_END = frozenset("。！？；…")
# Closing marks that may follow the clause end (a quote or bracket closing after 。).
CLOSERS = frozenset("”’」』）)》")
# "N.N% of the type area" in a page-hole finding's message.
HOLE_PERCENT = re.compile(r"([0-9.]+)% of the type area")
# Language tags (BCP 47 script or region, lower case) of Traditional Chinese: an article so tagged (front
# matter, or issue.lang) has its headlines judged with BudouX's Traditional model.
TRADITIONAL_TAGS = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_text(lines: Iterable[TextLine]) -> dict[int, str]:
    """Body text of each page in reading order within columns (column, then baseline)."""
    out: dict[int, list[str]] = {}
    for ln in sorted(lines, key=lambda ln: (ln.page, ln.column, ln.baseline)):
        out.setdefault(ln.page, []).append(ln.text)
    return {p: "".join(t) for p, t in out.items()}


# ---------------------------------------------------------------------------------------------- jumps


@dataclass(frozen=True)
class Jump:
    """One （下转第N版） line and where the story really goes on."""

    page: int
    named: int  # N of （下转第N版）
    article: str | None  # the story whose text ends above the jump line
    landed: int | None  # the page that prints the text following the jump line; None: printed nowhere
    head: bool  # that page carries （上接第{page}版）
    carried_lines: int  # body lines of the story on the landing page after the jump

    @property
    def ok(self) -> bool:
        return self.landed == self.named and self.head


@dataclass(frozen=True)
class JumpFigures:
    jumps: tuple[Jump, ...]
    orphan_heads: tuple[tuple[int, int], ...]  # (page, M) of （上接第M版） that no jump line names

    @property
    def mismatches(self) -> int:
        return sum(not j.ok for j in self.jumps)

    @property
    def nowhere(self) -> int:
        return sum(j.landed is None for j in self.jumps)

    def per_story(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for j in self.jumps:
            if j.article:
                out[j.article] = out.get(j.article, 0) + 1
        return out


def markers(pages: Sequence[PdfPage], pattern: re.Pattern[str], max_gap: float) -> list[tuple[TextLine, int]]:
    """(line, number) for every text line that holds the pattern."""
    out = []
    for seg in segments(pages, max_gap):
        for m in pattern.finditer(seg.text):
            out.append((seg, int(m.group(1))))
    return out


def _line_above(lines: Sequence[TextLine], seg: TextLine, fr: Frames) -> TextLine | None:
    col = fr(seg.page).column_of(seg.glyphs[0])
    above = [ln for ln in lines if ln.page == seg.page and ln.column == col and ln.baseline < seg.baseline - 0.5]
    return max(above, key=lambda ln: ln.baseline, default=None)


def jump_figures(pages: Sequence[PdfPage], lines: Sequence[TextLine], fr: Frames, texts: dict[str, str],
                 max_gap: float) -> JumpFigures:
    """Every jump line paired with the page its continuation is printed on.

    `texts` maps each article to its compact body text; the story of a jump line is the one whose text
    holds the body line just above it in its column, and the continuation is where the text right
    after that line is printed."""
    by_page = page_text(lines)
    heads = markers(pages, JUMP_FROM, max_gap)
    jumps = []
    for seg, named in markers(pages, JUMP_TO, max_gap):
        above = _line_above(lines, seg, fr)
        art, rest = None, ""
        if above is not None:
            for name, text in texts.items():
                i = text.rfind(above.text)
                if i >= 0:
                    art, rest = name, text[i + len(above.text):]
                    break
        snippet = rest[:SNIPPET_CHARS]
        landed = None
        if snippet:
            landed = next((p for p, t in sorted(by_page.items()) if p != seg.page and snippet in t), None)
        head = landed is not None and any(h.page == landed and m == seg.page for h, m in heads)
        carried = 0
        if landed is not None:
            carried = sum(1 for ln in lines if ln.page == landed and len(ln.text) > 1 and ln.text in rest)
        jumps.append(Jump(seg.page, named, art, landed, head, carried))
    named_pairs = {(j.landed, j.page) for j in jumps}
    orphans = tuple((h.page, m) for h, m in heads if (h.page, m) not in named_pairs)
    return JumpFigures(tuple(jumps), orphans)


# ---------------------------------------------------------------------------------------------- headlines


Segmenter = Callable[[str], list[str]]


def is_traditional(lang: str | None) -> bool:
    """The language tag names Traditional Chinese (zh-Hant, zh-HK, zh_TW …)."""
    return bool(lang) and str(lang).strip().lower().replace("_", "-").startswith(TRADITIONAL_TAGS)


def load_segmenter() -> tuple[str, Callable[[str | None], Segmenter]] | None:
    """(name, chooser) where chooser(lang) gives the segmenter for an article of that language tag
    (None: no tag): BudouX's Traditional model for Traditional Chinese and its Simplified one
    otherwise if BudouX is installed, else jieba, else None."""
    try:
        import budoux  # type: ignore[import-not-found]

        simp = budoux.load_default_simplified_chinese_parser()
        trad = budoux.load_default_traditional_chinese_parser()
        return "budoux", lambda lang: (trad.parse if is_traditional(lang) else simp.parse)
    except ImportError:
        pass
    try:
        import jieba  # type: ignore[import-not-found]

        return "jieba", lambda lang: (lambda s: list(jieba.cut(s)))
    except ImportError:
        return None


def allowed_breaks(text: str, segment: Segmenter) -> set[int]:
    """Positions in compact(text) where a headline may break: between the segmenter's phrases, at a
    space or line break the editor typed, after a closing or pause mark, before an opening mark."""
    flat = compact(text)
    ok: set[int] = set()
    pos = 0
    for ch in text:  # typed spaces and \n: the position in the compact text
        if ch.isspace():
            ok.add(pos)
        else:
            pos += 1
    pos = 0
    for piece in segment(text.replace("\n", " ")):
        pos += len(compact(piece))
        ok.add(pos)
    for i in range(1, len(flat)):
        if flat[i - 1] in BREAK_AFTER or flat[i] in BREAK_BEFORE:
            ok.add(i)
    return ok


@dataclass(frozen=True)
class HeadlineBreak:
    page: int
    field: str  # title | kicker | subtitle
    article: str
    lines: tuple[str, ...]
    bad: tuple[int, ...]  # break positions inside a word

    @property
    def lone(self) -> bool:
        """The last line is a single character."""
        return len(self.lines) > 1 and len(self.lines[-1]) == 1


def headline_blocks(page: PdfPage, min_size: float, max_gap: float) -> list[list[TextLine]]:
    """Lines of display text (size ≥ min_size) stacked into blocks: same size, overlapping, close."""
    blocks: list[list[TextLine]] = []
    segs = [s for s in segments([page], max_gap) if s.size >= min_size - 0.01]
    for seg in sorted(segs, key=lambda s: (s.baseline, s.glyphs[0].x0)):
        for blk in blocks:
            last = blk[-1]
            if (abs(last.size - seg.size) < 0.01 and 0 < seg.baseline - last.baseline <= 2.2 * seg.size
                    and seg.ink_x0 < last.ink_x1 and last.ink_x0 < seg.ink_x1):
                blk.append(seg)
                break
        else:
            blocks.append([seg])
    return blocks


def headline_breaks(pages: Sequence[PdfPage], fields: Iterable[tuple[str, str, str, str | None]], min_size: float,
                    max_gap: float, choose: Callable[[str | None], Segmenter]) -> list[HeadlineBreak]:
    """Every printed headline block (a title, kicker or subtitle of `fields`: (article, field, text,
    the article's language tag)), with the breaks that fall inside a word, as the segmenter of the
    article's language cuts it. Repeats (continuation heads) count once per page."""
    wanted: dict[str, list[tuple[str, str, str, str | None]]] = {}
    for art, field, text, lang in fields:
        if text:
            wanted.setdefault(compact(text), []).append((art, field, text, lang))
    out = []
    for page in pages:
        for blk in headline_blocks(page, min_size, max_gap):
            joined = "".join(s.text for s in blk)
            for art, field, text, lang in wanted.get(joined, ()):
                ok = allowed_breaks(text, choose(lang))
                cuts, pos = [], 0
                for s in blk[:-1]:
                    pos += len(s.text)
                    cuts.append(pos)
                out.append(HeadlineBreak(page.number, field, art, tuple(s.text for s in blk),
                                         tuple(c for c in cuts if c not in ok)))
                break
    return out


# ---------------------------------------------------------------------------------------------- loose lines


@dataclass(frozen=True)
class LooseLines:
    checked: int
    loose: tuple[tuple[TextLine, float], ...]  # (line, widest gap between two Han characters in em)

    @property
    def share(self) -> float:
        return len(self.loose) / self.checked if self.checked else 0.0


def loose_lines(lines: Sequence[TextLine], fr: Frames, baseline_pt: float,
                spaced: frozenset[tuple[str, str]] = frozenset(), limit_em: float = LOOSE_EM) -> LooseLines:
    """Justified body lines (pdfmeasure.inside_lines) with more than limit_em between two Han
    characters; `spaced` are the pairs the source separates with a space (pdfmeasure.spaced_pairs)."""
    inside = inside_lines(lines, fr, baseline_pt)
    loose = [(ln, g) for ln in inside if (g := han_gap(ln, spaced)) > limit_em + 1e-6]
    return LooseLines(len(inside), tuple(loose))


# ---------------------------------------------------------------------------------------------- holes


def largest_empty(cells: Sequence[Sequence[bool]]) -> tuple[int, int, int, int]:
    """(first line, first column, lines, columns) of the largest all-False rectangle (histograms)."""
    best = (0, 0, 0, 0)
    if not cells:
        return best
    heights = [0] * len(cells[0])
    for r, row in enumerate(cells):
        heights = [0 if taken else h + 1 for h, taken in zip(heights, row)]
        for c in range(len(heights)):
            h = heights[c]
            if not h:
                continue
            left = c
            while left > 0 and heights[left - 1] >= h:
                left -= 1
            right = c
            while right + 1 < len(heights) and heights[right + 1] >= h:
                right += 1
            if h * (right - left + 1) > best[2] * best[3]:
                best = (r - h + 1, left, h, right - left + 1)
    return best


def page_cells(page: PdfPage, fr: Frames, baseline_pt: float) -> list[list[bool]]:
    """The type area as grid lines × columns: True where glyphs, pictures or rules touch the cell."""
    f = fr(page.number)
    n = int((f.bottom - f.top) / baseline_pt + 1e-6)
    boxes = [(g.x0, g.top, g.x1, g.bottom) for g in page.glyphs if not g.text.isspace()]
    boxes += [(b.x0, b.top, b.x1, b.bottom) for b in (*page.images, *page.rules)]
    cells = []
    for i in range(n):
        y0, y1 = f.top + i * baseline_pt, f.top + (i + 1) * baseline_pt
        row = []
        for c0, c1 in f.columns:
            row.append(any(min(x1, c1) - max(x0, c0) > CELL_OVERLAP_PT
                           and (min(b1, y1) - max(t0, y0) > CELL_OVERLAP_PT or (b1 - t0 <= 2 * CELL_OVERLAP_PT
                                                                                and y0 <= t0 <= y1))
                           for x0, t0, x1, b1 in boxes))
        cells.append(row)
    return cells


def hole_share(page: PdfPage, fr: Frames, baseline_pt: float) -> tuple[float, tuple[int, int, int, int]]:
    """The largest empty rectangle of the page as a share of its type area, and the rectangle."""
    cells = page_cells(page, fr, baseline_pt)
    rect = largest_empty(cells)
    total = len(cells) * (len(cells[0]) if cells else 0)
    return (rect[2] * rect[3] / total if total else 0.0), rect


def report_holes(report: dict[str, Any]) -> dict[int, float]:
    """The page-hole findings of the report: page -> share of the type area."""
    out = {}
    for f in report.get("findings", []):
        m = HOLE_PERCENT.search(f.get("message", "")) if f.get("code") == "page-hole" else None
        if m and f.get("page"):
            out[int(f["page"])] = float(m.group(1)) / 100
    return out


@dataclass(frozen=True)
class OversetEnd:
    """The last printed body line of an overset story; `para_end`: it is the end of a paragraph (a
    verse line, a date: the text allows no other stop there)."""

    article: str
    page: int
    text: str
    para_end: bool = False

    @property
    def at_clause_end(self) -> bool:
        return self.para_end or self.text.rstrip("".join(CLOSERS))[-1:] in CLAUSE_END


def overset_endings(lines: Sequence[TextLine], texts: dict[str, str], overset: Iterable[str],
                    para_ends: dict[str, set[int]] | None = None) -> list[OversetEnd]:
    """For each overset story, its printed line that comes last in its text (lines of one or two
    characters are too short to place); `para_ends` gives, per story, the positions in its compact
    text where a paragraph ends."""
    out = []
    for art in overset:
        text = texts.get(art, "")
        best: tuple[int, TextLine] | None = None
        for ln in lines:
            if len(ln.text) < 3:
                continue
            i = text.find(ln.text)
            if i >= 0 and (best is None or i > best[0]):
                best = (i, ln)
        if best is not None:
            end = best[0] + len(best[1].text)
            out.append(OversetEnd(art, best[1].page, best[1].text, end in (para_ends or {}).get(art, set())))
    return out


def overset_chars(report: dict[str, Any]) -> dict[str, int]:
    """Characters each article has overset, as the report counts them (only those with any)."""
    return {a["file"]: a["overset_chars"] for a in report.get("articles", []) if a.get("overset_chars")}
