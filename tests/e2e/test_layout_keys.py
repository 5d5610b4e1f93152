"""Layout keys a designer changes in YAML take effect in the composed pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from e2ekit import SEEDS

from issuepress.layout.items import RuleItem, TextLine
from issuepress.pipeline import ComposeOptions, compose


def _compose_with(tmp_path: Path, extra_yaml: str):
    folder = tmp_path / "issue"
    shutil.copytree(SEEDS / "changzhi-robot", folder)
    (folder / "layouts").mkdir()
    (folder / "layouts" / "custom.yaml").write_text("extends: tabloid-4col\n" + extra_yaml, encoding="utf-8")
    issue = folder / "issue.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("layout: tabloid-4col", "layout: layouts/custom.yaml"),
                     encoding="utf-8")
    return compose(folder, tmp_path / "out.pdf", ComposeOptions(proof=True)).doc


def _gap_under_rules(doc) -> list[float]:
    """Distance from each horizontal separator rule to the nearest text line top below it."""
    page = doc.pages[0]
    rules = [it for it in page.items if isinstance(it, RuleItem) and it.y1_pt == it.y2_pt
             and it.x2_pt - it.x1_pt > 100 and it.y1_pt > page.type_area[1] + 100]
    tops = [it.y_pt - it.line.ascent_pt for it in page.items if isinstance(it, TextLine)]
    return [min(t - r.y1_pt for t in tops if t > r.y1_pt) for r in rules]


def test_space_between_stories_follows_blocks_space_lines(tmp_path: Path) -> None:
    B = 16.5
    wide = _gap_under_rules(_compose_with(tmp_path / "wide", "blocks:\n  space_lines: 3\n"))
    tight = _gap_under_rules(_compose_with(tmp_path / "tight", "blocks:\n  space_lines: 1\n"))
    assert wide and tight
    assert min(wide) >= 1.5 * B - 0.5  # the rule sits in the middle of three lines
    assert min(wide) > min(tight) + B - 0.5
