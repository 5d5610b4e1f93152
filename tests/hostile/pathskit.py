"""Helpers of the path, YAML and CLI hostile tests: an old PDF to keep, and the one-line error check."""

from __future__ import annotations

from pathlib import Path

from robustkit import EXIT_INPUT, describe, leftovers, one_line, run_cli

OLD_PDF = b"%PDF-1.4 previous issue\n"
OLD_REPORT = '{"previous": true}\n'


def previous_output(folder: Path, name: str = "issue.pdf") -> Path:
    """An earlier compose's PDF and report, which a refused compose must leave as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / name
    out.write_bytes(OLD_PDF)
    out.with_suffix(".report.json").write_text(OLD_REPORT, encoding="utf-8")
    return out


def assert_untouched(out: Path) -> None:
    assert out.read_bytes() == OLD_PDF
    assert out.with_suffix(".report.json").read_text(encoding="utf-8") == OLD_REPORT
    assert leftovers(out.parent) == []


def snapshot(root: Path) -> dict[Path, bytes]:
    """Every regular file under root with its bytes (symlinks not followed)."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


def input_error(*args: str | Path, env: dict[str, str] | None = None) -> str:
    """Run the CLI expecting an input error; the single line it prints."""
    res = run_cli(*args) if env is None else run_cli_env(env, *args)
    assert res.exit_code == EXIT_INPUT, describe(res)
    return one_line(res.stderr)


def run_cli_env(env: dict[str, str], *args: str | Path):
    from click.testing import CliRunner

    from issuepress.cli import main

    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=True)
