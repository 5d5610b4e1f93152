"""Jumps land (issue 8): every （下转第N版） names the page its continuation is printed on, that page
carries a one-line continuation head with （上接第M版）, a story jumps at most `flow.max_jumps` times and
never for fewer than `flow.min_jump_lines` lines, and text printed nowhere gets no jump line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from issuepress.layout.items import RuleItem, TextLine
from issuepress.pipeline import Result, compose as compose_issue

from e2ekit import SEEDS, Composed, compose
from pdfmeasure import read_pdf

SEED = SEEDS / "jincheng-215"
JUMP = re.compile(r"(下转|上接)第(\d+)版")
SENTENCE_END = "。！？；"
CLOSERS = "”’」』）》"

HEADER = """paper: {{name: 晋城大医院}}
issue: {{number: 4, date: 2026-04-01}}
layout: {layout}
pages:
"""


def make_issue(root: Path, pages: list[list[tuple[str, int]]], layout: str = "tabloid-4col",
               layout_text: str | None = None) -> Path:
    """An issue of seed articles: each page lists (article, times its body is repeated); the first
    page's first article is pinned to the lead slot."""
    folder = root / "issue"
    shutil.copytree(SEED / "images", folder / "images")
    (folder / "articles").mkdir()
    if layout_text is not None:
        (folder / "layout.yaml").write_text(layout_text, encoding="utf-8")
        layout = "layout.yaml"
    text = HEADER.format(layout=layout)
    for n, arts in enumerate(pages):
        text += f"  - title: 第{n + 1}版\n    template: {'front' if n == 0 else 'inner'}\n    articles:\n"
        for k, (name, times) in enumerate(arts):
            src = (SEED / "articles" / f"{name}.md").read_text(encoding="utf-8")
            head, body = src.split("\n---\n", 1)
            out = f"{name}-{n}-{k}.md"
            (folder / "articles" / out).write_text(head + "\n---\n" + "\n".join([body] * times), encoding="utf-8")
            entry = f"{{file: articles/{out}, slot: lead}}" if n == 0 and k == 0 else f"articles/{out}"
            text += f"      - {entry}\n"
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    return folder


def jump_marks(composed: Composed) -> list[tuple[int, str, int]]:
    """(page, 下转 or 上接, page named) for every jump mark printed, read back from the PDF text."""
    out = []
    for page in composed.pages:
        text = "".join(g.text for g in page.glyphs)
        out += [(page.number, m[1], int(m[2])) for m in JUMP.finditer(text)]
    return out


def assert_jumps_pair(composed: Composed) -> None:
    marks = jump_marks(composed)
    downs = [(p, n) for p, kind, n in marks if kind == "下转"]
    ups = [(n, p) for p, kind, n in marks if kind == "上接"]  # (page it came from, page it is on)
    assert sorted(downs) == sorted(ups), f"下转 {downs} against 上接 {ups}"
    assert all(n > p for p, n in downs), downs


def body_lines_of(result: Result, article: str) -> dict[int, list[TextLine]]:
    """An article's body lines per page, in reading order (columns left to right, lines down)."""
    out: dict[int, list[TextLine]] = {}
    for page in result.doc.pages:
        lines = [it for it in page.items if isinstance(it, TextLine) and it.article == article
                 and it.role == "body"]
        if lines:
            out[page.number] = sorted(lines, key=lambda t: (round(t.x_pt), t.y_pt))
    return out


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory, out_dir: Path) -> Composed:
    """Page 1's second story is three times its length; page 2 is overfull with its own stories, so
    the continuation cannot be printed there and lands on page 3 or later."""
    folder = make_issue(tmp_path_factory.mktemp("crowded"), [
        [("safety-meeting", 1), ("elder-care", 3)],
        [("skills", 2), ("nursing", 2)],
        [("walk", 1)],
        [("banner", 1)],
    ])
    return compose("crowded", folder, out_dir)


def test_every_jump_names_the_page_its_continuation_is_on(crowded: Composed) -> None:
    assert_jumps_pair(crowded)
    arts = {a["file"]: a for a in crowded.report["articles"]}
    elder = arts["articles/elder-care-0-1.md"]
    assert len(elder["pages"]) == 2
    if elder["status"] == "overset":  # what its landing page cannot hold is reported there
        assert any(f["code"] == "text-overset" and f["article"] == elder["file"] and f["page"] == elder["pages"][1]
                   for f in crowded.report["findings"])
    else:
        assert elder["status"] == "continued"
    marks = jump_marks(crowded)
    # page 2 has no room for it: the jump line names the page it really lands on
    assert (1, "下转", 2) not in marks
    assert (1, "下转", elder["pages"][1]) in marks and elder["pages"][1] > 2


def test_a_story_jumps_at_most_once_by_default(crowded: Composed) -> None:
    for art in crowded.report["articles"]:
        assert len(art["pages"]) <= 2, art
    downs = [p for p, kind, _ in jump_marks(crowded) if kind == "下转"]
    ups = [p for p, kind, _ in jump_marks(crowded) if kind == "上接"]
    assert not set(downs) & set(ups) or len(downs) == len(set(downs))


