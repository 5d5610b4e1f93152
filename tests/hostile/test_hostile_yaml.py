"""YAML that YAML 1.1 would read as something else: numbers are the decimal digits typed (010 is 10),
hex, octal and base 60 are text and refused where a number is needed; a QR payload too long to encode."""

from __future__ import annotations

import pikepdf
import pytest

from pathlib import Path

from pathskit import assert_untouched, input_error, previous_output
from robustkit import EXIT_OK, ISSUE_YAML, describe, run_cli, write_issue

from issuepress.load.yamlnode import parse_yaml, YMap


def pdf_title(pdf: Path) -> str:
    with pikepdf.open(pdf) as doc:
        return str(doc.docinfo["/Title"])


@pytest.mark.parametrize("typed, printed", [("010", "第10期"), ('"010"', "第10期"), ("0010", "第10期")])
def test_issue_number_is_the_decimal_typed(tmp_path: Path, typed: str, printed: str) -> None:
    root = write_issue(tmp_path / "issue", issue_yaml=ISSUE_YAML.replace("number: 1", f"number: {typed}"))
    res = run_cli("compose", root, "-o", tmp_path / "x.pdf", "--proof")
    assert res.exit_code == EXIT_OK, describe(res)
    assert pdf_title(tmp_path / "x.pdf") == f"测试院报 {printed}"


@pytest.mark.parametrize("key, typed", [("number", "0x10"), ("number", "0o10"), ("number", "1_000"),
                                        ("total", "1:30"), ("total", "190:20:30")])
def test_hex_octal_and_base_60_numbers_are_refused(tmp_path: Path, key: str, typed: str) -> None:
    text = ISSUE_YAML.replace("number: 1", f"number: {typed}" if key == "number" else f"number: 1\n  total: {typed}")
    root = write_issue(tmp_path / "issue", issue_yaml=text)
    out = previous_output(tmp_path / "out")
    line = input_error("compose", root, "-o", out)
    assert f"issue.yaml:" in line and f"issue.{key}" in line and typed in line and "decimal" in line
    assert_untouched(out)


def test_front_matter_and_layout_numbers_are_decimal_only(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "a", front="title: 标题\nphotos:\n  - {src: p.jpg, width: 0x2}\n")
    assert "photos[0].width" in input_error("compose", root, "-o", tmp_path / "x.pdf")
    root = write_issue(tmp_path / "b", issue_yaml=ISSUE_YAML.replace("layout: a4-3col", "layout: m"),
                       files={"layouts/m.yaml": "extends: a4-3col\ngrid: {columns: 0x3}\n"})
    line = input_error("compose", root, "-o", tmp_path / "x.pdf")
    assert "m.yaml:2" in line and "grid.columns" in line


def test_text_fields_keep_what_was_typed(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", front="title: '0x10'\n", body="正文。")
    res = run_cli("compose", root, "-o", tmp_path / "x.pdf", "--proof")
    assert res.exit_code == EXIT_OK, describe(res)


def test_yaml_scalars_as_read() -> None:
    tree = parse_yaml("a: 010\nb: 0x10\nc: 1:30\nd: -07\ne: 1.50\nf: 2026-04-01\n", Path("t.yaml"))
    assert isinstance(tree, YMap)
    assert [tree.items[k].value for k in "abcde"] == [10, "0x10", "1:30", -7, 1.5]
    assert str(tree.items["f"].value) == "2026-04-01"


@pytest.mark.parametrize("size, ok", [(2331, True), (2332, False)])
def test_qr_payload_over_version_40_is_an_input_error(tmp_path: Path, size: int, ok: bool) -> None:
    data = "a" * size
    text = ISSUE_YAML + f"extras:\n  qr:\n    - {{label: 官方微信, data: '{data}'}}\n"
    root = write_issue(tmp_path / "issue", issue_yaml=text)
    if ok:
        from issuepress.load.issue import load_issue

        assert load_issue(root).extras_qr[0].data == data
        return
    line = input_error("compose", root, "-o", tmp_path / "x.pdf")
    assert "extras.qr[0].data" in line and str(size) in line and data not in line
