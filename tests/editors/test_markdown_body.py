"""Markdown an editor uses, all of it set and none of it printed raw (issue 10, point 2): hard line
breaks, raw HTML reported and set as its text; read back from the PDF the CLI composes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from mdbodykit import article, compose, text

from issuepress.load.markdown import parse_body
from issuepress.load.normalise import Normaliser

EM = 9.0  # the A4 layout's body size (小五), pt
POS = 0.05  # pt: positions read back from the PDF agree to this

ADDRESS = ("地址：云岭市人民路一号\\\n"
           "电话：一二三四五六七八  \n"
           "邮编：六五零零零零，这里是一段很长的文字，用于测试软换行是否仍然连接起来，以及两端对齐是否仍然有效\n"
           "继续一行，把这一段拉得更长一些，好让它在栏里折成好几行。\n")


def test_hard_breaks_start_new_lines_at_the_column_edge(tmp_path: Path) -> None:
    out = compose(tmp_path, {"a.md": article(ADDRESS)})
    lines = out.body_lines()
    assert text(lines[0]) == "地址：云岭市人民路一号"  # `\` at the line end: the line ends there
    assert text(lines[1]) == "电话：一二三四五六七八"  # two trailing spaces: likewise
    assert text(lines[2]).startswith("邮编：")
    # the first line has the paragraph's 2 em indent; the broken lines start at the column's left edge
    edge = lines[0][0].x0 - 2 * EM
    assert abs(lines[1][0].x0 - edge) < POS and abs(lines[2][0].x0 - edge) < POS
    assert lines[1][0].top > lines[0][0].top and lines[2][0].top > lines[1][0].top
    # the lines before a hard break are set as a last line: no space added between the characters
    for line in lines[:2]:
        steps = [b.x0 - a.x0 for a, b in zip(line, line[1:])]
        assert all(abs(s - EM) < POS for s in steps), steps
    # a soft break still joins: the paragraph's source lines run on
    flat = "".join(text(ln) for ln in lines)
    assert "有效继续一行" in flat
    assert not out.findings("markup-unsupported")  # Markdown's own breaks are no unsupported markup


HTML_BODY = ("第一段正文。\n\n"
             "第二段<span style=\"color:red\">红字</span> &amp; 结束。\n\n"
             "<div class=\"box\">\n块里的文字 &amp; &#x4E2D;文 &quot;引&quot;\n</div>\n")


def test_raw_html_is_set_as_its_text_and_reported_with_file_and_line(tmp_path: Path) -> None:
    out = compose(tmp_path, {"a.md": article(HTML_BODY)})
    found = out.findings("markup-unsupported")
    # the front matter takes lines 1–3: the span is on line 6, the div opens on line 8
    assert sorted(f["line"] for f in found) == [6, 8]
    for f in found:
        assert f["severity"] == "warning" and f["article"] == "articles/a.md" and f["page"] == 1
        assert f"articles/a.md line {f['line']}" in f["message"]
    flat = "".join(text(ln) for ln in out.body_lines())
    assert "第二段红字&结束。" in flat.replace(" ", "")
    assert "块里的文字&中文\"引\"" in flat.replace(" ", "")
    for raw in ("<", ">", "span", "style", "div", "&amp;", "&#", "&quot;"):
        assert raw not in flat, raw


# Lines an editor ends with a hard break: `\` or two spaces, then the next line of the paragraph.
LINE_TEXTS = st.text(alphabet="春眠不觉晓处闻啼鸟夜来风雨声花落知多少，。abc 12", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(LINE_TEXTS, st.sampled_from(("\\\n", "  \n", "\n"))), min_size=1, max_size=8))
def test_hard_breaks_lose_no_character(parts: list[tuple[str, str]]) -> None:
    """Every character of the source is in the paragraphs, a hard break as "\\n" where it was typed."""
    parts[-1] = (parts[-1][0], "\n")  # a `\\` ending the paragraph is a backslash (CommonMark), no break
    body = "".join(words + end for words, end in parts)
    blocks = parse_body(body, Normaliser())
    got = "".join(b.text for b in blocks)
    want = "".join(words + ("\n" if end != "\n" else "") for words, end in parts)
    # markdown trims the blanks at a line's ends; a trailing break makes no line
    assert "".join(got.split()) == "".join(want.split())
    assert got.count("\n") <= sum(1 for w, end in parts[:-1] if end != "\n" and w.strip())
    assert not got.startswith("\n") and not got.endswith("\n")


# ------------------------------------------------------------------------------------------------ verse

POEM = ("你在深夜的走廊里走过\n"
        "灯光把你的影子拉得很长很长，长得像一条没有尽头的河流，流过每一间病房\n"
        "你轻轻推开门\n"
        "\n"
        "春天来的时候\n"
        "你站在窗前\n"
        "数着楼下的玉兰\n")
STANZAS = [["你在深夜的走廊里走过", "灯光把你的影子拉得很长很长，长得像一条没有尽头的河流，流过每一间病房",
            "你轻轻推开门"], ["春天来的时候", "你站在窗前", "数着楼下的玉兰"]]
BASELINE = 14.0  # the A4 layout's grid step, pt


def test_verse_keeps_every_line_as_written_with_stanzas_a_grid_line_apart(tmp_path: Path) -> None:
    out = compose(tmp_path, {"a.md": article(POEM, front="style: verse\n")}, one_column=True)
    lines = out.body_lines()
    start = lines[0][0].x0
    # each source line begins a printed line at the verse indent; what does not fit goes on further in
    got: list[list[str]] = [[]]
    prev_top = None
    for ln in lines:
        if prev_top is not None and ln[0].top - prev_top > BASELINE + POS:
            assert abs(ln[0].top - prev_top - 2 * BASELINE) < POS  # one blank grid line between stanzas
            got.append([])
        else:
            assert prev_top is None or abs(ln[0].top - prev_top - BASELINE) < POS  # on the grid, no gaps
        prev_top = ln[0].top
        if abs(ln[0].x0 - start) < POS:
            got[-1].append(text(ln))
        else:
            assert ln[0].x0 > start + EM, (text(ln), ln[0].x0, start)  # the continuation hangs further in
            got[-1][-1] += text(ln)
    assert got == STANZAS
    long = [ln for ln in lines if text(ln) in STANZAS[0][1]]
    assert len(long) >= 2  # the long line did wrap
    # not justified: every Han character advances by exactly one em (no space added between them)
    for ln in lines:
        steps = [b.x0 - a.x0 for a, b in zip(ln, ln[1:]) if a.text not in "，。"]
        assert all(abs(s - EM) < POS for s in steps), (text(ln), steps)
    # the verse style's own indent (2 em in the A4 layout), no paragraph indent on top of it
    assert all(abs(ln[0].x0 - start) < POS or ln[0].x0 > start for ln in lines)


def test_verse_style_is_validated(tmp_path: Path) -> None:
    from robustkit import one_line, run_cli
    from mdbodykit import write_issue
    root = write_issue(tmp_path / "issue", {"a.md": article(POEM, front="style: poem\n")})
    result = run_cli("compose", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert "a.md" in line and "style" in line and "prose" in line and "verse" in line


VERSE_LINE = st.text(alphabet="春眠不觉晓处闻啼鸟夜来风雨声花落知多少，。！“”abc", min_size=1, max_size=40)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(VERSE_LINE.map(str.strip).filter(bool), min_size=1, max_size=5), min_size=1, max_size=4))
def test_verse_lines_come_back_as_written(stanzas: list[list[str]]) -> None:
    """Whatever the lines, a verse body gives one paragraph per stanza and its lines as typed."""
    body = "\n\n".join("\n".join(s) for s in stanzas) + "\n"
    blocks = parse_body(body, Normaliser(), verse=True)
    assert [b.text.split("\n") for b in blocks] == stanzas


# Made-up widths: every character one em of 10 pt, the engine's own rules on top (tests/text does the same).
SIZE = 10.0


@settings(max_examples=150, deadline=None)
@given(VERSE_LINE.map(str.strip).filter(bool), st.floats(8.0, 20.0), st.sampled_from((0.0, 1.0, 2.0)))
def test_a_hanging_indent_keeps_every_character_inside_the_measure(line: str, measure_em: float,
                                                                    start_em: float) -> None:
    from issuepress.text.paragraph import set_paragraph
    from issuepress.text.types import ParagraphSettings, StyledChar
    chars = [StyledChar(ch, "f", SIZE, (0.5 if ch.isascii() else 1.0) * SIZE, source=i) for i, ch in enumerate(line)]
    hang = (start_em + 2.0) * SIZE
    measure = measure_em * SIZE
    ps = ParagraphSettings(measure_pt=measure, indent_em=start_em, align="left", hang_pt=hang)
    lines = set_paragraph(chars, ps)
    assert "".join(ln.text for ln in lines) == line  # no character lost or doubled
    assert lines[0].indent_pt == start_em * SIZE or start_em * SIZE > measure - SIZE
    for ln in lines[1:]:
        assert ln.hung and ln.indent_pt == min(hang, measure - SIZE)
        box = ln.glyphs[0].x_pt + ln.glyphs[0].dx_pt
        assert box >= ln.indent_pt - 1e-6  # a continuation starts at the hang, never left of it
    for ln in lines:
        right = max(g.x_pt + g.width_pt for g in ln.glyphs)
        assert right <= measure + 1e-6 or len(ln.glyphs) == 1


# ------------------------------------------------------------------------------------------------ lists

NOTICE = ("各科室：\n\n"
          "一、体检时间为每个工作日上午，请各科室合理安排人员分批参加，不要集中在同一天前来。\n\n"
          "（一）参检人员须空腹，前一天晚上八点以后不再进食，当天早晨不要喝水。\n\n"
          "1、携带本人身份证和工作证，并在总台登记后领取体检表和号码牌。\n\n"
          "①请勿佩戴金属饰品，贵重物品请自行保管，体检中心不负保管责任。\n\n"
          "1. 体检结束后请将体检表交回总台，切勿自行带走，以免影响结果汇总。\n"
          "2. 如有疑问请致电健康管理中心，工作人员将在工作时间内答复。\n\n"
          "- 体检报告将在体检结束后十个工作日内发放到各科室。\n"
          "- 复查项目另行通知，请留意院内公告和科室转达的消息。\n")
# Each item's marker as printed and the first words of its text.
ITEMS = [("一、", "体检时间"), ("（一）", "参检人员"), ("1、", "携带本人"), ("①", "请勿佩戴"),
         ("1.", "体检结束"), ("2.", "如有疑问"), ("●", "体检报告"), ("●", "复查项目")]


def test_list_items_hang_their_lines_after_the_marker(tmp_path: Path) -> None:
    out = compose(tmp_path, {"a.md": article(NOTICE)}, one_column=True)
    lines = out.body_lines()
    edge = lines[0][0].x0 - 2 * EM  # 各科室： is a paragraph with the 2 em indent
    starts = [k for k, ln in enumerate(lines) if any(text(ln).startswith(m + w) for m, w in ITEMS)]
    assert len(starts) == len(ITEMS), [text(ln) for ln in lines]
    for n, (k, (marker, words)) in enumerate(zip(starts, ITEMS)):
        first = lines[k]
        assert text(first).startswith(marker + words)
        assert abs(first[0].x0 - edge) < 1.0 or marker == "（一）"  # the marker at the column edge, no indent
        after = first[len(marker)]  # the item's first character after the marker
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        wrapped = lines[k + 1:end]
        assert wrapped, f"{marker}: the test needs items that wrap"
        for ln in wrapped:
            assert abs(ln[0].x0 - after.x0) < POS, (marker, text(ln), ln[0].x0, after.x0)
    assert not out.findings("kinsoku")


def test_markdown_list_markers_stay_as_numbered() -> None:
    blocks = parse_body("3. 三\n4. 四\n\n- 甲\n  1) 子\n", Normaliser())
    assert [(b.marker, b.text, b.depth) for b in blocks] == [("3.", "三", 0), ("4.", "四", 0), ("●", "甲", 0),
                                                             ("1)", "子", 1)]


# ------------------------------------------------------------------------------------------------ notes

NOTES = ("院长在会上说[^1]，今年要建成胸痛中心^[国家级胸痛中心认证，二〇二六年申报。]，并启动新院区建设[^新院]。"
         "引文见**原文**和*讲话稿*[^1]。\n\n"
         "下一段正文，说明情况。\n\n"
         "[^1]: 见院办〔2026〕3号文件，全文印发各科室。\n"
         "[^新院]: 新院区位于城东，占地二百亩。\n")


def test_footnotes_are_numbered_in_the_text_and_set_at_the_story_end(tmp_path: Path) -> None:
    out = compose(tmp_path, {"a.md": article(NOTES, front="byline: 院办 张三\n")}, one_column=True)
    body = out.body_lines()
    notes = out.body_lines(sizes=(7.0, 8.0))
    flat = "".join(text(ln) for ln in body)
    assert "院长在会上说①，今年要建成胸痛中心②，并启动新院区建设③。" in flat
    assert "讲话稿①。" in flat  # a note referred to twice keeps its number
    assert [text(ln)[0] for ln in notes if text(ln)[0] in "①②③"] == ["①", "②", "③"]
    joined = "".join(text(ln) for ln in notes)
    assert "①见院办〔2026〕3号文件，全文印发各科室。" in joined
    assert "②国家级胸痛中心认证，二〇二六年申报。" in joined
    assert "③新院区位于城东，占地二百亩。" in joined
    # the notes follow the body, and the byline closes the story under them
    last_body = max(ln[0].top for ln in body if "（院办" not in text(ln))
    byline = [ln for ln in body if "院办张三" in text(ln)]
    assert byline and min(ln[0].top for ln in notes) > last_body
    assert byline[0][0].top > max(ln[0].top for ln in notes)
    everything = "".join(c.text for c in out.pages[0])
    for raw in ("[^", "^[", "%5E", "]:", "↩"):
        assert raw not in everything, raw
    assert not out.findings("markup-unsupported")


def test_a_footnote_without_text_or_reference_is_reported_and_kept(tmp_path: Path) -> None:
    body = "正文提到[^缺]。\n\n另一段。\n\n[^多]: 没有被引用的注释文字。\n"
    out = compose(tmp_path, {"a.md": article(body)})
    found = sorted((f["line"], f["message"]) for f in out.findings("markup-unsupported"))
    assert [line for line, _ in found] == [4, 8]
    assert "[^缺]" in found[0][1] and "[^多]" in found[1][1]
    everything = "".join(c.text for c in out.pages[0])
    assert "正文提到①。" in everything and "②没有被引用的注释文字。" in everything
    assert "[^" not in everything


# ------------------------------------------------------------------------------------------------ emphasis

def test_emphasis_is_set_in_kai_and_bold_stays_bold(tmp_path: Path) -> None:
    body = "这是正文，其中*强调的话*要用楷体，_另类写法_，同样如此，**加粗**照旧。\n"
    out = compose(tmp_path, {"a.md": article(body)})
    chars = [c for ln in out.body_lines() for c in ln]
    font = {c.text: c.font for c in chars}
    for ch in "强调的话另类写法":
        assert "WenKai" in font[ch], (ch, font[ch])
    for ch in "这是正文楷体照旧":
        assert "Serif" in font[ch] and "WenKai" not in font[ch], (ch, font[ch])
    assert "Bold" in font["加"] or "bold" in font["加"].lower()
    flat = "".join(c.text for c in chars)
    assert "*" not in flat and "_" not in flat


def test_strikethrough_is_reported_and_its_text_kept() -> None:
    norm = Normaliser()
    (par,) = parse_body("推送频率~~暂定两个小时一次~~另行通知。\n", norm)
    assert par.text == "推送频率暂定两个小时一次另行通知。"
    assert [(code, line) for code, line, _ in norm.findings] == [("markup-unsupported", 1)]
