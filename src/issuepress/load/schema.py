"""A small declarative schema: keys with kind, default and help; validation and Markdown docs from it."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from ..errors import InputError
from .units import UnitError
from .yamlnode import (TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NULL, TAG_STR, Pos, YMap, YNode, YScalar, YSeq, check_keys, describe,
                       fail, is_null, join, suggest)

# Where built-in defaults "are written", for the rare error in one (a bug, not the user's fault).
DEFAULTS_FILE = Path("<built-in defaults>")


@dataclass
class Ctx:
    """What a value may depend on: the baseline (for `3 lines`), filled in once the grid is read."""

    baseline_pt: float = 14.0
    refs: list[tuple[str, str, str, Pos]] = field(default_factory=list)  # (section, name, keypath, pos)


@dataclass(frozen=True)
class Kind:
    """A type of value: a name and an example for the docs, and a parser of the plain value."""

    name: str
    doc: str
    parse: Callable[[object, Ctx], object]
    text: bool = False  # parse the scalar as written (a name), not as YAML types it
    ref: str | None = None  # the value must name an entry of this top-level map (fonts, styles, colors)


@dataclass(frozen=True)
class Key:
    """One setting: declared once, with its kind, default (as a designer would write it) and help."""

    name: str
    kind: Kind
    default: object
    help: str
    required: bool = False


@dataclass(frozen=True)
class Section:
    """A mapping with fixed keys."""

    name: str
    help: str
    keys: tuple[Entry, ...]

    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)


@dataclass(frozen=True)
class ListOf:
    """A list of items; a bare scalar item is shorthand for {shorthand: value}."""

    item: Section
    shorthand: str | None = None


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys the designer chooses (style names, colour names, …)."""

    name: str
    help: str
    key_kind: Kind
    value: Section | Kind | ListOf
    default: Mapping[object, object]
    key_doc: str = "name"
    replace: bool = False  # a layout's own map replaces the built-in one instead of adding to it


Entry = Union[Key, Section, MapOf]


# ---------------------------------------------------------------------------------- plain values to nodes


def from_plain(value: object, pos: Pos) -> YNode:
    """A node tree for a built-in default, so defaults and user values merge and validate alike."""
    if isinstance(value, Mapping):
        items = {str(k): from_plain(v, pos) for k, v in value.items()}
        return YMap(items, pos, {k: pos for k in items})
    if isinstance(value, (list, tuple)):
        return YSeq(tuple(from_plain(v, pos) for v in value), pos)
    tag = {bool: TAG_BOOL, int: TAG_INT, float: TAG_FLOAT, type(None): TAG_NULL}.get(type(value), TAG_STR)
    raw = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return YScalar(value, raw, tag, pos)


def merge(base: YNode | None, over: YNode | None) -> YNode | None:
    """Deep merge: mappings key by key, anything else replaced by `over`; an empty value (`key:`) keeps
    `base`, as if it were not written."""
    if over is None or (is_null(over) and base is not None):
        return base
    if isinstance(base, YMap) and isinstance(over, YMap):
        items = dict(base.items)
        key_pos = dict(base.key_pos)
        for k, v in over.items.items():
            items[k] = merge(items.get(k), v)  # type: ignore[assignment]
            key_pos[k] = over.where(k)
        return YMap(items, over.pos, key_pos)
    return over


def defaults_of(entries: tuple[Entry, ...]) -> dict[str, object]:
    """The built-in defaults of a section as a plain tree (the keys whose default is not None)."""
    out: dict[str, object] = {}
    for e in entries:
        if isinstance(e, Key):
            out[e.name] = e.default
        elif isinstance(e, Section):
            out[e.name] = defaults_of(e.keys)
        else:
            out[e.name] = {str(k): v for k, v in e.default.items()}
    return out


# ---------------------------------------------------------------------------------------------- validation


def _parse(kind: Kind, node: YNode, key: str, ctx: Ctx) -> object:
    if kind.text:
        if not isinstance(node, YScalar) or is_null(node):
            raise fail(node, key, f"expected {kind.doc}, got {describe(node)}")
        value: object = node.value if isinstance(node.value, str) else node.raw
    elif isinstance(node, YScalar):
        value = node.value
        if isinstance(value, (datetime.date, datetime.datetime)):
            value = node.raw
    else:
        value = _plain(node)
    try:
        result = kind.parse(value, ctx)
    except (UnitError, ValueError, TypeError) as exc:
        raise fail(node, key, str(exc)) from None
    if kind.ref:
        ctx.refs.append((kind.ref, str(result), key, node.pos))
    return result


def _plain(node: YNode) -> object:
    if isinstance(node, YMap):
        return {k: _plain(v) for k, v in node.items.items()}
    if isinstance(node, YSeq):
        return [_plain(v) for v in node.items]
    return node.value


