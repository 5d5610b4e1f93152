"""Every input error through the command line, for compose and check: exit 2, one line naming the file
and, where there is one, the line and key; nothing written, the previous PDF untouched."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from robustkit import (EXIT_INPUT, ISSUE_YAML, article, describe, leftovers, one_line, put, run_cli,
                       write_issue)

Mutate = Callable[[Path], None]


def yaml_sub(old: str, new: str) -> Mutate:
    """Replace text in issue.yaml (the text must be there, so a changed fixture fails loudly)."""

    def mutate(root: Path) -> None:
        p = root / "issue.yaml"
        text = p.read_text(encoding="utf-8")
        assert old in text, old
        p.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write(name: str, content: str | bytes) -> Mutate:
    def mutate(root: Path) -> None:
        put(root / name, content)

    return mutate


def symlink(name: str, target: str) -> Mutate:
    def mutate(root: Path) -> None:
        os.symlink(target, root / name)

    return mutate


def both(*mutations: Mutate) -> Mutate:
    def mutate(root: Path) -> None:
        for m in mutations:
            m(root)

    return mutate


GB_ARTICLE = article("中文正文，这是一段用国标编码保存的文字。\n").encode("gb18030")
LAUGHS = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
                   + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]) + "\n"
LINE_OF = {key: i for i, line in enumerate(ISSUE_YAML.splitlines(), 1) for key in [line.strip().split(":")[0]]}
ARTICLES_LINE = ISSUE_YAML.splitlines().index("      - articles/a.md") + 1

# (id, mutation, pattern the one line must match after "issuepress: error: <folder>/")
CASES: list[tuple[str, Mutate, str]] = [
    ("yaml-syntax", write("issue.yaml", "paper: {name: x\nissue: [\n"), r"issue\.yaml:\d+:\d+: YAML syntax error"),
    ("yaml-tab-indent", yaml_sub("  name: 测试院报", "\tname: 测试院报"), r"issue\.yaml:2:\d+: YAML syntax error"),
    ("wrong-type", yaml_sub("number: 1", "number: 四"),
     rf"issue\.yaml:{LINE_OF['number']}: issue\.number: expected a whole number, got '四'"),
    ("wrong-type-list", yaml_sub("articles:\n      - articles/a.md", "articles: articles/a.md"),
     r"issue\.yaml:\d+: pages\[0\]\.articles: expected a list"),
    ("unknown-key", yaml_sub("layout:", "layuot:"), r"issue\.yaml:\d+: layuot: unknown key; did you mean 'layout'\?"),
    ("unknown-nested-key", yaml_sub("  number: 1", "  numbr: 1"),
     r"issue\.yaml:\d+: issue\.numbr: unknown key; did you mean 'number'\?"),
    ("missing-key", yaml_sub("layout: a4-3col\n", ""), r"issue\.yaml:\d+: layout: missing \(required\)"),
    ("missing-title", write("articles/a.md", article(front="kicker: 引题\n")), r"articles/a\.md:\d+: title: missing"),
    ("key-twice", yaml_sub("layout: a4-3col\n", "layout: a4-3col\nlayout: a4-3col\n"),
     r"issue\.yaml:\d+: layout: written twice \(first on line \d+\)"),
    ("article-missing", yaml_sub("articles/a.md", "articles/b.md"),
     rf"issue\.yaml:{ARTICLES_LINE}: pages\[0\]\.articles\[0\]: article file not found: articles/b\.md"),
    ("article-is-folder", both(write("articles/d/x.md", article()), yaml_sub("articles/a.md", "articles/d")),
     r"issue\.yaml:\d+: pages\[0\]\.articles\[0\]: is a folder"),
    ("path-leaves", yaml_sub("articles/a.md", "../../etc/passwd"),
     r"issue\.yaml:\d+: pages\[0\]\.articles\[0\]: '\.\./\.\./etc/passwd' leaves the issue folder"),
    ("path-absolute", yaml_sub("articles/a.md", "/etc/passwd"),
     r"issue\.yaml:\d+: pages\[0\]\.articles\[0\]: '/etc/passwd' is an absolute path"),
    ("path-home", yaml_sub("articles/a.md", "~/a.md"), r"issue\.yaml:\d+: pages\[0\]\.articles\[0\]: '~/a\.md' is an absolute path"),
    ("symlink-leaves", both(symlink("articles/p.md", "/etc/passwd"), yaml_sub("articles/a.md", "articles/p.md")),
     r"issue\.yaml:\d+: pages\[0\]\.articles\[0\]: 'articles/p\.md' leaves the issue folder"),
    ("image-path-leaves", write("articles/a.md", article(front="title: 标题\nphotos: [../x.jpg]\n")),
     r"articles/a\.md:3: photos\[0\]: '\.\./x\.jpg' leaves the issue folder"),
    ("image-path-absolute", write("articles/a.md", article(front="title: 标题\nphotos:\n  - src: /etc/hosts\n")),
     r"articles/a\.md:4: photos\[0\]\.src: '/etc/hosts' is an absolute path"),
    ("layout-missing", yaml_sub("a4-3col", "a4-4col"),
     r"issue\.yaml:\d+: layout: no layout named 'a4-4col'; did you mean 'a4-3col'\?"),
    ("layout-path-leaves", yaml_sub("a4-3col", "../layouts/x.yaml"), r"issue\.yaml:\d+: layout: .*leaves the issue folder"),
    ("template-missing", yaml_sub("template: inner", "template: innr"),
     r"issue\.yaml:\d+: pages\[0\]\.template: layout 'a4-3col' has no template 'innr'; did you mean 'inner'\?"),
    ("slot-missing", both(
        yaml_sub("template: inner", "template: front"),
        yaml_sub("- articles/a.md", "- {file: articles/a.md, slot: leed}")),
     r"issue\.yaml:\d+: pages\[0\]\.articles\[0\]\.slot: template 'front' has no slot 'leed'; did you mean 'lead'\?"),
    ("listed-twice", yaml_sub("      - articles/a.md\n", "      - articles/a.md\n      - articles/./a.md\n"),
     r"issue\.yaml:\d+: pages\[0\]\.articles\[1\]: a\.md is listed twice \(first at pages\[0\]\.articles\[0\]"),
    ("empty-file", write("issue.yaml", ""), r"issue\.yaml:1: the file is empty"),
    ("no-pages", yaml_sub(ISSUE_YAML[ISSUE_YAML.index("pages:"):], "pages: []\n"), r"issue\.yaml:\d+: pages: the issue has no pages"),
    ("page-without-articles", yaml_sub("articles:\n      - articles/a.md", "articles: []"),
     r"issue\.yaml:\d+: pages\[0\]\.articles: a page needs at least one article"),
    ("date-impossible", yaml_sub("2026-04-01", "2026-02-30"), r"issue\.yaml:\d+: issue\.date: expected a date"),
    ("date-words", yaml_sub("2026-04-01", "明天"), r"issue\.yaml:\d+: issue\.date: expected a date like 2026-04-01, got '明天'"),
    ("article-gb18030", write("articles/a.md", GB_ARTICLE), r"articles/a\.md:\d+: not UTF-8 \(looks like GB18030\)"),
    ("issue-gb18030", write("issue.yaml", ISSUE_YAML.encode("gb18030")), r"issue\.yaml:\d+: not UTF-8 \(looks like GB18030\)"),
    ("article-utf16", write("articles/a.md", article().encode("utf-16")), r"articles/a\.md: not UTF-8 \(looks like UTF-16\)"),
    ("no-front-matter", write("articles/a.md", "只有正文。\n"), r"articles/a\.md:1: no front matter"),
    ("front-matter-unclosed", write("articles/a.md", "---\ntitle: 标题\n正文。\n"),
     r"articles/a\.md:1: the front matter opened on line 1 is never closed"),
    ("front-matter-broken", write("articles/a.md", "---\ntitle: [标题\n---\n正文。\n"),
     r"articles/a\.md:\d+:\d+: YAML syntax error"),
    ("front-matter-empty", write("articles/a.md", "---\n---\n正文。\n"), r"articles/a\.md:2: the front matter is empty"),
    ("front-matter-list", write("articles/a.md", "---\n- 标题\n---\n正文。\n"), r"articles/a\.md:2: the front matter must be keys"),
    ("byline-position", write("articles/a.md", article(front="title: 标题\nbyline_position: left\n")),
     r"articles/a\.md:3: byline_position: expected one of end, top"),
    ("yaml-control-char", yaml_sub("name: 测试院报", "name: 测试\x00院报"),
     r"issue\.yaml:2:\d+: YAML does not allow the character U\+0000"),
    ("yaml-recursive-alias", yaml_sub("  name: 测试院报", "  name: &n [*n]"),
     r"issue\.yaml:2:\d+: paper\.name.*: an alias \(\*name\) stands inside the value it names"),
    ("yaml-billion-laughs", yaml_sub("paper:\n", LAUGHS + "paper:\n"), r"issue\.yaml:\d+: .*more than 100,000 values"),
    ("yaml-too-deep", yaml_sub("  name: 测试院报", "  name: " + "[" * 100 + "]" * 100),
     r"issue\.yaml:2: paper\.name(\[0\])+: nested more than 64 levels deep"),
    ("yaml-far-too-deep", yaml_sub("  name: 测试院报", "  name: " + "[" * 700 + "]" * 700),
     r"issue\.yaml: nested more than 64 levels deep"),
]


@pytest.mark.parametrize("command", ["compose", "check"])
@pytest.mark.parametrize("case_id, mutate, pattern", CASES, ids=[c[0] for c in CASES])
def test_input_error_is_one_line_exit_2_and_writes_nothing(tmp_path: Path, command: str, case_id: str,
                                                           mutate: Mutate, pattern: str) -> None:
    root = write_issue(tmp_path / "issue")
    mutate(root)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "issue.pdf"
    out.write_bytes(b"%PDF-previous")
    args = ["compose", root, "-o", out] if command == "compose" else ["check", root]
    res = run_cli(*args)
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    prefix = f"issuepress: error: {root.resolve()}/"
    assert line.startswith(prefix), line
    assert re.match(pattern, line[len(prefix):]), line
    assert out.read_bytes() == b"%PDF-previous"
    assert not out.with_suffix(".report.json").exists()
    assert leftovers(out_dir) == []


def test_missing_image_is_a_finding_not_an_error(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", front="title: 标题\nphotos:\n  - {src: images/none.jpg, caption: 说明}\n")
    out = tmp_path / "issue.pdf"
    res = run_cli("compose", root, "-o", out)
    assert res.exit_code == 0, describe(res)
    assert out.read_bytes().startswith(b"%PDF-")
    res = run_cli("check", root)
    assert res.exit_code == 1, describe(res)
    assert "image-missing" in res.stdout


def test_debug_shows_the_traceback_of_an_input_error(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue")
    yaml_sub("number: 1", "number: 四")(root)
    res = run_cli("compose", root, "-o", tmp_path / "x.pdf", "--debug")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "Traceback" in res.stderr
    assert res.stderr.strip().splitlines()[-1].startswith("issuepress: error: ")


@pytest.mark.parametrize("command", ["compose", "check", "preview"])
def test_issue_that_does_not_exist(tmp_path: Path, command: str) -> None:
    res = run_cli(command, tmp_path / "nothere")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert str(tmp_path / "nothere") in one_line(res.stderr)


def test_galley_of_a_broken_article_is_one_line(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue")
    write("articles/a.md", GB_ARTICLE)(root)
    res = run_cli("galley", root / "articles" / "a.md", "-o", tmp_path / "g.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "not UTF-8 (looks like GB18030)" in one_line(res.stderr)
    assert not (tmp_path / "g.pdf").exists()
