"""Pipe tables are set as tables: cells in their cells between the rules, header bold in its row, columns in
order and aligned as the delimiter row says, rows on the baseline grid, no pipe printed, every character
printed or reported; in both built-in layouts. Read back from the PDF (pdfplumber chars, lines)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # `import tableskit` whatever pytest's import mode

from tableskit import (all_text, body_chars, compose_proof, pipe_table, plain, printed_chars,  # noqa: E402
                       read_tables, write_issue)

from issuepress.layout.table import MIN_CELL_EM  # noqa: E402
from issuepress.load.layout import load_layout  # noqa: E402
from issuepress.load.markdown import parse_body  # noqa: E402
from issuepress.load.normalise import Normaliser  # noqa: E402
from issuepress.model import Table  # noqa: E402
from issuepress.preflight.lines import NO_LINE_START  # noqa: E402

LAYOUTS = ("a4-3col", "tabloid-4col")
# Marks whose blank half is trimmed at a line end (their advance box is wider than what they occupy).
CLOSING = set("）》」』】〕，。、；：！？”’")

CLINIC = [["科室", "专家", "出诊时间"],
          ["心内科", "王建国", "周一上午、周三下午"],
          ["消化内科", "李秀英", "周二全天"],
          ["**呼吸内科**", "张伟", "周四上午，节假日停诊。遇到特殊情况另行通知，请以当日公告为准。"],
          ["骨科", "陈明", "`08:00-12:00`"]]
PRICES = [["项目", "单位", "价格（元）"],
          ["普通门诊挂号", "次", "1.00"],
          ["副主任医师", "次", "15.00"],
          ["主任医师", "次", "25.00"],
          ["知名专家（含网络预约号源，限额每日三十人，额满为止）", "次", "100.00"]]
ROSTER = [["科室", "周一", "周二", "周三", "周四", "周五", "周六", "周日"],
          ["心内科", "张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊"],
          ["急诊科", "黄涛", "周杰", "吴敏", "徐丽", "孙浩", "马骏", "朱琳"],
          ["儿科", "胡斌", "郭强", "何平", "高洁", "林峰", "罗琴", "梁宇"]]
TEXT = "根据医院工作安排，自四月一日起门诊部分专家出诊时间调整如下，请患者朋友相互转告。"
NOTICE = (f"{TEXT}\n\n{pipe_table(CLINIC, ['l', 'c', 'l'])}\n就诊请提前在医院微信公众号预约，按时到门诊二楼签到。"
          f"\n\n## 收费标准\n\n{pipe_table(PRICES, ['l', 'c', 'r'])}\n以上价格自四月一日起执行，由物价部门核定。\n")
DUTY = f"五一假期期间各科室值班安排如下，值班人员请保持通讯畅通。\n\n{pipe_table(ROSTER, ['l'] + ['c'] * 7)}\n" \
       "值班期间如遇突发情况，请立即向总值班报告。总值班电话：8888-1234。\n"
SOURCE = {"articles/a1.md": (NOTICE, (CLINIC, PRICES)), "articles/a2.md": (DUTY, (ROSTER,))}


def source_chars(body: str, tables) -> int:
    """Non-space characters a reader should find: the paragraphs and every cell, no markup."""
    prose = [ln for ln in body.split("\n") if not ln.startswith("|")]
    text = "".join(prose).replace("## ", "")
    return sum(1 for ch in text if not ch.isspace()) + sum(len(plain(c)) for t in tables for r in t for c in r)


@pytest.fixture(scope="module", params=LAYOUTS)
def notice(request, tmp_path_factory):
    layout = load_layout(request.param)
    root = write_issue(tmp_path_factory.mktemp(request.param), request.param, [[NOTICE, DUTY]])
    result = compose_proof(root)
    return layout, result, read_tables(result.pdf, layout.table.frame_pt)


def _find(tables, src):
    header = "".join(plain(c) for c in src[0])
    found = [t for t in tables if t.row_text(0) == header or "".join(
        ch["text"] for r in [0] for k, chs in t.cells.items() if k[0] == 0 for ch in chs) .replace(" ", "") == header]
    assert len(found) == 1, (header, [t.row_text(0) for t in tables])
    return found[0]


def _columns(t, ncols: int) -> list[tuple[float, float]]:
    """Column x-ranges of a table without upright rules: the gaps between the cells' characters."""
    spans = sorted((ch["x0"], ch["x1"]) for chs in t.cells.values() for ch in chs)
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    assert len(merged) == ncols, merged
    return [(a, b) for a, b in merged]


