"""Load one article: YAML front matter for the headline and photos, Markdown for the body."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..limits import MAX_ARTICLE_CHARS, MAX_MARKDOWN_NESTING
from ..model import Article, ArticleFinding, Photo
from .figures import resolve_figures
from .markdown import TooDeep, parse_body
from .tables import at_file_lines
from .normalise import Normaliser
from .paths import resolve_inside, resolve_picture
from .punctpass import KEEP, PunctuationPass
from .textfile import TextFile, read_text
from .word.container import looks_like_word
from .yamlnode import (YMap, YNode, YScalar, as_int, as_map, as_seq, as_str, check_keys, describe, fail, is_null,
                       join, opt_str, parse_yaml)

FRONT_MATTER_KEYS = ("kicker", "title", "subtitle", "byline", "byline_position", "note", "photos", "credits",
                     "short_title", "lang", "style")
# A BCP 47 language tag as editors write them: zh, zh-Hans, zh-Hant, zh-HK, zh-Hant-TW.
LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
PHOTO_KEYS = ("src", "caption", "credit", "width", "focus")
# focus: which part of a picture a crop keeps, by name or as "X Y" shares across and down (0–1)
FOCUS_NAMES = {"top": (0.5, 0.0), "bottom": (0.5, 1.0), "left": (0.0, 0.5), "right": (1.0, 0.5),
               "centre": (0.5, 0.5), "center": (0.5, 0.5)}
BYLINE_POSITIONS = ("end", "top")
# style: prose (paragraphs, justified) or verse (a poem: every line as written, stanzas apart).
STYLES = ("prose", "verse")
# Lines that open and close the front matter (Jekyll/Hugo convention; YAML's own end marker `...` too).
FENCE = "---"
CLOSERS = ("---", "...")
HINT = "an article starts with a line '---', then title: … and the other keys, then another '---' line"


def split_front_matter(text: str, path: Path) -> tuple[str, str]:
    """(front matter YAML, body) or an InputError."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise InputError(path, f"no front matter: {HINT}", line=1)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in CLOSERS:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:])
    raise InputError(path, "the front matter opened on line 1 is never closed by a '---' line", line=1)


@dataclass(frozen=True)
class ArticleSource:
    """An article's text made from another file (a Word document, load/word/): the Markdown, the photo
    paths it names that are files the reader made (in the cache, outside the issue folder), and notes."""

    text: str
    pictures: Mapping[str, Path] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def load_article(path: Path, root: Path, punctuation: str = KEEP, source: ArticleSource | None = None,
                 default_lang: str | None = None) -> Article:
    """Read `path` (inside the issue folder `root`); photo paths are relative to `root`. `punctuation`:
    keep (warn about half-width marks among Chinese text) or fix (make them full-width, in the
    article's language: its front matter's `lang`, else `default_lang`, the issue's). A Word file is
    read as the Markdown its reader makes of it (`source`)."""
    path = Path(path).resolve()
    if source is None and looks_like_word(path):
        from .word.load import load_word_article

        return load_word_article(path, root, punctuation, default_lang)
    tf = read_text(path) if source is None else TextFile(path, source.text, False, False)
    if len(tf.text) > MAX_ARTICLE_CHARS:
        raise InputError(path, f"{len(tf.text):,} characters; an article may have at most {MAX_ARTICLE_CHARS:,} "
                         "(split it, see docs/limits.md)")
    norm = Normaliser()
    if tf.had_bom:
        norm.file_notes.append("removed the byte-order mark at the start of the file")
    norm.file_notes.extend(source.notes if source else ())
    text = norm.clean_source(tf.text)
    yaml_text, body = split_front_matter(text, path)
    node = parse_yaml(yaml_text, path, line_offset=1)
    if node is None:
        raise InputError(path, "the front matter is empty; it needs at least a title:", line=2)
    if not isinstance(node, YMap):
        raise fail(node, "", f"the front matter must be keys and values (title: …), got {describe(node)}")
    fm = node
    check_keys(fm, "", FRONT_MATTER_KEYS, required=("title",))

    def text_of(key: str) -> str | None:
        value = opt_str(fm.get(key), key)
        return _clean_value(value, norm)

    title = _clean_value(as_str(fm.get("title"), "title"), norm) or ""
    position = "end"
    if not is_null(fm.get("byline_position")):
        position = as_str(fm.get("byline_position"), "byline_position").strip()
        if position not in BYLINE_POSITIONS:
            raise fail(fm.items["byline_position"], "byline_position",
                       f"expected one of {', '.join(BYLINE_POSITIONS)}, got '{position}'")
    lang = None if is_null(fm.get("lang")) else lang_tag(fm.items["lang"], "lang")
    style = "prose"
    if not is_null(fm.get("style")):
        style = as_str(fm.get("style"), "style").strip()
        if style not in STYLES:
            raise fail(fm.items["style"], "style", f"expected one of {', '.join(STYLES)}, got '{style}'")
    body_line = text.count("\n", 0, len(text) - len(body))  # lines before the body
    punct = PunctuationPass(_shown(path, root), punctuation, lang or default_lang)
    body = punct.body(body, body_line + 1)
    norm.line_offset = body_line
    try:
        blocks = parse_body(body, norm, verse=style == "verse")
    except TooDeep as e:
        raise InputError(path, f"quotes or lists nested too deep here (at most {MAX_MARKDOWN_NESTING} levels, "
                         "a list counting two); flatten them", line=body_line + e.line) from None
    blocks = resolve_figures(blocks, root, path, body_line)
    blocks = at_file_lines(blocks, body_line)  # tables name their line in the file
    return punct.article(Article(
        path=path,
        kicker=text_of("kicker"),
        title=title,
        subtitle=text_of("subtitle"),
        byline=text_of("byline"),
        byline_position=position,
        note=text_of("note"),
        photos=_photos(fm.get("photos"), root, norm, source.pictures if source else {}),
        credits=_credits(fm.get("credits"), norm),
        blocks=blocks,
        slot=None,
        normalised=norm.notes(),
        short_title=text_of("short_title"),
        lang=lang,
        findings=_load_findings(norm, _shown(path, root)),
        style=style,
    ), fm)


