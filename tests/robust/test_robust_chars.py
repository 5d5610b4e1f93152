"""No character is ever lost: what an article says comes back out of the PDF's text, in order, or is
counted in the report as overset or flagged as glyph-missing. For generated articles and the seeds."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from issuepress.load.issue import load_issue
from issuepress.model import Paragraph, Subhead
from issuepress.pipeline import ComposeOptions, Result, compose
from robustkit import assert_body_back, nonspace, pdf_pages_text, write_issue

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted(p for p in (REPO / "seeds").iterdir() if (p / "issue.yaml").is_file())

HAN = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作医院科护理"
CJK_PUNCT = "。，、；：？！“”‘’（）《》〈〉「」『』【】〔〕…—·"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
# ASCII punctuation that Markdown reads as text. Left out, because Markdown reads them as markup
# (emphasis, headings, lists, links, HTML, escapes, entities) and the loader drops the markup by design:
# * _ ` # [ ] < > \ & - + = | ~
ASCII_PUNCT = ".,;:?!()'\"%/@"
BLANKS = [" ", "\n", "\n\n", "\t", "\u3000", "    "]
# Weighted so that most of an article is Han text, as in the newsletters, with every kind mixed in.
ALPHABET = list(HAN) * 4 + list(CJK_PUNCT) + list(LATIN) + list(DIGITS) * 2 + list(ASCII_PUNCT) + BLANKS * 3

articles = st.lists(st.sampled_from(ALPHABET), max_size=700).map("".join)
# Sometimes a long Han tail, so that articles also run over into the next column and off the page.
tails = st.sampled_from([0, 0, 0, 2_000, 6_000])


def han_tail(n: int) -> str:
    return "".join(HAN[(i * 7) % len(HAN)] + ("。" if i % 29 == 28 else "") for i in range(n))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=articles, tail=tails)
def test_every_character_of_a_generated_article_comes_back(body: str, tail: int) -> None:
    body += han_tail(tail)
    with tempfile.TemporaryDirectory(prefix="robust-chars-") as tmp:
        root = write_issue(Path(tmp) / "issue", body=body)
        out = Path(tmp) / "issue.pdf"
        res = compose(root, out, ComposeOptions(proof=True))
        assert_body_back(res.report, pdf_pages_text(out), body)


MARKUP = "*_`#[]<>\\&-+=|~"
markdown_articles = st.lists(st.sampled_from(ALPHABET + list(MARKUP) * 3), max_size=500).map("".join)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=markdown_articles)
def test_every_character_the_loader_reads_from_markdown_comes_back(body: str) -> None:
    """With Markdown markup mixed in, the loader's paragraphs and subheads are what must come back."""
    with tempfile.TemporaryDirectory(prefix="robust-chars-") as tmp:
        root = write_issue(Path(tmp) / "issue", body=body)
        out = Path(tmp) / "issue.pdf"
        res = compose(root, out, ComposeOptions(proof=True))
        art = load_issue(root).pages[0].articles[0]
        text = "".join(b.text for b in art.blocks if isinstance(b, (Paragraph, Subhead)))
        assert_body_back(res.report, pdf_pages_text(out), text)


@pytest.fixture(scope="module", params=[p.name for p in SEEDS])
def seed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result, list[str]]:
    folder = REPO / "seeds" / request.param
    out = tmp_path_factory.mktemp("seed") / f"{request.param}.pdf"
    res = compose(folder, out, ComposeOptions(proof=True))
    return folder, res, pdf_pages_text(out)


def test_every_character_of_the_seeds_comes_back(seed: tuple[Path, Result, list[str]]) -> None:
    folder, res, pages = seed
    issue = load_issue(folder)
    index = {a["file"]: i for i, a in enumerate(res.report["articles"])}
    for page in issue.pages:
        for art in page.articles:
            rel = art.path.relative_to(issue.path).as_posix()
            body = "".join(b.text for b in art.blocks if isinstance(b, (Paragraph, Subhead)))
            assert_body_back(res.report, pages, body, index[rel])


def test_every_headline_caption_and_byline_of_the_seeds_comes_back(seed: tuple[Path, Result, list[str]]) -> None:
    folder, res, pages = seed
    issue = load_issue(folder)
    text = "".join(pages)
    for page in issue.pages:
        for art in page.articles:
            parts = [art.kicker, art.title, art.subtitle, art.byline, art.note]
            parts += [p.caption for p in art.photos] + [name for _, name in art.credits]
            for part in filter(None, parts):
                assert nonspace(part) in text, (art.path.name, part)
