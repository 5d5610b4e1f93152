"""Loose lines: the share of justified body lines with more than 1/4 em between two Han characters.

Composes each issue folder (optionally in another layout: FOLDER@LAYOUT) and reads the laid-out
lines; prints per issue the lines checked, how many are loose, the largest gap and where.
Usage: python bench/loose.py ISSUE[@LAYOUT] ...
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from issuepress.layout.items import TextLine
from issuepress.pipeline import compose
from issuepress.preflight.lines import LOOSE_MAX_EM, LOOSE_TOLERANCE_EM, han_gap_em


def measure(folder: Path, layout: str | None) -> tuple[int, int, float, str]:
    """(justified body lines, loose lines, largest Han–Han gap in em, where the largest is)."""
    with tempfile.TemporaryDirectory() as tmp:
        if layout:
            copy = Path(tmp) / folder.name
            shutil.copytree(folder, copy)
            yaml = copy / "issue.yaml"
            yaml.write_text(re.sub(r"(?m)^layout: *\S+", f"layout: {layout}", yaml.read_text(encoding="utf-8")),
                            encoding="utf-8")
            folder = copy
        doc = compose(folder, Path(tmp) / "out.pdf").doc
    checked = loose = 0
    widest, where = 0.0, ""
    for page in doc.pages:
        for item in page.items:
            if isinstance(item, TextLine) and item.role == "body" and item.line.justified:
                checked += 1
                gap = han_gap_em(item.line)
                loose += gap > LOOSE_MAX_EM + LOOSE_TOLERANCE_EM
                if gap > widest:
                    widest, where = gap, f"p{page.number} {item.article} {item.line.text[:12]}"
    return checked, loose, widest, where


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print(f"{'issue':40} {'lines':>6} {'loose':>6} {'share':>7} {'max em':>7}  where")
    for arg in sys.argv[1:]:
        path, _, layout = arg.partition("@")
        checked, loose, widest, where = measure(Path(path), layout or None)
        share = loose / checked if checked else 0.0
        print(f"{arg:40} {checked:6d} {loose:6d} {share:7.2%} {widest:7.3f}  {where}")


if __name__ == "__main__":
    main()
