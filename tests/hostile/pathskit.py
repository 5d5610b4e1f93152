"""Helpers of the path, YAML and CLI hostile tests: an old PDF to keep, and the one-line error check."""

from __future__ import annotations

from pathlib import Path

from robustkit import EXIT_INPUT, assert_untouched, describe, one_line, previous_output, run_cli

__all__ = ["assert_untouched", "input_error", "previous_output", "run_cli_env", "snapshot"]


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
