"""繁體 and the punctuation styles (issue 10, point 4): a zh-Hant / zh-HK article is set in the layout's
Traditional roles with centred (CNS) pause and stop marks, a Simplified one stays GB, side by side in
one issue; read back from the PDF (faces, the marks' ink, line starts and ends) and from the report."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from hantkit import base_font, compose, ink_centres, write_mixed_issue  # noqa: E402

from issuepress.fonts.langs import candidates, variant_role  # noqa: E402
from issuepress.text.classes import resolve  # noqa: E402
from issuepress.text.paragraph import set_paragraph  # noqa: E402
from issuepress.text.rules import NORMAL_BREAKS, gap_kinds  # noqa: E402
from issuepress.text.types import ParagraphSettings, StyledChar  # noqa: E402

SIZE = 10.0
CENTRED = "，。、：；！？"
# The rules restated independently of the engine's tables (clreq prohibition rules, basic level), with
# the quotes Taiwan and Hong Kong use: 「」『』, their vertical forms ﹁﹂﹃﹄ and 〝〞.
NO_START = "、，。．：；！？）〕］｝〗】》〉”’」』﹂﹄〞〟～·"
NO_END = "（〔［｛〖【《〈“‘「『﹁﹃〝"


def tc_chars(text: str) -> list[StyledChar]:
    """Characters as a Traditional face gives them: 1 em, the pause and stop marks drawn centred."""
    return [StyledChar(ch, "tc", SIZE, SIZE, source=i, centred=ch in CENTRED) for i, ch in enumerate(text)]


def gb_chars(text: str) -> list[StyledChar]:
    return [StyledChar(ch, "sc", SIZE, SIZE, source=i) for i, ch in enumerate(text)]


def one_line(chars: list[StyledChar], measure_em: float, align: str = "left"):
    lines = set_paragraph(chars, ParagraphSettings(measure_pt=measure_em * SIZE, indent_em=0.0, align=align))
    return lines


def box(g) -> tuple[float, float]:
    """A placed glyph's box on the line (pen x plus the blank cut on its left, and its width)."""
    return g.x_pt + g.dx_pt, g.x_pt + g.dx_pt + g.width_pt


# -- the text engine ------------------------------------------------------------------------------------


def test_a_centred_mark_gives_room_from_both_sides_and_its_ink_stays_in_the_middle() -> None:
    # 8 characters in 7.75 em: a quarter em must come from the comma (clreq takes commas before periods),
    # as much from its left as from its right
    text = "甲乙，丙丁。戊己"
    (line,) = one_line(tc_chars(text), 7.75, align="justify")
    assert line.text == text
    comma, stop = line.glyphs[2], line.glyphs[5]
    cut = SIZE - comma.width_pt
    assert cut == pytest.approx(0.25 * SIZE)
    assert comma.dx_pt == pytest.approx(cut / 2), "as much is cut on the left as on the right"
    left, right = box(comma)
    # the glyph's own em (its ink centred in it) keeps its middle in the middle of its box
    assert (left + right) / 2 == pytest.approx(comma.x_pt + SIZE / 2)
    assert stop.width_pt == pytest.approx(SIZE) and stop.dx_pt == 0
    assert max(box(g)[1] for g in line.glyphs) == pytest.approx(7.75 * SIZE)
    # squeezed to its least, a centred mark keeps half an em, its ink in the middle of it
    (tight,) = one_line(tc_chars(text), 7.0, align="justify")
    for g in (tight.glyphs[2], tight.glyphs[5]):
        assert g.width_pt == pytest.approx(SIZE / 2) and g.dx_pt == pytest.approx(SIZE / 4)


def test_a_gb_mark_gives_room_from_its_right_only() -> None:
    (line,) = one_line(gb_chars("甲乙，丙丁。戊己"), 7.75, align="justify")
    comma = line.glyphs[2]
    assert comma.dx_pt == 0 and comma.width_pt == pytest.approx(0.75 * SIZE)


