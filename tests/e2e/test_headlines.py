"""Headlines read back from the seeds' PDFs: every wrapped line ends where a reader pauses."""

from __future__ import annotations

import pytest

from e2ekit import Composed
from issuepress.model import Subhead
from issuepress.text.phrases import allowed_breaks
from pdfmeasure import PdfPage, TextLine, stacked_blocks

ALL = ["jincheng", "changzhi", "jincheng_a4"]
# Wrapped headlines the seeds are known to have (titles with the editor's break, subheads that wrap):
# fewer found means the headlines were not read back, not that they are right.
MIN_WRAPPED = {"jincheng-215": 8, "changzhi-robot": 3, "jincheng-a4": 10}


@pytest.fixture(params=ALL)
def issue(request: pytest.FixtureRequest) -> Composed:
    return request.getfixturevalue(request.param)


def visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def headline_texts(composed: Composed) -> list[str]:
    """Kicker, title, subtitle and subheads of every article of the issue, as the editor wrote them."""
    out = []
    for page in composed.issue.pages:
        for art in page.articles:
            out += [t for t in (art.kicker, art.title, art.subtitle) if t]
            out += [b.text for b in art.blocks if isinstance(b, Subhead)]
    return out


def stacked_lines(page: PdfPage, max_gap: float) -> list[list[TextLine]]:
    """Segments of one size stacked one under the other with overlapping x ranges (a headline block)."""
    return stacked_blocks(page, max_gap)


def printed_lines(composed: Composed, text: str) -> list[list[str]]:
    """Each run of consecutive lines of one block whose text is the headline's (wherever it is printed)."""
    want = visible(text)
    found = []
    for page in composed.pages:
        for blk in stacked_lines(page, composed.max_gap):
            texts = [ln.text for ln in blk]
            for i in range(len(texts)):
                acc = ""
                for j in range(i, len(texts)):
                    acc += texts[j]
                    if acc == want:
                        found.append(texts[i:j + 1])
                    if len(acc) >= len(want):
                        break
    return found


def test_wrapped_headlines_break_at_phrases_and_marks(issue):
    wrapped = 0
    faults = []
    for text in headline_texts(issue):
        vis = [i for i, ch in enumerate(text) if not ch.isspace()]
        ok = set(allowed_breaks(text)) | {i + 1 for i, ch in enumerate(text) if ch.isspace()}
        for lines in printed_lines(issue, text):
            if len(lines) < 2:
                continue
            wrapped += 1
            k = 0
            for ln in lines[:-1]:
                k += len(ln)
                if vis[k] not in ok:
                    faults.append(f"{' / '.join(lines)}: break before {text[vis[k]]!r}")
            faults += [f"{' / '.join(lines)}: lone character {ln!r}" for ln in lines
                       if sum(ch.isalnum() for ch in ln) == 1]
    assert not faults, "\n".join(faults)
    assert wrapped >= MIN_WRAPPED[issue.name]
