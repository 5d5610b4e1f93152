"""What compose prints: one line per error and warning finding, --quiet, --json and input errors as JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from e2ekit import describe, issue_yaml, read_report, run_cli

EXIT_OK, EXIT_INPUT = 0, 2

ISSUE_YAML = issue_yaml(("要闻", ("articles/long.md", "articles/short.md")), ("综合", ("articles/other.md",)))
# Far more text than one tabloid page holds beside another story: the long one is overset on page 1.
LONG_PARAGRAPHS = 220
PARAGRAPH = "医院召开年度工作会议，总结过去一年的医疗质量与服务成效，部署新一年的重点任务。"


def write_issue(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
    long_body = "\n\n".join(f"{PARAGRAPH}第{n}段。" for n in range(LONG_PARAGRAPHS))
    (folder / "articles" / "long.md").write_text(f"---\ntitle: 很长的稿件\n---\n{long_body}\n", encoding="utf-8")
    (folder / "articles" / "short.md").write_text("---\ntitle: 短稿\n---\n一段短短的正文。\n", encoding="utf-8")
    (folder / "articles" / "other.md").write_text("---\ntitle: 第二版稿件\n---\n第二版的正文。\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def overset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_issue(tmp_path_factory.mktemp("overset") / "overset")


@pytest.fixture(scope="module")
def composed(overset: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out") / "overset.pdf"
    res = run_cli("compose", str(overset), "-o", str(out))
    assert res.exit_code == EXIT_OK, describe(res)
    return out, res.stdout


def test_each_finding_is_one_line_naming_page_file_and_code(composed: tuple[Path, str]) -> None:
    out, stdout = composed
    findings = [f for f in read_report(out)["findings"] if f["severity"] in ("error", "warning")]
    over = [f for f in findings if f["code"] == "text-overset"]
    assert over and over[0]["article"] == "articles/long.md", findings
    lines = [ln for ln in stdout.splitlines() if re.match(r"(error|warning): ", ln)]
    # one line for every error and warning of the report, none for anything else
    assert len(lines) == len(findings), stdout
    over_lines = [ln for ln in lines if ": text-overset: " in ln]
    assert len(over_lines) == 1, stdout
    page = over[0]["page"]
    assert over_lines[0].startswith(f"error: page {page} articles/long.md: text-overset: "), over_lines
    # sorted by page: the page numbers named never go down
    pages = [int(m.group(1)) if (m := re.match(r"\w+: page (\d+)", ln)) else 0 for ln in lines]
    assert pages == sorted(pages), lines
    errors = sum(f["severity"] == "error" for f in findings)
    assert f"{errors} errors" in stdout.splitlines()[-1], stdout


def test_quiet_prints_exactly_the_pdf_path(overset: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    res = run_cli("compose", str(overset), "-o", str(out), "--quiet")
    assert res.exit_code == EXIT_OK, describe(res)
    assert res.stdout == f"{out}\n"
    assert res.stderr == ""
    assert out.read_bytes().startswith(b"%PDF-")


def test_json_prints_the_report_file(overset: Path, tmp_path: Path) -> None:
    out = tmp_path / "j.pdf"
    res = run_cli("compose", str(overset), "-o", str(out), "--json")
    assert res.exit_code == EXIT_OK, describe(res)
    report = json.loads(res.stdout)
    assert report == read_report(out)
    assert any(f["code"] == "text-overset" for f in report["findings"])


def test_quiet_and_json_together_is_a_usage_error(overset: Path, tmp_path: Path) -> None:
    res = run_cli("compose", str(overset), "-o", str(tmp_path / "x.pdf"), "--quiet", "--json")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert not (tmp_path / "x.pdf").exists()


def json_error(folder: Path, out: Path) -> dict:
    """compose --json of a broken issue in a real process: exit 2, the error object on stdout, one line
    on stderr, the old PDF kept."""
    out.write_bytes(b"%PDF-previous")
    proc = subprocess.run([sys.executable, "-m", "issuepress.cli", "compose", str(folder), "-o", str(out), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == EXIT_INPUT, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert out.read_bytes() == b"%PDF-previous"
    err = json.loads(proc.stdout)
    assert set(err) == {"file", "line", "key", "message"}, err
    return err


def test_json_error_for_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "bad")
    # line 2 holds a second ": " inside a plain value, which YAML does not allow
    (folder / "issue.yaml").write_text(ISSUE_YAML.replace("name: 测试院报", "name: 测试: 院报"), encoding="utf-8")
    err = json_error(folder, tmp_path / "bad.pdf")
    assert Path(err["file"]).resolve() == (folder / "issue.yaml").resolve(), err
    assert err["line"] == 2 and err["key"] is None, err
    assert "YAML" in err["message"] and "issue.yaml" not in err["message"], err


def test_json_error_for_an_unknown_key_names_file_line_and_key(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "unknown")
    # a misspelt key under issue:
    text = ISSUE_YAML.replace("  date: 2026-04-01\n", "  date: 2026-04-01\n  dtae: 2026-04-02\n")
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("  dtae: 2026-04-02") + 1
    err = json_error(folder, tmp_path / "unknown.pdf")
    assert Path(err["file"]).resolve() == (folder / "issue.yaml").resolve(), err
    assert err["line"] == line and err["key"] == "issue.dtae", err
    assert err["message"], err


def test_json_error_for_a_missing_issue_has_nulls_where_unknown(tmp_path: Path) -> None:
    missing = tmp_path / "none"
    res = run_cli("compose", str(missing), "-o", str(tmp_path / "x.pdf"), "--json")
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert json.loads(res.stdout) == {"file": str(missing), "line": None, "key": None,
                                      "message": "no such issue folder or file"}


def test_json_error_for_an_option_names_it_as_the_key(overset: Path, tmp_path: Path) -> None:
    res = run_cli("compose", str(overset), "-o", str(tmp_path / "x.pdf"), "--preview", "--dpi", "0", "--json")
    assert res.exit_code == EXIT_INPUT, describe(res)
    err = json.loads(res.stdout)
    assert err["file"] is None and err["key"] == "--dpi" and err["line"] is None, err
    assert "--dpi" in res.stderr


def test_check_json_error_is_the_same_object(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "bad")
    (folder / "issue.yaml").write_text(ISSUE_YAML.replace("name: 测试院报", "name: 测试: 院报"), encoding="utf-8")
    res = run_cli("check", str(folder), "--json")
    assert res.exit_code == EXIT_INPUT, describe(res)
    err = json.loads(res.stdout)
    assert err["line"] == 2 and err["file"].endswith("issue.yaml"), err
