"""Every command is guarded: a bug is one line and exit 3 (the traceback only with --debug), an
interrupt is one line and exit 130, an input error one line and exit 2."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import click
import pytest

import issuepress.pipeline as pipeline
from issuepress.cli import main
from robustkit import EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, describe, one_line, run_cli

# What each command calls in the pipeline, so a failure can be planted there.
ENTRY = {"compose": "compose", "check": "compose", "preview": "compose", "galley": "make_galley"}
ENTRY["import"] = "import_word"
# The editor's commands in commands/: what each calls, as MODULE:NAME under issuepress.
ENTRY["fonts"] = "fonts_for"
ENTRY["new"] = "commands.new:write_issue"
ENTRY["layouts"] = "commands.layouts_cmd:list_layouts"
ENTRY["watch"] = "compose"  # the first compose of a watch: a bug or an interrupt there ends it


def entry(command: str) -> tuple[ModuleType, str]:
    """The module and name a failure is planted in for the command."""
    module, _, name = ENTRY[command].rpartition(":")
    return (importlib.import_module(f"issuepress.{module}") if module else pipeline), name


def args_for(command: str, tiny: Path, tmp_path: Path) -> list[str | Path]:
    if command == "galley":
        return [command, tiny / "articles" / "a.md", "-o", tmp_path / "g.pdf"]
    if command == "check":
        return [command, tiny]
    if command == "import":
        return [command, tiny / "articles" / "a.docx", "-o", tmp_path / "imported"]
    if command == "new":
        return [command, tmp_path / "fresh"]
    if command in ("fonts", "layouts"):
        return [command, tiny]
    return [command, tiny, "-o", tmp_path / "x.pdf"]


def test_every_command_is_listed_and_has_debug() -> None:
    assert set(main.commands) == set(ENTRY), "a new command: add it to ENTRY so its guard is tested"
    for name, cmd in main.commands.items():
        assert any(isinstance(p, click.Option) and p.name == "debug" for p in cmd.params), name
        assert getattr(cmd.callback, "__wrapped__", None) is not None, f"{name} is not wrapped by guarded"


@pytest.mark.parametrize("command", sorted(ENTRY))
def test_a_bug_is_one_line_and_exit_3(command: str, tiny: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("something broke\n  on a second line")

    monkeypatch.setattr(*entry(command), boom)
    res = run_cli(*args_for(command, tiny, tmp_path))
    assert res.exit_code == EXIT_INTERNAL, describe(res)
    line = one_line(res.stderr)
    assert "internal error: RuntimeError: something broke on a second line (run with --debug" in line
    res = run_cli(*args_for(command, tiny, tmp_path), "--debug")
    assert res.exit_code == EXIT_INTERNAL, describe(res)
    assert "Traceback" in res.stderr and "something broke" in res.stderr


@pytest.mark.parametrize("command", sorted(ENTRY))
def test_an_interrupt_is_one_line_and_exit_130(command: str, tiny: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyboardInterrupt

    monkeypatch.setattr(*entry(command), interrupted)
    res = run_cli(*args_for(command, tiny, tmp_path))
    assert res.exit_code == EXIT_INTERRUPTED, describe(res)
    assert one_line(res.stderr) == "issuepress: interrupted; no partial file is left"


def test_a_font_role_without_fonts_names_the_layout(tiny: Path, tmp_path: Path) -> None:
    layout = (Path(__file__).resolve().parents[2] / "layouts" / "a4-3col.yaml").read_text(encoding="utf-8")
    layout = layout.replace("name: a4-3col", "name: local").replace(
        "  song:      [{family: Noto Serif CJK SC}, {family: Noto Sans CJK SC}, {family: LXGW WenKai}]",
        "  song:      [{family: No Such Font}]")
    assert "No Such Font" in layout
    (tiny / "layouts").mkdir()
    (tiny / "layouts" / "local.yaml").write_text(layout, encoding="utf-8")
    issue = tiny / "issue.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("a4-3col", "local"), encoding="utf-8")
    res = run_cli("compose", tiny, "-o", tmp_path / "x.pdf")
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert f"{tiny.resolve()}/layouts/local.yaml: fonts: font role 'song'" in line, line
    assert not (tmp_path / "x.pdf").exists()
