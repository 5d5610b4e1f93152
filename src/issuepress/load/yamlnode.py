"""YAML read through yaml.compose into a small tree that keeps each key's and value's file and line."""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import yaml

from ..errors import InputError
from ..limits import MAX_YAML_DEPTH, MAX_YAML_NODES

# Tags PyYAML's resolver gives plain scalars; a quoted scalar is always a string.
TAG_STR = "tag:yaml.org,2002:str"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_BOOL = "tag:yaml.org,2002:bool"
TAG_INT = "tag:yaml.org,2002:int"
TAG_FLOAT = "tag:yaml.org,2002:float"


@dataclass(frozen=True)
class Pos:
    """Where a node is: file, 1-based line and column."""

    file: Path
    line: int
    column: int


@dataclass(frozen=True)
class YScalar:
    """A scalar: its value as YAML types it, and the text as written (for string fields)."""

    value: object
    raw: str
    tag: str
    pos: Pos


@dataclass(frozen=True)
class YSeq:
    items: tuple[YNode, ...]
    pos: Pos


@dataclass(frozen=True)
class YMap:
    """A mapping with string keys in file order; key_pos says where each key is written."""

    items: dict[str, YNode]
    pos: Pos
    key_pos: dict[str, Pos] = field(default_factory=dict)

    def get(self, key: str) -> YNode | None:
        return self.items.get(key)

    def where(self, key: str) -> Pos:
        return self.key_pos.get(key, self.pos)


YNode = Union[YScalar, YSeq, YMap]

_constructor = yaml.constructor.SafeConstructor()

# Numbers as YAML 1.2's core schema reads them, in decimal only: `010` is 10 (not 8 as YAML 1.1 has
# it), while `0x10`, `0o10`, `1_000` and sexagesimal `1:30` are text, so a key that needs a number
# refuses them instead of printing 16 or 90. Booleans and dates stay as PyYAML reads them.
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class DecimalLoader(yaml.SafeLoader):
    """SafeLoader with the number resolvers above instead of YAML 1.1's (octal, hex, base 60)."""


DecimalLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (TAG_INT, TAG_FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
DecimalLoader.add_implicit_resolver(TAG_INT, _INT, list("-+0123456789"))
DecimalLoader.add_implicit_resolver(TAG_FLOAT, _FLOAT, list("-+0123456789."))


def _number(tag: str, text: str) -> int | float:
    """An int or float resolved by DecimalLoader, read in decimal (YAML 1.1's constructor reads 010 as 8)."""
    if tag == TAG_INT:
        return int(text, 10)
    low = text.lower()
    if low.endswith(".inf"):
        return -math.inf if low.startswith("-") else math.inf
    if low == ".nan":
        return math.nan
    return float(text)


# A high and a low UTF-16 surrogate written as two escapes ("\ud83d\ude00"): YAML takes each escape as
# a code point of its own, though the editor (or the JSON tool that wrote the file) meant one character.
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_characters(text: str, path: Path, pos: Pos, keypath: str) -> str:
    """A YAML string with escaped surrogate pairs joined into their character; a lone surrogate is no
    character at all (nothing can print or even write it), so it is an input error."""
    if not _SURROGATE.search(text):
        return text
    text = _SURROGATE_PAIR.sub(lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)
    lone = _SURROGATE.search(text)
    if lone:
        raise InputError(path, f"U+{ord(lone.group()):04X} is half of a UTF-16 surrogate pair, not a character "
                         "(an escape such as \\ud83d needs its second half \\ude00 right after it)",
                         line=pos.line, column=pos.column, key=keypath or None)
    return text


def _pos(path: Path, node: yaml.Node, line_offset: int) -> Pos:
    m = node.start_mark
    return Pos(path, m.line + 1 + line_offset, m.column + 1)


def _scalar(node: yaml.ScalarNode, path: Path, line_offset: int) -> YScalar:
    tag = node.tag
    try:
        if tag in (TAG_INT, TAG_FLOAT) and node.style is None:
            value = _number(tag, node.value)
        else:
            value = _constructor.construct_object(node)
    except (ValueError, yaml.constructor.ConstructorError):
        # e.g. 2026-02-30 matches the date pattern but is no date: keep the text, let the reader complain
        value, tag = node.value, TAG_STR
    if node.style in ("'", '"', "|", ">"):
        tag = TAG_STR
    return YScalar(value, node.value, tag, _pos(path, node, line_offset))


@dataclass
class _Walk:
    """State of one file's conversion: values made so far and the collections being converted."""

    path: Path
    line_offset: int
    nodes: int = 0
    active: set[int] = field(default_factory=set)


def _convert(node: yaml.Node, walk: _Walk, keypath: str, depth: int = 0) -> YNode:
    """The located tree of `node`. Aliases are expanded, so their total and the depth are bounded,
    and an alias inside the value it names (a loop) is refused."""
    path, line_offset = walk.path, walk.line_offset
    pos = _pos(path, node, line_offset)
    walk.nodes += 1
    if walk.nodes > MAX_YAML_NODES:
        raise InputError(path, f"more than {MAX_YAML_NODES:,} values once aliases (*name) are expanded; "
                         "aliases of aliases multiply", line=pos.line, key=keypath or None)
    if depth > MAX_YAML_DEPTH:
        raise InputError(path, f"nested more than {MAX_YAML_DEPTH} levels deep", line=pos.line,
                         key=keypath or None)
    if isinstance(node, yaml.ScalarNode):
        node.value = _whole_characters(node.value, path, pos, keypath)
        return _scalar(node, path, line_offset)
    if id(node) in walk.active:
        raise InputError(path, "an alias (*name) stands inside the value it names, which would never end",
                         line=pos.line, column=pos.column, key=keypath or None)
    walk.active.add(id(node))
    try:
        return _collection(node, walk, keypath, depth, pos)
    finally:
        walk.active.discard(id(node))


def _collection(node: yaml.Node, walk: _Walk, keypath: str, depth: int, pos: Pos) -> YNode:
    path, line_offset = walk.path, walk.line_offset
    if isinstance(node, yaml.SequenceNode):
        return YSeq(tuple(_convert(n, walk, f"{keypath}[{i}]", depth + 1) for i, n in enumerate(node.value)), pos)
    assert isinstance(node, yaml.MappingNode)
    items: dict[str, YNode] = {}
    key_pos: dict[str, Pos] = {}
    for knode, vnode in node.value:
        kpos = _pos(path, knode, line_offset)
        if not isinstance(knode, yaml.ScalarNode) or knode.tag == "tag:yaml.org,2002:merge":
            raise InputError(path, "a key must be a plain name", line=kpos.line, column=kpos.column, key=keypath or None)
        key = _whole_characters(knode.value, path, kpos, keypath)
        full = join(keypath, key)
        if key in items:
            first = key_pos[key].line
            raise InputError(path, f"written twice (first on line {first})", line=kpos.line, key=full)
        items[key] = _convert(vnode, walk, full, depth + 1)
        key_pos[key] = kpos
    return YMap(items, pos, key_pos)


def join(keypath: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{keypath}[{key}]"
    return f"{keypath}.{key}" if keypath else key


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> YNode | None:
    """Compose YAML text into a located tree; a syntax error is an InputError with line and column."""
    try:
        node = yaml.compose(text, Loader=DecimalLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(path, f"YAML syntax error: {problem}", line=line, column=column) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        before = text[: max(0, exc.position)]
        line = before.count("\n") + 1 + line_offset
        column = len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise InputError(path, f"YAML does not allow the character U+{code:04X} (a control character); "
                         "delete it", line=line, column=column) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"YAML error: {' '.join(str(exc).split())}") from None
    except RecursionError:  # brackets nested thousands deep: the parser itself gives up
        raise InputError(path, f"nested more than {MAX_YAML_DEPTH} levels deep") from None
    if node is None:
        return None
    return _convert(node, _Walk(path, line_offset), "")


# ------------------------------------------------------------------------------------------------ readers


def fail(node_or_pos: YNode | Pos, key: str, message: str) -> InputError:
    """An InputError at a node (or position) naming the key path."""
    pos = node_or_pos if isinstance(node_or_pos, Pos) else node_or_pos.pos
    return InputError(pos.file, message, line=pos.line, key=key or None)


def describe(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    return repr(node.raw) if node.tag != TAG_NULL else "nothing"


def suggest(name: str, known: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the nearest known name (difflib), or ''."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_keys(node: YMap, keypath: str, known: Sequence[str], required: Sequence[str] = ()) -> None:
    """Refuse unknown keys (suggesting the nearest known one) and report the first missing required key."""
    for key in node.items:
        if key not in known:
            raise InputError(node.where(key).file, f"unknown key{suggest(key, known)} (known keys: "
                             f"{', '.join(known)})", line=node.where(key).line, key=join(keypath, key))
    for key in required:
        if key not in node.items or is_null(node.items[key]):
            raise fail(node, join(keypath, key), "missing (required)")


def is_null(node: YNode | None) -> bool:
    return node is None or (isinstance(node, YScalar) and node.tag == TAG_NULL)


def as_map(node: YNode | None, key: str) -> YMap:
    if isinstance(node, YMap):
        return node
    assert node is not None
    raise fail(node, key, f"expected a mapping of keys, got {describe(node)}")


def as_seq(node: YNode | None, key: str) -> tuple[YNode, ...]:
    if isinstance(node, YSeq):
        return node.items
    assert node is not None
    raise fail(node, key, f"expected a list, got {describe(node)}")


def as_str(node: YNode | None, key: str, *, allow_empty: bool = False) -> str:
    """Text as written: `title: 2026` is '2026', `title: yes` is 'yes' (no YAML typing of strings)."""
    if not isinstance(node, YScalar) or node.tag == TAG_NULL:
        assert node is not None
        raise fail(node, key, f"expected text, got {describe(node)}")
    text = node.value if isinstance(node.value, str) else node.raw
    if not text.strip() and not allow_empty:
        raise fail(node, key, "is empty")
    return text


def opt_str(node: YNode | None, key: str) -> str | None:
    if is_null(node):
        return None
    text = as_str(node, key, allow_empty=True)
    return text if text.strip() else None


def as_int(node: YNode | None, key: str, minimum: int | None = None) -> int:
    if not (isinstance(node, YScalar) and node.tag == TAG_INT and isinstance(node.value, int)):
        assert node is not None
        raise fail(node, key, f"expected a whole number, got {describe(node)}{_digits_hint(node)}")
    if minimum is not None and node.value < minimum:
        raise fail(node, key, f"must be at least {minimum}, got {node.value}")
    return node.value


def _digits_hint(node: YNode) -> str:
    """Why `0x10` or `1:30` is no number here: only decimal digits are read as numbers."""
    raw = node.raw if isinstance(node, YScalar) else ""
    if re.fullmatch(r"[-+]?(0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9]*)?|[0-9][0-9_]*_[0-9_]*)", raw):
        return " (numbers are read in decimal digits only: no hex, octal, base 60 or _)"
    return ""


def as_bool(node: YNode | None, key: str) -> bool:
    if not (isinstance(node, YScalar) and node.tag == TAG_BOOL):
        assert node is not None
        raise fail(node, key, f"expected true or false, got {describe(node)}")
    return bool(node.value)


def as_number(node: YNode | None, key: str) -> float:
    if not (isinstance(node, YScalar) and node.tag in (TAG_INT, TAG_FLOAT)):
        assert node is not None
        raise fail(node, key, f"expected a number, got {describe(node)}{_digits_hint(node)}")
    return float(node.value)  # type: ignore[arg-type]


# Date forms editors type besides ISO 8601 (2026-04-01), tried in order.
_DATE_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def as_date(node: YNode | None, key: str) -> datetime.date:
    """A date: 2026-04-01 (also 2026/4/1, 2026.4.1, 2026年4月1日)."""
    if isinstance(node, YScalar):
        if isinstance(node.value, datetime.datetime):
            return node.value.date()
        if isinstance(node.value, datetime.date):
            return node.value
        text = node.raw.strip()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    assert node is not None
    raise fail(node, key, f"expected a date like 2026-04-01, got {describe(node)}")


def plain(node: YNode | None) -> object:
    """The node as plain Python values (for the layout schema, which parses units itself)."""
    if node is None:
        return None
    if isinstance(node, YMap):
        return {k: plain(v) for k, v in node.items.items()}
    if isinstance(node, YSeq):
        return [plain(v) for v in node.items]
    return node.value
