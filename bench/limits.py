"""Benchmark: compose issues at the limits of issuepress.limits (docs/limits.md states the figures).

Cases: one page of MAX_ARTICLES_PER_PAGE short stories; MAX_PAGES pages of that page (the limits
together); MAX_PAGES pages of ordinary stories (four of about 600 characters each). Each compose is a
separate process (bench/compose.py's runner) with a warm font cache, so wall time, CPU time and peak
memory are its own. `--profile` writes a cProfile of the one-page case instead.
Usage: python bench/limits.py [--case page|full|ordinary|all] [--pages N] [--profile OUT]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests" / "robust")]

from compose import run  # noqa: E402  (bench/compose.py: one compose in its own process)
from robustkit import write_big_issue  # noqa: E402

from issuepress import limits  # noqa: E402

# A short story (简讯) of this many Han characters: a headline and four or five lines of a column.
SHORT_CHARS = 60
# An ordinary story: about 600 characters, four to a page (a page of 要闻).
ORDINARY_CHARS, ORDINARY_PER_PAGE = 600, 4


def cases(pages: int) -> dict[str, tuple[int, int, int]]:
    """name -> (pages, stories per page, characters per story)."""
    per = limits.MAX_ARTICLES_PER_PAGE
    return {"page": (1, per, SHORT_CHARS),
            "full": (pages, per, SHORT_CHARS),
            "ordinary": (pages, ORDINARY_PER_PAGE, ORDINARY_CHARS)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--case", default="all", choices=["page", "full", "ordinary", "all"])
    ap.add_argument("--pages", type=int, default=limits.MAX_PAGES, help="pages of the full and ordinary cases")
    ap.add_argument("--profile", help="write a cProfile of the one-page case to this file and print its top")
    args = ap.parse_args()
    table = cases(args.pages)
    names = list(table) if args.case == "all" else [args.case]
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        cache = t / "cache"
        warmup = write_big_issue(t / "warm", 1, 1, SHORT_CHARS)
        run(warmup, t / "warm.pdf", cache)  # font subsets built once, outside the figures
        if args.profile:
            from issuepress.pipeline import compose
            import os
            os.environ["ISSUEPRESS_CACHE"] = str(cache)
            issue = write_big_issue(t / "prof", *table["page"])
            cProfile.runctx("compose(issue, t / 'p.pdf')", globals(), locals(), args.profile)
            pstats.Stats(args.profile).sort_stats("cumulative").print_stats(30)
            return
        print(f"{'case':34} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
        for name in names:
            pages, per, chars = table[name]
            issue = write_big_issue(t / name, pages, per, chars)
            wall, cpu, mem = run(issue, t / f"{name}.pdf", cache)
            label = f"{name}: {pages} x {per} x {chars} chars"
            print(f"{label:34} {wall:8.2f} {cpu:8.2f} {mem:9.0f}", flush=True)


if __name__ == "__main__":
    main()
