"""Find and load a layout YAML: extends merged, every key validated by the schema, units made pt."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..fonts.langs import is_traditional, variant_of
from ..model import (BlockRules, FlowRules, FontChoice, FontRole, Grid, ImageRules, Layout, Masthead,
                     PageGeometry, PageHeader,
                     PrintRules, Slot, TableRules, Template, TextRules, TextStyle)
from .layout_schema import DEFAULTS, INDENTED_STYLES, ROOT
from .schema import DEFAULTS_FILE, Ctx, MapOf, check_refs, from_plain, merge, validate_section
from .textfile import read_text
from .units import paper_size
from .yamlnode import Pos, YMap, YNode, YSeq, as_str, describe, fail, is_null, parse_yaml, suggest

ENV_VAR = "ISSUEPRESS_LAYOUTS"
SUFFIXES = (".yaml", ".yml")
# A chain of `extends` longer than this is surely a mistake (or a loop we failed to see).
MAX_EXTENDS = 8


def project_layouts_dir() -> Path | None:
    """The built-in layouts, shipped inside the package (so a plain `pip install` has them too)."""
    cand = Path(str(resources.files("issuepress").joinpath("layouts")))
    return cand if cand.is_dir() and any(cand.glob("*.yaml")) else None


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


def _regular(p: Path) -> bool:
    try:
        return p.is_file()
    except OSError:
        return False


def known_layouts(base_dir: Path | None = None, extra: tuple[Path, ...] = ()) -> list[str]:
    """Names of the regular layout files in the layout folders (a pipe named x.yaml is no layout)."""
    names = {p.stem for d in (*extra, *layout_dirs(base_dir)) if d.is_dir() for p in d.iterdir()
             if p.suffix in SUFFIXES and _regular(p)}
    return sorted(names)


def looks_like_path(name: str) -> bool:
    return name.endswith(SUFFIXES) or "/" in name or os.sep in name


def _not_regular(cand: Path) -> InputError:
    return InputError(None, f"{cand.parent.name}/{cand.name} is not a regular file (a pipe, socket, device or "
                      "folder); a layout is a YAML file")


def find_layout(name: str | Path, base_dir: Path | None = None, *, beside: Path | None = None,
                skip: Path | None = None) -> Path:
    """The file of a layout given by name (looked up beside `beside`, then in the layout folders) or by
    path (relative to base_dir). `skip` is the file asking (a layout extending the built-in of its name)."""
    text = str(name).strip()
    if isinstance(name, Path) or looks_like_path(text):
        path = Path(text).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        if _regular(path):
            return path.resolve()
        if path.exists():
            raise _not_regular(path)
        raise InputError(None, f"layout file '{text}' not found" + (f" (in {base_dir})" if base_dir else ""))
    dirs = ([beside] if beside is not None else []) + layout_dirs(base_dir)
    for d in dirs:
        for suffix in SUFFIXES:
            cand = d / f"{text}{suffix}"
            if skip is not None and cand.exists() and cand.resolve() == skip:
                continue
            if _regular(cand):
                return cand.resolve()
            if cand.exists():
                raise _not_regular(cand)
    known = known_layouts(base_dir, (beside,) if beside is not None else ())
    raise InputError(None, f"no layout named '{text}'{suggest(text, known)} (known layouts: "
                           f"{', '.join(known) or 'none'})")


def allowed_roots(base_dir: Path | None, named: Path | None = None) -> tuple[Path, ...]:
    """Folders a layout file may come from: the issue folder, the folders the user named
    ($ISSUEPRESS_LAYOUTS, a --layout path's folder) and the built-in layouts."""
    roots = [Path(base_dir)] if base_dir is not None else []
    roots += [Path(p.strip()) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    proj = project_layouts_dir()
    if proj is not None:
        roots.append(proj)
    if named is not None:  # a layouts/ folder belongs to the folder that holds it (an issue's)
        roots.append(named.parent.parent if named.parent.name == "layouts" else named.parent)
    out = []
    for r in roots:
        try:
            out.append(r.resolve())
        except (OSError, RuntimeError):
            continue
    return tuple(out)


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(r) for r in roots)


def _read_tree(path: Path, seen: tuple[Path, ...], chain: list[Path], roots: tuple[Path, ...],
               base_dir: Path | None) -> YMap:
    """The file's tree with what it extends merged underneath; `chain` collects every file read."""
    if len(seen) > MAX_EXTENDS:
        raise InputError(path, f"'extends' goes more than {MAX_EXTENDS} layouts deep")
    chain.append(path)
    node = parse_yaml(read_text(path).text, path)
    if node is None:
        node = YMap({}, Pos(path, 1, 1))
    if not isinstance(node, YMap):  # the kind only: a file's content is never quoted in an error
        kind = "a list" if isinstance(node, YSeq) else "a single value"
        raise fail(node, "", f"a layout is a mapping of keys (page:, grid:, …), got {kind}")
    ext = node.get("extends")
    if is_null(ext):
        return node
    assert ext is not None
    text = as_str(ext, "extends").strip()
    if looks_like_path(text) and Path(text).expanduser().is_absolute():
        raise fail(ext, "extends", f"'{text}' is an absolute path; name a layout or a file beside this one")
    try:
        base_path = find_layout(text, base_dir, beside=path.parent, skip=path) \
            if not looks_like_path(text) else find_layout(text, path.parent)
    except InputError as exc:
        raise fail(ext, "extends", exc.message) from None
    if not _inside(base_path, roots):
        raise fail(ext, "extends", f"'{text}' is outside the issue folder and the layout folders; a layout may "
                   "extend only a built-in layout or a file inside the issue folder")
    if base_path in seen or base_path == path:
        raise fail(ext, "extends", f"'{base_path.stem}' extends itself (a loop through {path.name})")
    base = _read_tree(base_path, seen + (path,), chain, roots, base_dir)
    items = {k: v for k, v in base.items.items() if k not in ("name", "description")}
    merged = merge(YMap(items, base.pos, dict(base.key_pos)), node)
    assert isinstance(merged, YMap)
    return merged


# Layouts already loaded, by what was asked for, while a `kept_layouts` block runs (None outside one).
_kept: ContextVar[dict[tuple[str, str, str], Layout] | None] = ContextVar("issuepress_kept_layouts", default=None)


@contextmanager
def kept_layouts(store: dict[tuple[str, str, str], Layout]) -> Iterator[None]:
    """Within the block a layout loaded before is answered from `store` without reading it again.
    `watch` keeps one store between composes and empties it whenever a YAML file changes."""
    token = _kept.set(store)
    try:
        yield
    finally:
        _kept.reset(token)


def load_layout(name_or_path: str | Path, base_dir: Path | None = None) -> Layout:
    """Load a layout by name (layouts/NAME.yaml) or path; an InputError names the file, line and key."""
    store = _kept.get()
    if store is None:
        return _load_layout(name_or_path, base_dir)
    key = (str(name_or_path), str(base_dir), os.environ.get(ENV_VAR, ""))
    layout = store.get(key)
    if layout is None:
        layout = store[key] = _load_layout(name_or_path, base_dir)
    return layout


def _load_layout(name_or_path: str | Path, base_dir: Path | None) -> Layout:
    by_path = isinstance(name_or_path, Path) or looks_like_path(str(name_or_path).strip())
    path = find_layout(name_or_path, base_dir)
    roots = allowed_roots(base_dir, path if by_path else None)
    if not _inside(path, roots):
        raise InputError(path.name, "the layout file is outside the issue folder (a layouts/ folder or file "
                         "linked elsewhere); layouts must stay inside it")
    chain: list[Path] = []
    tree = _read_tree(path, (), chain, roots, base_dir)
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
    return dataclasses.replace(_build(path, values, tree, ctx), sources=tuple(chain))


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
                      text["hanging_punctuation"], text["indent"], emphasis_font=text["emphasis_font"],
                      list_indent_em=text["list_indent"], punctuation=text["punctuation"])
    fonts = {}
    for role, chain in v["fonts"].items():
        _check_variant(role, tree)
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
    tb = v["table"]
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
        table=TableRules(tb["rules"], tb["frame"], tb["header"], tb["rows"], tb["padding"], tb["style"],
                         tb["header_style"], tb["min_size"]),
    )


def _check_variant(role: str, tree: YMap) -> None:
    """A role for a language (`song@zh-Hant`) names a role and a Traditional Chinese tag: a typo in the tag
    would leave the role unused and the articles in the plain (Simplified) faces."""
    base, tag = variant_of(role)
    if tag is None:
        return
    if not base or not is_traditional(tag):
        raise fail(_pos_of(tree, "fonts", role), f"fonts.{role}",
                   f"'{tag}' is not a Traditional Chinese language tag (zh-Hant, zh-HK, zh-TW …); write "
                   f"ROLE@TAG, and give Simplified Chinese faces in the plain role")


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
