"""Every story and every photo of the input is accounted for: printed, or reported (overset with its
characters, or `image-not-placed` naming the photo). Named cases first, then issues of any shape."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acctkit import Art, Pg, Shape, assert_accounted, compose_shape, write_shape
from issuepress.errors import InputError
from issuepress.layout.items import RuleItem, TextLine
from robustkit import EXIT_INPUT, describe, one_line, run_cli

SENTENCE = "这是一篇用于测试的短稿，每个字都要印出来或者报告。"


def paras(n: int, sentences: int = 6) -> tuple[str, ...]:
    return tuple(SENTENCE * sentences for _ in range(n))


def test_unpinned_story_before_a_whole_page_slot_is_reported(tmp_path: Path) -> None:
    """feature: a story listed before the one pinned to `main` (the whole page) had no line left under
    it and vanished: no text-overset, status fit."""
    shape = Shape((Pg("feature", (Art(paras(2)), Art(paras(12, 10), slot="main"))),))
    result = compose_shape(write_shape(tmp_path, shape))
    assert_accounted(shape, result)
    first = next(a for a in result.report["articles"] if a["file"] == "articles/a1.md")
    assert first["status"] == "overset" and first["overset_chars"] == 2 * 6 * (len(SENTENCE)), first
    assert "characters overset" in result.doc.pages[0].summary


def test_story_under_a_full_page_slot_moves_to_the_next_page(tmp_path: Path) -> None:
    """With a page after it, the story with no room under the slot is printed there, not lost."""
    shape = Shape((Pg("feature", (Art(paras(2)), Art(paras(12, 10), slot="main"))), Pg("inner", (Art(paras(1)),))))
    result = compose_shape(write_shape(tmp_path, shape))
    assert_accounted(shape, result)
    first = next(a for a in result.report["articles"] if a["file"] == "articles/a1.md")
    assert first["pages"] == [2] and first["status"] == "fit", first


def test_masthead_taller_than_the_page_reports_every_story(tmp_path: Path) -> None:
    shape = Shape((Pg("front", (Art(paras(2)), Art(paras(1)))),), name="很长的报名" * 40)
    result = compose_shape(write_shape(tmp_path, shape))
    assert_accounted(shape, result)
    assert [a["status"] for a in result.report["articles"]] == ["overset", "overset"]
    assert "masthead-too-tall" in [f["code"] for f in result.report["findings"]]


def test_margins_leaving_no_type_area_are_an_input_error(tmp_path: Path) -> None:
    root = write_shape(tmp_path / "issue", Shape((Pg("inner", (Art(paras(1)),)),), margins_mm=(150, 150, 15, 15)))
    (root / "out.pdf").write_bytes(b"old")
    res = run_cli("compose", root, "-o", root / "out.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert "x.yaml" in line and "page.margins" in line, line
    assert (root / "out.pdf").read_bytes() == b"old"


def test_columns_narrower_than_a_character_are_an_input_error(tmp_path: Path) -> None:
    root = write_shape(tmp_path / "issue", Shape((Pg("inner", (Art(paras(1)),)),), margins_mm=(15, 15, 98, 98)))
    with pytest.raises(InputError) as exc:
        compose_shape(root)
    assert exc.value.key in ("grid.columns", "page.margins"), str(exc.value)


def test_story_with_24_photos_reports_each_photo_left_out(tmp_path: Path) -> None:
    """The photos below the module's foot were neither printed nor reported, and the story was `fit`."""
    shape = Shape((Pg("inner", (Art(paras(3), photos=(None,) * 24),)),))
    result = compose_shape(write_shape(tmp_path, shape))
    assert_accounted(shape, result)
    report = result.report
    left_out = [f for f in report["findings"] if f["code"] == "image-not-placed"]
    assert left_out and len(left_out) + len(report["photos"]) == 24
    assert report["articles"][0]["status"] == "overset"
    # what is printed stays on the page
    page = result.doc.pages[0]
    for p in report["photos"]:
        x, y, w, h = p["frame_mm"]
        assert y + h <= page.height_pt * 25.4 / 72


def test_slot_taller_than_the_page_ends_at_its_foot(tmp_path: Path) -> None:
    """A slot with more `lines` than the page has drew its story far below the page (to y = 3008 pt on
    an 842 pt page) and reported it `fit`."""
    shape = Shape((Pg("big", (Art(paras(12, 12), slot="big"), Art(paras(1)))),))
    root = write_shape(tmp_path, shape)
    (root / "layouts").mkdir(exist_ok=True)
    (root / "layouts" / "x.yaml").write_text("extends: a4-3col\nname: x\ntemplates:\n  big:\n    header: true\n"
                                             "    slots:\n      big: {column: 0, line: 10, lines: 200, span: 2}\n",
                                             encoding="utf-8")
    (root / "issue.yaml").write_text((root / "issue.yaml").read_text(encoding="utf-8").replace(
        "layout: a4-3col", "layout: layouts/x.yaml"), encoding="utf-8")
    result = compose_shape(root)
    assert_accounted(shape, result)
    assert result.report["articles"][0]["status"] == "overset"
    page = result.doc.pages[0]
    assert all(it.y_pt <= page.height_pt for it in page.items if isinstance(it, TextLine))


