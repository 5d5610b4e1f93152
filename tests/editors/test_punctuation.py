"""Stray half-width punctuation (issue 10, point 3): found beside Han with file and line, warned about by
default, set full-width on request, and Latin text, numbers, addresses and code left as typed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from issuepress.load.article import load_article
from issuepress.load.punctuation import FULL, MARKS, QUOTES, analyse, apply, fix, protected_spans
from punctkit import (CAPTION, FRONT, KEPT, PARAGRAPHS, SEEDS, STRAY, baseline_grid_faults, compose, describe,
                      e2e_compose, flat, justification, kinsoku_faults, normalised_of, one_line, pdf_pages_text,
                      punct_findings, run_cli, write_phone_issue)

CODE = "halfwidth-punctuation"


def fixed(text: str, markdown: bool = True) -> str:
    return fix(text, markdown)[0]


def undecided(text: str, markdown: bool = True) -> list[str]:
    return [text[m.at] for m in fix(text, markdown)[1] if m.full is None]


# ------------------------------------------------------------------------------------- the string functions


@pytest.mark.parametrize("typed, want", PARAGRAPHS, ids=[f"paragraph{i + 1}" for i in range(len(PARAGRAPHS))])
def test_phone_paragraphs_are_set_full_width(typed: str, want: str) -> None:
    assert fixed(typed) == want
    assert undecided(typed) == []


@pytest.mark.parametrize("typed, want", [
    ("医院,今天", "医院，今天"),
    ("医院, 今天", "医院，今天"),  # the space typed after the comma goes with it (the mark has its own blank)
    ("医院 ,今天", "医院，今天"),
    ("真的吗??", "真的吗？？"),  # a run of marks is decided as one
    ("太好了!!!", "太好了！！！"),
    ("注意;以下", "注意；以下"),
    ("Hello, 世界", "Hello，世界"),  # a Latin word inside a Chinese sentence: the sentence's mark is Chinese
    ("**医院**,今天", "**医院**，今天"),  # emphasis markers are not printed: the comma is between Han
    ("“好”,他说", "“好”，他说"),
    ("他说\"Hello world\"然后", "他说“Hello world”然后"),
])
def test_marks_beside_han_become_full_width(typed: str, want: str) -> None:
    assert fixed(typed) == want


@pytest.mark.parametrize("typed", [
    "价格1,000元", "涨幅3.5%", "上午8:30开始", "比分1:2落后", "2026.3.5出版",  # numbers
    "网址https://www.example.cn/a?b=1,c=2&d=(3)", "见www.example.cn/x?y=1", "邮箱a.b@example.cn",  # addresses
    "附件plan-2026.pdf", "照片.jpg", "域名云岭医院.cn",  # file names, a domain after Han
    "e.g., U.S. Army", "Dr. Smith",  # abbreviations
    "`a,b;c`", "[官网](https://x.cn/a,b \"标题\")", "![图](images/x.jpg)",  # Markdown: code, link address, image
    "[^1]: 注释", "1) 第一条", "&amp;中文", "\\,中文",  # footnote definition, list marker, entity, escape
    "Hello, world. How are you?",
    "乌格德乐呼, 刘瑞剑. 低功率HoLEP在治疗良性前列腺增生的研究进展[J]. 临床个性化医学, 2025, 4(1): 827-833.",
])
def test_latin_numbers_addresses_code_and_references_are_left_alone(typed: str) -> None:
    assert fixed(typed) == typed
    assert undecided(typed) == []


def test_url_inside_chinese_keeps_its_query_and_gives_up_the_comma_after_it() -> None:
    assert fixed("网站https://www.example.cn/a?b=1,欢迎访问") == "网站https://www.example.cn/a?b=1，欢迎访问"
    # the sentence's stop after an address is the sentence's, the address keeps its own dots
    assert fixed("详见https://www.云岭医院.cn/news.html.") == "详见https://www.云岭医院.cn/news.html。"


def test_english_sentence_quoted_in_chinese_keeps_its_own_marks() -> None:
    typed = '他说:"I love Beijing, and Shanghai."然后走了.'
    assert fixed(typed) == "他说：“I love Beijing, and Shanghai.”然后走了。"


def test_nested_quotes_pair_inside_out() -> None:
    assert fixed("他说:\"我听到'好'了\"") == "他说：“我听到‘好’了”"
    assert fixed("don't 说'好'") == "don't 说‘好’"  # an apostrophe is never a quote


def test_traditional_quotes_are_corner_brackets_by_depth() -> None:
    """繁體 quotes with 「」 and 『』 inside them, whichever ASCII mark was typed; a pair inside corner
    brackets typed full-width is one level deeper. Simplified keeps “” ‘’."""
    def hant(text: str) -> str:
        return fix(text, True, traditional=True)[0]

    assert hant('他說:"我聽到\'好\'了"') == "他說：「我聽到『好』了」"
    assert hant("他說'好'") == "他說「好」"  # a single-quote pair outside any other is the outer quote
    assert hant('「他說"好"」') == "「他說『好』」"
    assert hant('"開始"和"結束"') == "「開始」和「結束」"
    assert hant('他說"好') == '他說"好'  # unpaired: as typed, still reported
    assert fixed('他说:"我听到\'好\'了"') == "他说：“我听到‘好’了”"
    # one for one: each quote made full-width is one mark, and the rest of the text as typed
    typed = '居民話:"大廈成日整𨋢,其實\'整𨋢\'唔緊要."'
    assert len(hant(typed)) == len(typed) and hant(typed) == "居民話：「大廈成日整𨋢，其實『整𨋢』唔緊要。」"


@pytest.mark.parametrize("lang, default, quotes", [
    ("zh-HK", None, "「」『』"), ("zh-Hant", "zh-Hans", "「」『』"), (None, "zh-TW", "「」『』"),
    ("zh-Hans", "zh-Hant", "“”‘’"), (None, None, "“”‘’")])
def test_fix_quotes_in_the_article_language(tmp_path: Path, lang: str | None, default: str | None,
                                            quotes: str) -> None:
    """The article's own `lang` decides, else the issue's (default_lang); body, title and notes alike."""
    front = f"lang: {lang}\n" if lang else ""
    p = _article(tmp_path, f"---\n{front}title: '居民話:\"又壞𨋢\"'\n---\n他說:\"其實'整𨋢'唔緊要.\"\n")
    art = load_article(p, tmp_path, "fix", default_lang=default)
    o, c, io, ic = quotes
    assert art.title == f"居民話：{o}又壞𨋢{c}"
    assert art.blocks[0].text == f"他說：{o}其實{io}整𨋢{ic}唔緊要。{c}"
    assert f"\" → {o}" in "".join(art.normalised) and f"' → {io}" in "".join(art.normalised)
    assert art.findings == ()


def test_quotes_alternate_within_a_paragraph_not_across() -> None:
    # a paragraph per unit: the body pass checks each separately, so a stray quote does not flip the next one
    assert fixed('"开始"和"结束"') == "“开始”和“结束”"
    assert fixed('他说"好') == '他说"好'
    assert undecided('他说"好') == ['"']


def test_bracket_with_latin_inside_next_to_han_is_full_width() -> None:
    """(HoLEP) touching Han outside is part of the Chinese sentence (GB/T 15834: full-width brackets);
    a bracket in Latin text (f(x), (1)) or set off from the Chinese by spaces stays as typed."""
    assert fixed("剜除术(HoLEP)是") == "剜除术（HoLEP）是"
    assert fixed("采用 (HoLEP) 技术") == "采用 (HoLEP) 技术"  # set off by spaces: the Latin text's own
    assert fixed("f(x) = 2x") == "f(x) = 2x"
    assert fixed("(见图(a))") == "（见图（a））"


def test_dot_is_a_stop_only_at_a_sentence_end_after_han() -> None:
    assert fixed("出院了.") == "出院了。"
    assert fixed("出院了.\n下一段") == "出院了。\n下一段"
    assert fixed("“出院了”.") == "“出院了”。"
    assert fixed("照片.jpg") == "照片.jpg"
    assert fixed("好的...") == "好的..."  # an ellipsis has no one-for-one form (……): reported, kept
    assert undecided("好的...") == ["."]
    assert fixed("一.概况") == "一.概况"  # an item's number (一、 is meant), not a sentence end
    assert undecided("一.概况") == ["."]


def test_unpaired_bracket_beside_han_is_reported_not_changed() -> None:
    assert fixed("见附件1)说明") == "见附件1)说明"
    assert undecided("见附件1)说明") == [")"]


def test_spaces_at_a_line_start_or_end_stay() -> None:
    """Markdown reads them: indentation, and two spaces before a line break."""
    assert fixed("医院,  \n今天") == "医院，  \n今天"
    assert fixed("    (注)说明") == "    （注）说明"


# ------------------------------------------------------------------------------------- properties

_ALPHABET = "医院今天他说好的一二三中文" "abcXYZ" "0123" " \n" ",.:;?!()\"'" "，。“”" "/@%-"
_FORMS = {ch: {full} for ch, full in FULL.items()} | {ch: set(pair) for ch, pair in QUOTES.items()}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_fix_replaces_marks_one_for_one_and_nothing_else(text: str) -> None:
    """Every character that is not a replaced mark comes out unchanged and in order; a replaced mark becomes
    one of its full-width forms; the only characters dropped are word spaces beside a replaced mark."""
    out, marks = fix(text)
    replaced = {m.at: m.full for m in marks if m.full is not None}
    dropped = {j for m in marks if m.full is not None for j in m.spaces}
    for m in marks:
        assert text[m.at] == m.ch and m.ch in MARKS
        if m.full is not None:
            assert m.full in _FORMS[m.ch]
    for j in dropped:
        assert text[j] == " " and j not in replaced
        # the dropped space touches a replaced mark through other spaces only
        near = [k for k in replaced if all(text[x] == " " for x in range(min(j, k) + 1, max(j, k)))]
        assert near, (text, j)
    kept = [(i, ch) for i, ch in enumerate(text) if i not in dropped]
    assert len(out) == len(kept)
    for (i, ch), got in zip(kept, out):
        assert got == (replaced[i] if i in replaced else ch), (text, i)
    assert apply(text, marks) == out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
@example("。0!\n:")  # the `:` sees the `!` made full-width before it only on a second fix, once
@example("' :一'")  # single quotes pair as double quotes do, by alternation, whatever a fix changes beside them
@example("()* :一")  # a space is not dropped where it keeps a bracket from touching Chinese
def test_fix_is_idempotent(text: str) -> None:
    once = fixed(text)
    assert fixed(once) == once
    assert [m for m in fix(once)[1] if m.full is not None] == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_no_clause_mark_stays_between_two_han_characters(text: str) -> None:
    assert not STRAY.search(fixed(text, markdown=False)), fixed(text, markdown=False)


def test_protected_spans_cover_the_whole_address() -> None:
    text = "见https://www.example.cn/a?b=1,今天"
    (s, e), = protected_spans(text)
    assert text[s:e] == "https://www.example.cn/a?b=1"
    assert analyse(text, [(0, len(text))]) == ()  # nothing inside a protected span is looked at


# ------------------------------------------------------------------------------------- the loader's finding


def _article(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "articles" / "x.md"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_one_finding_per_article_names_file_line_counts_and_places(tmp_path: Path) -> None:
    body = "第一段没有问题。\n\n第二段:医院,今天,明天.\n\n```\n代码,不算\n```\n\n他说\"好\""
    p = _article(tmp_path, f"---\ntitle: 标题,无误\nsubtitle: 副题\n---\n{body}\n")
    art = load_article(p, tmp_path)
    assert len(art.findings) == 1
    f = art.findings[0]
    assert f.code == CODE and f.line == 2  # the title's line comes first
    msg = f.message
    assert msg.startswith("articles/x.md line 2: 7 half-width marks (, ×3, \" ×2, . ×1, : ×1)"), msg
    assert 'line 2 "标题,无误"' in msg and 'line 7 "二段:医院"' in msg and "and 4 more" in msg
    assert "代码" not in msg  # fenced code is left alone
    # the default keeps the text as typed
    assert art.title == "标题,无误"
    assert art.blocks[1].text == "第二段:医院,今天,明天."
    assert art.normalised == ()


_CLEAN_FRONT = {"kicker": "引题", "title": "标题", "subtitle": "副题", "byline": "记者 王李", "note": "注三",
                "caption": "图为现场", "credit": "摄影张", "credits": "宋王"}
_FRONT_LINES = ("kicker: {kicker}\ntitle: {title}\nsubtitle: {subtitle}\nbyline: {byline}\nnote: {note}\n"
                "photos:\n  - src: images/a.jpg\n    caption: {caption}\n    credit: {credit}\n"
                "credits:\n  策划: {credits}\n")


@pytest.mark.parametrize("key, dirty, line", [
    ("kicker", "引题:一", 2), ("title", "标题,无误", 3), ("subtitle", "副题(二)", 4), ("byline", "记者 王,李", 5),
    ("note", "注:三", 6), ("caption", "图为,现场", 9), ("credit", "摄影:张", 10), ("credits", "宋,王", 12),
])
def test_every_text_of_an_article_is_checked(tmp_path: Path, key: str, dirty: str, line: int) -> None:
    front = _FRONT_LINES.format(**(_CLEAN_FRONT | {key: dirty}))
    p = _article(tmp_path, f"---\n{front}---\n正文。\n")
    found = load_article(p, tmp_path).findings
    assert len(found) == 1 and found[0].line == line, found
    assert found[0].message.startswith(f"articles/x.md line {line}: "), found[0].message


def test_clean_copy_gives_no_finding(tmp_path: Path) -> None:
    p = _article(tmp_path, "---\ntitle: 标题：无误\n---\n价格1,000元，时间8:30，网址https://a.cn/x?y=1。\n")
    assert load_article(p, tmp_path).findings == ()


# ------------------------------------------------------------------------------------- end to end


@pytest.mark.parametrize("layout", ["a4-3col", "tabloid-4col"])
def test_default_keeps_the_marks_and_warns(tmp_path: Path, layout: str) -> None:
    root = write_phone_issue(tmp_path / "issue", layout)
    report, text = compose(root)
    found = punct_findings(report)
    assert len(found) == 1, report["findings"]
    f = found[0]
    assert f["severity"] == "warning" and f["article"] == "articles/phone.md" and f["page"] == 1
    first_line = 2  # the kicker
    assert f["message"].startswith(f"articles/phone.md line {first_line}: "), f["message"]
    assert re.search(r": (\d+) half-width marks \(", f["message"])
    assert report["summary"]["warnings"] >= 1
    # printed as typed: the half-width marks are on the page, between Han characters
    assert STRAY.search(text), text
    for typed, _ in PARAGRAPHS:
        assert flat(typed) in text
    assert normalised_of(report) == []


# ------------------------------------------------------------------------------------- fix


def test_fix_sets_every_text_full_width_and_notes_each_line(tmp_path: Path) -> None:
    body = "第一段没有问题。\n\n第二段:医院,今天,明天.\n\n```\n代码,不算\n```\n\n他说\"好"
    p = _article(tmp_path, f"---\ntitle: 标题,无误\nsubtitle: 副题\n---\n{body}\n")
    art = load_article(p, tmp_path, "fix")
    assert art.title == "标题，无误"
    assert art.blocks[1].text == "第二段：医院，今天，明天。"
    assert art.blocks[2].text == "代码,不算"  # fenced code as typed
    assert art.normalised == (
        'line 2: made 1 half-width mark full-width: , → ， ("标题,无误")',
        'line 7: made 4 half-width marks full-width: : → ： ("二段:医院"), , → ， ("医院,今天"), '
        ', → ， ("今天,明天"), . → 。 ("明天.")')
    # what has no certain form is still reported: the unpaired quote
    assert len(art.findings) == 1
    msg = art.findings[0].message
    assert msg.startswith('articles/x.md line 13: 1 half-width mark (" ×1) beside Chinese characters: '
                          'line 13 "他说"好"'), msg
    assert "no certain full-width form" in msg


def test_fix_of_clean_copy_changes_nothing(tmp_path: Path) -> None:
    text = "---\ntitle: 标题：无误\n---\n价格1,000元，时间8:30，网址https://a.cn/x?y=1。\n"
    art = load_article(_article(tmp_path, text), tmp_path, "fix")
    assert art.findings == () and art.normalised == ()
    assert art.blocks[0].text == "价格1,000元，时间8:30，网址https://a.cn/x?y=1。"


def _assert_fixed(report: dict, text: str) -> None:
    """What a reader of the fixed page gets: no ASCII clause mark between two Han characters, the full-width
    forms, every number, address and Latin sentence as typed, and each change listed in the report."""
    assert punct_findings(report) == [], report["findings"]
    assert not STRAY.search(text), STRAY.search(text)
    for _, want in PARAGRAPHS:
        assert flat(want) in text
    for key, (_, want) in FRONT.items():
        assert flat(want) in text, key
    for kept in KEPT:
        assert flat(kept) in text, kept
    for mark in "，。：；？！（）“”‘’":
        assert mark in text, mark
    notes = normalised_of(report)
    assert notes and all(re.match(r"line \d+: made \d+ half-width marks? full-width: ", n) for n in notes), notes
    lines = [int(re.match(r"line (\d+)", n).group(1)) for n in notes]
    assert lines == sorted(lines) and lines[0] == 2  # the kicker's line, first in the file
    made = sum(int(re.match(r"line \d+: made (\d+)", n).group(1)) for n in notes)
    texts = (*PARAGRAPHS, *FRONT.values(), CAPTION)
    assert made == sum(_ascii_marks(typed) - _ascii_marks(want) for typed, want in texts)


def _ascii_marks(text: str) -> int:
    return sum(text.count(c) for c in ",.:;?!()\"'")


@pytest.mark.parametrize("layout", ["a4-3col", "tabloid-4col"])
def test_fix_in_the_layout_sets_the_page_full_width(tmp_path: Path, layout: str) -> None:
    root = write_phone_issue(tmp_path / "issue", layout, punctuation="fix")
    report, text = compose(root)
    _assert_fixed(report, text)


@pytest.mark.parametrize("command", ["compose", "check"])
def test_fix_punctuation_flag_is_the_same_as_the_layout_key(tmp_path: Path, command: str) -> None:
    root = write_phone_issue(tmp_path / "issue", "tabloid-4col")
    if command == "compose":
        report, text = compose(root, "--fix-punctuation")
        _assert_fixed(report, text)
        return
    res = run_cli("check", root, "--json", "--fix-punctuation")
    report = json.loads(res.stdout)
    assert punct_findings(report) == [] and normalised_of(report), report
    res = run_cli("check", root, "--json")
    assert len(punct_findings(json.loads(res.stdout))) == 1


def test_galley_fix_punctuation(tmp_path: Path) -> None:
    root = write_phone_issue(tmp_path / "issue", "a4-3col")
    out = tmp_path / "g.pdf"
    res = run_cli("galley", root / "articles" / "phone.md", "-o", out, "--fix-punctuation")
    assert res.exit_code == 0, describe(res)
    text = flat("".join(pdf_pages_text(out)))
    assert not STRAY.search(text)  # (the galley's line numbers stand among the text: no longer runs compared)
    for mark in "，。：；？！（）“”":
        assert mark in text, mark
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    assert report["normalised"][0]["file"] == "phone.md" and report["normalised"][0]["changes"]
    res = run_cli("galley", root / "articles" / "phone.md", "-o", out)
    assert res.exit_code == 0 and "warning: halfwidth-punctuation: " in res.stdout, describe(res)


def test_punctuation_key_takes_keep_or_fix(tmp_path: Path) -> None:
    root = write_phone_issue(tmp_path / "issue", "a4-3col", punctuation="fixed")
    res = run_cli("compose", root, "-o", tmp_path / "x.pdf")
    assert res.exit_code == 2, describe(res)
    line = one_line(res.stderr)
    assert "local.yaml" in line and "text.punctuation" in line and "keep, fix" in line, line


def test_seed_set_full_width_keeps_its_figures(tmp_path: Path) -> None:
    """jincheng-215 was typed with 300 half-width marks among its Chinese text (, : ; ( ) ! ?). Set
    full-width, its pages keep the seed's figures: no kinsoku, justified lines, every line on the grid."""
    c = e2e_compose("jincheng-fix", SEEDS / "jincheng-215", tmp_path, "--fix-punctuation")
    assert punct_findings(c.report) == []
    made = sum(int(m.group(1)) for e in c.report["normalised"] for n in e["changes"]
               if (m := re.match(r"line \d+: made (\d+) half-width", n)))
    assert made == 300
    assert all(a["status"] == "fit" for a in c.report["articles"])
    text = flat("".join(pdf_pages_text(c.pdf)))
    assert not STRAY.search(text), STRAY.search(text)
    assert kinsoku_faults(c.lines) == []
    assert baseline_grid_faults(c.lines, c.baseline) == []
    assert justification(c.lines, c.frames, c.baseline).ratio >= 0.99


