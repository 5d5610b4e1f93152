"""The seed issues composed end to end: typographic properties any correct page has, read from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2ekit import (Composed, article_han, compact, issue_article_paths, issue_han, read_article,
                    seed_source_han)
from issuepress.preflight.codes import CODES
from pdfmeasure import (baseline_grid_faults, column_overruns, furniture_bottom, justification, kinsoku_faults,
                        missing_from, outside_margins, pdf_fonts, pdf_han, segments, split_pair_faults,
                        text_blocks, text_on_images)

# Composed issues: the two seeds and jincheng-215 set in the a4-3col layout (conftest fixtures).
ALL = ["jincheng", "changzhi", "jincheng_a4"]
# Issues whose every article fits, so every character of them must be on the pages.
COMPLETE = ["jincheng", "changzhi"]
# Share of inside-paragraph body lines that must reach the column's right edge (spec).
MIN_JUSTIFIED = 0.99
# What the jincheng masthead must print (issue.yaml fields and the derived date line).
JINCHENG_MASTHEAD = ("晋城大医院", "第4期", "总第215期", "2026年4月1日", "星期三", "农历丙午年二月十四", "主编",
                     "刘维佳", "全国优秀医院报刊")
ARTICLE_STATUSES = ("fit", "continued", "overset")
SEVERITIES = ("error", "warning")


@pytest.fixture(params=ALL)
def issue(request: pytest.FixtureRequest) -> Composed:
    return request.getfixturevalue(request.param)


@pytest.fixture(params=COMPLETE)
def complete(request: pytest.FixtureRequest) -> Composed:
    return request.getfixturevalue(request.param)


def _listing(faults: list[str], limit: int = 15) -> str:
    return f"{len(faults)} faults:\n" + "\n".join(faults[:limit])


def _template(c: Composed, page_no: int):
    spec = c.issue.pages[page_no - 1]
    return c.layout.templates[spec.template or ("front" if page_no == 1 else "inner")]


# ---------------------------------------------------------------------------------------------- typography


def test_body_text_is_found(issue: Composed) -> None:
    """The measures below look at body lines: there must be plenty on every page."""
    lines = issue.lines
    per_page = {p.number: sum(1 for ln in lines if ln.page == p.number) for p in issue.pages}
    assert all(n >= 20 for n in per_page.values()), per_page


def test_no_line_starts_or_ends_with_a_forbidden_mark(issue: Composed) -> None:
    faults = kinsoku_faults(issue.lines) + kinsoku_faults(segments(issue.pages, issue.max_gap))
    assert not faults, _listing(faults)


def test_no_split_dash_or_ellipsis(issue: Composed) -> None:
    faults = split_pair_faults(issue.lines, issue.baseline)
    assert not faults, _listing(faults)


def test_body_lines_are_justified_to_the_column_edge(issue: Composed) -> None:
    lines = issue.lines
    j = justification(lines, issue.frames, issue.baseline)
    assert j.checked >= len(lines) // 2, f"only {j.checked} of {len(lines)} lines could be judged"
    assert j.ratio >= MIN_JUSTIFIED, _listing(list(j.misses))


def test_no_glyph_past_a_column_edge(issue: Composed) -> None:
    faults = column_overruns(issue.lines, issue.frames)
    assert not faults, _listing(faults)


def test_no_text_on_pictures(issue: Composed) -> None:
    assert sum(len(p.images) for p in issue.pages) >= 1, "no picture in the PDF to check against"
    faults = text_on_images(issue.pages)
    assert not faults, _listing(faults)


def test_no_glyph_outside_the_page_margins(issue: Composed) -> None:
    faults = outside_margins(issue.pages, issue.frames)
    assert not faults, _listing(faults)


def test_body_lines_sit_on_the_baseline_grid(issue: Composed) -> None:
    faults = baseline_grid_faults(issue.lines, issue.baseline)
    assert not faults, _listing(faults)


def test_every_font_is_embedded(issue: Composed) -> None:
    fonts = pdf_fonts(issue.pdf)
    assert fonts, "no font dictionary found"
    missing = [name for name, embedded in fonts.items() if not embedded]
    assert not missing, missing


# ---------------------------------------------------------------------------------------------- furniture


def test_masthead_of_jincheng(request: pytest.FixtureRequest) -> None:
    for name in ("jincheng", "jincheng_a4"):
        c: Composed = request.getfixturevalue(name)
        page = c.pages[0]
        bottom = furniture_bottom(page, c.frames(1))
        assert bottom > c.frames(1).top, f"{name}: no masthead rule on page 1"
        blocks = text_blocks(page, c.max_gap, bottom=bottom)
        absent = [s for s in JINCHENG_MASTHEAD if not any(s in b for b in blocks)]
        assert not absent, f"{name}: {absent} not in the masthead {blocks}"


def test_header_on_every_inner_page(issue: Composed) -> None:
    iss = issue.issue
    d = iss.info.date
    date = f"{d.year}年{d.month}月{d.day}日"
    inner = 0
    for page, spec in zip(issue.pages, iss.pages):
        if _template(issue, page.number).masthead:
            continue
        inner += 1
        fr = issue.frames(page.number)
        bottom = furniture_bottom(page, fr)
        assert bottom > fr.top, f"page {page.number}: no header rule"
        blocks = text_blocks(page, issue.max_gap, bottom=bottom)
        wanted = [f"第{page.number}版", spec.title, iss.paper.name, date] + ([spec.editor] if spec.editor else [])
        absent = [s for s in wanted if not any(s in b for b in blocks)]
        assert not absent, f"page {page.number}: {absent} not in the header {blocks}"
    assert inner >= 2


# ---------------------------------------------------------------------------------------------- content


def test_titles_and_bylines_on_the_pages_the_report_names(issue: Composed) -> None:
    """Titles always; a closing byline only when the article is not overset (its end is not printed)."""
    for art in issue.report["articles"]:
        front, _ = read_article(issue.folder / art["file"])
        title = compact(front["title"])
        if not art["pages"]:  # not a line of it fits anywhere: reported, with every character counted
            assert art["status"] == "overset" and art["overset_chars"] > 0
            continue
        first = issue.pages[art["pages"][0] - 1]
        assert any(title in b for b in text_blocks(first, issue.max_gap)), f"{title} not on page {first.number}"
        at_end = front.get("byline_position", "end") == "end"
        if front.get("byline") and not (at_end and art["status"] == "overset"):
            byline = compact(front["byline"])
            blocks = [b for n in art["pages"] for b in text_blocks(issue.pages[n - 1], issue.max_gap)]
            assert any(byline in b for b in blocks), f"byline {byline} not on pages {art['pages']}"


def test_every_han_character_of_the_articles_is_printed(complete: Composed) -> None:
    short = missing_from(issue_han(complete.issue), pdf_han(complete.pages))
    assert not short, f"characters printed fewer times than written: {short}"


def test_every_han_character_of_the_seed_source_is_printed(complete: Composed) -> None:
    printed = pdf_han(complete.pages)
    absent = sorted(set(seed_source_han(complete.name)) - set(printed))
    assert not absent, f"characters of {complete.name}'s source never printed: {''.join(absent)}"


def test_every_photo_is_placed(complete: Composed) -> None:
    photos = sum(len(a.photos) for page in complete.issue.pages for a in page.articles)
    assert photos >= 1
    assert sum(len(p.images) for p in complete.pages) == photos


def test_each_article_on_the_page_that_lists_it(issue: Composed) -> None:
    listed = {Path(a.path).resolve(): i + 1 for i, page in enumerate(issue.issue.pages) for a in page.articles}
    for art in issue.report["articles"]:
        assert art["pages"][0] == listed[(issue.folder / art["file"]).resolve()], art


# ---------------------------------------------------------------------------------------------- report


def test_report_fields(issue: Composed) -> None:
    r = issue.report
    n = len(issue.pages)
    assert r["pages"] == n == len(issue.issue.pages)
    files = sorted((issue.folder / a["file"]).resolve() for a in r["articles"])
    assert files == sorted(p.resolve() for p in issue_article_paths(issue.issue))
    for a in r["articles"]:
        front, _ = read_article(issue.folder / a["file"])
        assert compact(a["title"]) == compact(front["title"])
        assert a["pages"] and all(isinstance(p, int) and 1 <= p <= n for p in a["pages"]), a
        assert a["status"] in ARTICLE_STATUSES, a
        assert isinstance(a["overset_chars"], int) and a["overset_chars"] >= 0, a
        assert (a["overset_chars"] > 0) == (a["status"] == "overset"), a
    for f in r["findings"]:
        assert f["severity"] in SEVERITIES and f["code"] in CODES, f
        assert f["page"] is None or (isinstance(f["page"], int) and 1 <= f["page"] <= n), f
        assert f["article"] is None or isinstance(f["article"], str), f
        assert isinstance(f["message"], str) and f["message"], f
    assert r["summary"]["errors"] == sum(f["severity"] == "error" for f in r["findings"])
    assert r["summary"]["warnings"] == sum(f["severity"] == "warning" for f in r["findings"])
    assert r["fonts"]
    for f in r["fonts"]:
        assert all(isinstance(f[k], str) and f[k] for k in ("role", "family", "file")), f
        assert Path(f["file"]).is_file(), f
    used = {st.font for st in issue.layout.styles.values()}
    assert used <= {f["role"] for f in r["fonts"]}


def test_overset_articles_are_reported(issue: Composed) -> None:
    overset = {a["file"] for a in issue.report["articles"] if a["status"] == "overset"}
    flagged = {f["article"] for f in issue.report["findings"] if f["code"] == "text-overset"}
    assert {(issue.folder / f).resolve() for f in overset} == {(issue.folder / f).resolve() for f in flagged}


def test_article_han_reader_sees_front_matter(jincheng: Composed) -> None:
    """The coverage checks count captions and bylines too (walk.md's caption has 参加, the body not)."""
    walk = article_han(jincheng.folder / "articles" / "walk.md")
    front, body = read_article(jincheng.folder / "articles" / "walk.md")
    assert walk["董"] >= 1 and "董" not in body
