"""Benchmark: compose seeds/jincheng-215 cold (empty font cache), warm, and repeated 10× (~90 stories).

Each run is a separate process so wall time, CPU time (user + system) and peak memory (max RSS) are its
own; CPU seconds stay comparable when the machine is busy with other work, wall seconds do not.
`--repeat N` runs every warm case N times and keeps the fastest.
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


def run(issue: Path, out: Path, cache: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one `issuepress compose` in its own process."""
    env = dict(os.environ, ISSUEPRESS_CACHE=str(cache))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, "compose", str(issue), "-o", str(out)],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"compose failed: {proc.stderr.strip()}")
    rss = [ln for ln in proc.stderr.splitlines() if ln.startswith("MAXRSS ")]
    return wall, cpu, (int(rss[-1].split()[1]) / 1024 if rss else float("nan"))


def fastest(issue: Path, out: Path, cache: Path, repeat: int) -> tuple[float, float, float]:
    """The run with the least CPU time of `repeat` warm runs."""
    return min((run(issue, out, cache) for _ in range(max(1, repeat))), key=lambda r: r[1])


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
        rows = [
            ("cold (empty font cache)", *run(issue, t / "a.pdf", cache)),
            ("warm", *fastest(issue, t / "b.pdf", cache, args.repeat)),
            (f"{args.times}x issue, cold", *run(big, t / "c.pdf", t / "cache2")),
            (f"{args.times}x issue, warm", *fastest(big, t / "d.pdf", t / "cache2", args.repeat)),
        ]
    print(f"{'run':28} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
    for name, wall, cpu, mem in rows:
        print(f"{name:28} {wall:8.2f} {cpu:8.2f} {mem:9.0f}")


if __name__ == "__main__":
    main()
