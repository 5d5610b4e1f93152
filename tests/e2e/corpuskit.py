"""The real-content corpus (corpus/ at the repository top): its issue folders, a copy of one in another
layout, and every figure of issue 8 for one composed issue, as a plain dict (bench/corpus.py prints
it; tests/corpus asserts on it)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from corpusmeasure import (Segmenter, compact, hole_share, headline_breaks, jump_figures, load_segmenter,
                           loose_lines, overset_chars, overset_endings, report_holes)
from e2ekit import REPO, Composed, article_text, issue_article_paths, issue_han
from pdfmeasure import missing_from, pdf_han, spaced_pairs
from photomeasure import load_sources, photo_figures

CORPUS = REPO / "corpus"
# The fixture tests/corpus/conftest.py gives: corpus_pdf(name, layout=None) -> Composed.
CorpusPdf = Callable[..., Composed]
LAYOUTS = ("tabloid-4col", "a4-3col")
LAYOUT_LINE = re.compile(r"^layout:\s*(\S+)\s*$", re.M)
# Display text is at least this multiple of the body size (titles, kickers, subtitles; captions and
# bylines are smaller).
HEADLINE_MIN_BODY = 1.15
# issue 8's limits, for the table's marks.
MAX_CROP = 0.15
MIN_JUMP_LINES = 6


def corpus_issues() -> list[Path]:
    """Every issue folder of the corpus, by name."""
    return sorted(p.parent for p in CORPUS.glob("*/issue.yaml"))


def own_layout(folder: Path) -> str:
    m = LAYOUT_LINE.search((folder / "issue.yaml").read_text(encoding="utf-8"))
    assert m, f"{folder}/issue.yaml: no 'layout:' line"
    return m.group(1)


def other_layout(folder: Path) -> str:
    return next(name for name in LAYOUTS if name != own_layout(folder))


def in_layout(folder: Path, layout: str, tmp: Path) -> Path:
    """`folder` itself when it already names `layout`, else a copy under tmp whose issue.yaml does."""
    if own_layout(folder) == layout:
        return folder
    copy = tmp / f"{folder.name}-{layout}"
    if not copy.exists():
        shutil.copytree(folder, copy)
        issue = copy / "issue.yaml"
        issue.write_text(LAYOUT_LINE.sub(f"layout: {layout}", issue.read_text(encoding="utf-8"), count=1),
                         encoding="utf-8")
    return copy


def _articles(c: Composed) -> Iterable[Any]:
    for page in c.issue.pages:
        yield from page.articles


def all_photos(article: Any) -> list[Any]:
    """The article's photos: those of its front matter, then the pictures set in its text."""
    return list(article.photos) + [b.photo for b in article.blocks if hasattr(b, "photo")]


def _name(c: Composed, path: Path) -> str:
    """A file as the report names it: relative to the issue; a picture from a Word file is kept in the
    cache, outside the issue, and goes by its own path."""
    path = Path(path)
    return str(path.relative_to(c.issue.path)) if path.is_relative_to(c.issue.path) else str(path)


def article_texts(c: Composed) -> dict[str, str]:
    """Each article's paragraphs as compact text, by file name (subheads are set in another style)."""
    return {_name(c, a.path): compact("".join(b.text for b in a.blocks if hasattr(b, "spans")))
            for a in _articles(c)}


def paragraph_ends(c: Composed) -> dict[str, set[int]]:
    """Positions in each article's compact text (article_texts) where a paragraph ends."""
    out = {}
    for a in _articles(c):
        pos, ends = 0, set()
        for b in a.blocks:
            if hasattr(b, "spans"):
                pos += len(compact(b.text))
                ends.add(pos)
        out[_name(c, a.path)] = ends
    return out


def headline_fields(c: Composed) -> list[tuple[str, str, str, str | None]]:
    """(article, field, text, language) of every title, kicker and subtitle; the language is the
    article's tag as loaded (its front matter, else issue.lang)."""
    return [(_name(c, a.path), f, getattr(a, f), a.lang) for a in _articles(c)
            for f in ("kicker", "title", "subtitle") if getattr(a, f)]


