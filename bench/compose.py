"""Benchmark: compose seeds/jincheng-215 cold (empty caches), warm, and repeated 10× (~90 stories), and
Typst on a peer document with the same text (bench/typst_peer.py) when the `typst` package is installed
(`pip install -e '.[bench]'`).

Warm runs take font subsets, prepared pictures, picture probes and set paragraphs from the disk caches;
the "paragraphs set anew" rows empty the paragraph cache before each run (the whole layout computed anew).
Each run is a separate process so wall time, CPU time (user + system, all threads) and peak memory (max
RSS) are its own; CPU seconds stay comparable when the machine is busy with other work, wall seconds do
not. The composes run without PYTHONDONTWRITEBYTECODE, as an installed package has its .pyc files.
`--repeat N` runs every warm case (and Typst) N times and keeps the fastest.
Usage: python bench/compose.py [ISSUE] [--times 10] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from typst_peer import peer_document

ROOT = Path(__file__).resolve().parents[1]


def repeated_issue(src: Path, times: int, dest: Path) -> Path:
    """A copy of the issue whose page list is repeated `times` times (articles copied under new names)."""
    shutil.copytree(src, dest)
    data = yaml.safe_load((src / "issue.yaml").read_text(encoding="utf-8"))
    pages = []
    for k in range(times):
        for page in data["pages"]:
            new = dict(page)
            arts = []
            for a in page.get("articles", []):
                f = a["file"] if isinstance(a, dict) else a
                p = Path(f)
                copy = p.with_name(f"{p.stem}-{k}{p.suffix}")
                shutil.copy(src / p, dest / copy)
                arts.append({**a, "file": str(copy)} if isinstance(a, dict) else str(copy))
            new["articles"] = arts
            pages.append(new)
    data["pages"] = pages
    (dest / "issue.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


CHILD = """
import atexit, resource, sys
atexit.register(lambda: sys.stderr.write(f"\\nMAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n"))
from issuepress.cli import main
sys.argv = ["issuepress", *sys.argv[1:]]
main()
"""


TYPST_CHILD = """
import atexit, resource, sys
atexit.register(lambda: sys.stderr.write(f"\\nMAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n"))
import typst
typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3])
"""


def child(args: list[str], env: dict[str, str]) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one Python child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = [ln for ln in proc.stderr.splitlines() if ln.startswith("MAXRSS ")]
    return wall, cpu, (int(rss[-1].split()[1]) / 1024 if rss else float("nan")), proc


def typst_run(doc: Path, out: Path) -> tuple[float, float, float]:
    """Typst compiling the peer document, whole process (fonts found and loaded each time, as the CLI does)."""
    wall, cpu, mem, proc = child(["-c", TYPST_CHILD, str(doc), str(out), str(doc.parent)], dict(os.environ))
    if proc.returncode != 0:
        sys.exit(f"typst failed: {proc.stderr.strip()[-400:]}")
    return wall, cpu, mem


def peer(issue: Path, times: int, dest: Path) -> Path:
    """The Typst peer document of the issue (its pictures beside it), `times` times over."""
    dest.mkdir(parents=True)
    shutil.copytree(issue / "images", dest / "images") if (issue / "images").is_dir() else None
    doc = dest / "peer.typ"
    doc.write_text(peer_document(issue, times), encoding="utf-8")
    return doc


def run(issue: Path, out: Path, cache: Path, fresh_paragraphs: bool = False) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one `issuepress compose` in its own process;
    with `fresh_paragraphs` the paragraph cache is emptied first (every paragraph set anew)."""
    if fresh_paragraphs:
        shutil.rmtree(cache / "paragraphs", ignore_errors=True)
    env = dict(os.environ, ISSUEPRESS_CACHE=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    wall, cpu, mem, proc = child(["-c", CHILD, "compose", str(issue), "-o", str(out)], env)
    if proc.returncode not in (0, 1):
        sys.exit(f"compose failed: {proc.stderr.strip()}")
    return wall, cpu, mem


def fastest(issue: Path, out: Path, cache: Path, repeat: int, fresh_paragraphs: bool = False
            ) -> tuple[float, float, float]:
    """The run with the least CPU time of `repeat` warm runs."""
    return min((run(issue, out, cache, fresh_paragraphs) for _ in range(max(1, repeat))), key=lambda r: r[1])


def typst_fastest(doc: Path, out: Path, repeat: int) -> tuple[float, float, float]:
    return min((typst_run(doc, out) for _ in range(max(1, repeat))), key=lambda r: r[1])


def has_typst() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("issue", nargs="?", default=str(ROOT / "seeds" / "jincheng-215"))
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=1, help="warm runs of each case; the fastest is shown")
    args = ap.parse_args()
    issue = Path(args.issue)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        cache = t / "cache"
        big = repeated_issue(issue, args.times, t / "big")
        run(issue, t / "pyc.pdf", t / "cache0")  # writes the .pyc files an installed package has
        rows = [
            ("cold (empty caches)", *run(issue, t / "a.pdf", cache)),
            ("warm", *fastest(issue, t / "b.pdf", cache, args.repeat)),
            ("warm, paragraphs set anew", *fastest(issue, t / "b.pdf", cache, args.repeat, True)),
            (f"{args.times}x issue, cold", *run(big, t / "c.pdf", t / "cache2")),
            (f"{args.times}x issue, warm", *fastest(big, t / "d.pdf", t / "cache2", args.repeat)),
            (f"{args.times}x, paragraphs set anew", *fastest(big, t / "d.pdf", t / "cache2", args.repeat, True)),
        ]
        typst_rows = []
        if has_typst():
            typst_rows = [
                ("typst, peer document", *typst_fastest(peer(issue, 1, t / "peer1"), t / "p1.pdf", args.repeat)),
                (f"typst, {args.times}x peer document",
                 *typst_fastest(peer(issue, args.times, t / "peer10"), t / "p10.pdf", args.repeat)),
            ]
    print(f"{'run':28} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
    for name, wall, cpu, mem in rows + typst_rows:
        print(f"{name:28} {wall:8.2f} {cpu:8.2f} {mem:9.0f}")
    if typst_rows:
        print(f"warm / typst (CPU): 1x {rows[1][2] / typst_rows[0][2]:.1f}, "
              f"{args.times}x {rows[4][2] / typst_rows[1][2]:.1f}")
    else:
        print("typst not installed (pip install -e '.[bench]'): no peer figures")


if __name__ == "__main__":
    main()
