"""Word articles: a .docx stands wherever a .md may, read back from the composed PDF as a reader sees it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pikepdf
import pytest

import docxkit as kit
from docxkit import DATA
from pdfmeasure import placed_images, read_pdf, read_report
from robustkit import EXIT_INPUT, EXIT_OK, describe, nonspace, one_line, pdf_pages_text, run_cli

from issuepress.load.article import load_article
from issuepress.model import Paragraph, Subhead

LAYOUTS = ("a4-3col", "tabloid-4col")
# Markup that must never reach the page (issue 10): Markdown picture and table syntax, percent-escapes, HTML.
MARKUP = ("![", "|", "%E", "<", "**", "\\")


def compose(issue: Path, out: Path, *extra: str) -> None:
    res = run_cli("compose", issue, "-o", out, "--proof", *extra)
    assert res.exit_code == EXIT_OK, describe(res)


def glyphs_of(pages, text: str):
    """The glyphs of the first place `text` (without spaces) is drawn, in drawing order on its page."""
    for page in pages:
        chars = [g for g in page.glyphs if not g.text.isspace()]
        joined = "".join(g.text for g in chars)
        at = joined.find(text)
        if at >= 0:
            return chars[at:at + len(text)]
    raise AssertionError(f"{text!r} is not in the PDF")


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, dict, dict]]:
    """The full document composed in each layout: (issue folder, PDF, folder listing before, after)."""
    out = {}
    for layout in LAYOUTS:
        root = tmp_path_factory.mktemp(layout)
        issue = kit.write_issue(root / "issue", ("articles/contest.docx",), layout)
        (issue / "articles").mkdir()
        kit.full_document(issue / "articles" / "contest.docx")
        before = kit.listing(issue)
        pdf = root / "out" / "contest.pdf"
        pdf.parent.mkdir()
        compose(issue, pdf)
        out[layout] = (issue, pdf, before, kit.listing(issue))
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_word_article_text_reaches_the_page(composed, layout: str) -> None:
    issue, pdf, before, after = composed[layout]
    text = "".join(pdf_pages_text(pdf))
    for words in (kit.TITLE, *kit.SUBHEADS, kit.BOLD, kit.ITALIC, *kit.BULLETS, *kit.NUMBERED, *kit.CAPTIONS,
                  kit.BYLINE.replace(" ", "")):
        assert words in text, words
    for i, item in enumerate(kit.NUMBERED, 1):
        assert f"{i}.{item}" in text  # Word's numbers, as Word shows them
    for item in kit.BULLETS:
        assert f"●{item}" in text
    for mark in MARKUP:
        assert mark not in text, mark
    assert after == before  # nothing written into the editor's folder


@pytest.mark.parametrize("layout", LAYOUTS)
def test_title_subheads_bold_and_byline_are_set_as_such(composed, layout: str) -> None:
    _, pdf, _, _ = composed[layout]
    pages = read_pdf(pdf)
    body = glyphs_of(pages, "为进一步提升护理人员")
    title = glyphs_of(pages, kit.TITLE)
    assert min(g.size for g in title) > 1.5 * body[0].size  # the headline's size, not the body's
    assert max(g.bottom for g in title) < min(g.top for g in body)  # above the text
    sub = glyphs_of(pages, kit.SUBHEADS[0])
    assert sub[0].font != body[0].font  # a subhead face, not body text
    bold = glyphs_of(pages, kit.BOLD)
    assert "bold" in bold[0].font.lower() and "bold" not in body[0].font.lower()
    byline = glyphs_of(pages, "护理部王丽")
    assert byline[0].font != body[0].font and "WenKai" in byline[0].font  # the byline style (kai)
    text = "".join(pdf_pages_text(pdf))
    assert text.count("护理部王丽") == 1


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pasted_pictures_are_placed_with_their_captions_under_them(composed, layout: str) -> None:
    _, pdf, _, _ = composed[layout]
    with pikepdf.open(pdf) as doc:
        images = sum(len(page.get_images()) for page in doc.pages)
    assert images == 2
    placed = sorted(placed_images(pdf), key=lambda p: (p.page, p.box.top, p.box.x0))
    assert len(placed) == 2
    shapes = {"wide" if p.box.x1 - p.box.x0 > p.box.bottom - p.box.top else "tall": p for p in placed}
    assert set(shapes) == {"wide", "tall"}  # the landscape JPEG and the portrait PNG, each its own shape
    pages = read_pdf(pdf)
    for caption, shape in zip(kit.CAPTIONS, ("wide", "tall")):
        box = shapes[shape].box
        glyphs = glyphs_of(pages, caption)
        assert all(g.page == shapes[shape].page for g in glyphs)
        assert min(g.top for g in glyphs) >= box.bottom - 0.5  # under its picture …
        assert min(g.top for g in glyphs) - box.bottom < 20  # … right under it
        assert all(box.x0 - 0.5 <= g.x0 and g.x1 <= box.x1 + 0.5 for g in glyphs)  # within its width
    report = read_report(pdf)
    assert [p["article"] for p in report["photos"]] == ["articles/contest.docx"] * 2


def test_the_article_read_from_word(tmp_path: Path) -> None:
    """What the loader makes of the document: the same model a Markdown article gives."""
    path = kit.full_document(tmp_path / "contest.docx", table=True)
    art = load_article(path, tmp_path)
    assert art.title == kit.TITLE
    assert art.byline == kit.BYLINE
    assert [p.caption for p in art.photos] == list(kit.CAPTIONS)
    assert all(p.exists and not p.src.is_relative_to(tmp_path) for p in art.photos)
    subs = [b.text for b in art.blocks if isinstance(b, Subhead)]
    assert subs == list(kit.SUBHEADS)
    paras = [b for b in art.blocks if isinstance(b, Paragraph)]
    texts = [p.text for p in paras]
    assert not any(c in t for c in kit.CAPTIONS for t in texts)  # captions are not also body text
    assert not any("王丽" in t for t in texts)  # nor the byline
    bold = [s.text for p in paras for s in p.spans if s.bold]
    assert bold == [kit.BOLD]
    assert sorted(tmp_path.iterdir()) == [path]


def test_pictures_go_to_the_content_addressed_cache(tmp_path: Path, font_cache: Path) -> None:
    path = kit.full_document(tmp_path / "contest.docx")
    art = load_article(path, tmp_path)
    for n, (photo, (size, colour, fmt)) in enumerate(zip(art.photos, (kit.LANDSCAPE, kit.PORTRAIT)), 1):
        data = kit.picture(size, colour, fmt)
        assert photo.src.parent.parent == font_cache / "word-pictures"
        assert photo.src.read_bytes() == data
        assert photo.src.parent.name == hashlib.sha256(data).hexdigest()
        assert photo.src.name == f"contest-{n}.{'jpg' if fmt == 'JPEG' else 'png'}"  # findings say which
    # a damaged cache entry is replaced, never printed
    art.photos[0].src.write_bytes(b"not the picture")
    again = load_article(path, tmp_path)
    assert again.photos[0].src.read_bytes() == kit.picture(*kit.LANDSCAPE)


def test_import_writes_markdown_that_composes_to_the_same_text(composed, tmp_path: Path) -> None:
    issue_src, pdf, _, _ = composed["a4-3col"]
    issue = tmp_path / "issue"
    shutil.copytree(issue_src, issue)
    res = run_cli("import", issue / "articles" / "contest.docx")
    assert res.exit_code == EXIT_OK, describe(res)
    md = issue / "articles" / "contest.md"
    assert md.is_file()
    pictures = sorted((issue / "articles" / "images").iterdir())
    assert [p.name for p in pictures] == ["contest-1.jpg", "contest-2.png"]
    assert pictures[0].read_bytes() == kit.picture(*kit.LANDSCAPE)
    kit.write_issue(issue, ("articles/contest.md",), "a4-3col")
    out = tmp_path / "md.pdf"
    compose(issue, out)
    assert pdf_pages_text(out) == pdf_pages_text(pdf)
    assert len(placed_images(out)) == 2
    # again: refused, one line, nothing replaced
    stamp = md.stat().st_mtime_ns
    res = run_cli("import", issue / "articles" / "contest.docx")
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert "contest.md" in line and "--force" in line
    assert md.stat().st_mtime_ns == stamp
    res = run_cli("import", issue / "articles" / "contest.docx", "--force")
    assert res.exit_code == EXIT_OK, describe(res)


def test_a_long_document_name_gives_picture_names_a_file_system_takes(tmp_path: Path) -> None:
    name = "很长的文件名" * 13 + "abcdefghijklmnop.docx"  # 255 bytes: NAME-1.jpg would pass the limit
    path = kit.full_document(tmp_path / name)
    art = load_article(path, tmp_path)
    assert [p.exists for p in art.photos] == [True, True]
    assert all(len(p.src.name.encode()) <= 255 for p in art.photos)
    res = run_cli("import", path, "-o", tmp_path / "plain")
    assert res.exit_code == EXIT_OK, describe(res)


def test_import_to_another_folder(tmp_path: Path) -> None:
    path = kit.full_document(tmp_path / "contest.docx")
    res = run_cli("import", path, "-o", tmp_path / "plain")
    assert res.exit_code == EXIT_OK, describe(res)
    text = (tmp_path / "plain" / "contest.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: " + kit.TITLE)
    assert "src: images/contest-1.jpg" in text and "**" + kit.BOLD + "**" in text and "*" + kit.ITALIC + "*" in text
    assert (tmp_path / "plain" / "images" / "contest-2.png").is_file()


def test_galley_and_check_read_a_word_article(tmp_path: Path) -> None:
    issue = kit.write_issue(tmp_path / "issue", ("a.docx",))
    kit.simple_document(issue / "a.docx", paragraphs=("第一段正文。", "第二段正文。"))
    res = run_cli("galley", issue / "a.docx", "-o", tmp_path / "g.pdf")
    assert res.exit_code == EXIT_OK, describe(res)
    assert "第一段正文。第二段正文。" in "".join(pdf_pages_text(tmp_path / "g.pdf"))
    res = run_cli("check", issue)
    assert res.exit_code == EXIT_OK, describe(res)


def test_a_heading_1_is_the_title_when_there_is_no_title_style(tmp_path: Path) -> None:
    path = kit.simple_document(tmp_path / "a.docx", title="第一个标题", heading=True)
    art = load_article(path, tmp_path)
    assert art.title == "第一个标题"
    assert [b.text for b in art.blocks] == ["第一段正文。", "第二段正文。"]


def test_a_headline_line_above_the_title_is_the_kicker(tmp_path: Path) -> None:
    d = kit.docx.Document()
    d.add_paragraph("深化医养融合发展").alignment = kit.WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("我院举办失能老人照护服务专题座谈会", style="Title")
    d.add_paragraph("——提升失能照护服务水平", style="Subtitle")
    d.add_paragraph("3月13日，医院召开座谈会。")
    d.save(str(tmp_path / "k.docx"))
    art = load_article(tmp_path / "k.docx", tmp_path)
    assert (art.kicker, art.title, art.subtitle) == ("深化医养融合发展", "我院举办失能老人照护服务专题座谈会",
                                                     "——提升失能照护服务水平")
    assert [b.text for b in art.blocks] == ["3月13日，医院召开座谈会。"]


def test_the_sidecar_gives_front_matter_and_wins(tmp_path: Path) -> None:
    path = kit.full_document(tmp_path / "contest.docx")
    (tmp_path / "contest.yaml").write_text(
        "kicker: 以赛促学\ntitle: 另起的标题\nbyline: 护理部 李四\nphotos:\n  - caption: 改过的图说\n    width: 2\n",
        encoding="utf-8")
    art = load_article(path, tmp_path)
    assert (art.kicker, art.title, art.byline) == ("以赛促学", "另起的标题", "护理部 李四")
    assert [p.caption for p in art.photos] == ["改过的图说", kit.CAPTIONS[1]]
    assert art.photos[0].width == 2
    assert kit.TITLE not in "".join(b.text for b in art.blocks)  # the document's title is still not body text


def test_the_sidecar_is_an_input_no_output_may_replace(tmp_path: Path) -> None:
    issue = kit.write_issue(tmp_path / "issue", ("a.docx",))
    kit.simple_document(issue / "a.docx")
    side = issue / "a.yaml"
    side.write_text("kicker: 引题\n", encoding="utf-8")
    res = run_cli("compose", issue, "-o", side)
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "a.yaml" in one_line(res.stderr)
    assert side.read_text(encoding="utf-8") == "kicker: 引题\n"


def test_a_bad_sidecar_value_names_the_sidecar_and_its_line(tmp_path: Path) -> None:
    issue = kit.write_issue(tmp_path / "issue", ("a.docx",))
    kit.simple_document(issue / "a.docx")
    (issue / "a.yaml").write_text("title: 标题\nlang: 中文\n", encoding="utf-8")
    res = run_cli("compose", issue, "-o", tmp_path / "a.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "a.yaml:2: lang" in one_line(res.stderr)


def test_a_table_keeps_its_cells(tmp_path: Path) -> None:
    issue = kit.write_issue(tmp_path / "issue", ("t.docx",))
    kit.full_document(issue / "t.docx", table=True)
    compose(issue, tmp_path / "t.pdf")
    text = "".join(pdf_pages_text(tmp_path / "t.pdf"))
    for row in kit.TABLE:
        for cell in row:
            assert cell in text, cell
    import issuepress.model as model

    if hasattr(model, "Table"):  # pipe tables are set as tables (issue 10 point 2): no pipe printed
        assert "|" not in text


def test_an_emf_picture_is_a_warning_naming_it(tmp_path: Path) -> None:
    issue = kit.write_issue(tmp_path / "issue", ("contest.docx",))
    kit.with_emf_picture(kit.full_document(tmp_path / "made.docx"), issue / "contest.docx")
    compose(issue, tmp_path / "e.pdf")
    report = read_report(tmp_path / "e.pdf")
    found = [f for f in report["findings"] if f["code"] == "word-picture-left-out"]
    assert len(found) == 1 and found[0]["severity"] == "warning" and found[0]["page"] == 1
    message = found[0]["message"]
    assert "contest.docx" in message and "picture 1" in message and "word/media/" in message and "EMF" in message
    assert len(placed_images(tmp_path / "e.pdf")) == 1  # the other picture is printed
    text = "".join(pdf_pages_text(tmp_path / "e.pdf"))
    assert kit.CAPTIONS[0] not in text and kit.CAPTIONS[1] in text  # its caption goes with it


# ------------------------------------------------------------------------------------------------ bad files


def _bad(tmp: Path, case: str) -> Path:
    good = kit.simple_document(tmp / "good.docx")
    target = tmp / ("bad.doc" if case in ("old-doc", "ole-doc") else "bad.docx")
    if case == "old-doc":
        shutil.copyfile(DATA / "old-word.doc", target)
    elif case == "password":
        shutil.copyfile(DATA / "password.docx", target)
    elif case == "ole-doc":
        kit.ole_file(target, ("WordDocument", "1Table"))
    elif case == "ole-password":
        kit.ole_file(target, ("EncryptionInfo", "EncryptedPackage"))
    elif case == "not-zip":
        target.write_text("---\ntitle: 这是文字文件\n---\n正文", encoding="utf-8")
    elif case == "no-document":
        kit.rewrite_zip(good, target, {"word/document.xml": None})
    elif case == "bad-xml":
        kit.rewrite_zip(good, target, {"word/document.xml": b"<w:document><w:body><w:p>"})
    elif case == "empty-file":
        target.write_bytes(b"")
    elif case == "no-text":
        kit.simple_document(target, title="", paragraphs=())
    elif case == "zip-bomb":
        kit.zip_bomb(good, target, 0xF000_0000)
    elif case == "truncated":
        target.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return target


# case -> words the one line must hold (what it is, and what to do)
BAD = {
    "old-doc": ("old Word .doc", "save it as .docx"),
    "ole-doc": ("old Word .doc", "save it as .docx"),
    "password": ("password-protected", "remove the password"),
    "ole-password": ("password-protected", "remove the password"),
    "not-zip": ("damaged", "not a zip"),
    "no-document": ("damaged", "word/document.xml"),
    "bad-xml": ("damaged", "XML"),
    "empty-file": ("empty", "save it as .docx"),
    "no-text": ("no text",),
    "zip-bomb": ("unpacks to", "zip bomb"),
    "truncated": ("damaged",),
}


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, bytes]:
    """An issue composed once with a good Word article: (issue, its PDF, the PDF's bytes)."""
    root = tmp_path_factory.mktemp("earlier")
    issue = kit.write_issue(root / "issue", ("article.docx",))
    kit.simple_document(issue / "article.docx")
    pdf = root / "out.pdf"
    compose(issue, pdf)
    return issue, pdf, pdf.read_bytes()


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_word_file_is_one_input_line(earlier, tmp_path: Path, case: str) -> None:
    issue, pdf, old = earlier
    bad = _bad(tmp_path, case)
    name = bad.name
    shutil.copyfile(bad, issue / name)
    kit.write_issue(issue, (name,))
    try:
        res = run_cli("compose", issue, "-o", pdf)
    finally:
        kit.write_issue(issue, ("article.docx",))
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert name in line
    for words in BAD[case]:
        assert words in line, line
    assert pdf.read_bytes() == old  # the previous PDF is untouched
    res = run_cli("galley", issue / name, "-o", tmp_path / "g.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert name in one_line(res.stderr)


# ------------------------------------------------------------------------------------------------ real Word files


@pytest.mark.parametrize("name, words, pictures", [
    ("word-tables.docx", ("Above", "Top left", "Top right", "Bottom left", "Bottom right", "Below"), 0),
    ("word-list.docx", ("●Apple", "●Banana"), 0),
    ("word-picture.docx", (), 1),
])
def test_files_written_by_word(tmp_path: Path, name: str, words: tuple[str, ...], pictures: int) -> None:
    """Documents Microsoft Word wrote (mammoth's test data): their text and pictures reach the page."""
    issue = kit.write_issue(tmp_path / "issue", (name,))
    shutil.copyfile(DATA / name, issue / name)
    (issue / name).with_suffix(".yaml").write_text("title: 标题\n", encoding="utf-8")
    compose(issue, tmp_path / "w.pdf")
    text = "".join(pdf_pages_text(tmp_path / "w.pdf"))
    for w in words:
        assert nonspace(w) in text, w
    assert len(placed_images(tmp_path / "w.pdf")) == pictures


# A news release written in Word by a university team (corpus/editors, corpus/SOURCES.md): its
# headline is only a bold centred first paragraph, two Heading 2 subheads, four pasted photos each with
# its caption (the third's in the picture's own paragraph), the byline 通讯员：梁奡 last.
RELEASE = Path(__file__).resolve().parents[2] / "corpus" / "editors" / "articles" / "新闻稿.docx"
RELEASE_CAPTIONS = ("图为团队成员为小朋友们授课。王舒悦供图", "图为小朋友们的“和平”画作。梁奡供图",
                    "图为团队成员为小朋友们授课。王舒悦供图", "图为团队成员与小朋友们的合影。梁奡供图")


def test_a_news_release_written_in_word(tmp_path: Path) -> None:
    issue = kit.write_issue(tmp_path / "issue", ("release.docx",), "tabloid-4col")
    shutil.copyfile(RELEASE, issue / "release.docx")
    compose(issue, tmp_path / "r.pdf")
    pages = read_pdf(tmp_path / "r.pdf")
    text = "".join(pdf_pages_text(tmp_path / "r.pdf"))
    title = glyphs_of(pages, "齿轮转烽火忆孩童在石大课堂触摸科学与历史")
    body = glyphs_of(pages, "7月8日和7月10日")
    assert min(g.size for g in title) > 1.5 * body[0].size and text.count("齿轮转烽火忆") == 1
    for sub in ("历史铭记：从卢沟桥故事到和平画卷", "科学启蒙：从电流微光到历史回响"):
        assert glyphs_of(pages, sub)[0].font != body[0].font
    placed = sorted(placed_images(tmp_path / "r.pdf"), key=lambda p: (p.page, p.box.top, p.box.x0))
    assert len(placed) == 4
    for caption in RELEASE_CAPTIONS:
        assert text.count(caption) == RELEASE_CAPTIONS.count(caption)  # a caption, never also body text
    byline = glyphs_of(pages, "通讯员：梁奡")
    assert "WenKai" in byline[0].font
    for typed in ("220V", "LED", "A架板"):
        assert typed in text
