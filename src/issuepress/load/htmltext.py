"""Raw HTML in an article: the text a reader would see, tags dropped and entity references decoded.

issuepress sets no HTML as markup (issue 10): what a browser would show of it is set as plain text,
and the loader warns `markup-unsupported` so the editor knows the tags were not applied."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tags whose start or end begins a new line of text (as a browser would break there); paragraphs of
# an HTML block are set as paragraphs.
BREAKING_TAGS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 "
                          "h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split())
# Tags whose content is not text for a reader (a style sheet, a script): dropped with the tags.
HIDDEN_TAGS = frozenset(("script", "style", "template", "head", "title"))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.hidden = 0

    def _tag(self, tag: str) -> None:
        if tag not in self.tags:
            self.tags.append(tag)
        if tag in BREAKING_TAGS:
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag)
        if tag in HIDDEN_TAGS:
            self.hidden += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag)
        if tag in HIDDEN_TAGS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self._tag("!--")  # a comment is not shown by a browser either: nothing of it is set

    def handle_decl(self, decl: str) -> None:
        self._tag("!" + decl.split(" ", 1)[0].lower())

    def unknown_decl(self, data: str) -> None:
        self._tag("![CDATA[")
        self.parts.append(data.removeprefix("CDATA["))


def html_text(source: str) -> tuple[str, tuple[str, ...]]:
    """(the text of `source` with its tags removed and entities decoded, the tags met in order).

    Lines stay lines: a newline in the source or a breaking tag (p, div, br, li …) gives "\\n"."""
    parser = _Text()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    if parser.rawdata:  # an unclosed "<" at the end: text, not a tag
        text += parser.rawdata
    return text, tuple(parser.tags)


def tag_names(tags: tuple[str, ...]) -> str:
    """The tags as the warning names them: <span>, <br>, <!-->."""
    return ", ".join(f"<{t}>" for t in tags)


_HIDING = re.compile(r"<\s*(/?)\s*(" + "|".join(sorted(HIDDEN_TAGS)) + r")\b", re.IGNORECASE)


def hiding(tag: str) -> int:
    """+1 for an inline tag that opens content no reader sees (<script>, <style>), -1 for its end, else 0:
    the text between the two tokens is dropped with them."""
    m = _HIDING.match(tag.strip())
    if not m or tag.rstrip().endswith("/>"):
        return 0
    return -1 if m.group(1) else 1
