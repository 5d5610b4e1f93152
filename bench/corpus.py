"""The figures issue 8 checks, on the real-content corpus (corpus/*), read back from the PDFs.

Each corpus issue is composed in its own layout and in the other built-in one (a copy of the folder
with `layout:` changed, in a temporary folder); then, per issue and layout: jump lines against the
pages their continuations are printed on, photos against their source pictures (crop, turned,
sideways, ppi), headline breaks against the segmenter (BudouX, else jieba, else skipped), loose
justified lines, the largest hole of each page and the characters overset.
Usage: python bench/corpus.py [--json] [--keep DIR] [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from corpuskit import LAYOUTS, MAX_CROP, corpus_issues, figures, in_layout, own_layout  # noqa: E402
from corpusmeasure import load_segmenter  # noqa: E402
from e2ekit import compose  # noqa: E402

COLUMNS = ("issue", "layout", "pp", "jumps", "bad", "nowhere", "max/story", "short", "long cont", "photos",
           "crop>15%", "turned", "sideways", "min ppi", "head", "bad brk", "loose", "reported", "max hole", "last hole",
           "overset", "mid-clause", "lost")


def row(f: dict) -> list[str]:
    per = f["jumps_per_story"]
    ppis = [p["ppi"] for p in f["photos"] if p["file"]]
    bad = "n/a" if f["headlines"] is None else str(len(f["headline_bad_breaks"]))
    heads = "n/a" if f["headlines"] is None else str(f["headlines"])
    return [f["issue"], f["layout"], str(f["pages"]), str(len(f["jumps"])), str(f["jump_mismatches"]),
            str(f["jumps_to_nowhere"]), str(max(per.values(), default=0)), str(f["short_jumps"]),
            "n/a" if f["long_continuation_heads"] is None else str(len(f["long_continuation_heads"])),
            str(len(f["photos"])), str(f["crops_over_limit"]), str(f["turned"]), str(f["sideways"]),
            f"{min(ppis):.0f}" if ppis else "-", heads, bad, f"{f['loose']}/{f['loose_checked']}", str(f["report_findings"].get("line-loose", 0)),
            f"{max(f['holes'], default=0):.1%}", f"{f['holes'][-1]:.1%}" if f["holes"] else "-",
            str(f["overset_chars"]), str(f["overset_cut_mid_clause"]), str(f["lost_han"])]


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in [list(COLUMNS), *rows]]
    return "\n".join(lines)


def details(f: dict) -> list[str]:
    """The lines behind the table's figures: every bad jump, crop, turn and bad headline break."""
    out = []
    for j in f["jumps"]:
        if not j["ok"] or j["carried_lines"] < 6:
            out.append(f"  jump p{j['page']} 下转第{j['named']}版 {j['article']}: landed "
                       f"{j['landed'] if j['landed'] else 'nowhere'}, 上接 head {'yes' if j['head'] else 'no'}, "
                       f"{j['carried_lines']} lines carried")
    for p in f["photos"]:
        if p["file"] and (max(p["crop_w"], p["crop_h"]) > MAX_CROP or p["turned"] or p["sideways"]):
            out.append(f"  photo p{p['page']} {p['file']} {p['source_px'][0]}x{p['source_px'][1]} -> "
                       f"{p['frame_mm'][2]:.0f}x{p['frame_mm'][3]:.0f} mm: cut {p['crop_w']:.0%} of width, "
                       f"{p['crop_h']:.0%} of height{', turned' if p['turned'] else ''}"
                       f"{', sideways' if p['sideways'] else ''}, {p['ppi']:.0f} ppi")
    for h in f["headline_bad_breaks"] or []:
        out.append(f"  headline p{h['page']} {h['field']} {'/'.join(h['lines'])} ({h['article']})")
    for e in f["overset_ends"]:
        if not e["clause_end"]:
            out.append(f"  overset {e['article']} ({f['overset'][e['article']]} chars) ends mid-clause on "
                       f"p{e['page']}: …{e['last_line']}")
    for h in f["long_continuation_heads"] or []:
        out.append(f"  continuation head p{h['page']} in {len(h['lines'])} lines: {'/'.join(h['lines'])}")
    for ln in f["loose_lines"][:5]:
        out.append(f"  loose {ln['gap_em']} em: {ln['where']}")
    if len(f["loose_lines"]) > 5:
        out.append(f"  … {len(f['loose_lines']) - 5} more loose lines")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="corpus issue folders to measure (default: all)")
    ap.add_argument("--json", action="store_true", help="print every figure as JSON instead of the table")
    ap.add_argument("--keep", type=Path, help="write the PDFs and reports here instead of a temporary folder")
    args = ap.parse_args()
    seg = load_segmenter()
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("ISSUEPRESS_CACHE", str(Path(tmp) / "cache"))
        results = []
        for folder in corpus_issues():
            if args.names and folder.name not in args.names:
                continue
            mine = own_layout(folder)
            for layout in (mine, *(n for n in LAYOUTS if n != mine)):
                src = in_layout(folder, layout, Path(tmp))
                results.append(figures(compose(f"{folder.name}-{layout}", src, out), seg))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    print(table([row(f) for f in results]))
    if seg is None:
        print("headline breaks: skipped (neither budoux nor jieba is installed)")
    else:
        print(f"headline breaks judged with {seg[0]}")
    for f in results:
        lines = details(f)
        if lines:
            print(f"\n{f['issue']} ({f['layout']}):")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
