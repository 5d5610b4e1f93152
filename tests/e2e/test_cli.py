"""The command line: exit codes, one-line input errors, default output, findings that still write the PDF."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from e2ekit import describe, issue_yaml, read_report, run_cli
from issuepress.load.layout import load_layout
from pdfmeasure import SEGMENT_GAP_GUTTERS, read_pdf, text_blocks

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
# A character of CJK Extension B that none of the default fonts has: 𪚥 (four dragons).
RARE = "\U0002A6A5"
MISSING_PHOTO = "images/nothere.jpg"
CAPTION = "缺失的图片说明"

ISSUE_YAML = issue_yaml(("要闻", ("articles/short.md",)))


def write_issue(folder: Path, body: str, photo: bool = False) -> Path:
    """A one-page issue with one short article; `photo` adds a photo whose file does not exist."""
    (folder / "articles").mkdir(parents=True)
    (folder / "issue.yaml").write_text(ISSUE_YAML, encoding="utf-8")
    front = "title: 试排稿件\nbyline: 编辑部 张三\n"
    if photo:
        front += f"photos:\n  - src: {MISSING_PHOTO}\n    caption: {CAPTION}\n"
    (folder / "articles" / "short.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return folder


BODY = "这是一篇用于测试的短稿，检查排版能否正常完成。\n\n第二段正文，段首缩进两字。"


def max_gap(folder: Path) -> float:
    """The segment gap of the layout the test issues use."""
    return SEGMENT_GAP_GUTTERS * load_layout("tabloid-4col", folder).grid.gutter_pt


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_missing_issue_folder_exits_2_with_one_line_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-issue"
    res = run_cli("compose", str(missing), "-o", str(tmp_path / "x.pdf"))
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert str(missing) in one_line(res.stderr)
    assert not (tmp_path / "x.pdf").exists()


def test_missing_issue_folder_in_a_real_process(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-issue"
    proc = subprocess.run([sys.executable, "-m", "issuepress.cli", "compose", str(missing)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == EXIT_INPUT, proc.stderr
    assert str(missing) in one_line(proc.stderr)


def test_bad_yaml_exits_2_naming_file_and_line_and_keeps_the_old_pdf(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "bad", BODY)
    # line 2 holds a second ": " inside a plain value, which YAML does not allow
    (folder / "issue.yaml").write_text(ISSUE_YAML.replace("name: 测试院报", "name: 测试: 院报"), encoding="utf-8")
    out = tmp_path / "old.pdf"
    out.write_bytes(b"%PDF-previous")
    res = run_cli("compose", str(folder), "-o", str(out))
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert re.search(r"issue\.yaml:2\b", one_line(res.stderr)), res.stderr
    assert out.read_bytes() == b"%PDF-previous"
    assert not out.with_suffix(".report.json").exists()


def test_compose_writes_out_folder_pdf_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_issue(tmp_path / "mini", BODY)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    res = run_cli("compose", str(folder))
    assert res.exit_code == EXIT_OK, describe(res)
    pdf = work / "out" / "mini.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert read_report(pdf)["pages"] == 1


@pytest.fixture(scope="module")
def missing_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_issue(tmp_path_factory.mktemp("photo") / "photo", BODY, photo=True)


def test_missing_photo_is_an_error_finding_and_the_pdf_is_written(missing_photo: Path, tmp_path: Path) -> None:
    out = tmp_path / "photo.pdf"
    res = run_cli("compose", str(missing_photo), "-o", str(out))
    assert res.exit_code == EXIT_OK, describe(res)
    found = [f for f in read_report(out)["findings"] if f["code"] == "image-missing"]
    assert len(found) == 1 and found[0]["severity"] == "error", found
    assert "nothere.jpg" in found[0]["message"]
    # the placeholder keeps its caption on the page
    pages = read_pdf(out)
    assert any(CAPTION in b for b in text_blocks(pages[0], max_gap(missing_photo)))


def test_strict_exits_1_on_an_error_finding_and_still_writes(missing_photo: Path, tmp_path: Path) -> None:
    out = tmp_path / "strict.pdf"
    res = run_cli("compose", str(missing_photo), "-o", str(out), "--strict")
    assert res.exit_code == EXIT_FINDINGS, describe(res)
    assert out.read_bytes().startswith(b"%PDF-")
    assert any(f["code"] == "image-missing" for f in read_report(out)["findings"])


def test_strict_exits_0_without_error_findings(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "clean", BODY)
    res = run_cli("compose", str(folder), "-o", str(tmp_path / "clean.pdf"), "--strict")
    assert res.exit_code == EXIT_OK, describe(res)
    assert read_report(tmp_path / "clean.pdf")["summary"]["errors"] == 0


def test_character_without_glyph_is_reported_and_the_pdf_written(tmp_path: Path) -> None:
    folder = write_issue(tmp_path / "rare", BODY.replace("短稿", f"短稿{RARE}"))
    out = tmp_path / "rare.pdf"
    res = run_cli("compose", str(folder), "-o", str(out))
    assert res.exit_code == EXIT_OK, describe(res)
    assert out.read_bytes().startswith(b"%PDF-")
    found = [f for f in read_report(out)["findings"] if f["code"] == "glyph-missing"]
    assert len(found) == 1, found
    assert "U+2A6A5" in found[0]["message"]
    assert found[0]["page"] == 1 and found[0]["article"] and found[0]["article"].endswith("short.md"), found
    # the rest of the paragraph is still set
    assert any("检查排版能否正常完成" in b for b in text_blocks(read_pdf(out)[0], max_gap(folder)))
