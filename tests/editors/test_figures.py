"""Pictures written in the body, `![caption](src "credit")`, read back from the PDF: each placed in its
story's column flow where the editor put it, a column wide, its caption under it, the text before it
above (or in earlier columns), the text after below, the next body line on the grid; every picture
placed or named in a finding. Both built-in layouts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pdfplumber
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figureskit import (EDGE_TOL_PT, MAX_CROP, before, caption_under, compact, cuts, placed_figures,  # noqa: E402
                        reading_order, seed_paragraphs, split_text, write_issue)
from e2ekit import Composed, compose  # noqa: E402
from issuepress.load.layout import load_layout  # noqa: E402
from pdfmeasure import baseline_grid_faults, frame, placed_images, text_on_images  # noqa: E402
from robustkit import EXIT_INPUT, describe, one_line, run_cli  # noqa: E402

LAYOUTS = ("a4-3col", "tabloid-4col")
FIGURE = re.compile(r'!\[([^\]]*)\]\(([^)\s"]+)(?:\s+"([^"]*)")?\)')

PICTURES = {
    "land.jpg": (1800, 1200),  # 3:2 landscape
    "port.jpg": (1000, 1500),  # 2:3 portrait
    "pano.jpg": (3600, 900),  # 4:1 panorama
    "tall.jpg": (600, 1800),  # 1:3, taller than half a leg at a column's width
}
CAPTIONS = {"land.jpg": "会上，院长作重要讲话（王明 摄）", "port.jpg": "与会人员认真听取汇报",
            "pano.jpg": "院区全景", "tall.jpg": "新落成的门诊楼", "gone.jpg": "这张照片的文件不在"}


def _bodies() -> dict[str, str]:
    s = seed_paragraphs("safety-meeting")
    n = seed_paragraphs("nursing")
    w = seed_paragraphs("walk")
    first, rest = s[3].split("。", 1)
    a = "\n\n".join([
        s[0], s[1],
        '![会上，院长作重要讲话](images/land.jpg "王明 摄")',  # a paragraph of its own
        s[2],
        f"{first}。![与会人员认真听取汇报](images/port.jpg){rest}",  # inside a paragraph: it splits there
        s[4], n[0],
        "![这张照片的文件不在](images/gone.jpg)",
        n[1],
    ])
    b = "\n\n".join([w[0], w[1], "![院区全景](images/pano.jpg)", w[2], w[3], "![新落成的门诊楼](images/tall.jpg)", w[4],
                     n[3]])
    return {"a": a, "b": b}


BODIES = _bodies()


@pytest.fixture(scope="module", params=LAYOUTS)
def issue(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Composed:
    folder = write_issue(tmp_path_factory.mktemp(request.param) / "issue", request.param, BODIES, PICTURES)
    return compose("figures", folder, folder.parent)


def _source_split(body: str, name: str) -> tuple[str, str]:
    """The body's text before and after the picture `name`, without any picture markup."""
    m = next(m for m in FIGURE.finditer(body) if m.group(2).endswith(name))
    return compact(FIGURE.sub("", body[:m.start()])), compact(FIGURE.sub("", body[m.end():]))


def _story_of(name: str) -> str:
    return next(k for k, body in BODIES.items() if name in body)


def test_every_picture_is_placed_in_a_column_at_its_width(issue: Composed) -> None:
    figs = placed_figures(issue)
    assert sorted(figs) == sorted(PICTURES), sorted(figs)
    assert len(placed_images(issue.pdf)) == len(issue.report["photos"]) == len(PICTURES)
    for f in figs.values():
        x0, x1 = issue.frames(f.page).columns[f.column]
        if f.name != "tall.jpg":
            assert abs(f.box.x0 - x0) <= EDGE_TOL_PT and abs(f.box.x1 - x1) <= EDGE_TOL_PT, (f.name, f.box, x0, x1)
        else:  # narrower than the column at its tallest, centred in it
            assert f.box.x1 - f.box.x0 < x1 - x0 and abs((f.box.x0 - x0) - (x1 - f.box.x1)) <= EDGE_TOL_PT, f.box
        assert issue.frames(f.page).top < f.box.top and f.box.bottom < issue.frames(f.page).bottom, f.box
        assert f.entry["article"] == f"articles/{_story_of(f.name)}.md"
        assert f.page == list(BODIES).index(_story_of(f.name)) + 1
    assert not text_on_images(issue.pages)


