"""A compose with warm caches (font subsets, prepared pictures, set paragraphs on disk, or paragraphs kept
in memory between composes as `watch` keeps them) writes the same bytes as a compose with cold caches
and as one that sets every paragraph anew, and the warm one really takes its paragraphs and pictures
from the caches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from e2ekit import REPO
from issuepress.layout import typeset
from issuepress.layout.paracache import ParagraphCache, SetParagraph
from issuepress.pipeline import compose
from issuepress.render import images

ISSUES = {"jincheng-215 (tabloid-4col)": REPO / "seeds" / "jincheng-215",
          "school-a4 (a4-3col)": REPO / "corpus" / "school-a4"}
# The placement search sets a headline at each span and title size it tries: far fewer paragraphs than
# the whole issue has (a few hundred), which a compose that set everything again would set.
PARAGRAPHS_OF_A_HEADLINE = 60


class NoCache(ParagraphCache):
    """A paragraph cache that never has a paragraph: every one is set anew."""

    def get(self, key: tuple) -> SetParagraph | None:
        return None


class Counted:
    """How often the text engine set a paragraph and how often a picture was decoded for print."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paragraphs = 0
        self.pictures = 0
        set_paragraph, load_for_print = typeset.set_paragraph, images.load_for_print

        def counted_set(*args, **kwargs):
            self.paragraphs += 1
            return set_paragraph(*args, **kwargs)

        def counted_load(*args, **kwargs):
            self.pictures += 1
            return load_for_print(*args, **kwargs)

        monkeypatch.setattr(typeset, "set_paragraph", counted_set)
        monkeypatch.setattr(images, "load_for_print", counted_load)

    def reset(self) -> None:
        self.paragraphs = self.pictures = 0


def pdf_of(issue: Path, folder: Path, **kwargs) -> tuple[bytes, bytes]:
    """The PDF's and the report's bytes, written under one name (the slug line prints the file name) in
    a folder of its own."""
    folder.mkdir()
    out = folder / "issue.pdf"
    compose(issue, out, **kwargs)
    return out.read_bytes(), out.with_suffix(".report.json").read_bytes()


@pytest.mark.parametrize("name", sorted(ISSUES))
def test_warm_caches_write_the_bytes_of_a_cold_compose(name: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    issue = tmp_path / "issue"
    shutil.copytree(ISSUES[name], issue)
    counted = Counted(monkeypatch)

    monkeypatch.setenv("ISSUEPRESS_CACHE", str(tmp_path / "cache"))
    cold = pdf_of(issue, tmp_path / "cold")
    assert counted.paragraphs > 50 and counted.pictures > 0
    assert list((tmp_path / "cache" / "paragraphs").iterdir())

    counted.reset()
    warm = pdf_of(issue, tmp_path / "warm")
    assert (counted.paragraphs, counted.pictures) == (0, 0)  # every paragraph and picture from the caches
    assert warm == cold

    # no cache at all: an empty cache folder and a paragraph cache that never answers
    monkeypatch.setenv("ISSUEPRESS_CACHE", str(tmp_path / "empty"))
    counted.reset()
    uncached = pdf_of(issue, tmp_path / "uncached", paragraphs=NoCache())
    assert counted.paragraphs > 50
    assert uncached == cold

    # paragraphs kept in memory between two composes (as `watch` keeps them), none read from disk
    kept = ParagraphCache()
    first = pdf_of(issue, tmp_path / "kept1", paragraphs=kept)
    counted.reset()
    second = pdf_of(issue, tmp_path / "kept2", paragraphs=kept)
    assert counted.paragraphs == 0
    assert first == second == cold
    # an edited headline: only its paragraphs are set again, and the old one's are forgotten after it
    art = next(p for p in sorted((issue / "articles").glob("*.md")) if "\ntitle:" in p.read_text(encoding="utf-8"))
    art.write_text(art.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 新", 1), encoding="utf-8")
    kept.keep_used()
    counted.reset()
    pdf_of(issue, tmp_path / "edited", paragraphs=kept)
    assert 0 < counted.paragraphs < PARAGRAPHS_OF_A_HEADLINE
    held = len(kept.entries)
    kept.keep_used()
    assert len(kept.entries) < held  # the old headline's settings are gone
    counted.reset()
    pdf_of(issue, tmp_path / "again", paragraphs=kept)
    assert counted.paragraphs == 0  # and what is kept is what the issue needs
