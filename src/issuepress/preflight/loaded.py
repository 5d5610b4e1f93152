"""Findings the loader made about articles' texts, as report findings on the page each article starts on."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..layout.items import DocumentLayout, Finding
from ..layout.typeset import display_path
from ..model import Article
from .codes import severity


def loaded_findings(articles: Iterable[Article], doc: DocumentLayout, root: Path | None) -> list[Finding]:
    """Each article's load-time findings, naming the article as the report does (its path from the
    issue folder) and the first page it is printed on."""
    first_page = {r.file: r.pages[0] for r in doc.articles if r.pages}
    out = []
    for art in articles:
        name = display_path(art.path, root)
        for f in art.findings:
            out.append(Finding(severity(f.code), f.code, f.message, first_page.get(name), name, f.line))
    return out


def with_loaded(doc: DocumentLayout, articles: Iterable[Article], root: Path | None) -> DocumentLayout:
    """The document with the articles' load-time findings added to its own."""
    extra = loaded_findings(articles, doc, root)
    if not extra:
        return doc
    return DocumentLayout(doc.pages, doc.findings + tuple(extra), doc.articles, doc.title, doc.meta)
