"""The limits of issuepress.limits are enforced at their boundary, named in the error, and documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from issuepress import limits
from issuepress.errors import InputError
from issuepress.layout import photos
from issuepress.load.article import load_article
from issuepress.load.issue import load_issue
from robustkit import EXIT_INPUT, ISSUE_YAML, article, describe, one_line, run_cli

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "limits.md"


def issue_with(root: Path, pages: int, per_page: int) -> Path:
    """An issue of `pages` pages with `per_page` one-line articles each (all files written)."""
    (root / "articles").mkdir(parents=True)
    head = ISSUE_YAML[: ISSUE_YAML.index("pages:")]
    lines = [head + "pages:"]
    n = 0
    for p in range(pages):
        lines += [f"  - title: 第{p + 1}版", "    template: inner", "    articles:"]
        for _ in range(per_page):
            n += 1
            (root / "articles" / f"a{n}.md").write_text(article(f"第{n}篇。"), encoding="utf-8")
            lines.append(f"      - articles/a{n}.md")
    (root / "issue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_pages_at_the_limit_load(tmp_path: Path) -> None:
    assert len(load_issue(issue_with(tmp_path / "i", limits.MAX_PAGES, 1)).pages) == limits.MAX_PAGES


def test_one_page_over_the_limit_is_an_input_error_at_pages(tmp_path: Path) -> None:
    root = issue_with(tmp_path / "i", limits.MAX_PAGES + 1, 1)
    res = run_cli("compose", root, "-o", tmp_path / "x.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert re.search(rf"issue\.yaml:\d+: pages: {limits.MAX_PAGES + 1} pages; an issue may have at most "
                     rf"{limits.MAX_PAGES}", line), line
    assert not (tmp_path / "x.pdf").exists()


def test_articles_per_page_at_the_limit_load(tmp_path: Path) -> None:
    issue = load_issue(issue_with(tmp_path / "i", 1, limits.MAX_ARTICLES_PER_PAGE))
    assert len(issue.pages[0].articles) == limits.MAX_ARTICLES_PER_PAGE


def test_one_article_over_the_page_limit_is_an_input_error_at_the_page(tmp_path: Path) -> None:
    root = issue_with(tmp_path / "i", 2, 1)
    text = (root / "issue.yaml").read_text(encoding="utf-8")
    many = "".join(f"      - articles/x{k}.md\n" for k in range(limits.MAX_ARTICLES_PER_PAGE))
    (root / "issue.yaml").write_text(text.replace("      - articles/a2.md\n", "      - articles/a2.md\n" + many),
                                     encoding="utf-8")
    res = run_cli("check", root)
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert re.search(rf"issue\.yaml:\d+: pages\[1\]\.articles: {limits.MAX_ARTICLES_PER_PAGE + 1} articles; "
                     rf"a page may have at most {limits.MAX_ARTICLES_PER_PAGE}", one_line(res.stderr))


def test_article_characters_at_and_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    head = article("")
    path.write_text(head + "字" * (limits.MAX_ARTICLE_CHARS - len(head)), encoding="utf-8")
    assert load_article(path, tmp_path).title
    path.write_text(head + "字" * (limits.MAX_ARTICLE_CHARS - len(head) + 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_article(path, tmp_path)
    assert info.value.path == path.resolve()
    assert f"{limits.MAX_ARTICLE_CHARS + 1:,} characters; an article may have at most" in str(info.value)


def test_text_file_over_the_byte_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    with path.open("wb") as fh:
        fh.write(article("").encode())
        fh.truncate(limits.MAX_TEXT_FILE_BYTES + 1)  # a sparse file: cheap, and never read
    with pytest.raises(InputError) as info:
        load_article(path, tmp_path)
    assert f"{limits.MAX_TEXT_FILE_BYTES + 1:,} bytes" in str(info.value)


def test_picture_limit_is_the_one_layout_checks() -> None:
    assert photos.MAX_PIXELS == limits.MAX_IMAGE_PIXELS


@pytest.mark.parametrize("name", [n for n in dir(limits) if n.startswith("MAX_")])
def test_every_limit_is_documented_with_its_value(name: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    value = getattr(limits, name)
    value = int(value) if float(value).is_integer() else value
    assert f"`{name}`" in doc, name
    shown = {f"{value:,}", str(value)} | ({f"{value // (1024 * 1024)} MB"} if value % (1024 * 1024) == 0 else set())
    row = next(line for line in doc.splitlines() if f"`{name}`" in line)
    assert any(s in row for s in shown), (name, row)


LAYOUT = (REPO / "layouts" / "a4-3col.yaml").read_text(encoding="utf-8").replace("name: a4-3col", "name: local")


@pytest.mark.parametrize("old, new, key", [
    ("  rule: 1.5pt", "  rule: 99999999999999999999999", "masthead.rule"),
    ("  bleed: 3mm", "  bleed: 6000mm", "page.bleed"),
    ("  indent: 2em", "  indent: 1000em", "text.indent"),
    ("  space_lines: 1", "  space_lines: 100000000", "blocks.space_lines"),
    ("  min_ppi: 300", "  min_ppi: 1.0e+300", "images.min_ppi"),
    ("  min_ppi: 300", "  min_ppi: .inf", "images.min_ppi"),
])
def test_layout_numbers_out_of_range_are_input_errors(tmp_path: Path, old: str, new: str, key: str) -> None:
    root = issue_with(tmp_path / "i", 1, 1)
    (root / "layouts").mkdir()
    assert old in LAYOUT, old
    (root / "layouts" / "local.yaml").write_text(LAYOUT.replace(old, new, 1), encoding="utf-8")
    yaml_path = root / "issue.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace("a4-3col", "local"), encoding="utf-8")
    res = run_cli("check", root)
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert re.search(rf"layouts/local\.yaml:\d+: {re.escape(key)}: .*(out of range|at most)", line), line


@pytest.mark.parametrize("layout", [LAYOUT.replace("    bottom: 17mm", "    bottom:"), "name: local\nfonts:\n"],
                         ids=["empty-length", "empty-fonts-map"])
def test_an_empty_layout_value_takes_the_default(tmp_path: Path, layout: str) -> None:
    """`bottom:` or `fonts:` left empty reads as not written (once None reached layout and crashed, or
    the built-in font roles were dropped)."""
    root = issue_with(tmp_path / "i", 1, 1)
    (root / "layouts").mkdir()
    (root / "layouts" / "local.yaml").write_text(layout, encoding="utf-8")
    yaml_path = root / "issue.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace("a4-3col", "local"), encoding="utf-8")
    issue = load_issue(root)
    assert issue.layout.page.margin_bottom_pt > 0
    res = run_cli("compose", root, "-o", tmp_path / "x.pdf")
    assert res.exit_code == 0, describe(res)