def test_a_centred_mark_at_the_line_end_keeps_its_em_and_does_not_hang() -> None:
    # clreq: Taiwan and Hong Kong do not trim or hang their centred marks at a horizontal line end
    tc = [ln for ln in set_paragraph(tc_chars("甲乙丙丁。戊己"), ParagraphSettings(
        measure_pt=5 * SIZE, indent_em=0.0, hanging_punctuation=True))]
    assert tc[0].text == "甲乙丙丁。"
    last = tc[0].glyphs[-1]
    assert last.width_pt == pytest.approx(SIZE) and last.dx_pt == 0
    assert box(last)[1] == pytest.approx(5 * SIZE)
    gb = set_paragraph(gb_chars("甲乙丙丁。戊己"), ParagraphSettings(measure_pt=5 * SIZE, indent_em=0.0))
    assert gb[0].glyphs[-1].width_pt == pytest.approx(SIZE / 2), "GB: a line-end mark takes ½ em"


@pytest.mark.parametrize(("text", "em"), [
    ("」，", 1.5),  # a closing bracket before a centred mark gives its blank
    ("，「", 1.5),  # an opening bracket after one too
    ("。」", 2.0),  # a centred stop keeps its em before a bracket (CNS), as does
    ("？！", 2.0),  # a pair of centred marks
    ("』」", 1.5),  # brackets squeeze each other in every style
])
def test_adjacent_marks_in_traditional_text(text: str, em: float) -> None:
    (line,) = one_line(tc_chars("甲" + text + "乙"), 10)
    a, b = line.glyphs[1], line.glyphs[2]
    assert box(b)[1] - box(a)[0] == pytest.approx(em * SIZE)
    for g in (a, b):
        if g.ch in CENTRED:
            assert g.width_pt == pytest.approx(SIZE) and g.dx_pt == 0


# Marks with a blank half (or two quarters) to give; the vertical-form and double-prime quotes have none.
HALVES = CENTRED + "「」『』（）《》"
TOKENS = [*"的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就"] * 3 + [*CENTRED] * 2 + [
    *"「」『』﹁﹂﹃﹄〝〞（）《》"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=80), st.integers(3, 14))
def test_traditional_quotes_and_centred_marks_obey_line_start_and_end_rules(tokens: list[str], measure: int) -> None:
    text = "".join(tokens)
    chars = tc_chars(text)
    indent = 2.0
    lines = set_paragraph(chars, ParagraphSettings(measure_pt=measure * SIZE, indent_em=indent))
    assert "".join(ln.source_text for ln in lines) == text
    kinds = gap_kinds(list(text), resolve(list(text)), "basic")
    g = 0
    for ln, nxt in zip(lines, lines[1:]):
        assert max((box(x)[1] for x in ln.glyphs), default=0) <= measure * SIZE + 1e-6
        g += len(ln.source_glyphs)
        if not (text[g - 1] in NO_END or text[g] in NO_START):
            continue
        # a last resort only: inside a run without a normal break that is wider than the line even
        # with every mark squeezed to half an em
        u0 = max([0] + [i for i in range(1, g) if kinds[i] in NORMAL_BREAKS])
        u1 = min([len(text)] + [i for i in range(g + 1, len(text)) if kinds[i] in NORMAL_BREAKS])
        least = sum(0.5 if ch in HALVES else 1.0 for ch in text[u0:u1]) * SIZE
        avail = (measure - (indent if u0 == 0 else 0.0)) * SIZE
        assert least > avail - 1e-6, (text[u0:u1], [x.text for x in lines])


def test_traditional_tags_pick_their_roles() -> None:
    roles = {"song", "song@zh-Hant", "song@zh-HK"}
    assert variant_role("song", "zh-Hant", roles) == "song@zh-Hant"
    assert variant_role("song", "zh-TW", roles) == "song@zh-Hant"
    assert variant_role("song", "zh-HK", roles) == "song@zh-HK"
    assert variant_role("song", "zh-MO", roles) == "song@zh-HK"
    assert variant_role("song", "zh-HK", {"song", "song@zh-hant"}) == "song@zh-hant"
    for simplified in ("zh-Hans", "zh", "zh-CN", "zh-Hans-HK", "en", None):
        assert variant_role("song", simplified, roles) == "song"
    assert candidates("zh-Hant-HK") == ("zh-Hant-HK", "zh-HK", "zh-Hant")


# -- the mixed issue, read back ---------------------------------------------------------------------------