def _cell_text(t, src, r: int, c: int) -> str:
    if t.upright:
        return t.text(r, c)
    cols = _columns(t, len(src[0]))
    chs = [ch for k, chs in t.cells.items() if k[0] == r for ch in chs
           if cols[c][0] - 0.01 <= ch["x0"] and ch["x1"] <= cols[c][1] + 0.01]
    return "".join(ch["text"] for ch in chs).replace(" ", "")


def test_no_markup_is_printed(notice):
    _, result, _ = notice
    text = all_text(result.pdf)
    for mark in ("|", ":--", "-:", "---", "**", "`"):
        assert mark not in text, mark
    assert "8888-1234" in text and "08:00-12:00" in text


def test_every_cell_lies_in_its_cell_between_the_rules(notice):
    layout, result, tables = notice
    for _, (_, srcs) in SOURCE.items():
        for src in srcs:
            t = _find(tables, src)
            assert t.rows == len(src), (t.rows, len(src))
            for r, row in enumerate(src):
                for c, cell in enumerate(row):
                    assert _cell_text(t, src, r, c) == plain(cell), (r, c)
            # no character of a cell touches a rule: inside its row (and its column's rules) by half a rule
            for (r, c), chs in t.cells.items():
                for ch in chs:
                    assert t.ys[r] + t.weights[r] / 2 < ch["top"] and ch["bottom"] < t.ys[r + 1] - t.weights[r + 1] / 2
                    if t.upright:
                        # a closing mark at a line's end is trimmed to its inked half (clreq): its box may pass
                        right = ch["x1"] - (ch["size"] / 2 if ch["text"] in CLOSING else 0.0)
                        assert t.xs[c] + layout.table.frame_pt / 2 < ch["x0"] and right < t.xs[c + 1] - 0.1
            assert sum(len(v) for v in t.cells.values()) == sum(len(plain(c)) for row in src for c in row)


def test_header_row_is_bold_in_its_row_and_columns_keep_their_order(notice):
    _, _, tables = notice
    for src in (CLINIC, PRICES, ROSTER):
        t = _find(tables, src)
        header = [ch for k, chs in t.cells.items() if k[0] == 0 for ch in chs]
        assert header and all("Bold" in ch["fontname"] for ch in header)
        body = [ch for k, chs in t.cells.items() if k[0] > 0 and "**" not in src[k[0]][0] for ch in chs]
        assert body and not any("Bold" in ch["fontname"] for ch in body if ch["text"] in "".join(
            plain(c) for r in src[1:] for c in r if "**" not in c))
        # left to right: the first character of column c is left of the first of column c + 1, in every row
        for r in range(len(src)):
            firsts = []
            for c in range(len(src[0])):
                text = _cell_text(t, src, r, c)
                if text:
                    chs = [ch for k, chs in t.cells.items() if k[0] == r for ch in chs if ch["text"] == text[0]]
                    firsts.append(min(ch["x0"] for ch in chs))
            assert firsts == sorted(firsts), (r, firsts)


def test_numbers_align_as_the_delimiter_row_says(notice):
    """`--:` puts the prices flush right (their last digits in one upright line), `:-:` centres 单位."""
    _, _, tables = notice
    t = _find(tables, PRICES)
    rights, centres = [], []
    for r in range(1, len(PRICES)):
        row = sorted((ch for k, chs in t.cells.items() if k[0] == r for ch in chs), key=lambda ch: ch["x0"])
        price = [ch for ch in row if ch["text"] in "0123456789."]
        rights.append(max(ch["x1"] for ch in price))
        unit = [ch for ch in row if ch["text"] == "次"]
        centres.append((unit[0]["x0"] + unit[0]["x1"]) / 2)
    assert max(rights) - min(rights) < 0.2, rights
    assert max(centres) - min(centres) < 0.2, centres
    if t.upright:
        assert abs(t.xs[-1] - max(rights) - load_layout("a4-3col").table.padding_pt) < 0.3


