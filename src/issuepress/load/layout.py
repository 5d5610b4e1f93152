"""Find and load a layout YAML: extends merged, every key validated by the schema, units made pt."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import (BlockRules, FlowRules, FontChoice, FontRole, Grid, ImageRules, Layout, Masthead,
                     PageGeometry, PageHeader,
                     PrintRules, Slot, Template, TextRules, TextStyle)
from .layout_schema import DEFAULTS, INDENTED_STYLES, ROOT
from .schema import DEFAULTS_FILE, Ctx, MapOf, check_refs, from_plain, merge, validate_section
from .textfile import read_text
from .units import paper_size
from .yamlnode import Pos, YMap, YNode, as_str, describe, fail, is_null, parse_yaml, suggest

ENV_VAR = "ISSUEPRESS_LAYOUTS"
SUFFIXES = (".yaml", ".yml")
# A chain of `extends` longer than this is surely a mistake (or a loop we failed to see).
MAX_EXTENDS = 8


def project_layouts_dir() -> Path | None:
    """layouts/ at the repository root: walk up from this file to the first folder that has one."""
    for parent in Path(__file__).resolve().parents:
        cand = parent / "layouts"
        if cand.is_dir() and any(cand.glob("*.yaml")):
            return cand
    return None


def layout_dirs(base_dir: Path | None) -> list[Path]:
    """Where a layout name is looked up, in order: the issue's layouts/, $ISSUEPRESS_LAYOUTS, the project's."""
    dirs: list[Path] = []
    if base_dir is not None:
        dirs.append(Path(base_dir) / "layouts")
    for part in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if part.strip():
            dirs.append(Path(part.strip()))
    proj = project_layouts_dir()
    if proj is not None:
        dirs.append(proj)
    return dirs


def known_layouts(base_dir: Path | None = None) -> list[str]:
    names = {p.stem for d in layout_dirs(base_dir) if d.is_dir() for p in d.iterdir() if p.suffix in SUFFIXES}
    return sorted(names)


def looks_like_path(name: str) -> bool:
    return name.endswith(SUFFIXES) or "/" in name or os.sep in name


def find_layout(name: str | Path, base_dir: Path | None = None) -> Path:
    """The file of a layout given by name (looked up in the layout folders) or by path (relative to base_dir)."""
    text = str(name).strip()
    if isinstance(name, Path) or looks_like_path(text):
        path = Path(text).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        if path.is_file():
            return path.resolve()
        raise InputError(None, f"layout file '{text}' not found" + (f" (in {base_dir})" if base_dir else ""))
    for d in layout_dirs(base_dir):
        for suffix in SUFFIXES:
            cand = d / f"{text}{suffix}"
            if cand.is_file():
                return cand.resolve()
    known = known_layouts(base_dir)
    raise InputError(None, f"no layout named '{text}'{suggest(text, known)} (known layouts: "
                           f"{', '.join(known) or 'none'})")


def _read_tree(path: Path, seen: tuple[Path, ...]) -> YMap:
    """The file's tree with what it extends merged underneath."""
    if len(seen) > MAX_EXTENDS:
        raise InputError(path, f"'extends' goes more than {MAX_EXTENDS} layouts deep")
    node = parse_yaml(read_text(path).text, path)
    if node is None:
        node = YMap({}, Pos(path, 1, 1))
    if not isinstance(node, YMap):
        raise fail(node, "", f"a layout is a mapping of keys (page:, grid:, …), got {describe(node)}")
    ext = node.get("extends")
    if is_null(ext):
        return node
    assert ext is not None
    try:
        base_path = find_layout(as_str(ext, "extends"), path.parent)
    except InputError as exc:
        raise fail(ext, "extends", exc.message) from None
    if base_path in seen or base_path == path:
        raise fail(ext, "extends", f"'{base_path.stem}' extends itself (a loop through {path.name})")
    base = _read_tree(base_path, seen + (path,))
    items = {k: v for k, v in base.items.items() if k not in ("name", "description")}
    merged = merge(YMap(items, base.pos, dict(base.key_pos)), node)
    assert isinstance(merged, YMap)
    return merged