TC_FACES = ("NotoSerifCJKtc", "NotoSansCJKtc")
HK_FACES = ("NotoSerifCJKhk", "NotoSansCJKhk")
SC_FACES = ("NotoSerifCJKsc", "NotoSansCJKsc")
KAI = "LXGWWenKai"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory):
    root = write_mixed_issue(tmp_path_factory.mktemp("mixed") / "issue")
    return compose(root, root.parent / "out" / "mixed.pdf")


def drawn_lines(chars: list[dict]) -> list[list[dict]]:
    """The PDF's lines in drawing order: a line ends where the baseline changes or x goes back."""
    out: list[list[dict]] = []
    for c in chars:
        cur = out[-1] if out else None
        if cur and c["page"] == cur[-1]["page"] and abs(c["bottom"] - cur[-1]["bottom"]) < 0.5 \
                and c["x0"] >= cur[-1]["x0"] - 0.01 and c["x0"] - cur[-1]["x1"] < 3 * c["size"]:
            cur.append(c)
        else:
            out.append([c])
    return out


def article_lines(got, marker: str) -> list[list[dict]]:
    """The drawn lines of the module whose lines hold `marker`: lines in the same column band as a line
    holding it and from the same faces' language (found by the faces of the line holding it)."""
    lines = drawn_lines([c for c in got.chars if not c["text"].isspace()])
    hit = next(ln for ln in lines if marker in "".join(c["text"] for c in ln))
    fam = lang_family(hit)
    return [ln for ln in lines if lang_family(ln) == fam]


def lang_family(line: list[dict]) -> str:
    names = {base_font(c["fontname"]) for c in line}
    for tag, faces in (("tc", TC_FACES), ("hk", HK_FACES), ("sc", SC_FACES)):
        if any(n.startswith(faces) for n in names):
            return tag
    return "kai"


def test_each_article_is_set_in_its_own_language_faces(mixed) -> None:
    lines = drawn_lines([c for c in mixed.chars if not c["text"].isspace()])
    texts = {"".join(c["text"] for c in ln): {base_font(c["fontname"]) for c in ln} for ln in lines}

    def faces_of(fragment: str) -> set[str]:
        hits = [f for t, f in texts.items() if fragment in t]
        assert hits, fragment
        return set().union(*hits)

    # body, headline, kicker, subhead of the speech: Taiwan faces only
    for frag in ("追逐四月的和風", "校長在運動會", "賽場紀律"):
        assert all(f.startswith(TC_FACES) for f in faces_of(frag)), (frag, faces_of(frag))
    # its 楷 parts (note, caption, byline): LXGW WenKai for the Han, the centred marks from a TC face
    for frag in ("春季田徑運動會", "本文據校長現場致辭整理", "手機拍攝的發射塔"):
        faces = faces_of(frag)
        assert faces <= {f for f in faces if f.startswith((KAI, *TC_FACES))} and any(
            f.startswith(TC_FACES) for f in faces), (frag, faces)
    # the Hong Kong item: HK faces; the mainland item: SC faces
    for frag in ("社署宣布", "院舍設施", "2月1日起廣東院"):
        assert all(f.startswith(HK_FACES) for f in faces_of(frag)), (frag, faces_of(frag))
    for frag in ("今年3月5日是第22个", "我院团委"):
        assert all(f.startswith(SC_FACES) for f in faces_of(frag)), (frag, faces_of(frag))


def test_the_pause_and_stop_marks_are_centred_only_in_traditional_articles(mixed) -> None:
    ink = ink_centres(mixed.pdf)
    marks = [c for c in mixed.chars if c["text"] in "，。、"]
    seen = {"tc": 0, "hk": 0, "sc": 0}
    for c in marks:
        name = base_font(c["fontname"])
        share = ink[(name, c["text"])]
        if name.startswith(TC_FACES + HK_FACES):
            assert 0.4 <= share <= 0.6, (c["text"], name, share)
            seen["tc" if name.startswith(TC_FACES) else "hk"] += 1
        else:
            assert name.startswith(SC_FACES), name  # no mark of any article comes from WenKai
            assert share < 0.3, (c["text"], name, share)
            seen["sc"] += 1
    assert all(n >= 5 for n in seen.values()), seen
    # the TC article's own marks are its faces' centred ones (and the SC article's its own)
    tc_marks = [c for ln in article_lines(mixed, "追逐四月") for c in ln if c["text"] in "，。"]
    assert len(tc_marks) >= 10 and all(base_font(c["fontname"]).startswith(TC_FACES) for c in tc_marks)