def test_long_runs_of_marks_take_linear_time() -> None:
    """Runs of marks a broken paste can hold (commas, dots, brackets, link syntax, backticks): each was
    once walked again for every mark of the run, minutes for 20,000 of them."""
    import time

    runs = ["医" + "," * 20_000 + "院", "医" + "." * 20_000 + "院", "医" + "(" * 10_000 + ")" * 10_000,
            "](" * 10_000, "医" + "`" * 20_000, "a." * 10_000 + "@", "医\"" * 10_000, "一." * 10_000]
    start = time.perf_counter()
    for text in runs:
        out = fixed(text)
        assert len(out) == len(text)
    assert time.perf_counter() - start < 10.0  # linear: well under a second on an idle machine


@pytest.mark.parametrize("typed, want", [
    ("为什么选用 bizid?", "为什么选用 bizid？"),  # a Chinese question ending in a Latin word
    ("然后才能pull.  \n下一行", "然后才能pull。  \n下一行"),  # the two-space line break stays
    ("例如relable.添加label,修改", "例如relable。添加label，修改"),
    ("也可以使用`prometheus-spring-boot-starter`.", "也可以使用`prometheus-spring-boot-starter`。"),
    ("附上地址:[starter](https://github.com/a/b).欢迎参与!", "附上地址：[starter](https://github.com/a/b)。欢迎参与！"),
])
def test_a_chinese_sentence_ending_in_latin_code_or_a_link_takes_a_full_width_stop(typed: str, want: str) -> None:
    assert fixed(typed) == want


