"""Hostile paths in the issue folder: layouts leaving it, symlink loops, names over 255 bytes or not
UTF-8, special files named like layouts. Each an input error naming file and key, or composed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pathskit import assert_untouched, input_error, previous_output
from robustkit import EXIT_OK, ISSUE_YAML, describe, run_cli, write_issue

SECRET = "s3cr3t-line-of-another-file"


def with_layout(root: Path, layout_text: str, name: str = "mine") -> Path:
    (root / "layouts").mkdir(exist_ok=True)
    (root / "layouts" / f"{name}.yaml").write_text(layout_text, encoding="utf-8")
    (root / "issue.yaml").write_text(ISSUE_YAML.replace("layout: a4-3col", f"layout: {name}"), encoding="utf-8")
    return root


@pytest.mark.parametrize("target", ["abs", "../../secret.yaml", "../layouts/../../secret.yaml"])
def test_extends_outside_the_issue_is_refused_without_quoting(tiny: Path, tmp_path: Path, target: str) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"{SECRET}: 1\n", encoding="utf-8")
    ext = str(secret) if target == "abs" else target
    with_layout(tiny, f"extends: {ext}\n")
    out = previous_output(tmp_path / "out")
    line = input_error("compose", tiny, "-o", out)
    assert "mine.yaml" in line and "extends" in line
    assert SECRET not in line
    assert_untouched(out)


def test_extends_etc_passwd_is_refused_unread(tiny: Path, tmp_path: Path) -> None:
    with_layout(tiny, "extends: /etc/passwd\n")
    line = input_error("compose", tiny, "-o", tmp_path / "x.pdf")
    assert "extends" in line and "absolute" in line and "root:" not in line


def test_layout_that_is_not_a_mapping_is_not_quoted(tiny: Path, tmp_path: Path) -> None:
    with_layout(tiny, f"{SECRET}\n")
    line = input_error("compose", tiny, "-o", tmp_path / "x.pdf")
    assert "mine.yaml" in line and SECRET not in line


def test_layouts_folder_linked_outside_is_refused(tiny: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.yaml").write_text("extends: a4-3col\n", encoding="utf-8")
    os.symlink(elsewhere, tiny / "layouts")
    (tiny / "issue.yaml").write_text(ISSUE_YAML.replace("layout: a4-3col", "layout: mine"), encoding="utf-8")
    line = input_error("compose", tiny, "-o", tmp_path / "x.pdf")
    assert "mine.yaml" in line and "outside the issue folder" in line


def test_extends_by_name_finds_the_file_beside_it(tiny: Path, tmp_path: Path) -> None:
    with_layout(tiny, "extends: a4-3col\ngrid: {columns: 2}\n", name="b")
    (tiny / "layouts" / "a.yaml").write_text("extends: b\n", encoding="utf-8")
    (tiny / "issue.yaml").write_text(ISSUE_YAML.replace("layout: a4-3col", "layout: a"), encoding="utf-8")
    res = run_cli("compose", tiny, "-o", tmp_path / "x.pdf")
    assert res.exit_code == EXIT_OK, describe(res)
    report = json.loads((tmp_path / "x.report.json").read_text(encoding="utf-8"))
    assert report["layout"] == "a"


def test_a_fifo_named_like_a_layout_is_said_to_be_no_file(tiny: Path, tmp_path: Path) -> None:
    with_layout(tiny, "extends: f\n")
    os.mkfifo(tiny / "layouts" / "f.yaml")
    line = input_error("compose", tiny, "-o", tmp_path / "x.pdf")
    assert "f.yaml is not a regular file" in line and "did you mean" not in line


@pytest.mark.parametrize("what", ["article", "photo"])
def test_symlink_loop_is_an_input_error(tiny: Path, tmp_path: Path, what: str) -> None:
    if what == "article":
        os.symlink(tiny / "articles" / "b.md", tiny / "articles" / "b.md")
        (tiny / "issue.yaml").write_text(ISSUE_YAML.replace("articles/a.md", "articles/b.md"), encoding="utf-8")
        key = "pages[0].articles[0]"
    else:
        os.symlink("loop.jpg", tiny / "loop.jpg")
        write_issue(tiny, front="title: 测试标题\nphotos:\n  - {src: loop.jpg, caption: 图}\n")
        key = "photos[0]"
    out = previous_output(tmp_path / "out")
    line = input_error("compose", tiny, "-o", out)
    assert "symbolic link loop" in line and key in line
    assert_untouched(out)


def test_loop_elsewhere_in_the_folder_is_harmless(tiny: Path, tmp_path: Path) -> None:
    os.symlink("loop", tiny / "loop")
    os.symlink(".", tiny / "articles" / "self")
    res = run_cli("compose", tiny, "-o", tmp_path / "x.pdf")
    assert res.exit_code == EXIT_OK, describe(res)


@pytest.mark.parametrize("where", ["article", "photo"])
def test_file_name_over_255_bytes_is_an_input_error(tiny: Path, tmp_path: Path, where: str) -> None:
    long = "长" * 90  # 270 bytes in UTF-8
    if where == "article":
        (tiny / "issue.yaml").write_text(ISSUE_YAML.replace("articles/a.md", f"articles/{long}.md"),
                                         encoding="utf-8")
    else:
        write_issue(tiny, front=f"title: 测试标题\nphotos:\n  - {{src: {long}.jpg, caption: 图}}\n")
    line = input_error("compose", tiny, "-o", tmp_path / "x.pdf")
    assert "255 bytes" in line
    assert len(line) < 400  # the name is cut, not printed whole


def test_issue_folder_with_a_non_utf8_name_composes(tmp_path: Path) -> None:
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe-issue"))
    write_issue(root)
    Path(os.fsdecode(os.fsencode(root / "articles") + b"/\xff.md")).write_text("not listed", encoding="utf-8")
    out = Path(os.fsdecode(os.fsencode(tmp_path) + b"/out-\xff.pdf"))
    res = run_cli("compose", root, "-o", out)
    assert res.exit_code == EXIT_OK, describe(res)
    assert out.read_bytes().startswith(b"%PDF")
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    assert report["issue"].endswith("issue.yaml") and report["pages"] == 1


def test_galley_layout_named_on_the_command_line_may_sit_anywhere_but_stays_put(tiny: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "x.yaml").write_text("extends: a4-3col\ngrid: {columns: 2}\n", encoding="utf-8")
    (mine / "y.yaml").write_text("extends: ../secret.yaml\n", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    res = run_cli("galley", tiny / "articles" / "a.md", "--layout", mine / "x.yaml", "-o", tmp_path / "g.pdf")
    assert res.exit_code == EXIT_OK, describe(res)
    line = input_error("galley", tiny / "articles" / "a.md", "--layout", mine / "y.yaml", "-o", tmp_path / "h.pdf")
    assert "y.yaml" in line and "outside" in line and SECRET not in line
    assert not (tmp_path / "h.pdf").exists()