def test_traditional_lines_obey_line_start_and_end_rules(mixed) -> None:
    checked = 0
    for fam in ("追逐四月", "社署宣布"):
        for ln in article_lines(mixed, fam):
            text = "".join(c["text"] for c in ln)
            if len(text) < 4:
                continue
            checked += 1
            assert text[0] not in NO_START, text
            assert text[-1] not in NO_END, text
    assert checked >= 20


def test_the_report_lists_the_faces_of_each_language(mixed) -> None:
    used = mixed.report["fonts_by_lang"]
    families = {lang: {f["family"] for f in faces} for lang, faces in used.items()}
    assert {"Noto Serif CJK TC", "Noto Sans CJK TC"} <= families["zh-Hant"]
    assert {"Noto Serif CJK HK", "Noto Sans CJK HK"} <= families["zh-HK"]
    assert {"Noto Serif CJK SC", "Noto Sans CJK SC"} <= families["zh-Hans"]
    assert not any("TC" in f or "HK" in f for f in families["zh-Hans"])
    assert not any("SC" in f for f in families["zh-Hant"] | families["zh-HK"])
    roles = {(f["role"], f["lang"]) for f in mixed.report["fonts"]}
    assert ("song@zh-Hant", "zh-Hant") in roles and ("song", "zh-Hans") in roles and ("kai@zh-HK", "zh-HK") in roles


def test_words_the_program_adds_are_in_the_articles_script(mixed) -> None:
    text = "".join(c["text"] for c in mixed.chars)
    # each story that jumps says so in its own script: 下轉 for the zh-Hant and zh-HK ones, 下转 for the rest
    traditional = {"articles/speech.md", "articles/rthk.md"}
    jumped = [a["file"] for a in mixed.report["articles"] if len(a["pages"]) > 1]
    assert set(jumped) & traditional, jumped
    assert text.count("（下轉第") == len(set(jumped) & traditional)
    assert text.count("（下转第") == len(set(jumped) - traditional)
    assert "編者按：本文據" in text


# -- issue.lang, a layout's own Traditional roles, a mistyped tag ---------------------------------------------

TINY_ISSUE = """\
paper:
  name: 測試院報
issue:
  number: 1
  date: 2026-04-01
  lang: zh-Hant
layout: layouts/mine.yaml
pages:
  - title: 要聞
    template: inner
    articles:
      - articles/a.md
      - articles/b.md
"""
# The designer sets Taiwan articles in the Hong Kong serif (a role of the layout's own), keeps the rest.
MY_LAYOUT = "extends: a4-3col\nfonts:\n  song@zh-Hant: [{family: Noto Serif CJK HK}]\n"


def write_tiny(root: Path, layout: str = MY_LAYOUT) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "layouts").mkdir()
    (root / "issue.yaml").write_text(TINY_ISSUE, encoding="utf-8")
    (root / "layouts" / "mine.yaml").write_text(layout, encoding="utf-8")
    (root / "articles" / "a.md").write_text("---\ntitle: 甲文\n---\n本期起，院報增設讀者來信專欄，歡迎投稿。\n",
                                            encoding="utf-8")
    (root / "articles" / "b.md").write_text("---\ntitle: 乙文\nlang: zh-Hans\n---\n本期起，院报增设读者来信专栏。\n",
                                            encoding="utf-8")
    return root


def test_issue_lang_is_the_default_and_a_layout_names_its_own_traditional_faces(tmp_path: Path) -> None:
    got = compose(write_tiny(tmp_path / "issue"), tmp_path / "out" / "t.pdf")
    lines = drawn_lines([c for c in got.chars if not c["text"].isspace()])
    faces = {"".join(c["text"] for c in ln): {base_font(c["fontname"]) for c in ln} for ln in lines}
    (a,) = [f for t, f in faces.items() if "院報增設" in t]
    (b,) = [f for t, f in faces.items() if "院报增设" in t]
    assert all(f.startswith("NotoSerifCJKhk") for f in a), a  # issue.lang zh-Hant, the layout's song@zh-Hant
    assert all(f.startswith("NotoSerifCJKsc") for f in b), b  # its own lang: zh-Hans wins
    assert [f["family"] for f in got.report["fonts_by_lang"]["zh-Hant"]][:1] == ["Noto Serif CJK HK"]