@pytest.mark.parametrize("typed", [
    "外籍专家Dr. Smith在", "我用iPhone. The end", "他说 Stay hungry!", "a science.", "C++.今天",
    "新細明體-ExtB 字型 (PMingLiU-ExtB) 才能顯示", "「𨳺」的編碼 (U+28CFA) 在",  # Latin set off by spaces
])
def test_latin_going_on_or_set_off_by_spaces_keeps_its_marks(typed: str) -> None:
    assert fixed(typed) == typed


def _editors_corpus() -> Path:
    """The corpus of what editors send (issue 10), wherever it is kept."""
    found = Path(__file__).resolve().parents[2] / "corpus" / "editors"
    assert found.is_dir(), "corpus/editors is missing"
    return found


def test_real_phone_copy_from_the_corpus(tmp_path: Path) -> None:
    """Two articles typed with ASCII marks (a WeChat feeds FAQ, a Prometheus how-to): warned about as
    typed; with --fix-punctuation no clause mark left between Han characters, and the times, numbers,
    addresses and code as typed."""
    root = tmp_path / "issue"
    (root / "articles").mkdir(parents=True)
    names = ("phone-wechat-feeds.md", "phone-prometheus.md")
    for name in names:
        (root / "articles" / name).write_bytes((_editors_corpus() / "articles" / name).read_bytes())
    (root / "issue.yaml").write_text(
        "paper: {name: 测试院报}\nissue: {number: 1, date: 2026-04-01}\nlayout: tabloid-4col\npages:\n"
        "  - title: 副刊\n    template: inner\n    articles: [articles/phone-wechat-feeds.md, articles/phone-prometheus.md]\n",
        encoding="utf-8")
    report, text = compose(root)
    warned = {f["article"]: f["message"] for f in punct_findings(report)}
    assert set(warned) == {f"articles/{n}" for n in names}
    assert 'line 4 "周知, 微"' in warned["articles/phone-wechat-feeds.md"]
    assert STRAY.search(text)
    report, text = compose(root, "--fix-punctuation")
    assert punct_findings(report) == []
    assert not STRAY.search(text), STRAY.search(text)
    assert "服务是否稳定？" in text and "众所周知，微信公众号" in text
    for kept in ("01,07,11,13,16,20,23", "8:30", "1607733000", "10000", "https://mp.weixin.qq.com/s/Beh1Lgmvtb29HIq2_v9Gpg",
                 "https://github.com/yunhorn/prometheus-spring-boot-starter"):
        assert flat(kept) in text, kept
    for name in names:
        assert normalised_of(report, f"articles/{name}"), name
