"""`issuepress layouts [ISSUE]`: the layouts a compose can see, where each is, and which name wins."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from .table import shown, table

# Where a layout folder comes from, as `layouts` prints it (the order a name is looked up in).
ISSUE_PLACE, ENV_PLACE, BUILT_IN_PLACE = "issue", "ISSUEPRESS_LAYOUTS", "built-in"


@dataclass(frozen=True)
class LayoutEntry:
    """One layout file in one of the layout folders; `hidden_by` names the place whose file of the same
    name a compose takes instead."""

    name: str
    place: str
    path: Path
    description: str
    hidden_by: str | None = None


def layout_folders(issue_dir: Path | None) -> list[tuple[str, Path]]:
    """The layout folders in lookup order, each with its place (load/layout.py's order)."""
    from ..load.layout import ENV_VAR, project_layouts_dir

    out: list[tuple[str, Path]] = []
    if issue_dir is not None:
        out.append((ISSUE_PLACE, issue_dir / "layouts"))
    out += [(ENV_PLACE, Path(p.strip()).expanduser()) for p in os.environ.get(ENV_VAR, "").split(os.pathsep)
            if p.strip()]
    built_in = project_layouts_dir()
    if built_in is not None:
        out.append((BUILT_IN_PLACE, built_in))
    return out


def describe_layout(path: Path) -> str:
    """The layout's own `description:` (or what it extends); a file that does not read says so."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return "(cannot be read as UTF-8 text)"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return f"(YAML does not parse at line {mark.line + 1})" if mark is not None else "(YAML does not parse)"
    if not isinstance(data, dict):
        return "(not a mapping of keys)"
    desc = data.get("description")
    if isinstance(desc, str) and desc.strip():
        return " ".join(desc.split())
    ext = data.get("extends")
    return f"extends {ext}" if isinstance(ext, str) else ""


def list_layouts(issue_dir: Path | None) -> list[LayoutEntry]:
    """Every layout file a compose of the issue (or of any issue, without one) could name, in lookup order."""
    from ..load.layout import SUFFIXES

    entries: list[LayoutEntry] = []
    seen: dict[str, str] = {}  # name -> the place a compose takes it from
    for place, folder in layout_folders(issue_dir):
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
        except OSError:
            continue
        for path in files:
            hidden = seen.get(path.stem)
            seen.setdefault(path.stem, place)
            entries.append(LayoutEntry(path.stem, place, path, describe_layout(path), hidden))
    return entries


def issue_layout(issue_dir: Path) -> tuple[str, Path] | None:
    """The layout the issue's issue.yaml names and the file a compose takes for it; None when issue.yaml
    does not name one that is found (compose says why)."""
    import yaml

    from ..load.issue import ISSUE_FILES
    from ..load.layout import find_layout

    for name in ISSUE_FILES:
        try:
            data = yaml.safe_load((issue_dir / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        named = data.get("layout") if isinstance(data, dict) else None
        if not isinstance(named, str) or not named.strip():
            return None
        try:
            return named, find_layout(named, issue_dir)
        except InputError:
            return None
    return None


def _issue_dir(issue: Path) -> Path:
    if issue.is_dir():
        return issue
    if issue.is_file():
        return issue.parent
    raise InputError(issue, "no such issue folder or file")


def make_layouts_command(guard: Callable[[Any], Any]) -> click.Command:
    @click.command("layouts", short_help="List the layouts a compose can name, and where each is.")
    @click.argument("issue", required=False, type=click.Path(path_type=Path))
    @click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
    @guard
    def layouts_cmd(issue: Path | None, debug: bool) -> None:
        """List the layouts a compose can name and where each is: the ISSUE's layouts/ folder, the
        folders in $ISSUEPRESS_LAYOUTS, then the built-in ones. A name found twice is taken from the
        first place; the others are marked hidden."""
        folder = _issue_dir(issue) if issue is not None else None
        entries = list_layouts(folder)
        rows = [(e.name, e.place, shown(e.path), e.description + (f" (hidden by the {e.hidden_by} one)"
                                                                 if e.hidden_by else "")) for e in entries]
        click.echo(table(rows) if rows else "no layouts found")
        used = issue_layout(folder) if folder is not None else None
        if used is not None:
            click.echo(f"the issue uses {used[0]}: {shown(used[1])}")

    return layouts_cmd