def test_text_before_a_picture_precedes_it_and_the_text_after_follows(issue: Composed) -> None:
    for f in placed_figures(issue).values():
        want = _source_split(BODIES[_story_of(f.name)], f.name)
        got = split_text(list(issue.lines), f.page, f.column, f.box.top)
        assert got[0] == want[0], (issue.name, f.name, got[0][-30:], want[0][-30:])
        assert got[1] == want[1], (issue.name, f.name, got[1][:30], want[1][:30])
        # nothing of the text lies beside the picture in its column
        col = [ln for ln in issue.lines if ln.page == f.page and ln.column == f.column]
        assert not [ln.where() for ln in col if f.box.top - 1 < ln.baseline < f.box.bottom + 1]


def test_caption_stands_right_under_the_picture_and_the_text_goes_on_a_line_below(issue: Composed) -> None:
    B = issue.baseline
    size = issue.layout.styles["caption"].size_pt
    for f in placed_figures(issue).values():
        page = issue.pages[f.page - 1]
        cap = caption_under(page, issue.frames(f.page), f.column, f.box.bottom, size)
        assert compact("".join(g.text for g in cap)) == compact(CAPTIONS[f.name]), (f.name, cap[:3])
        assert cap[0].top - f.box.bottom < B / 2, (f.name, cap[0].top, f.box.bottom)
        after = [ln for ln in reading_order(list(issue.lines), f.page) if not before(ln, f.column, f.box.top)]
        nxt = after[0] if after else None
        if nxt is not None and nxt.column == f.column:  # the text goes on in the same column
            gap = min(g.top for g in nxt.glyphs) - max(g.bottom for g in cap)
            assert 0.9 * B <= gap <= 2 * B, (f.name, gap)
        # the text above ends right over the picture, unless the picture opens its column
        above = [ln for ln in issue.lines if ln.page == f.page and ln.column == f.column and ln.baseline < f.box.top]
        if above:
            gap = f.box.top - max(g.bottom for g in above[-1].glyphs)
            assert 1.0 <= gap <= 1.5 * B, (f.name, gap)
    for n in range(1, len(issue.pages) + 1):
        assert not baseline_grid_faults([ln for ln in issue.lines if ln.page == n], B)


def test_text_after_a_picture_inside_a_paragraph_runs_on_unindented(issue: Composed) -> None:
    """The portrait stands inside a paragraph: the text after it goes on flush left, while the paragraph
    after the landscape (a paragraph of its own) starts indented."""
    figs = placed_figures(issue)
    fr = issue.frames(1)
    em = issue.layout.styles["body"].size_pt
    for name, indented in (("port.jpg", False), ("land.jpg", True)):
        f = figs[name]
        after = [ln for ln in reading_order(list(issue.lines), f.page) if not before(ln, f.column, f.box.top)]
        x0 = fr.columns[after[0].column][0]
        assert abs(after[0].ink_x0 - x0 - (2 * em if indented else 0)) < 0.3 * em, (name, after[0].where())


def test_pictures_keep_their_shape_and_are_never_strips(issue: Composed) -> None:
    B = issue.baseline
    pg = issue.layout.page
    type_h = pg.height_pt - pg.margin_top_pt - pg.margin_bottom_pt
    ims = {(im.page, round(im.box.x0), round(im.box.top)): im for im in placed_images(issue.pdf)}
    for f in placed_figures(issue).values():
        size = PICTURES[f.name]
        w, h = f.box.x1 - f.box.x0, f.box.bottom - f.box.top
        cut_w, cut_h = cuts(size, w, h)
        assert max(cut_w, cut_h) <= MAX_CROP, (f.name, cut_w, cut_h)
        assert (w > h) == (size[0] > size[1]), (f.name, w, h)
        assert h >= 1.5 * B and h <= type_h / 2, (f.name, h)
        pixels = ims[(f.page, round(f.box.x0), round(f.box.top))].pixels
        assert abs(pixels.width / pixels.height - w / h) <= 0.01 * w / h, (f.name, pixels.size, w, h)


