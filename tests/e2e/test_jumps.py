"""A story too long for its page jumps to the next (转版) instead of being overset, and no text is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from e2ekit import SEEDS, Composed, article_han, compose
from pdfmeasure import pdf_han


@pytest.fixture(scope="module")
def jumped(out_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Composed:
    """jincheng-215 with page 1's second story twice as long (it cannot fit on page 1) and one story
    less on page 2 (the rest has room there)."""
    folder = tmp_path_factory.mktemp("jump") / "jump"
    shutil.copytree(SEEDS / "jincheng-215", folder)
    issue = folder / "issue.yaml"
    yaml_text = issue.read_text(encoding="utf-8")
    assert "      - articles/nursing.md\n" in yaml_text
    # page 2 keeps one story, so the continuation has room there
    issue.write_text(yaml_text.replace("      - articles/nursing.md\n", ""), encoding="utf-8")
    lead = folder / "articles" / "elder-care.md"
    text = lead.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lead.write_text(head + "\n---\n" + body + "\n" + body, encoding="utf-8")
    return compose("jump", folder, out_dir)


def test_overfull_story_continues_on_next_page(jumped: Composed) -> None:
    arts = {a["file"]: a for a in jumped.report["articles"]}
    elder = arts["articles/elder-care.md"]
    assert elder["pages"][:2] == [1, 2]
    assert elder["status"] in ("continued", "overset")
    page1 = "".join(g.text for g in jumped.pages[0].glyphs)
    page2 = "".join(g.text for g in jumped.pages[1].glyphs)
    assert "下转第2版" in page1
    assert "上接第1版" in page2


def test_jumped_story_loses_no_character(jumped: Composed) -> None:
    """Every Han character of the doubled story is printed, or counted as overset in the report."""
    arts = {a["file"]: a for a in jumped.report["articles"]}
    assert arts["articles/elder-care.md"]["status"] == "continued"
    assert arts["articles/elder-care.md"]["overset_chars"] == 0
    want = article_han(jumped.folder / "articles" / "elder-care.md")
    have = pdf_han(jumped.pages)
    short = {ch: n - have[ch] for ch, n in want.items() if have[ch] < n}
    assert short == {}
