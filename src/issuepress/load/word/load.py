"""Load a Word article: its Markdown text read by the article loader, its pictures from the cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ...errors import InputError
from ...model import Article, ArticleFinding
from .convert import Converted, convert, locate, sidecar_path
from .pictures import cached

# The finding for a picture of the document that cannot be printed (preflight/codes.py).
LEFT_OUT = "word-picture-left-out"
# The folder the front matter names for a document's pictures; in a compose those names stand for files
# in the cache (load.article ArticleSource.pictures), and `issuepress import` writes them there.
PICTURE_DIR = "images"


def load_word_article(path: Path, root: Path, punctuation: str, default_lang: str | None = None) -> Article:
    """The article of a .docx (and its NAME.yaml), as load_article reads a .md (`default_lang`: the issue's)."""
    from ..article import FRONT_MATTER_KEYS, ArticleSource, load_article

    conv = convert(path, PICTURE_DIR, FRONT_MATTER_KEYS)
    pictures = {src: cached(data, Path(src).name) for src, data in conv.pictures}
    try:
        art = load_article(path, root, punctuation, ArticleSource(conv.text, pictures), default_lang)
    except InputError as exc:
        raise in_sidecar(exc, conv) from None
    left_out = tuple(ArticleFinding(LEFT_OUT, f"{_shown(path, root)}: {note}") for note in conv.notes)
    return dataclasses.replace(art, findings=art.findings + left_out) if left_out else art


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def in_sidecar(exc: InputError, conv: Converted) -> InputError:
    """An error in a value NAME.yaml gave names NAME.yaml and its line, not the text made from both."""
    top = (exc.key or "").split(".")[0].split("[")[0]
    side = sidecar_path(conv.path)
    if conv.sidecar is None or side is None or not top or top not in conv.sidecar.items:
        if exc.line is not None and exc.path == conv.path:  # a line of the made text means nothing to the editor
            return InputError(exc.path, exc.message, key=exc.key)
        return exc
    return InputError(side, exc.message, line=locate(conv.sidecar, exc.key or ""), key=exc.key)