def test_continuation_head_is_one_line_and_carries_real_text(tmp_path: Path) -> None:
    folder = make_issue(tmp_path, [
        [("safety-meeting", 1), ("elder-care", 3)],
        [("walk", 1)],
    ])
    result = compose_issue(folder, tmp_path / "out.pdf")
    art = "articles/elder-care-0-1.md"
    page2 = result.doc.pages[1]
    heads = [it for it in page2.items if isinstance(it, TextLine) and it.article == art and it.role not in ("body", "byline")]
    assert len(heads) == 1, [h.line.text for h in heads]
    assert heads[0].line.text.endswith("（上接第1版）")
    assert heads[0].role == "continued"
    lines = body_lines_of(result, art)
    assert len(lines.get(2, [])) >= 6
    printed = [(p.number, "".join(g.text for g in p.glyphs)) for p in read_pdf(tmp_path / "out.pdf")]
    assert "下转第2版" in printed[0][1] and "上接第1版" in printed[1][1]


def test_no_jump_line_for_text_printed_nowhere(tmp_path: Path, out_dir: Path) -> None:
    """The last page is full of its own story: page 1's long story cannot continue anywhere, so it
    ends on page 1 at a sentence end, overset and reported with the page, and no 下转 is printed."""
    folder = make_issue(tmp_path, [
        [("safety-meeting", 1), ("elder-care", 3)],
        [("skills", 5)],
    ])
    composed = compose("nowhere", folder, out_dir)
    assert_jumps_pair(composed)
    assert not [m for m in jump_marks(composed) if m[0] == 1]
    arts = {a["file"]: a for a in composed.report["articles"]}
    elder = arts["articles/elder-care-0-1.md"]
    assert elder["status"] == "overset" and elder["pages"] == [1] and elder["overset_chars"] > 0
    over = [f for f in composed.report["findings"] if f["code"] == "text-overset"
            and f["article"] == "articles/elder-care-0-1.md"]
    assert over and over[0]["page"] == 1 and str(elder["overset_chars"]) in over[0]["message"]
    result = compose_issue(folder, tmp_path / "again.pdf")
    last = body_lines_of(result, "articles/elder-care-0-1.md")[1][-1].line.text.rstrip().rstrip(CLOSERS)
    assert last[-1] in SENTENCE_END, last


def test_max_jumps_allows_a_second_jump(tmp_path: Path, out_dir: Path) -> None:
    """With flow.max_jumps: 2 a story may go on over three pages; each part names the next."""
    layout = "extends: tabloid-4col\nflow:\n  max_jumps: 2\n"
    folder = make_issue(tmp_path, [
        [("safety-meeting", 1), ("women", 6)],
        [("walk", 1)],
        [("banner", 1)],
    ], layout_text=layout)
    composed = compose("twice", folder, out_dir)
    assert_jumps_pair(composed)
    women = {a["file"]: a for a in composed.report["articles"]}["articles/women-0-1.md"]
    assert women["pages"] == [1, 2, 3]
    marks = jump_marks(composed)
    assert (1, "下转", 2) in marks and (2, "上接", 1) in marks
    assert (2, "下转", 3) in marks and (3, "上接", 2) in marks


def test_default_never_jumps_twice(tmp_path: Path, out_dir: Path) -> None:
    folder = make_issue(tmp_path, [
        [("safety-meeting", 1), ("women", 6)],
        [("walk", 1)],
        [("banner", 1)],
    ])
    composed = compose("once", folder, out_dir)
    assert_jumps_pair(composed)
    women = {a["file"]: a for a in composed.report["articles"]}["articles/women-0-1.md"]
    assert len(women["pages"]) == 2 and women["status"] == "overset"


def test_last_page_hole_is_reported_with_what_would_fill_it(tmp_path: Path, out_dir: Path) -> None:
    folder = make_issue(tmp_path, [
        [("safety-meeting", 1), ("elder-care", 1)],
        [("walk", 1)],
    ])
    composed = compose("short", folder, out_dir)
    holes = [f for f in composed.report["findings"] if f["code"] == "page-hole" and f["page"] == 2]
    assert holes, composed.report["findings"]
    assert re.search(r"about \d+ characters", holes[0]["message"])


def test_masthead_name_and_info_stand_in_the_middle_of_its_height(tmp_path: Path) -> None:
    """Without a 报眼, a name and date lines shorter than masthead.height leave no empty band above the
    masthead's rule: the space is shared above and below them."""
    folder = make_issue(tmp_path, [[("safety-meeting", 1), ("walk", 1)]])
    result = compose_issue(folder, tmp_path / "mast.pdf")
    page = result.doc.pages[0]
    top = page.type_area[1]
    rules = [it for it in page.items if isinstance(it, RuleItem) and abs(it.y1_pt - it.y2_pt) < 0.01
             and it.x2_pt - it.x1_pt > 0.9 * page.type_area[2]]
    rule_y = min(r.y1_pt for r in rules)
    furniture = [it for it in page.items if isinstance(it, TextLine) and it.role == "furniture" and it.y_pt < rule_y]
    first = min(t.y_pt - max(g.size_pt for g in t.line.glyphs) for t in furniture)
    last = max(t.y_pt for t in furniture)
    above, below = first - top, rule_y - last
    assert below > 0
    assert abs(above - below) < 0.35 * (rule_y - top), (above, below)


def test_front_page_eye_shows_the_contents_when_the_issue_has_no_qr_codes(tmp_path: Path) -> None:
    """The layout's 报眼 holds QR codes; an issue without them gets 本期导读 there instead of an empty corner."""
    folder = make_issue(tmp_path, [[("safety-meeting", 1)], [("walk", 1)]])
    result = compose_issue(folder, tmp_path / "eye.pdf")
    front = "".join(g.text for p in read_pdf(tmp_path / "eye.pdf")[:1] for g in p.glyphs)
    assert "本期导读" in front and "第2版" in front
    assert result.report["summary"]["errors"] == 0