def lost_han(c: Composed) -> int:
    """Han characters of the articles that the PDF lacks (counted with repeats)."""
    return sum(missing_from(issue_han(c.issue), pdf_han(c.pages)).values())


def figures(c: Composed, segmenter: tuple[str, Callable[[str | None], Segmenter]] | None = None) -> dict[str, Any]:
    """Every figure issue 8 checks, for one composed issue."""
    seg = segmenter if segmenter is not None else load_segmenter()
    lines = c.lines
    texts = article_texts(c)
    jf = jump_figures(c.pages, lines, c.frames, texts, c.max_gap)
    first_page = {a["file"]: min(a["pages"], default=0) for a in c.report.get("articles", [])}
    sources = load_sources((_name(c, ph.src), ph.src) for a in _articles(c) for ph in all_photos(a))
    photos = photo_figures(c.pdf, sources)
    body = c.layout.styles["body"].size_pt
    heads = (headline_breaks(c.pages, headline_fields(c), HEADLINE_MIN_BODY * body, c.max_gap, seg[1])
             if seg else None)
    spaced = spaced_pairs("".join(article_text(p) for p in issue_article_paths(c.issue)))
    loose = loose_lines(lines, c.frames, c.baseline, spaced)
    holes = [hole_share(p, c.frames, c.baseline) for p in c.pages]
    over = overset_chars(c.report)
    ends = overset_endings(lines, texts, over, paragraph_ends(c))
    rholes = report_holes(c.report)
    return {
        "issue": c.name,
        "layout": c.layout.name,
        "pages": len(c.pages),
        "jumps": [{"page": j.page, "named": j.named, "landed": j.landed, "head": j.head, "article": j.article,
                   "carried_lines": j.carried_lines, "ok": j.ok} for j in jf.jumps],
        "jump_mismatches": jf.mismatches,
        "jumps_to_nowhere": jf.nowhere,
        "orphan_heads": [list(h) for h in jf.orphan_heads],
        "jumps_per_story": jf.per_story(),
        "report_jumps_per_story": {a["file"]: len(a["pages"]) - 1 for a in c.report.get("articles", [])
                                   if len(a["pages"]) > 1},
        "short_jumps": sum(j.carried_lines < MIN_JUMP_LINES for j in jf.jumps if j.landed is not None),
        "photos": [{"page": p.page, "file": p.file, "frame_mm": list(p.frame_mm), "source_px": list(p.source_px),
                    "crop_w": p.crop_w, "crop_h": p.crop_h, "offset": p.offset, "turned": p.turned,
                    "sideways": p.sideways, "ppi": p.ppi, "match": p.match} for p in photos],
        "crops_over_limit": sum(p.crop > MAX_CROP + 1e-6 for p in photos if p.file),
        "turned": sum(p.turned for p in photos),
        "sideways": sum(p.sideways for p in photos),
        "segmenter": seg[0] if seg else None,
        "headlines": None if heads is None else len(heads),
        "headline_bad_breaks": None if heads is None else [
            {"page": h.page, "article": h.article, "field": h.field, "lines": list(h.lines), "bad": list(h.bad)}
            for h in heads if h.bad],
        "headline_lone": None if heads is None else sum(h.lone for h in heads),
        "long_continuation_heads": None if heads is None else [
            {"page": h.page, "article": h.article, "lines": list(h.lines)} for h in heads
            if h.field == "title" and h.page != first_page.get(h.article) and len(h.lines) > 1],
        "loose_checked": loose.checked,
        "loose": len(loose.loose),
        "loose_share": round(loose.share, 4),
        "loose_lines": [{"where": ln.where(), "gap_em": round(g, 2)} for ln, g in loose.loose],
        "holes": [round(h[0], 4) for h in holes],
        "hole_rects": [list(h[1]) for h in holes],
        "report_holes": {str(k): v for k, v in sorted(rholes.items())},
        "overset_chars": sum(over.values()),
        "overset": over,
        "overset_ends": [{"article": e.article, "page": e.page, "last_line": e.text, "clause_end": e.at_clause_end}
                         for e in ends],
        "overset_cut_mid_clause": sum(not e.at_clause_end for e in ends),
        "lost_han": lost_han(c),
        "report_findings": dict(Counter(f["code"] for f in c.report.get("findings", []))),
    }
