"""Typographic figures of galley proofs, measured from the PDFs' glyph positions.

For every article of the given issue folders (default: the sample issues): kinsoku faults, split
dashes/ellipses, share of justified lines on the column edge, glyphs past the edge, Han characters
missing, fonts not embedded; and the seconds a galley takes with an empty font cache and a warm one.
Usage: python bench/galleys.py [ISSUE_DIR ...] [--layout NAME]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from pdfmeasure import (body_lines, column_overruns, frames, han_counter, justification,  # noqa: E402
                        kinsoku_faults, pdf_fonts, pdf_han, read_pdf, split_pair_faults)

import yaml  # noqa: E402

from issuepress.load.article import load_article  # noqa: E402
from issuepress.load.layout import load_layout  # noqa: E402
from issuepress.pipeline import make_galley  # noqa: E402


def article_text(art) -> str:
    parts = [art.kicker or "", art.title, art.subtitle or "", art.note or "", art.byline or ""]
    parts += [p.caption or "" for p in art.photos]
    for b in art.blocks:
        parts.append("".join(s.text for s in b.spans) if hasattr(b, "spans") else b.text)
    return "".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("issues", nargs="*", default=[str(p) for p in sorted((ROOT / "seeds").iterdir()) if p.is_dir()])
    ap.add_argument("--layout", default=None)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    os.environ["ISSUEPRESS_CACHE"] = str(tmp / "cache")
    total: Counter[str] = Counter()
    times: list[tuple[float, float]] = []
    print(f"{'article':44} {'lines':>5} {'kinsoku':>7} {'split':>5} {'on edge':>8} {'past':>4} {'han miss':>8}")
    for issue in args.issues:
        for md in sorted(Path(issue, "articles").glob("*.md")):
            out = tmp / f"{md.stem}.pdf"
            t0 = time.perf_counter()
            make_galley(md, args.layout, out)
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            make_galley(md, args.layout, out)
            warm = time.perf_counter() - t0
            times.append((cold, warm))
            name_ = args.layout or yaml.safe_load((Path(issue) / "issue.yaml").read_text(encoding="utf-8"))["layout"]
            layout = load_layout(name_, Path(issue))
            pages = read_pdf(out)
            fr = frames(layout, galley=True)
            lines = body_lines(pages, layout, fr)
            kin = kinsoku_faults(lines)
            split = split_pair_faults(lines, layout.grid.baseline_pt)
            j = justification(lines, fr, layout.grid.baseline_pt)
            past = column_overruns(lines, fr)
            want = han_counter(article_text(load_article(md.resolve(), Path(issue).resolve())))
            have = pdf_han(pages)
            miss = sum(max(0, n - have[c]) for c, n in want.items())
            embedded = pdf_fonts(out)
            total.update(lines=len(lines), kinsoku=len(kin), split=len(split), checked=j.checked,
                         on_edge=j.checked - len(j.misses), past=len(past), han_missing=miss,
                         unembedded=sum(1 for v in embedded.values() if not v))
            name = f"{Path(issue).name}/{md.name}"
            print(f"{name:44} {len(lines):5d} {len(kin):7d} {len(split):5d} {100 * j.ratio:7.1f}% {len(past):4d} "
                  f"{miss:8d}")
    share = 100 * total["on_edge"] / max(1, total["checked"])
    print(f"\nall: {total['lines']} body lines, {total['kinsoku']} kinsoku faults, {total['split']} split dashes/"
          f"ellipses, {share:.1f}% of {total['checked']} justified lines on the edge, {total['past']} past the edge, "
          f"{total['han_missing']} Han characters missing, {total['unembedded']} fonts not embedded")
    first = times[0] if times else (0.0, 0.0)
    print(f"galley seconds: first (empty font cache) {first[0]:.2f}, then warm median "
          f"{sorted(w for _, w in times)[len(times) // 2]:.2f}, cold median {sorted(c for c, _ in times)[len(times) // 2]:.2f}")


if __name__ == "__main__":
    main()
