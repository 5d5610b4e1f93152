"""`issuepress new`, `fonts` and `layouts`: exit codes, what they print read back, and `new` then `compose`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from e2ekit import describe, read_report, run_cli
from issuepress.load.layout import find_layout, project_layouts_dir
from pdfmeasure import read_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fonts"))
from fonts_testdata import FALLBACK, FALLBACK_FILE, FALLBACK_ONLY, NOWHERE, SERIF, SERIF_FILE, SHARED  # noqa: E402

EXIT_OK, EXIT_INPUT = 0, 2
LEAD_TITLE, GUIDE_TITLE = "示例通讯今日创刊", "十分钟排好一期报纸"


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---- new ------------------------------------------------------------------------------------------------------

def test_new_writes_an_issue_dated_today_with_every_key_explained(tmp_path: Path) -> None:
    folder = tmp_path / "first"
    res = run_cli("new", str(folder))
    assert res.exit_code == EXIT_OK, describe(res)
    written = {Path(line) for line in res.stdout.splitlines() if not line.startswith("compose it with")}
    assert written == {folder / "issue.yaml", folder / "articles/lead.md", folder / "articles/guide.md",
                       folder / "images/lake.jpg"}
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["issue"]["date"] == dt.date.today()
    assert data["layout"] == "a4-3col"
    # every line that sets an English key (paper:, issue:, date: …) says in a comment what it is for
    keyed = [ln for ln in text.splitlines() if re.match(r"\s*-?\s*[a-z_]+:", ln)]
    assert len(keyed) >= 14
    assert all("#" in ln for ln in keyed), [ln for ln in keyed if "#" not in ln]
    # the photo is a real picture, large enough for print at two columns
    from PIL import Image
    with Image.open(folder / "images/lake.jpg") as im:
        assert im.format == "JPEG" and im.width >= 2000 and sum(1 for n in im.convert("L").histogram() if n) > 100


@pytest.mark.parametrize("layout", ["a4-3col", "tabloid-4col"])
def test_new_then_compose_has_no_error_and_prints_both_articles_and_the_photo(tmp_path: Path, layout: str) -> None:
    folder = tmp_path / "issue"
    res = run_cli("new", str(folder), "--layout", layout)
    assert res.exit_code == EXIT_OK, describe(res)
    assert yaml.safe_load((folder / "issue.yaml").read_text(encoding="utf-8"))["layout"] == layout
    pdf = tmp_path / "issue.pdf"
    res = run_cli("compose", str(folder), "-o", str(pdf))
    assert res.exit_code == EXIT_OK, describe(res)
    report = read_report(pdf)
    assert report["summary"]["errors"] == 0, [f for f in report["findings"] if f["severity"] == "error"]
    assert {a["status"] for a in report["articles"]} == {"fit"}
    pages = read_pdf(pdf)
    assert len(pages) == 1
    text = compact("".join(g.text for g in pages[0].glyphs))
    for title in (LEAD_TITLE, GUIDE_TITLE):
        assert title in text
    assert "第一步" in text and "**" not in text  # the bold lead-ins are bold, not marks
    assert len(pages[0].images) == 1


def test_new_into_a_folder_with_a_file_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    res = run_cli("new", str(folder))
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert str(folder) in line and "not empty" in line
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy"]  # no work folder left beside it


def test_new_into_an_empty_folder_fills_it(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    res = run_cli("new", str(folder))
    assert res.exit_code == EXIT_OK, describe(res)
    assert (folder / "issue.yaml").is_file() and (folder / "images/lake.jpg").is_file()


@pytest.mark.parametrize("args, says", [(["--layout", "no-such-layout"], "no-such-layout"),
                                        (["--layout", "some/where.yaml"], "a path")])
def test_new_with_a_bad_layout_exits_2_before_writing(tmp_path: Path, args: list[str], says: str) -> None:
    folder = tmp_path / "x"
    res = run_cli("new", str(folder), *args)
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert says in one_line(res.stderr)
    assert not folder.exists() and list(tmp_path.iterdir()) == []


def test_new_over_a_file_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "issue.yaml"
    target.write_text("x: 1\n", encoding="utf-8")
    res = run_cli("new", str(target))
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "not a folder" in one_line(res.stderr)
    assert target.read_text(encoding="utf-8") == "x: 1\n"


# ---- layouts ---------------------------------------------------------------------------------------------------

def rows(stdout: str) -> list[list[str]]:
    return [re.split(r"\s{2,}", ln.strip()) for ln in stdout.splitlines() if ln.strip()]


def test_layouts_lists_the_built_in_ones_with_their_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISSUEPRESS_LAYOUTS", raising=False)
    monkeypatch.chdir(tmp_path)
    res = run_cli("layouts")
    assert res.exit_code == EXIT_OK, describe(res)
    listed = {r[0]: r for r in rows(res.stdout)}
    assert set(listed) == {"a4-3col", "tabloid-4col"}
    for name, row in listed.items():
        assert row[1] == "built-in"
        assert Path(row[2]) == project_layouts_dir() / f"{name}.yaml" and Path(row[2]).is_file()
    assert "A4 portrait" in listed["a4-3col"][3]


def test_layouts_shows_the_issue_and_env_folders_and_which_name_wins(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "house-layouts"
    shared.mkdir()
    (shared / "house.yaml").write_text("name: house\nextends: a4-3col\ndescription: 本院版式\n", encoding="utf-8")
    (shared / "a4-3col.yaml").write_text("extends: tabloid-4col\n", encoding="utf-8")
    issue = tmp_path / "issue"
    (issue / "layouts").mkdir(parents=True)
    (issue / "layouts" / "house.yaml").write_text("extends: a4-3col\ndescription: this issue's own\n",
                                                  encoding="utf-8")
    (issue / "layouts" / "broken.yaml").write_text("grid: [\n", encoding="utf-8")
    monkeypatch.setenv("ISSUEPRESS_LAYOUTS", str(shared))
    res = run_cli("layouts", str(issue))
    assert res.exit_code == EXIT_OK, describe(res)
    got = [(r[0], r[1], Path(r[2]), r[3] if len(r) > 3 else "") for r in rows(res.stdout)]
    assert [(n, w) for n, w, _, _ in got] == [("broken", "issue"), ("house", "issue"), ("a4-3col", "ISSUEPRESS_LAYOUTS"),
                                              ("house", "ISSUEPRESS_LAYOUTS"), ("a4-3col", "built-in"),
                                              ("tabloid-4col", "built-in")]
    assert "does not parse at line" in got[0][3]
    for name, where, path, desc in got:
        taken = find_layout(name, issue)
        assert (taken == path.resolve()) == ("hidden by" not in desc), (name, where, desc)
    assert "hidden by the issue one" in got[3][3] and "hidden by the ISSUEPRESS_LAYOUTS one" in got[4][3]


def test_layouts_says_which_file_the_issue_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISSUEPRESS_LAYOUTS", raising=False)
    issue = tmp_path / "issue"
    assert run_cli("new", str(issue)).exit_code == EXIT_OK
    res = run_cli("layouts", str(issue))
    assert res.exit_code == EXIT_OK, describe(res)
    assert res.stdout.splitlines()[-1] == f"the issue uses a4-3col: {project_layouts_dir() / 'a4-3col.yaml'}"
    (issue / "layouts").mkdir()
    (issue / "layouts" / "a4-3col.yaml").write_text("extends: tabloid-4col\n", encoding="utf-8")
    res = run_cli("layouts", str(issue / "issue.yaml"))
    assert res.exit_code == EXIT_OK, describe(res)
    assert res.stdout.splitlines()[-1] == f"the issue uses a4-3col: {(issue / 'layouts' / 'a4-3col.yaml').resolve()}"


def test_layouts_of_a_missing_issue_exits_2(tmp_path: Path) -> None:
    res = run_cli("layouts", str(tmp_path / "nothere"))
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "nothere" in one_line(res.stderr)


# ---- fonts -----------------------------------------------------------------------------------------------------

def test_fonts_lists_each_role_with_an_existing_file_and_the_traditional_roles(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = run_cli("fonts")
    assert res.exit_code == EXIT_OK, describe(res)
    lines = res.stdout.splitlines()
    assert lines[0].startswith("layout a4-3col")
    primary = {r[0]: r for r in rows("\n".join(lines[1:])) if r[0] != "fallback"}
    for role in ("song", "hei", "kai", "fangsong", "song-bold", "song@zh-Hant", "hei@zh-HK"):
        assert role in primary, role
        assert Path(primary[role][3]).is_file()
    assert primary["song"][1] == "zh-Hans" and primary["song@zh-Hant"][1] == "zh-Hant"
    assert "Serif" in primary["song"][2] and "Sans" in primary["hei"][2]


@pytest.fixture
def test_font_issue(tmp_path: Path) -> Path:
    """An issue whose song role is the checked-in test serif, then the test fallback font."""
    issue = tmp_path / "fonty"
    for sub in ("articles", "fonts", "layouts"):
        (issue / sub).mkdir(parents=True)
    shutil.copy(SERIF_FILE, issue / "fonts")
    shutil.copy(FALLBACK_FILE, issue / "fonts")
    (issue / "layouts" / "test-fonts.yaml").write_text(
        f"extends: a4-3col\nfonts:\n  song: [{{family: {SERIF}}}, {{family: {FALLBACK}}}]\n", encoding="utf-8")
    (issue / "issue.yaml").write_text(
        "paper: {name: 测试}\nissue: {number: 1, total: 1, date: 2026-04-01}\nlayout: test-fonts\n"
        "pages:\n  - title: 一\n    articles: [articles/a.md]\n", encoding="utf-8")
    (issue / "articles" / "a.md").write_text(f"---\ntitle: 测试\n---\n{SHARED}{FALLBACK_ONLY}{NOWHERE}{SHARED}\n",
                                             encoding="utf-8")
    return issue


def test_fonts_of_an_issue_says_which_characters_fall_back_and_which_are_missing(test_font_issue: Path) -> None:
    res = run_cli("fonts", str(test_font_issue))
    assert res.exit_code == EXIT_OK, describe(res)
    out = res.stdout
    song = next(r for r in rows(out) if r[0] == "song")
    assert song[2] == f"{SERIF} (regular)" and Path(song[3]).parent == test_font_issue / "fonts"
    fall = [r for r in rows(out) if r[0] == "song" and FALLBACK in r[1]]
    assert len(fall) == 1, out
    chars = fall[0][3]
    assert set(FALLBACK_ONLY) <= set(chars)
    assert not set(SHARED) & set(chars)  # the first face has them
    assert int(fall[0][2].split()[0]) == len(chars)
    missing = [ln for ln in out.splitlines() if ln.startswith("missing in song")]
    assert len(missing) == 1 and NOWHERE in missing[0] and f"U+{ord(NOWHERE):04X}" in missing[0]


def test_fonts_with_an_unresolvable_role_exits_2_naming_the_layout_and_role(test_font_issue: Path) -> None:
    (test_font_issue / "layouts" / "test-fonts.yaml").write_text(
        "extends: a4-3col\nfonts:\n  kai: [{family: No Such Family Anywhere}]\n", encoding="utf-8")
    res = run_cli("fonts", str(test_font_issue))
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert "test-fonts.yaml" in line and "kai" in line and "No Such Family Anywhere" in line


def test_fonts_of_a_missing_issue_exits_2(tmp_path: Path) -> None:
    res = run_cli("fonts", str(tmp_path / "gone"))
    assert res.exit_code == EXIT_INPUT, describe(res)
    assert "gone" in one_line(res.stderr)


def test_new_inside_a_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    res = run_cli("new", str(blocker / "issue"))
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert str(blocker) in line and "not a folder" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_in_the_current_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = run_cli("new", ".")
    assert res.exit_code == EXIT_OK, describe(res)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "images", "issue.yaml"]


def test_fonts_from_an_issuepress_fonts_folder_serve_the_issue(test_font_issue: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    house = tmp_path / "house-fonts"
    shutil.move(str(test_font_issue / "fonts"), house)
    monkeypatch.setenv("ISSUEPRESS_FONTS", str(house))
    res = run_cli("fonts", str(test_font_issue))
    assert res.exit_code == EXIT_OK, describe(res)
    song = next(r for r in rows(res.stdout) if r[0] == "song")
    assert song[2] == f"{SERIF} (regular)" and Path(song[3]) == house / SERIF_FILE.name
    pdf = tmp_path / "fonty.pdf"
    res = run_cli("compose", str(test_font_issue), "-o", str(pdf))
    assert res.exit_code == EXIT_OK, describe(res)
    used = {g.font for g in read_pdf(pdf)[0].glyphs if g.text in FALLBACK_ONLY + SHARED}
    assert any("IssuePressTestSerif" in f for f in used) and any("IssuePressTestFallback" in f for f in used), used