def test_missing_picture_is_marked_and_reported(issue: Composed) -> None:
    findings = [f for f in issue.report["findings"] if "gone.jpg" in f["message"]]
    assert [f["code"] for f in findings] == ["image-missing"], findings
    assert findings[0]["article"] == "articles/a.md" and findings[0]["page"] == 1
    # a crossed placeholder a column wide, its caption under it
    size = issue.layout.styles["caption"].size_pt
    fr = issue.frames(1)
    with pdfplumber.open(issue.pdf) as pdf:
        p = pdf.pages[0]
        dy = float(p.mediabox[3]) - float(p.page_obj.attrs["TrimBox"][3])
        dx = float(p.page_obj.attrs["TrimBox"][0])
        col_w = fr.columns[0][1] - fr.columns[0][0]
        boxes = [r for r in p.rects if abs(r["width"] - col_w) < 1 and r["height"] > 2 * issue.baseline]
    assert len(boxes) == 1, boxes
    box = boxes[0]
    col = next(k for k, (x0, _) in enumerate(fr.columns) if abs(box["x0"] - dx - x0) < 1)
    cap = caption_under(issue.pages[0], fr, col, box["bottom"] - dy, size)
    assert compact("".join(g.text for g in cap)) == compact(CAPTIONS["gone.jpg"])


def test_no_markup_in_the_text(issue: Composed) -> None:
    with pdfplumber.open(issue.pdf) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert "![" not in text and "](" not in text and "images/" not in text
    printed = compact("".join(ln.text for ln in issue.lines))
    for body in BODIES.values():
        assert compact(FIGURE.sub("", body)) in printed


# --------------------------------------------------------------------------- input errors and accounting


def _tiny(tmp_path: Path, body: str, pictures: dict[str, tuple[int, int]] | None = None,
          layout: str = "a4-3col") -> Path:
    return write_issue(tmp_path / "issue", layout, {"a": body}, pictures or {})