def test_rows_are_whole_grid_lines_and_the_text_after_stays_on_the_grid(notice):
    layout, result, tables = notice
    B = layout.grid.baseline_pt
    origin = tables[0].ys[0]
    for t in tables:
        for y in t.ys:
            steps = (y - origin) / B
            assert abs(steps - round(steps)) < 0.01, (y, origin, B)
    body = body_chars(result.pdf, layout.styles["body"].size_pt, tables)
    assert len(body) > 60
    phases = {round(((ch["bottom"] - origin) / B) % 1, 2) % 1 for _, ch in body}
    assert len(phases) == 1, phases
    # text follows each table in the story: the closing sentences are printed and on the grid too
    assert any(ch["text"] == "核" for _, ch in body) and any(ch["text"] == "报" for _, ch in body)


def test_long_cell_wraps_inside_its_cell_and_keeps_clreq(notice):
    layout, _, tables = notice
    for src, (r, c) in ((PRICES, (4, 0)), (CLINIC, (3, 2))):
        t = _find(tables, src)
        chs = [ch for k, v in t.cells.items() if k[0] == r for ch in v]
        text = plain(src[r][c])
        mine = [ch for ch in chs if ch["text"] in text]
        tops = sorted({round(ch["top"], 1) for ch in mine})
        assert len(tops) >= 2, tops  # wrapped onto several lines, all inside the row (the cell test above)
        for top in tops:
            line = sorted((ch for ch in mine if round(ch["top"], 1) == top), key=lambda ch: ch["x0"])
            if t.upright:
                line = [ch for ch in line if t.xs[c] < ch["x0"] < t.xs[c + 1]]
            assert line[0]["text"] not in NO_LINE_START, "".join(ch["text"] for ch in line)


def test_tables_fit_their_column_and_the_wide_roster_spans_the_module(notice):
    """A roster of 科室 and seven days is too wide at 小五 for one column: it is set across the story's
    module at its foot (at 小五, every name and department whole), under the story's text, unreported."""
    layout, result, tables = notice
    codes = [f["code"] for f in result.report["findings"]]
    assert "kinsoku" not in codes and "line-past-edge" not in codes and "table-too-wide" not in codes
    col_w = _col_w(layout)
    for src in (CLINIC, PRICES):
        t = _find(tables, src)
        assert t.xs[-1] - t.xs[0] <= col_w + 0.1
    t = _find(tables, ROSTER)
    assert t.xs[-1] - t.xs[0] > 2 * col_w  # across the module's columns
    sizes = {round(ch["size"], 2) for chs in t.cells.values() for ch in chs}
    assert sizes == {layout.styles[layout.table.style].size_pt}
    for r in range(1, len(ROSTER)):
        for name in ROSTER[r]:
            chs = [ch for k, v in t.cells.items() if k[0] == r for ch in v if ch["text"] in name]
            assert len({round(ch["top"], 1) for ch in chs}) == 1, name
    # the story's own text stands above the table, not under or beside it; no column rule runs through it
    with pdfplumber.open(result.pdf) as pdf:
        page = pdf.pages[t.page - 1]
        last = [ch for ch in page.chars if ch["text"] in "畅报" and ch["size"] == layout.styles["body"].size_pt]
        through = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.05 and t.xs[0] < ln["x0"] < t.xs[-1]
                   and ln["top"] < t.ys[-1] - 0.1 and ln["bottom"] > t.ys[0] + 0.1
                   and not any(abs(ln["x0"] - x) < 0.05 for x in t.xs)]
    assert last and all(ch["bottom"] < t.ys[0] for ch in last)
    assert not through, through


def _col_w(layout) -> float:
    page_w = layout.page.width_pt - layout.page.margin_inside_pt - layout.page.margin_outside_pt
    return (page_w - (layout.grid.columns - 1) * layout.grid.gutter_pt) / layout.grid.columns


