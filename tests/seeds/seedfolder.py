"""Read a seed issue folder with plain PyYAML, independent of the project's loader."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO / "seeds"
DATA_DIR = Path(__file__).resolve().parent / "data"

FRONT_MATTER_FENCE = "---\n"


@dataclass(frozen=True)
class ArticleFile:
    """One article: its path inside the folder, parsed front matter and raw Markdown body."""

    rel: str
    front: dict[str, Any]
    body: str

    def strings(self) -> list[str]:
        """Every piece of text an editor wrote for this article, where a seed line may be found."""
        out = [self.body, *strings_in(self.front)]
        kicker, title = self.front.get("kicker"), self.front.get("title", "")
        if kicker:  # a seed headline "医养互通 我院举办…" is split into 引题 + 主题
            out.append(f"{kicker} {title}")
        return out

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class SeedFolder:
    """An issue folder: issue.yaml and the articles it lists, in page order."""

    root: Path
    issue: dict[str, Any]
    articles: tuple[ArticleFile, ...]

    def all_strings(self) -> list[str]:
        """issue.yaml keys and values (names, credits, QR labels) plus every article's text."""
        return [*strings_in(self.issue), *(s for a in self.articles for s in a.strings())]


def strings_in(obj: Any) -> Iterator[str]:
    """All string keys and values of a parsed YAML tree, depth first."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings_in(k)
            yield from strings_in(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings_in(v)


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    if not text.startswith(FRONT_MATTER_FENCE):
        raise AssertionError(f"{where}: no front matter")
    end = text.find("\n" + FRONT_MATTER_FENCE, len(FRONT_MATTER_FENCE) - 1)
    if end < 0:
        raise AssertionError(f"{where}: front matter not closed")
    front = yaml.safe_load(text[len(FRONT_MATTER_FENCE):end + 1]) or {}
    if not isinstance(front, dict):
        raise AssertionError(f"{where}: front matter is not a mapping")
    return front, text[end + 1 + len(FRONT_MATTER_FENCE):]


def listed_articles(issue: dict[str, Any]) -> list[str]:
    """Article paths in page order; an entry is a path or {file: path, slot: name}."""
    out = []
    for page in issue["pages"]:
        for entry in page["articles"]:
            out.append(entry["file"] if isinstance(entry, dict) else entry)
    return out


def read_folder(name: str) -> SeedFolder:
    root = SEEDS_DIR / name
    issue = yaml.safe_load((root / "issue.yaml").read_text(encoding="utf-8"))
    arts = []
    for rel in listed_articles(issue):
        front, body = split_front_matter((root / rel).read_text(encoding="utf-8"), rel)
        arts.append(ArticleFile(rel, front, body))
    return SeedFolder(root, issue, tuple(arts))
