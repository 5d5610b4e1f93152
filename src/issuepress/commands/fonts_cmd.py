"""`issuepress fonts [ISSUE]`: each font role with the faces that serve it, and what of an issue falls back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from .table import shown, table

# The layout `fonts` lists without an issue (the galley's default too).
DEFAULT_LAYOUT = "a4-3col"


@dataclass(frozen=True)
class RoleFace:
    """One face of a role's chain: primary (rank 0) or a fallback."""

    role: str
    lang: str
    rank: int
    family: str
    weight: str
    file: Path


@dataclass(frozen=True)
class Fallback:
    """Characters of an issue that a role's primary face lacks, set in `family` instead."""

    role: str
    family: str
    weight: str
    file: Path
    chars: str


@dataclass(frozen=True)
class Missing:
    """Characters no face of the role has (printed as a marked box)."""

    role: str
    chars: str


def role_faces(reg: Any, layout: Any) -> tuple[list[RoleFace], list[tuple[str, str]]]:
    """Every role of the layout with its faces in fallback order; roles none of whose faces is found,
    with the reason."""
    from ..fonts.langs import DEFAULT_LANG, role_lang
    from ..fonts.roles import FontError

    rows: list[RoleFace] = []
    broken: list[tuple[str, str]] = []
    for role in sorted(layout.fonts, key=lambda r: (role_lang(r) != DEFAULT_LANG, role_lang(r), r)):
        try:
            ids = reg.face_ids(role)
        except FontError as exc:
            broken.append((role, str(exc)))
            continue
        for rank, fid in enumerate(ids):
            face = reg.face(fid)
            rows.append(RoleFace(role, role_lang(role), rank, face.family, face.weight, face.path))
    return rows, broken


class _Recorder:
    """The registry as the layout sees it, noting for every character the layout sets the face it got."""

    def __init__(self, reg: Any) -> None:
        self.reg = reg
        self.set_in: dict[tuple[str, str], dict[str, None]] = {}  # (role, face id) -> chars
        self.missing: dict[str, dict[str, None]] = {}  # role -> chars

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reg, name)

    def style_chars(self, text: str, role: str, *args: Any, **kwargs: Any) -> Any:
        styled = self.reg.style_chars(text, role, *args, **kwargs)
        for sc in styled:
            if sc.missing:
                self.missing.setdefault(role, {})[sc.ch] = None
            else:
                self.set_in.setdefault((role, sc.face), {})[sc.ch] = None
        return styled


def _sorted_chars(chars: dict[str, None]) -> str:
    return "".join(sorted(chars))


def issue_fallbacks(issue_path: Path) -> tuple[Any, Any, list[Fallback], list[Missing]]:
    """Lay the issue out (no PDF is written) and say which of its characters each role's primary face
    lacked, and which face set them; with the issue's layout and registry."""
    from ..layout.compose import compose_issue
    from ..load.issue import load_issue
    from ..pipeline import font_errors_name, fonts_for, picture_limit

    issue = load_issue(issue_path)
    reg = fonts_for(issue.layout, issue.path)
    rec = _Recorder(reg)  # the layout asks the registry for every character it sets
    with picture_limit(), font_errors_name(issue.layout):
        compose_issue(issue, rec)
    falls: list[Fallback] = []
    for (role, fid), chars in sorted(rec.set_in.items()):
        primary = reg.face_ids(role)[0]
        if fid != primary:
            face = reg.face(fid)
            falls.append(Fallback(role, face.family, face.weight, face.path, _sorted_chars(chars)))
    missing = [Missing(role, _sorted_chars(chars)) for role, chars in sorted(rec.missing.items())]
    return issue.layout, reg, falls, missing


def _codes(chars: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in chars)


def _print_roles(rows: list[RoleFace]) -> None:
    lines = [(r.role if r.rank == 0 else "", r.lang if r.rank == 0 else "  fallback", f"{r.family} ({r.weight})",
              shown(r.file)) for r in rows]
    click.echo(table(lines))


def make_fonts_command(guard: Callable[[Any], Any]) -> click.Command:
    @click.command("fonts", short_help="List the faces serving each font role, and what falls back.")
    @click.argument("issue", required=False, type=click.Path(path_type=Path))
    @click.option("--layout", "layout_name", metavar="NAME", default=None,
                  help=f"Without ISSUE: the layout whose roles to list (name or path; default {DEFAULT_LAYOUT}).")
    @click.option("--debug", is_flag=True, help="Show tracebacks (for developers).")
    @guard
    def fonts_cmd(issue: Path | None, layout_name: str | None, debug: bool) -> None:
        """List each font role of the layout (ROLE@zh-Hant for Traditional text) with the face that serves
        it and its file, then its fallbacks. With ISSUE: the issue's layout and fonts/ folder, and which
        of the issue's characters fall back to which face, or no face has."""
        falls: list[Fallback] = []
        missing: list[Missing] = []
        if issue is not None:
            if layout_name is not None:
                raise InputError("--layout", "give an ISSUE or --layout, not both (the issue names its layout)")
            if not issue.exists():
                raise InputError(issue, "no such issue folder or file")
            layout, reg, falls, missing = issue_fallbacks(issue)
        else:
            from ..load.layout import load_layout
            from ..pipeline import fonts_for

            layout = load_layout(layout_name or DEFAULT_LAYOUT, Path.cwd())
            reg = fonts_for(layout, Path.cwd())
        rows, broken = role_faces(reg, layout)
        click.echo(f"layout {layout.name} ({shown(layout.path)})")
        _print_roles(rows)
        if issue is not None:
            if falls:
                click.echo("fallback (characters the role's first face lacks):")
                click.echo(table([(f"  {f.role}", f"{f.family} ({f.weight})", f"{len(f.chars)} characters",
                                   f.chars) for f in falls]))
            else:
                click.echo("fallback: none (every character is in its role's first face)")
            for m in missing:
                click.echo(f"missing in {m.role} (no face has them, printed as marked boxes): {m.chars} "
                           f"({_codes(m.chars)})")
        if broken:
            role, why = broken[0]
            raise InputError(getattr(layout, "path", None), why, key=f"fonts.{role}")

    return fonts_cmd