def test_wide_roster_in_a_one_column_slot_is_set_smaller_or_reported(tmp_path):
    """Where the story has one column only, the roster is set at table.min_size (六号) in it; the A4 column
    (161 pt) is too narrow even so: reported `table-too-wide` with file and line, 心内科 wrapped in its cell."""
    for name in LAYOUTS:
        root = write_issue(tmp_path / name, name, [[DUTY]], {
            "layouts/one.yaml": f"extends: {name}\nname: one\ntemplates:\n  inner:\n    slots:\n"
                                "      s: {column: 0, span: 1, line: 0}\n"})
        (root / "issue.yaml").write_text((root / "issue.yaml").read_text(encoding="utf-8")
                                         .replace(f"layout: {name}", "layout: layouts/one.yaml")
                                         .replace("- articles/a1.md", "- {file: articles/a1.md, slot: s}"),
                                         encoding="utf-8")
        result = compose_proof(root)
        layout = load_layout(name)
        t = _find(read_tables(result.pdf, layout.table.frame_pt), ROSTER)
        assert t.xs[-1] - t.xs[0] <= _col_w(layout) + 0.1
        assert {round(ch["size"], 2) for chs in t.cells.values() for ch in chs} == {layout.table.min_size_pt}
        wide = [f for f in result.report["findings"] if f["code"] == "table-too-wide"]
        if name == "a4-3col":
            assert len(wide) == 1 and "articles/a1.md, line 6:" in wide[0]["message"], wide
            assert wide[0]["severity"] == "warning"
        else:
            assert not wide
        assert printed_chars(result)["articles/a1.md"] == source_chars(DUTY, (ROSTER,))


# A school's weekly menu (seven columns: date, dish, ingredients and four nutrient figures), as schools
# send it: about 230 pt wide at 小五 without breaking a word, wider than either layout's column.
MENU = [["日期", "菜名", "配料", "能量", "蛋白质", "脂肪", "碳水化合物"]] + [
    [day if k == 0 else "", dish, parts, *(figures if k == 0 else ("", "", "", ""))]
    for day, figures, dishes in (("星期一4/24", ("688", "31", "15", "105"), (("红烧狮子头", "夹心肉90g"), ("白菜面筋", "大白菜100g 油面筋10g"))),
                                 ("星期二4/25", ("737", "32", "17", "113"), (("酱鸭腿", "鸭腿130g（可切块）"), ("肉末茄子", "茄子100g 青椒20g"))),
                                 ("星期三4/26", ("748", "31", "25", "99"), (("糖醋小排", "小排110g"), ("西葫芦炒蛋", "西葫芦100g 鸡蛋40g"))))
    for k, (dish, parts) in enumerate(dishes)]
MENU_TEXT = f"青浦区小学生营养午餐菜谱，本周菜谱如下。\n\n{pipe_table(MENU)}\n配送公司供货不足时，一周内菜谱可对调。\n"


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_wide_table_gets_a_module_as_wide_as_it_needs(tmp_path, name):
    """The menu is too wide for one column at 小五: the page gives its story a module two columns wide or
    more and sets the menu across it at 小五, every dish and figure whole, though a one-column module
    beside the other story would have held the text; nothing is reported."""
    other = "医院将继续开展健康教育进社区活动，普及慢病防治知识，提高居民健康素养。" * 12
    result = compose_proof(write_issue(tmp_path, name, [[MENU_TEXT, other]]))
    layout = load_layout(name)
    assert [f for f in result.report["findings"] if f["code"] == "table-too-wide"] == []
    t = _find(read_tables(result.pdf, layout.table.frame_pt), MENU)
    assert t.xs[-1] - t.xs[0] > 1.5 * _col_w(layout)
    assert {round(ch["size"], 2) for chs in t.cells.values() for ch in chs} == {layout.styles[layout.table.style].size_pt}
    for r, row in enumerate(MENU):
        for c, cell in enumerate(row):
            if cell and " " not in cell:
                chs = [ch for ch in t.cells.get((r, c), [])] if t.upright else \
                    [ch for k, v in t.cells.items() if k[0] == r for ch in v if ch["text"] in cell]
                assert len({round(ch["top"], 1) for ch in chs}) == 1, cell  # on one line


