"""Pictures written in the body (`![caption](src "credit")`): split out of their paragraph as figures,
their files resolved against the issue folder exactly as front-matter photos are."""

from __future__ import annotations

import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Union

from markdown_it.token import Token

from ..model import Block, Figure, Paragraph, Photo
from .paths import resolve_picture
from .yamlnode import TAG_STR, Pos, YScalar, fail

# The key an error about a picture in the body names (the front matter's is photos[N].src).
KEY = "image"
# Inline markup still open at a picture is opened again after it, so the text after keeps its bold
# and a link around the picture still prints its address.
_REOPEN = {"strong_open": "strong_close", "em_open": "em_close", "link_open": "link_close"}

Piece = Union[list[Token], tuple[Token, int]]  # inline text tokens, or (image token, line offset)


def split_at_images(children: list[Token]) -> list[Piece]:
    """The inline tokens of a paragraph cut at each picture: runs of text and (picture, lines before it
    in the paragraph). A paragraph without pictures is one run."""
    pieces: list[Piece] = []
    run: list[Token] = []
    open_: list[Token] = []
    line = 0
    for tok in children:
        if tok.type == "image":
            pieces.append(run)  # what is left open here ends with the run (_inline closes nothing)
            pieces.append((tok, line))
            run = list(open_)
            continue
        if tok.type in _REOPEN:
            open_.append(tok)
        elif tok.type in _REOPEN.values() and open_:
            open_.pop()
        elif tok.type in ("softbreak", "hardbreak"):
            line += 1
        run.append(tok)
    pieces.append(run)
    return pieces


def figure_of(tok: Token, caption: str, line: int) -> Figure:
    """A picture as written, its file not yet resolved (`line`: its body line, 1-based). A title is
    printed after the caption in parentheses as typed: `"王明 摄"` gives 会场（王明 摄）."""
    title = " ".join(str(tok.attrs.get("title", "") or "").split())
    if title:
        caption = f"{caption}（{title}）"
    src = str(tok.attrs.get("src", "") or "")
    return Figure(Photo(Path(src), caption, None, None, False), line)


def resolve_figures(blocks: tuple[Block, ...], root: Path, path: Path, body_line: int) -> tuple[Block, ...]:
    """Each figure's file resolved inside the issue folder `root` (an InputError naming the article's
    line when it leaves it); a missing file is kept, exists=False, for the layout to mark."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Figure):
            block = _resolved(block, root, path, body_line + block.line)
        out.append(block)
    return tuple(out)


def _resolved(fig: Figure, root: Path, path: Path, line: int) -> Figure:
    typed = str(fig.photo.src)
    pos = Pos(path, line, 1)
    if not typed.strip() or typed == ".":
        raise fail(pos, KEY, "a picture with no file; write ![caption](images/name.jpg)")
    src = resolve_picture(root, YScalar(typed, typed, TAG_STR, pos), KEY)
    decoded = urllib.parse.unquote(typed)
    if not src.exists() and decoded != typed:  # images/%E4%BC%9A.jpg, as a Markdown editor writes a name
        src = resolve_picture(root, YScalar(decoded, decoded, TAG_STR, pos), KEY)
    return replace(fig, photo=replace(fig.photo, src=src, exists=src.is_file()))


def run_on(par: Paragraph) -> Paragraph:
    """The text after a picture inside a paragraph goes on with that paragraph: no first-line indent."""
    return replace(par, runs_on=True)


def figure_photos(article) -> tuple[Photo, ...]:
    """The pictures an article's body places (inputs of the compose, like its front-matter photos)."""
    return tuple(b.photo for b in getattr(article, "blocks", ()) if isinstance(b, Figure))