# --- issues of every shape ------------------------------------------------------------------------

TEMPLATES = {"front": ("lead",), "inner": (), "feature": ("main",), None: ()}


@st.composite
def arts(draw, slots: tuple[str, ...]) -> tuple[Art, ...]:
    n = draw(st.integers(1, 4))
    free = list(slots)
    out = []
    for _ in range(n):
        slot = draw(st.sampled_from([None, *free])) if free else None
        if slot:
            free.remove(slot)
        photos = draw(st.sampled_from([(), (None,), (1,), (2, None), (None,) * 5, (1,) * 9, (None,) * 24]))
        body = paras(draw(st.integers(1, 8)), draw(st.sampled_from([1, 4, 12])))
        out.append(Art(body, photos, slot))
    return tuple(out)


@st.composite
def shapes(draw) -> Shape:
    pages = []
    for k in range(draw(st.integers(1, 3))):
        tpl = draw(st.sampled_from(list(TEMPLATES)))
        pages.append(Pg(tpl, draw(arts(TEMPLATES[tpl])), editor=draw(st.sampled_from([None, "[张三, 李四]"])),
                        title=draw(st.sampled_from(["要闻", LONG_TITLE * 2]))))
    margins = draw(st.sampled_from([None, (15, 17, 16, 15), (60, 60, 15, 15), (130, 130, 20, 20), (8, 8, 60, 60)]))
    return Shape(tuple(pages), base=draw(st.sampled_from(["a4-3col", "tabloid-4col"])),
                 name=draw(st.sampled_from(["测试院报", "很长的报名" * 6, "很长的报名" * 40])), margins_mm=margins,
                 masthead_lines=draw(st.sampled_from([None, None, 3, 30])))


@settings(max_examples=14, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(shapes())
def test_every_character_and_photo_is_accounted_for(shape: Shape) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_shape(Path(tmp), shape)
        try:
            result = compose_shape(root)
        except InputError as exc:
            # only a layout that can never print anything is refused, and the error names its key
            assert exc.key in ("page.margins", "grid.columns"), str(exc)
            return
        assert_accounted(shape, result)


# --- page headers: every editor printed, no text over another ---------------------------------------

LONG_TITLE = "这是一个特别特别长的版面名称用来测试"


def _boxes_overlap(a: dict, b: dict, tol: float = 0.5) -> bool:
    return min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > tol and \
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > tol


@pytest.mark.parametrize("base", ["a4-3col", "tabloid-4col"])
def test_page_headers_print_every_editor_and_never_overprint(tmp_path: Path, base: str) -> None:
    """Only the first line of the header's info was printed (a list of editors or a long title pushed the
    editors off it), and a long page title ran over the paper's name."""
    titles = ["综合", LONG_TITLE, LONG_TITLE * 2, LONG_TITLE * 5, "综合"]
    editors = ["[张三, 李四, 王五]", "[张三, 李四, 王五]", "赵六", "[钱七, 孙八]", "[" + ", ".join(["周九"] * 12) + "]"]
    pages = [Pg("front", (Art(paras(1)),))] + [Pg("inner", (Art(paras(1)),), editor=e, title=t)
                                               for t, e in zip(titles, editors)]
    shape = Shape(tuple(pages), base=base, name="测试院报大医院")
    result = compose_shape(write_shape(tmp_path, shape))
    assert_accounted(shape, result)
    with pdfplumber.open(result.pdf) as pdf:
        for k, (title, editor) in enumerate(zip(titles, editors), start=2):
            rule = next(it for it in result.doc.pages[k - 1].items if isinstance(it, RuleItem))
            chars = [c for c in pdf.pages[k - 1].chars if c["bottom"] <= rule.y1_pt + 0.5 and c["text"].strip()]
            text = "".join(c["text"] for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])))
            names = editor.strip("[]").split(", ")
            for want in (f"第{k}版", f"{title}{k}", "测试院报大医院", "责任编辑：" + "".join(names)):
                assert want in text, (k, want, text)
            clashes = [(a["text"], b["text"]) for i, a in enumerate(chars) for b in chars[i + 1:] if _boxes_overlap(a, b)]
            assert not clashes, (k, clashes[:5])
            x0, _, width, _ = result.doc.pages[k - 1].type_area
            assert all(x0 - 0.5 <= c["x0"] and c["x1"] <= x0 + width + 0.5 for c in chars), k  # inside the margins