def load_layout(name_or_path: str | Path, base_dir: Path | None = None) -> Layout:
    """Load a layout by name (layouts/NAME.yaml) or path; an InputError names the file, line and key."""
    path = find_layout(name_or_path, base_dir)
    tree = _read_tree(path, ())
    replaced = {e.name for e in ROOT if isinstance(e, MapOf) and e.replace and not is_null(tree.get(e.name))}
    defaults = from_plain({k: v for k, v in DEFAULTS.items() if k not in replaced}, Pos(DEFAULTS_FILE, 0, 0))
    full = merge(defaults, tree)
    ctx = Ctx()

    def after(name: str, values: dict[str, object], ctx: Ctx) -> None:
        if name == "grid":
            ctx.baseline_pt = values["grid"]["baseline"]  # type: ignore[index]

    values = validate_section(ROOT, full, "", ctx, after)
    try:
        check_refs(ctx, values)
    except InputError as exc:
        if exc.path != DEFAULTS_FILE:
            raise
        # a built-in style names something the layout removed: the layout is what to change
        raise InputError(path, f"{exc.message} (a built-in default refers to it)", key=exc.key) from None
    return _build(path, values, tree, ctx)


def _pos_of(tree: YMap, *keys: str) -> Pos:
    """Where a key path is written in the layout (for errors found after validation)."""
    node: YNode = tree
    pos = tree.pos
    for k in keys:
        if not isinstance(node, YMap) or k not in node.items:
            break
        pos = node.where(k)
        node = node.items[k]
    return pos


def _check_type_area(geo: PageGeometry, g: Grid, body_pt: float, tree: YMap) -> None:
    """A layout whose type area cannot hold one line of one column can never print a story: an input
    error naming the key, rather than pages on which every story is overset."""
    high = geo.height_pt - geo.margin_top_pt - geo.margin_bottom_pt
    wide = geo.width_pt - geo.margin_inside_pt - geo.margin_outside_pt
    if high < g.baseline_pt or wide < body_pt:
        what = f"{high * MM_PER_PT:.1f} mm high" if high < g.baseline_pt else f"{wide * MM_PER_PT:.1f} mm wide"
        need = f"one {g.baseline_pt:g}pt grid line" if high < g.baseline_pt else f"one {body_pt:g}pt body character"
        left = "no type area" if min(high, wide) <= 0 else f"a type area {what}, less than {need}"
        raise fail(_pos_of(tree, "page", "margins"), "page.margins", f"the margins leave {left}")
    col_w = (wide - (g.columns - 1) * g.gutter_pt) / g.columns
    if col_w < body_pt:
        raise fail(_pos_of(tree, "grid", "columns"), "grid.columns",
                   f"{g.columns} columns with {g.gutter_pt * MM_PER_PT:.1f} mm gutters leave columns "
                   f"{max(0.0, col_w) * MM_PER_PT:.1f} mm wide, narrower than one {body_pt:g}pt body character")


# Millimetres per point, for error messages in the unit designers write margins in.
MM_PER_PT = 25.4 / 72