def validate_section(section: Section | tuple[Entry, ...], node: YNode | None, keypath: str, ctx: Ctx,
                     after: Callable[[str, dict[str, object], Ctx], None] | None = None) -> dict[str, object]:
    """Parse a mapping against its section: unknown keys refused, missing keys from the declaration.

    `after(name, values, ctx)` runs once each top-level entry is read (the grid sets the baseline)."""
    entries = section.keys if isinstance(section, Section) else section
    if node is None or is_null(node):
        node = YMap({}, Pos(DEFAULTS_FILE, 0, 0))
    if not isinstance(node, YMap):
        raise fail(node, keypath, f"expected a mapping of keys, got {describe(node)}")
    check_keys(node, keypath, tuple(e.name for e in entries))
    out: dict[str, object] = {}
    for e in entries:
        sub = node.get(e.name)
        key = join(keypath, e.name)
        if isinstance(e, Key):
            if is_null(sub) and e.default is not None:  # `key:` left empty means the default, as if unwritten
                sub = from_plain(e.default, node.pos)
            if is_null(sub):
                if e.required:
                    raise fail(node.where(e.name) if sub is not None else node.pos, key, "missing (required)")
                out[e.name] = None
            else:
                assert sub is not None
                out[e.name] = _parse(e.kind, sub, key, ctx)
        elif isinstance(e, Section):
            out[e.name] = validate_section(e, sub, key, ctx)
        else:
            out[e.name] = validate_map(e, sub, key, ctx)
        if after:
            after(e.name, out, ctx)
    return out


def validate_map(spec: MapOf, node: YNode | None, keypath: str, ctx: Ctx) -> dict[object, object]:
    if node is None or is_null(node):
        return {}
    if not isinstance(node, YMap):
        raise fail(node, keypath, f"expected a mapping of {spec.key_doc}s, got {describe(node)}")
    out: dict[object, object] = {}
    for name, sub in node.items.items():
        key = join(keypath, name)
        pos = node.where(name)
        map_key = _parse(spec.key_kind, YScalar(name, name, TAG_STR, pos), key, ctx)
        value = spec.value
        if isinstance(value, Section):
            out[map_key] = validate_section(value, sub, key, ctx)
        elif isinstance(value, ListOf):
            out[map_key] = validate_list(value, sub, key, ctx)
        elif is_null(sub):
            raise fail(sub, key, f"expected {value.doc}, got nothing")
        else:
            out[map_key] = _parse(value, sub, key, ctx)
    return out


def validate_list(spec: ListOf, node: YNode, keypath: str, ctx: Ctx) -> list[dict[str, object]]:
    items = node.items if isinstance(node, YSeq) else (node,)
    out = []
    for i, item in enumerate(items):
        if isinstance(item, YScalar) and spec.shorthand and not is_null(item):
            item = YMap({spec.shorthand: item}, item.pos, {spec.shorthand: item.pos})
        out.append(validate_section(spec.item, item, join(keypath, i) if isinstance(node, YSeq) else keypath, ctx))
    if not out:
        raise fail(node, keypath, "needs at least one entry")
    return out


def check_refs(ctx: Ctx, values: Mapping[str, object]) -> None:
    """Every name a value refers to (a style's font role, colour, …) must be defined."""
    for section, name, key, pos in ctx.refs:
        known = values.get(section) or {}
        if name not in known:
            raise InputError(pos.file, f"no {section} entry named '{name}'{suggest(name, map(str, known))} "
                             f"(defined: {', '.join(map(str, known))})", line=pos.line, key=key)


# ------------------------------------------------------------------------------------------ documentation


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (list, tuple)):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    return f"`{value}`"


def markdown(entries: tuple[Entry, ...], prefix: str = "", level: int = 2) -> list[str]:
    """Reference tables: one per section, one row per key."""
    out: list[str] = []
    keys = [e for e in entries if isinstance(e, Key)]
    if keys:
        out += ["| key | value | default | what it does |", "| --- | --- | --- | --- |"]
        for k in keys:
            req = " (required)" if k.required else ""
            out.append(f"| `{prefix}{k.name}` | {k.kind.doc} | {_fmt(k.default)} | {k.help}{req} |")
        out.append("")
    for e in entries:
        if isinstance(e, Section):
            out += [f"{'#' * level} `{prefix}{e.name}`", "", e.help, ""]
            out += markdown(e.keys, f"{prefix}{e.name}.", level + 1)
        elif isinstance(e, MapOf):
            out += [f"{'#' * level} `{prefix}{e.name}`", "", e.help, ""]
            out += _map_doc(e, f"{prefix}{e.name}", level + 1)
    return out


def _map_doc(spec: MapOf, path: str, level: int) -> list[str]:
    out: list[str] = []
    value = spec.value
    if isinstance(value, Kind):
        out += [f"Each entry: a {spec.key_doc} and its value, {value.doc}.", ""]
    else:
        section = value.item if isinstance(value, ListOf) else value
        lead = (f"Each entry is a list of these (a bare text is short for `{value.shorthand}:`)"
                if isinstance(value, ListOf) else "Each entry has these keys")
        out += [f"{lead}:", ""]
        brackets = "[]" if isinstance(value, ListOf) else ""
        out += markdown(section.keys, f"{path}.<{spec.key_doc}>{brackets}.", level)
    if spec.default:
        how = "a layout's own list replaces it" if spec.replace else "a layout changes any of them, or adds its own"
        out += [f"Built in ({how}):", ""]
        for name, dv in spec.default.items():
            out.append(f"- `{name}`: `{_inline(dv)}`")
        out.append("")
    return out


def _inline(value: object) -> str:
    if isinstance(value, Mapping):
        parts = [f"{k}: {_inline(v) if isinstance(v, (Mapping, list)) else _bare(v)}" for k, v in value.items()]
        return "{" + ", ".join(parts) + "}" if parts else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inline(v) if isinstance(v, Mapping) else _bare(v) for v in value) + "]"
    return _bare(value)


def _bare(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