@pytest.mark.parametrize("src", ["../outside.jpg", "/etc/passwd", "images/../../x.jpg"])
def test_picture_outside_the_issue_is_one_line_and_exit_2(tmp_path: Path, src: str) -> None:
    (tmp_path / "outside.jpg").write_bytes(b"")
    body = f"第一段正文。\n\n第二段正文。![会场]({src})后面的话。"
    root = _tiny(tmp_path, body)
    res = run_cli("compose", root, "-o", root / "out.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert "a.md:6" in line and "image" in line and src in line, line
    assert not (root / "out.pdf").exists()


def test_picture_that_no_longer_fits_is_named_not_placed(tmp_path: Path) -> None:
    """A story overset before its pictures: each is an `image-not-placed` error, the story is overset,
    and the PDF draws exactly the pictures the report lists as placed."""
    long = "\n\n".join(seed_paragraphs("safety-meeting") * 4)
    body = f"{long}\n\n![图一](images/land.jpg)\n\n最后一段。\n\n![](images/port.jpg)"
    root = _tiny(tmp_path, body, {"land.jpg": (1800, 1200), "port.jpg": (1000, 1500)})
    res = run_cli("compose", root, "-o", root / "out.pdf")
    assert res.exit_code == 0, describe(res)
    import json
    report = json.loads((root / "out.report.json").read_text(encoding="utf-8"))
    left = sorted(f["message"].split(" ")[0] for f in report["findings"] if f["code"] == "image-not-placed")
    placed = sorted(p["file"] for p in report["photos"])
    assert sorted(left + placed) == ["images/land.jpg", "images/port.jpg"] and left, (left, placed)
    assert report["articles"][0]["status"] == "overset"
    with pdfplumber.open(root / "out.pdf") as pdf:
        assert sum(len(p.images) for p in pdf.pages) == len(placed)


def _report(root: Path) -> dict:
    import json
    return json.loads((root / "out.report.json").read_text(encoding="utf-8"))


def _compose_ok(root: Path, *extra: str) -> dict:
    res = run_cli("compose", root, "-o", root / "out.pdf", *extra)
    assert res.exit_code == 0, describe(res)
    return _report(root)


def test_low_resolution_picture_is_reported_where_it_is_printed(tmp_path: Path) -> None:
    """240 × 160 pixels a column wide (58 mm on a4-3col) print at about 100 ppi: an error naming the file."""
    root = _tiny(tmp_path, "第一段正文。\n\n![小图](images/small.jpg)\n\n第二段正文。", {"small.jpg": (240, 160)})
    report = _compose_ok(root)
    (entry,) = report["photos"]
    assert entry["file"] == "images/small.jpg" and entry["ppi"] < 150, entry
    low = [f for f in report["findings"] if f["code"] == "image-low-resolution"]
    assert len(low) == 1 and "images/small.jpg" in low[0]["message"] and low[0]["severity"] == "error", low
    assert low[0]["page"] == 1 and low[0]["article"] == "articles/a.md"


def test_escaped_path_finds_the_file_as_named(tmp_path: Path) -> None:
    """A Markdown editor writes 会场 1.jpg as %E4%BC%9A%E5%9C%BA%201.jpg: the picture is found and placed."""
    root = _tiny(tmp_path, "前文。\n\n![会场](images/%E4%BC%9A%E5%9C%BA%201.jpg)\n\n后文。", {"会场 1.jpg": (1200, 800)})
    report = _compose_ok(root)
    assert [p["file"] for p in report["photos"]] == ["images/会场 1.jpg"]
    assert not [f for f in report["findings"] if f["code"].startswith("image")]


def test_a_picture_after_the_jump_is_printed_with_the_rest_of_its_story(tmp_path: Path) -> None:
    """A story too long for its page goes on on the next (转版): a picture written after the cut is printed
    there, in the continuation's flow, and counted once."""
    s = seed_paragraphs("safety-meeting")
    long = "\n\n".join(s * 3)
    body = f"{long}\n\n![会场](images/land.jpg)\n\n{s[0]}"
    root = write_issue(tmp_path / "issue", "a4-3col", {"a": body, "b": "第二版的短稿。"}, {"land.jpg": (1800, 1200)})
    report = _compose_ok(root)
    art = next(a for a in report["articles"] if a["file"] == "articles/a.md")
    assert art["pages"] == [1, 2] and art["status"] == "continued", art
    (entry,) = report["photos"]
    assert entry["page"] == 2 and entry["article"] == "articles/a.md", entry
    assert not [f for f in report["findings"] if f["code"] == "image-not-placed"]
    with pdfplumber.open(root / "out.pdf") as pdf:
        assert [len(p.images) for p in pdf.pages] == [0, 1]
        text = pdf.pages[1].extract_text() or ""
    assert "会场" in text and "![" not in text


def test_galley_sets_the_picture_in_its_column(tmp_path: Path) -> None:
    root = _tiny(tmp_path, "第一段正文。\n\n![会场](images/land.jpg)\n\n第二段正文。", {"land.jpg": (1800, 1200)})
    res = run_cli("galley", root / "articles" / "a.md", "-o", tmp_path / "g.pdf")
    assert res.exit_code == 0, describe(res)
    with pdfplumber.open(tmp_path / "g.pdf") as pdf:
        page = pdf.pages[0]
        (im,) = page.images
        words = {w["text"]: w for w in page.extract_words()}
    first = next(w for t, w in words.items() if "第一段" in t)
    second = next(w for t, w in words.items() if "第二段" in t)
    cap = next(w for t, w in words.items() if t == "会场")
    assert first["bottom"] < im["top"] < im["bottom"] <= cap["top"] < second["top"], (first, im, cap, second)


def test_error_names_the_line_the_picture_is_written_on(tmp_path: Path) -> None:
    """A picture on the third line of a paragraph: the error names that line of the file."""
    root = _tiny(tmp_path, "第一段正文。\n\n第二段的第一行\n第二行\n第三行![会场](../x.jpg)。")
    res = run_cli("compose", root, "-o", root / "out.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "a.md:8: image:" in one_line(res.stderr), res.stderr


def test_a_list_item_or_heading_holding_a_picture(tmp_path: Path) -> None:
    """A list item that is only a picture prints the picture, not a bullet alone on a line; a picture in a
    heading stands under the subhead."""
    body = "- ![会场](images/land.jpg)\n- 第二项内容。\n\n## 小标题![门诊楼](images/port.jpg)\n\n正文。"
    root = _tiny(tmp_path, body, {"land.jpg": (1800, 1200), "port.jpg": (1000, 1500)})
    report = _compose_ok(root)
    assert sorted(p["file"] for p in report["photos"]) == ["images/land.jpg", "images/port.jpg"]
    with pdfplumber.open(root / "out.pdf") as pdf:
        page = pdf.pages[0]
        text = page.extract_text() or ""
        land, port = sorted(page.images, key=lambda i: i["top"])
        words = page.extract_words()
    assert text.count("●") == 1 and "●第二项内容。" in text.replace(" ", ""), text
    head = next(w for w in words if w["text"].startswith("小标题"))
    item = next(w for w in words if "第二项" in w["text"])
    cols = frame(load_layout("a4-3col", root), 1).columns
    dx = float(page.page_obj.attrs["TrimBox"][0])

    def order(box: dict) -> tuple[int, float]:  # reading order: column, then top
        return next(k for k, (x0, x1) in enumerate(cols) if box["x0"] - dx < x1), box["top"]

    assert order(land) < order(item) < order(head) < order(port), (land, item, head, port)


def test_a_picture_without_alt_text_has_no_caption(tmp_path: Path) -> None:
    """`![](src)`: the picture alone, the text going on one grid line under its frame."""
    s = seed_paragraphs("safety-meeting")
    root = _tiny(tmp_path, f"{s[0]}\n\n![](images/land.jpg)\n\n{s[1]}\n\n{s[2]}", {"land.jpg": (1800, 1200)})
    _compose_ok(root)
    B = load_layout("a4-3col", root).grid.baseline_pt
    with pdfplumber.open(root / "out.pdf") as pdf:
        page = pdf.pages[0]
        (im,) = page.images
        below = sorted((c for c in page.chars if c["top"] > im["bottom"] - 1 and c["text"].strip()
                        and im["x0"] - 1 < c["x0"] < im["x1"]), key=lambda c: (round(c["top"]), c["x0"]))
    # the next text under the picture is the second paragraph's first character, in the body size: no caption
    assert below and below[0]["text"] == s[1][0] and below[0]["size"] == pytest.approx(9.0, abs=0.01), below[:3]
    assert B <= below[0]["top"] - im["bottom"] <= 2 * B, (below[0]["top"], im["bottom"])


def test_picture_taller_than_its_slot_is_printed_smaller_and_the_text_after_it_goes_on(tmp_path: Path) -> None:
    """A slot 16 lines tall holds no leg for a portrait a column wide (17 lines and its caption): the
    picture is printed as tall as a leg, narrower, its proportions kept, and the text after it is printed."""
    s = seed_paragraphs("safety-meeting")
    body = f"{s[0][:40]}\n\n![门诊楼](images/port.jpg)\n\n{s[0][40:80]}"
    root = write_issue(tmp_path / "issue", "layouts/x.yaml", {"a": body}, {"port.jpg": (1000, 1500)})
    (root / "layouts").mkdir()
    (root / "layouts" / "x.yaml").write_text(
        "extends: a4-3col\nname: x\ntemplates:\n  small:\n    header: true\n    slots:\n"
        "      s: {column: 0, line: 0, lines: 16, span: 3}\n", encoding="utf-8")
    issue_yaml = (root / "issue.yaml").read_text(encoding="utf-8")
    (root / "issue.yaml").write_text(issue_yaml.replace("template: inner", "template: small").replace(
        "- articles/a.md", "- {file: articles/a.md, slot: s}"), encoding="utf-8")
    report = _compose_ok(root)
    assert report["articles"][0]["status"] == "fit", report["articles"]
    (entry,) = report["photos"]
    layout = load_layout("a4-3col", root)
    B = layout.grid.baseline_pt
    x, y, w, h = (v * 72 / 25.4 for v in entry["frame_mm"])
    col_w = frame(layout, 1).columns[0][1] - frame(layout, 1).columns[0][0]
    assert h < 16 * B and w < col_w - 1, (w, h)
    assert abs(w / h - 1000 / 1500) < 0.01, (w, h)
    assert report["articles"][0]["overset_chars"] == 0
    assert not [f for f in report["findings"] if f["code"] == "image-not-placed"]