def _build(path: Path, v: Mapping[str, Any], tree: YMap, ctx: Ctx) -> Layout:
    page, grid, text = v["page"], v["grid"], v["text"]
    width, height = paper_size(page["size"], page["orientation"] == "landscape")
    m = page["margins"]
    geometry = PageGeometry(page["width"] or width, page["height"] or height, page["bleed"],
                            m["top"], m["bottom"], m["inside"], m["outside"])
    g = Grid(grid["columns"], grid["gutter"], grid["baseline"], grid["column_rule"])
    if geometry.width_pt - m["inside"] - m["outside"] <= (g.columns - 1) * g.gutter_pt:
        raise fail(_pos_of(tree, "grid", "columns"), "grid", "the columns and gutters do not fit between the "
                   "margins")
    rules = TextRules(text["level"], text["han_latin_space"], text["han_latin_space_min"],
                      text["hanging_punctuation"], text["indent"])
    fonts = {}
    for role, chain in v["fonts"].items():
        choices = []
        for i, c in enumerate(chain):
            if not c["family"] and not c["file"]:
                raise fail(_pos_of(tree, "fonts", role), f"fonts.{role}[{i}]", "give a family or a file")
            choices.append(FontChoice(c["family"], c["weight"], c["file"]))
        fonts[role] = FontRole(role, tuple(choices))
    styles = {}
    for name, s in v["styles"].items():
        indent = s["indent"] if s["indent"] is not None else (text["indent"] if name in INDENTED_STYLES else 0.0)
        styles[name] = TextStyle(s["font"], s["size"], s["leading"], s["align"], indent, s["color"],
                                 s["space_before"], s["space_after"], s["letter_spacing"], s["bold"])
    body = styles["body"]
    _check_type_area(geometry, g, body.size_pt, tree)
    if abs(body.leading_pt - g.baseline_pt) > 1e-6:
        raise fail(_pos_of(tree, "styles", "body"), "styles.body.leading",
                   f"the body leading ({body.leading_pt:g}pt) must be the grid baseline ({g.baseline_pt:g}pt): "
                   f"write `leading: grid`")
    mh, ph, bl, im, pr = v["masthead"], v["page_header"], v["blocks"], v["images"], v["print"]
    return Layout(
        name=v["name"] or path.stem,
        path=path,
        page=geometry,
        grid=g,
        text=rules,
        fonts=fonts,
        colors=dict(v["colors"]),
        styles=styles,
        title_sizes=_title_sizes(v["title_sizes"], g.columns),
        masthead=Masthead(mh["height"], mh["name_style"], mh["info_style"], mh["credits_style"], mh["credits"],
                          mh["rule"], mh["eye"], mh["logo_height"]),
        page_header=PageHeader(ph["height"], ph["style"], ph["title_style"], ph["rule"], ph["mirror"]),
        blocks=BlockRules(bl["separator"], bl["rule"], bl["space_lines"], bl["photo_columns_default"],
                          bl["caption_style"]),
        templates=_templates(v["templates"], g.columns, tree),
        images=ImageRules(im["min_ppi"], im["warn_ppi"], im["downsample_above"], im["max_crop"]),
        print=PrintRules(geometry.bleed_pt, pr["crop_marks"], pr["registration"], pr["slug"], pr["ink_limit"],
                         pr["profile"]),
        flow=FlowRules(v["flow"]["max_jumps"], v["flow"]["min_jump_lines"]),
    )


def _title_sizes(sizes: Mapping[int, float], columns: int) -> dict[int, float]:
    """A size for every span from 1 to the column count; a span not listed takes the next narrower one's."""
    out: dict[int, float] = {}
    last = None
    for span in range(1, max([columns, *sizes]) + 1):
        last = sizes.get(span, last)
        if last is not None:
            out[span] = last
    return out


def _templates(tpls: Mapping[str, Any], columns: int, tree: YMap) -> dict[str, Template]:
    out = {}
    for name, t in tpls.items():
        slots = []
        for sname, s in t["slots"].items():
            key = f"templates.{name}.slots.{sname}"
            pos = _pos_of(tree, "templates", name, "slots", sname)
            if s["column"] >= columns:
                raise fail(pos, key + ".column", f"column {s['column']} is outside the grid "
                           f"(columns 0 to {columns - 1})")
            span = s["span"] if s["span"] is not None else columns - s["column"]
            if s["column"] + span > columns:
                raise fail(pos, key + ".span", f"{span} columns from column {s['column']} go past the last "
                           f"column ({columns} columns)")
            slots.append(Slot(sname, s["column"], span, s["line"], s["lines"], s["bleed"]))
        out[name] = Template(name, t["masthead"], t["header"], tuple(slots), t["background"])
    return out