def test_a_wide_table_in_a_one_column_slot_keeps_columns_two_characters_wide(tmp_path):
    """Where the editor gives the menu one A4 column (161 pt), it is set at 六号, wrapped inside words, and
    no column is narrower than two characters: never a character a line. Reported as a warning."""
    root = write_issue(tmp_path, "a4-3col", [[MENU_TEXT]], {
        "layouts/one.yaml": "extends: a4-3col\nname: one\ntemplates:\n  inner:\n    slots:\n"
                            "      s: {column: 0, span: 1, line: 0}\n"})
    (root / "issue.yaml").write_text((root / "issue.yaml").read_text(encoding="utf-8")
                                     .replace("layout: a4-3col", "layout: layouts/one.yaml")
                                     .replace("- articles/a1.md", "- {file: articles/a1.md, slot: s}"), encoding="utf-8")
    result = compose_proof(root)
    layout = load_layout("a4-3col")
    t = _find(read_tables(result.pdf, layout.table.frame_pt), MENU)
    assert t.upright and t.xs[-1] - t.xs[0] <= _col_w(layout) + 0.1
    size = layout.table.min_size_pt
    assert {round(ch["size"], 2) for chs in t.cells.values() for ch in chs} == {size}
    for c in range(len(MENU[0])):
        assert t.xs[c + 1] - t.xs[c] - 2 * layout.table.padding_pt >= MIN_CELL_EM * size - 0.1, c
    for (r, c), chs in t.cells.items():  # a cell of two or more characters has a line of two at least
        lines = Counter(round(ch["top"], 1) for ch in chs if not ch["text"].isspace())
        if sum(lines.values()) >= 2:
            assert max(lines.values()) >= 2, (r, c, t.text(r, c))
    wide = [f for f in result.report["findings"] if f["code"] == "table-too-wide"]
    assert len(wide) == 1 and wide[0]["severity"] == "warning" and "broken inside words" in wide[0]["message"]
    assert printed_chars(result)["articles/a1.md"] == source_chars(MENU_TEXT, (MENU,))


def test_every_character_is_printed(notice):
    _, result, _ = notice
    printed = printed_chars(result)
    arts = {a["file"]: a for a in result.report["articles"]}
    for file, (body, tables) in SOURCE.items():
        assert arts[file]["overset_chars"] == 0 and arts[file]["status"] == "fit"
        assert printed[file] == source_chars(body, tables), file


@pytest.mark.parametrize("name", LAYOUTS)
def test_table_too_wide_for_the_page_is_reported_and_still_set(tmp_path, name):
    # thirty columns of Han text (no number glued to a classifier, which never breaks): too wide for the
    # whole page at 六号 with three characters to a column, narrow enough at one character
    han = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    wide = [[f"第{k}项指标" for k in han], [f"数值{k}甲乙丙丁" for k in han]]
    body = f"下表列出全部指标。\n\n{pipe_table(wide)}\n以上数据仅供参考。\n"
    result = compose_proof(write_issue(tmp_path, name, [[body]]))
    found = [f for f in result.report["findings"] if f["code"] == "table-too-wide"]
    assert len(found) == 1 and found[0]["article"] == "articles/a1.md", found
    assert "articles/a1.md, line 6:" in found[0]["message"], found  # 3 lines of front matter, text, blank
    # across the page, set inside it: its cells broken inside words, every column two characters wide at
    # 六号 where the page has room for that (a warning), else narrower, a character a line (an error)
    layout = load_layout(name)
    page_w = layout.page.width_pt - layout.page.margin_inside_pt - layout.page.margin_outside_pt
    floor = len(han) * (MIN_CELL_EM * layout.table.min_size_pt + 2 * layout.table.padding_pt)
    assert found[0]["severity"] == ("warning" if floor <= page_w else "error"), (floor, page_w, found)
    if floor > page_w:
        assert "narrower than 2 characters" in found[0]["message"]
    text = "".join(all_text(result.pdf).split())
    cells = Counter("".join(plain(c) for row in wide for c in row))
    assert "|" not in text and not cells - Counter(text)  # every cell character is printed
    arts = {a["file"]: a for a in result.report["articles"]}
    assert printed_chars(result)["articles/a1.md"] + arts["articles/a1.md"]["overset_chars"] == \
        source_chars(body, (wide,))