def _shown(path: Path, root: Path) -> str:
    """The article's file as findings name it: relative to the issue folder."""
    try:
        return path.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.name


def _load_findings(norm: Normaliser, shown: str) -> tuple[ArticleFinding, ...]:
    """What the body's parser found (markup it cannot set …), each naming the file and line."""
    return tuple(ArticleFinding(code, f"{shown} line {line}: {message}", line) for code, line, message in norm.findings)


def lang_tag(node: YNode, key: str) -> str:
    """A language tag (zh-Hans, zh-Hant, zh-HK …) as front matter or issue.yaml gives it."""
    lang = as_str(node, key).strip()
    if not LANG_TAG.fullmatch(lang):
        raise fail(node, key, f"expected a language tag such as zh-Hans, zh-Hant or zh-HK, got '{lang}'")
    return lang


def _clean_value(value: str | None, norm: Normaliser) -> str | None:
    """A front-matter text: cleaned like the body, tabs to spaces, a YAML block scalar's last newline dropped.

    A newline inside is kept: a title may be set on two lines on purpose (FORMAT.md)."""
    if value is None:
        return None
    value = norm.clean_source(value)  # a quoted YAML value may write invisible characters as escapes
    lines = [norm.clean_inline(line).strip(" ") for line in value.strip("\n").split("\n")]
    return "\n".join(line for line in lines if line) or None


def _photos(node: YNode | None, root: Path, norm: Normaliser, made: Mapping[str, Path]) -> tuple[Photo, ...]:
    """The photos; a src the article's reader made (`made`, a Word document's pictures) is its file, any
    other is resolved inside the issue folder."""
    if is_null(node):
        return ()
    out = []
    for i, item in enumerate(as_seq(node, "photos")):
        key = join("photos", i)
        if isinstance(item, YScalar):  # photos: [images/a.jpg] – a bare path, no caption
            src_node, caption, credit, width = item, "", None, None
            src_key = key
            focus = FOCUS_NAMES["centre"]
        else:
            m = as_map(item, key)
            check_keys(m, key, PHOTO_KEYS, required=("src",))
            src_node, src_key = m.items["src"], join(key, "src")
            caption = _clean_value(opt_str(m.get("caption"), join(key, "caption")), norm) or ""
            credit = _clean_value(opt_str(m.get("credit"), join(key, "credit")), norm)
            width = None if is_null(m.get("width")) else as_int(m.get("width"), join(key, "width"), minimum=1)
            focus = _focus(m.get("focus"), join(key, "focus"))
        src = made.get(as_str(src_node, src_key).strip()) or resolve_picture(root, src_node, src_key)
        out.append(Photo(src, caption, credit, width, src.is_file(), focus))
    return tuple(out)


def _focus(node: YNode | None, key: str) -> tuple[float, float]:
    """`focus: top` or `focus: 0.5 0.2`: the point of the picture a crop keeps in view."""
    if is_null(node):
        return FOCUS_NAMES["centre"]
    text = as_str(node, key).strip().lower()
    if text in FOCUS_NAMES:
        return FOCUS_NAMES[text]
    parts = text.replace(",", " ").split()
    try:
        x, y = (float(p) for p in parts)
    except ValueError:
        x = y = -1.0
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise fail(node, key, f"expected one of {', '.join(FOCUS_NAMES)} or two shares 'X Y' "
                   f"between 0 and 1, got '{text}'")
    return x, y


def _credits(node: YNode | None, norm: Normaliser) -> tuple[tuple[str, str], ...]:
    """The credit box: role -> name (a list of names is joined with a space)."""
    if is_null(node):
        return ()
    m = as_map(node, "credits")
    out = []
    for role, value in m.items.items():
        key = join("credits", role)
        if isinstance(value, YScalar):
            names = as_str(value, key)
        else:
            names = " ".join(as_str(v, join(key, j)) for j, v in enumerate(as_seq(value, key)))
        out.append((_clean_value(role, norm) or role, _clean_value(names, norm) or names))
    return tuple(out)
