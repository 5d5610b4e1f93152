"""One article's half-width punctuation: every text it gives checked by file and line, fixed when asked.

The body is checked in its Markdown source (so a place has its line, and code spans, link addresses and
fenced code are known as such), one paragraph at a time (quotes pair within a paragraph); headline
texts, captions, credits and notes after YAML has read them. What is found becomes one finding per
article; what is fixed becomes one `normalised` note per line.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from ..fonts.langs import is_traditional
from ..model import Article, ArticleFinding, Photo
from .punctuation import context, fix
from .yamlnode import YMap, YNode, YSeq

CODE = "halfwidth-punctuation"
KEEP, FIX = "keep", "fix"
MODES = (KEEP, FIX)
# Places quoted in the finding: enough to find the kind of slip, short enough for one line of a report.
SHOWN_PLACES = 3
# Places quoted per line in a `normalised` note before "and N more".
NOTED_PER_LINE = 8
# A fence line of Markdown code (``` or ~~~, up to 3 spaces in): what it encloses is code, left as typed.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line that is a paragraph of its own: an ATX heading (quotes do not pair across it).
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
HEADLINE_KEYS = ("kicker", "title", "subtitle", "byline", "note", "short_title")


@dataclass(frozen=True)
class Place:
    """A mark found: its line in the file, the mark, its full-width form if fixed, the text around it."""

    line: int
    mark: str
    full: str | None
    around: str


def _units(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line indexes of the paragraphs whose marks are checked; fenced code is not one."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
            continue
        if m or not line.strip() or _HEADING.match(line):
            if start is not None:
                out.append((start, i))
                start = None
            if m:
                fence = m.group(1)
            elif line.strip():
                out.append((i, i + 1))
            continue
        if start is None:
            start = i
    if start is not None:
        out.append((start, len(lines)))
    return out


@dataclass
class PunctuationPass:
    """Collects the places of one article (`name` as the report shows the file); `mode` keep or fix;
    `lang` the article's language (front matter, else issue.lang): a Traditional one quotes 「」『』."""

    name: str
    mode: str = KEEP
    lang: str | None = None
    places: list[Place] = field(default_factory=list)

    def _check(self, text: str, line: int, markdown: bool) -> str:
        fixed, marks = fix(text, markdown, is_traditional(self.lang))
        breaks = [i for i, ch in enumerate(text) if ch == "\n"] if marks else []
        for m in marks:
            self.places.append(Place(line + bisect.bisect_left(breaks, m.at), m.ch,
                                     m.full if self.mode == FIX else None, context(text, m.at)))
        return fixed if self.mode == FIX else text

    def body(self, source: str, first_line: int) -> str:
        """The body's Markdown source checked paragraph by paragraph (`first_line`: its first line in the
        file); returned fixed in mode fix. Only marks and spaces change, never a line break."""
        lines = source.split("\n")
        for a, b in _units(lines):
            text = "\n".join(lines[a:b])
            new = self._check(text, first_line + a, markdown=True)
            if new != text:
                lines[a:b] = new.split("\n")
        return "\n".join(lines)

    def text(self, value: str | None, node: YNode | None) -> str | None:
        """A front-matter text (already cleaned) checked at its node's line."""
        if not value:
            return value
        return self._check(value, node.pos.line if node is not None else 0, markdown=False)

    def article(self, art: Article, fm: YMap) -> Article:
        """The article with its headline texts, captions and credits checked (and fixed), and the
        places found so far as its finding and notes."""
        heads = {key: self.text(getattr(art, key), fm.get(key)) for key in HEADLINE_KEYS}
        photos = tuple(self._photo(p, _item(fm.get("photos"), i)) for i, p in enumerate(art.photos))
        credits = self._credits(art.credits, fm.get("credits"))
        finding = self.finding()
        return dataclasses.replace(art, **heads, photos=photos, credits=credits,
                                   findings=art.findings + ((finding,) if finding else ()),
                                   normalised=art.normalised + self.notes())

    def _photo(self, photo: Photo, node: YNode | None) -> Photo:
        caption = self.text(photo.caption, _get(node, "caption") or node) or ""
        credit = self.text(photo.credit, _get(node, "credit") or node)
        return dataclasses.replace(photo, caption=caption, credit=credit)

    def _credits(self, credits: tuple[tuple[str, str], ...], node: YNode | None) -> tuple[tuple[str, str], ...]:
        out = []
        for role, names in credits:
            at = _get(node, role) or node
            out.append((self.text(role, at) or role, self.text(names, at) or names))
        return tuple(out)

    def finding(self) -> ArticleFinding | None:
        """One finding for the marks left half-width: all of them in mode keep, in mode fix the ones with
        no certain full-width form."""
        left = sorted((p for p in self.places if p.full is None), key=lambda p: p.line)
        if not left:
            return None
        counts = Counter(p.mark for p in left)
        marks = ", ".join(f"{m} ×{n}" for m, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        shown = ", ".join(f'line {p.line} "{p.around}"' for p in left[:SHOWN_PLACES])
        more = f" and {len(left) - SHOWN_PLACES} more" if len(left) > SHOWN_PLACES else ""
        n = len(left)
        what = f"{n} half-width mark{'s' if n != 1 else ''} ({marks}) beside Chinese characters"
        if self.mode == FIX:
            hint = "no certain full-width form (an unpaired quote or bracket, `...`, `一.`): correct them in the file"
        else:
            hint = "`text.punctuation: fix` in the layout or --fix-punctuation sets them full-width"
        return ArticleFinding(CODE, f"{self.name} line {left[0].line}: {what}: {shown}{more}; {hint}",
                              left[0].line)

    def notes(self) -> tuple[str, ...]:
        """In mode fix, one note per line saying each mark made full-width."""
        by_line: dict[int, list[Place]] = {}
        for p in self.places:
            if p.full is not None:
                by_line.setdefault(p.line, []).append(p)
        out = []
        for line in sorted(by_line):
            ps = by_line[line]
            listed = ", ".join(f'{p.mark} → {p.full} ("{p.around}")' for p in ps[:NOTED_PER_LINE])
            more = f" and {len(ps) - NOTED_PER_LINE} more" if len(ps) > NOTED_PER_LINE else ""
            out.append(f"line {line}: made {len(ps)} half-width mark{'s' if len(ps) != 1 else ''} "
                       f"full-width: {listed}{more}")
        return tuple(out)


def _item(node: YNode | None, i: int) -> YNode | None:
    return node.items[i] if isinstance(node, YSeq) and i < len(node.items) else None


def _get(node: YNode | None, key: str) -> YNode | None:
    return node.get(key) if isinstance(node, YMap) else None