def test_a_mistyped_language_of_a_role_is_an_input_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from issuepress.cli import main

    root = write_tiny(tmp_path / "issue", "extends: a4-3col\nfonts:\n  song@zh-Hnat: [{family: Noto Serif CJK TC}]\n")
    res = CliRunner().invoke(main, ["compose", str(root), "-o", str(tmp_path / "o.pdf")])
    assert res.exit_code == 2, (res.stdout, res.stderr)
    (line,) = res.stderr.strip().splitlines()
    assert "mine.yaml" in line and "fonts.song@zh-Hnat" in line and "zh-Hnat" in line, line
    assert not (tmp_path / "o.pdf").exists()


def test_a_traditional_kai_role_takes_the_centred_marks_from_the_next_face() -> None:
    """LXGW WenKai (the 楷 face) draws ，。 in the mainland corner: a zh-Hant role takes them from the Noto
    TC face after it, the plain role keeps WenKai's, and the engine is told which glyphs are centred."""
    from issuepress.fonts.registry import FontRegistry
    from issuepress.load.layout import load_layout

    reg = FontRegistry(load_layout("a4-3col").fonts)
    tc = {c.ch: c for c in reg.style_chars("說明，完。", "kai@zh-Hant", 10.0)}
    sc = {c.ch: c for c in reg.style_chars("说明，完。", "kai", 10.0)}
    assert tc["說"].face.startswith("LXGWWenKai") and sc["说"].face.startswith("LXGWWenKai")
    for mark in "，。":
        assert tc[mark].face.startswith("NotoSerifCJKtc") and tc[mark].centred
        assert sc[mark].face.startswith("LXGWWenKai") and not sc[mark].centred
    hk = reg.style_chars("，", "song@zh-HK", 10.0)[0]
    assert hk.face.startswith("NotoSerifCJKhk") and hk.centred


@pytest.mark.parametrize("issue_lang", ["zh-Hant", None])
def test_fix_quotes_each_article_in_its_own_style(tmp_path: Path, issue_lang: str | None) -> None:
    """--fix-punctuation on a mixed page: the Hong Kong item prints 「…『…』…」, the mainland one “…‘…’…”,
    and the item that names no language follows issue.lang (Simplified where the issue names none)."""
    from punctkit import QUOTED, compose as compose_cli, flat, normalised_of, write_quoted_issue

    report, text = compose_cli(write_quoted_issue(tmp_path / "issue", issue_lang), "--fix-punctuation")
    hans = str.maketrans("「」『』", "“”‘’")
    for name, _, typed, want in QUOTED:
        if name == "tw.md" and issue_lang is None:
            want = want.translate(hans)
        assert flat(want) in text, (name, want)
        assert normalised_of(report, f"articles/{name}"), name
    assert "居民話：「又壞𨋢」" in text
    assert not any(ch in text for ch in "\"'")


def test_galley_sets_an_article_in_the_issues_language(tmp_path: Path) -> None:
    """An article with no `lang` of its own, in an issue whose issue.lang is zh-HK: its galley is set in
    the HK faces and fix mode quotes it with corner brackets, as compose does."""
    import json

    from punctkit import describe, run_cli
    from issuekit import issue_yaml

    root = tmp_path / "issue"
    (root / "articles").mkdir(parents=True)
    text = issue_yaml([("要聞", ["articles/hk.md"])]).replace("  date: 2026-04-01\n",
                                                                "  date: 2026-04-01\n  lang: zh-HK\n")
    (root / "issue.yaml").write_text(text, encoding="utf-8")
    (root / "articles" / "hk.md").write_text(
        "---\ntitle: 屋邨升降機維修\n---\n房屋署表示,升降機將於下月完成維修,居民稱\"終於等到\"。\n", encoding="utf-8")
    out = tmp_path / "g.pdf"
    res = run_cli("galley", root / "articles" / "hk.md", "-o", out, "--fix-punctuation")
    assert res.exit_code == 0, describe(res)
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    assert "zh-HK" in report["fonts_by_lang"], report["fonts_by_lang"]
    assert all("HK" in f["family"] for f in report["fonts_by_lang"]["zh-HK"]), report["fonts_by_lang"]
    changes = " ".join(n for e in report["normalised"] for n in e["changes"])
    assert "「" in changes and "」" in changes and "“" not in changes, changes