def test_overset_table_rows_are_counted(tmp_path):
    """A long price list in a slot too short for it: printed + overset = the source, row by row."""
    rows = [["项目", "价格"]] + [[f"第{k}号检查项目", f"{k * 3}.00"] for k in range(1, 80)]
    body = f"收费标准如下。\n\n{pipe_table(rows, ['l', 'r'])}\n"
    root = write_issue(tmp_path, "a4-3col", [[body]])
    layout = root / "layouts" / "short.yaml"
    layout.parent.mkdir()
    layout.write_text("extends: a4-3col\nname: short\ntemplates:\n  inner:\n    slots:\n"
                      "      s: {column: 0, span: 1, line: 0, lines: 20}\n", encoding="utf-8")
    (root / "issue.yaml").write_text((root / "issue.yaml").read_text(encoding="utf-8")
                                     .replace("layout: a4-3col", "layout: layouts/short.yaml")
                                     .replace("- articles/a1.md", "- {file: articles/a1.md, slot: s}"),
                                     encoding="utf-8")
    result = compose_proof(root)
    art = result.report["articles"][0]
    assert art["status"] == "overset" and art["overset_chars"] > 0
    assert printed_chars(result)["articles/a1.md"] + art["overset_chars"] == source_chars(body, (rows,))


def test_a_long_table_breaks_between_rows_with_two_rows_at_least_each_side(tmp_path):
    rows = [["日期", "讲座主题"]] + [[f"4月{k}日", f"第{k}讲 慢病管理与合理用药"] for k in range(1, 31)]
    body = f"健康讲座安排如下。\n\n{pipe_table(rows)}\n"
    result = compose_proof(write_issue(tmp_path, "a4-3col", [[body]]))
    assert "讲座主题" in "".join(all_text(result.pdf).split())
    layout = load_layout("a4-3col")
    step = (result.doc.pages[0].type_area[2] + layout.grid.gutter_pt) / layout.grid.columns
    legs: dict[tuple[int, int], list[str]] = {}
    for p in result.doc.pages:
        for it in p.items:
            if getattr(it, "role", "") == "table":
                legs.setdefault((p.number, int((it.x_pt - p.type_area[0]) // step)), []).append(it.line.text)
    assert len(legs) >= 2, legs  # the table runs on in the next column
    for texts in legs.values():
        assert len([t for t in texts if t.startswith("4月")]) >= 2
    assert printed_chars(result)["articles/a1.md"] == source_chars(body, (rows,))


def _leg_tops(pdf_path: Path, size_pt: float, step: float, left: float) -> dict[tuple[int, int], list[str]]:
    """Per (page, column): the lines of table text (characters at the cells' size) from the top, as read
    back from the PDF."""
    legs: dict[tuple[int, int], dict[float, list[dict]]] = {}
    with pdfplumber.open(pdf_path) as pdf:
        for pno, page in enumerate(pdf.pages, 1):
            for ch in page.chars:
                if abs(ch["size"] - size_pt) < 0.01 and not ch["text"].isspace():
                    col = int((ch["x0"] - left) // step)
                    legs.setdefault((pno, col), {}).setdefault(round(ch["top"], 1), []).append(ch)
    return {k: ["".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for _, line in sorted(v.items())]
            for k, v in legs.items()}


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_long_table_repeats_its_header_row_at_the_top_of_each_part(tmp_path, name):
    """A table broken to the next column or page is led there by its header row again (bold, in its row),
    as newspapers do; the header's characters count once among the article's characters."""
    rows = [["日期", "讲座主题"]] + [[f"4月{k}日", f"第{k}讲 慢病管理与合理用药"] for k in range(1, 41)]
    body = f"健康讲座安排如下。\n\n{pipe_table(rows)}\n讲座地点在门诊楼三楼会议室。\n"
    filler = "医院将继续开展健康教育进社区活动，普及慢病防治知识。" * 30
    result = compose_proof(write_issue(tmp_path, name, [[body, filler]]))
    layout = load_layout(name)
    page = result.doc.pages[0]
    step = (page.type_area[2] + layout.grid.gutter_pt) / layout.grid.columns
    size = layout.styles[layout.table.style].size_pt
    legs = {k: v for k, v in _leg_tops(result.pdf, size, step, page.type_area[0]).items()
            if any(t.startswith("4月") for t in v)}
    assert len(legs) >= 2, legs  # the table runs on in another column
    for key, lines in legs.items():
        table = [t for t in lines if t == "日期讲座主题" or t.startswith("4月")]  # not the story's prose
        assert table[0] == "日期讲座主题" and table[1].startswith("4月"), (key, table[:2])
        assert table.count("日期讲座主题") == 1, key
    # every row is printed once, in order, across the parts
    dates = [t[:t.index("日") + 1] for k in sorted(legs) for t in legs[k] if t.startswith("4月")]
    arts = {a["file"]: a for a in result.report["articles"]}
    assert dates == [f"4月{k}日" for k in range(1, len(dates) + 1)]
    with pdfplumber.open(result.pdf) as pdf:
        bold = [ch for p in pdf.pages for ch in p.chars if ch["text"] == "讲" and "Bold" in ch["fontname"]]
    assert len(bold) == len(legs)  # the header's 讲 (讲座主题) in bold in every part, set by its own style
    # each part's rows (the repeated header's too) are whole grid lines from one origin, and the running
    # text before, after and beside the table stays on the baseline grid
    B = layout.grid.baseline_pt
    tables = read_tables(result.pdf, layout.table.frame_pt)
    origin = tables[0].ys[0]
    assert all(abs((y - origin) / B - round((y - origin) / B)) < 0.01 for t in tables for y in t.ys)
    prose = body_chars(result.pdf, layout.styles["body"].size_pt, tables)
    assert any(ch["text"] == "议" for _, ch in prose)  # the sentence after the table (会议室) is among them
    assert len({round(((ch["bottom"] - origin) / B) % 1, 2) % 1 for _, ch in prose}) == 1
    assert printed_chars(result)["articles/a1.md"] + arts["articles/a1.md"]["overset_chars"] == \
        source_chars(body, (rows,))


def test_a_galley_repeats_the_header_row_on_every_page_a_table_runs_onto(tmp_path):
    from click.testing import CliRunner

    from issuepress.cli import main
    rows = [["日期", "讲座主题"]] + [[f"4月{k}日", f"第{k}讲 慢病管理与合理用药"] for k in range(1, 91)]
    art = tmp_path / "a.md"
    art.write_text(f"---\ntitle: 讲座安排\n---\n健康讲座安排如下。\n\n{pipe_table(rows)}\n讲座地点在三楼会议室。\n",
                   encoding="utf-8")
    res = CliRunner().invoke(main, ["galley", str(art), "-o", str(tmp_path / "g.pdf")])
    assert res.exit_code == 0, res.output
    with pdfplumber.open(tmp_path / "g.pdf") as pdf:
        pages = [[ln.replace(" ", "") for ln in (p.extract_text() or "").split("\n")] for p in pdf.pages]
    assert len(pages) >= 3
    for lines in pages:
        table = [ln for ln in lines if ln == "日期讲座主题" or ln.startswith("4月")]
        assert table and table[0] == "日期讲座主题", lines[:3]


def test_table_in_a_list_or_quote_is_a_table_and_an_escaped_pipe_is_text(tmp_path):
    src = "- 第一项\n\n  | 甲 | 乙 |\n  |---|--:|\n  | A\\|B | **2** |\n\n> | 丙 | 丁 |\n> |---|---|\n> | 3 | 4 |\n"
    norm = Normaliser()
    tables = [b for b in parse_body(norm.clean_source(src), norm) if isinstance(b, Table)]
    assert [t.text for t in tables] == ["甲乙A|B2", "丙丁34"]
    assert tables[0].aligns == ("left", "right") and tables[0].rows[1].cells[1][0].bold
    result = compose_proof(write_issue(tmp_path, "a4-3col", [[src]]))
    read = read_tables(result.pdf, load_layout("a4-3col").table.frame_pt)
    assert sorted(t.row_text(1) for t in read) == ["34", "A|B2"]
    assert [f for f in result.report["findings"] if f["code"] in ("table-too-wide", "kinsoku")] == []


def test_column_widths_short_columns_keep_their_width_text_columns_share_the_rest():
    """distribute(): what a typesetter does with 周一-like columns beside a column of text."""
    from issuepress.layout.table import distribute
    assert distribute([18.0, 18.0, 120.0], [18.0, 18.0, 27.0], 100.0) == [18.0, 18.0, 64.0]
    # with room to spare every column grows by its share of it
    assert distribute([10.0, 30.0], [10.0, 30.0], 80.0) == [20.0, 60.0]
    # a text column never under its least width: the other text column gives way
    got = distribute([200.0, 40.0, 400.0], [27.0, 40.0, 27.0], 120.0)
    assert got[1] == 40.0 and abs(sum(got) - 120.0) < 1e-9 and min(got[0], got[2]) >= 27.0
