"""issue.yaml: every FORMAT.md key reaches the model; every input error names the file and line or key."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from issuepress.errors import InputError
from issuepress.load.issue import load_issue
from issuepress.model import Paragraph, Subhead

from loadkit import ISSUE_YAML  # type: ignore[import-not-found]


def error_of(root: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_issue(root)
    return info.value


def test_every_format_key_round_trips(make_issue):
    root = make_issue()
    issue = load_issue(root)
    assert issue.path == root.resolve()
    assert issue.source == root.resolve() / "issue.yaml"
    p = issue.paper
    assert (p.name, p.tagline, p.publisher, p.licence) == ("晋城大医院", "全国优秀医院报刊", "晋城大医院 主办",
                                                            "内部资料 免费交流")
    assert p.logo == root.resolve() / "images/logo.png"  # kept although missing: a finding later
    assert (issue.info.number, issue.info.total, issue.info.date) == (4, 215, datetime.date(2026, 4, 1))
    assert issue.credits == (("主编", ("刘维佳",)), ("副主编", ("王雅楠",)), ("责编", ("李佳璐", "张晋刚", "牛丽琼")))
    assert issue.layout.name == "tabloid-4col"
    assert [pg.title for pg in issue.pages] == ["要闻", "综合"]
    front, inner = issue.pages
    assert (front.editor, front.template, inner.editor, inner.template) == ("王雅楠", "front", None, None)
    assert [a.path.name for a in front.articles] == ["safety-meeting.md", "walk.md"]
    assert [a.slot for a in front.articles] == [None, "lead"]
    assert [a.path.name for a in inner.articles] == ["elder-care.md", "skills.md"]
    assert issue.extras_qr[0].label == "官方微信平台" and issue.extras_qr[0].data == "https://example.org/wechat"
    assert issue.qr_title == "扫码关注我们"


def test_every_article_key_round_trips(make_issue):
    art = load_issue(make_issue()).pages[0].articles[0]
    assert art.kicker == "深化医养融合发展"
    assert art.title == "我院举办失能老人照护服务专题座谈会"
    assert art.subtitle == "提升失能照护服务水平"
    assert (art.byline, art.byline_position) == ("全科医学科 李娟娟", "end")
    assert art.note == "拇甲瓣移植术是显微外科领域……"
    (photo,) = art.photos
    assert photo.src.name == "meeting.jpg" and photo.src.parent.name == "images"
    assert (photo.caption, photo.credit, photo.width, photo.exists) == ("座谈会现场", "卞晨", 2, False)
    assert art.credits == (("策划", "宋玉红"), ("文字", "王晶晶"), ("图片", "卞晨"), ("版式", "任宇轩"))
    assert isinstance(art.blocks[0], Paragraph) and art.blocks[0].text.startswith("第一段正文。")
    assert art.blocks[1] == Subhead("小标题")
    assert art.normalised == ()


def test_existing_photo_is_marked_existing(make_issue):
    root = make_issue(files={"images/meeting.jpg": b"\xff\xd8\xff"})
    assert load_issue(root).pages[0].articles[0].photos[0].exists


def test_issue_yaml_path_or_folder(make_issue):
    root = make_issue()
    assert load_issue(root / "issue.yaml").source == load_issue(root).source


def test_folder_without_issue_yaml(tmp_path):
    err = error_of(tmp_path)
    assert str(tmp_path) in str(err) and "no issue.yaml" in str(err)


def test_yaml_syntax_error_has_line_and_column(make_issue):
    root = make_issue(ISSUE_YAML.replace("  number: 4\n", "  number: [4\n"))
    err = error_of(root)
    assert err.path == root.resolve() / "issue.yaml"
    assert err.line is not None and err.column is not None
    assert str(err).startswith(f"{root.resolve() / 'issue.yaml'}:{err.line}:{err.column}: YAML syntax error")


def test_wrong_type_names_file_line_and_key(make_issue, line_of):
    text = ISSUE_YAML.replace("number: 4", "number: 四")
    root = make_issue(text)
    err = error_of(root)
    n = line_of(text, "number: 四")
    assert str(err) == f"{root.resolve() / 'issue.yaml'}:{n}: issue.number: expected a whole number, got '四'"


def test_unknown_key_suggests_nearest(make_issue, line_of):
    text = ISSUE_YAML.replace("  tagline:", "  tagnile:")
    err = error_of(make_issue(text))
    assert err.line == line_of(text, "tagnile") and err.key == "paper.tagnile"
    assert "did you mean 'tagline'?" in str(err)


def test_unknown_top_level_key(make_issue):
    err = error_of(make_issue(ISSUE_YAML.replace("extras:", "extra:")))
    assert err.key == "extra" and "did you mean 'extras'?" in err.message


@pytest.mark.parametrize("drop, key", [
    ("  name: 晋城大医院\n", "paper.name"),
    ("  date: 2026-04-01\n", "issue.date"),
    ("layout: tabloid-4col\n", "layout"),
    ("  - title: 综合\n    articles", "pages[1].title"),
])
def test_missing_required_key(make_issue, drop, key):
    text = ISSUE_YAML.replace(drop, "  - articles" if drop.endswith("articles") else "")
    err = error_of(make_issue(text))
    assert err.key == key and "missing" in err.message and err.line is not None


def test_missing_article_file(make_issue, line_of):
    text = ISSUE_YAML.replace("articles/skills.md", "articles/skils.md")
    err = error_of(make_issue(text))
    assert err.line == line_of(text, "skils.md") and err.key == "pages[1].articles[1]"
    assert "article file not found" in err.message


@pytest.mark.parametrize("bad", ["../../etc/passwd", "/etc/passwd", "articles/../../outside.md"])
def test_article_path_leaving_the_folder(make_issue, line_of, bad):
    text = ISSUE_YAML.replace("articles/skills.md", bad)
    root = make_issue(text)
    err = error_of(root)
    assert err.line == line_of(text, bad) and err.key == "pages[1].articles[1]"
    assert "absolute" in err.message or "leaves the issue folder" in err.message


@pytest.mark.parametrize("bad", ["../secret.jpg", "/tmp/x.jpg"])
def test_image_path_leaving_the_folder(make_issue, bad):
    art = f"---\ntitle: 图\nphotos:\n  - src: {bad}\n---\n正文\n"
    root = make_issue(articles={"articles/skills.md": art})
    err = error_of(root)
    assert err.path == root.resolve() / "articles/skills.md"
    assert err.line == 4 and err.key == "photos[0].src"


def test_logo_path_leaving_the_folder(make_issue):
    err = error_of(make_issue(ISSUE_YAML.replace("images/logo.png", "../logo.png")))
    assert err.key == "paper.logo" and "leaves the issue folder" in err.message


def test_symlink_out_of_the_folder_is_refused(make_issue, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    root = make_issue()
    (root / "articles/link.md").symlink_to(outside)
    err = error_of(make_issue(ISSUE_YAML.replace("articles/skills.md", "articles/link.md")))
    assert "leaves the issue folder" in err.message


def test_unknown_layout_name(make_issue, line_of):
    text = ISSUE_YAML.replace("tabloid-4col", "tabloid-4cl")
    root = make_issue(text)
    err = error_of(root)
    assert err.path == root.resolve() / "issue.yaml" and err.line == line_of(text, "layout:")
    assert err.key == "layout" and "did you mean 'tabloid-4col'?" in err.message


def test_layout_by_path_in_the_issue_folder(make_issue):
    text = ISSUE_YAML.replace("layout: tabloid-4col", "layout: mine.yaml")
    root = make_issue(text, files={"mine.yaml": "extends: a4-3col\nname: mine\ngrid: {columns: 2}\n"})
    issue = load_issue(root)
    assert issue.layout.name == "mine" and issue.layout.grid.columns == 2


def test_layout_name_written_with_its_suffix(make_issue):
    issue = load_issue(make_issue(ISSUE_YAML.replace("layout: tabloid-4col", "layout: a4-3col.yaml")))
    assert issue.layout.name == "a4-3col"


def test_layout_path_leaving_the_folder(make_issue):
    err = error_of(make_issue(ISSUE_YAML.replace("layout: tabloid-4col", "layout: ../../layouts/a4-3col.yaml")))
    assert err.key == "layout" and "leaves the issue folder" in err.message


def test_unknown_page_template(make_issue, line_of):
    text = ISSUE_YAML.replace("template: front", "template: frnot")
    err = error_of(make_issue(text))
    assert err.line == line_of(text, "template: frnot") and err.key == "pages[0].template"
    assert "no template 'frnot'" in err.message and "did you mean 'front'?" in err.message


def test_unknown_slot(make_issue, line_of):
    text = ISSUE_YAML.replace("slot: lead", "slot: leed")
    err = error_of(make_issue(text))
    assert err.line == line_of(text, "slot: leed") and err.key == "pages[0].articles[1].slot"
    assert "no slot 'leed'" in err.message and "did you mean 'lead'?" in err.message


def test_slot_of_the_default_template_is_checked(make_issue):
    # page 2 has no template: it is 'inner', which has no slots
    text = ISSUE_YAML.replace("articles: [articles/elder-care.md, articles/skills.md]",
                              "articles: [{file: articles/elder-care.md, slot: lead}, articles/skills.md]")
    err = error_of(make_issue(text))
    assert err.key == "pages[1].articles[0].slot" and "template 'inner' has no slot" in err.message


def test_article_listed_twice(make_issue, line_of):
    text = ISSUE_YAML.replace("articles/skills.md]", "articles/walk.md]")
    err = error_of(make_issue(text))
    assert err.key == "pages[1].articles[1]" and "listed twice" in err.message
    assert err.line == line_of(text, "articles/elder-care.md, articles/walk.md")
    assert f"line {line_of(text, 'file: articles/walk.md')}" in err.message


def test_no_pages_is_an_empty_issue(make_issue):
    text = ISSUE_YAML[: ISSUE_YAML.index("pages:")] + "pages: []\n"
    err = error_of(make_issue(text))
    assert err.key == "pages" and "no pages" in err.message


def test_a_page_without_articles(make_issue):
    err = error_of(make_issue(ISSUE_YAML.replace("[articles/elder-care.md, articles/skills.md]", "[]")))
    assert err.key == "pages[1].articles" and "at least one article" in err.message


@pytest.mark.parametrize("date", ["2026-02-30", "明天", "2026-13-01", "[2026, 4, 1]"])
def test_date_that_is_not_a_date(make_issue, line_of, date):
    text = ISSUE_YAML.replace("date: 2026-04-01", f"date: {date}")
    err = error_of(make_issue(text))
    assert err.key == "issue.date" and err.line == line_of(text, "date:")
    assert "expected a date" in err.message


@pytest.mark.parametrize("date", ["'2026-04-01'", "2026/4/1", "2026年4月1日"])
def test_date_forms_editors_type(make_issue, date):
    issue = load_issue(make_issue(ISSUE_YAML.replace("date: 2026-04-01", f"date: {date}")))
    assert issue.info.date == datetime.date(2026, 4, 1)


def test_issue_number_must_be_positive_and_not_a_bool(make_issue):
    assert error_of(make_issue(ISSUE_YAML.replace("number: 4", "number: 0"))).key == "issue.number"
    assert error_of(make_issue(ISSUE_YAML.replace("number: 4", "number: true"))).key == "issue.number"


def test_issue_yaml_not_utf8(make_issue):
    root = make_issue()
    (root / "issue.yaml").write_bytes(ISSUE_YAML.encode("gb18030"))
    err = error_of(root)
    assert err.path == root.resolve() / "issue.yaml"
    assert "not UTF-8 (looks like GB18030); save it as UTF-8" in str(err)


def test_issue_yaml_with_bom_and_crlf(make_issue):
    root = make_issue()
    (root / "issue.yaml").write_bytes(b"\xef\xbb\xbf" + ISSUE_YAML.replace("\n", "\r\n").encode("utf-8"))
    assert load_issue(root).paper.name == "晋城大医院"


def test_key_written_twice(make_issue, line_of):
    text = ISSUE_YAML.replace("  total: 215\n", "  total: 215\n  number: 5\n")
    err = error_of(make_issue(text))
    assert err.key == "issue.number" and "twice" in err.message and err.line == line_of(text, "number: 5")


def test_two_articles_in_one_slot(make_issue):
    text = ISSUE_YAML.replace("- articles/safety-meeting.md", "- {file: articles/safety-meeting.md, slot: lead}")
    err = error_of(make_issue(text))
    assert err.key == "pages[0].articles[1].slot" and "already holds articles/safety-meeting.md" in err.message


def test_article_error_names_the_article_file(make_issue):
    root = make_issue(articles={"articles/skills.md": "---\ntitle: x\ntitel: y\n---\n"})
    err = error_of(root)
    assert err.path == root.resolve() / "articles/skills.md" and err.line == 3 and err.key == "titel"
    assert "did you mean 'title'?" in err.message
