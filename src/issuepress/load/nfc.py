"""Unicode NFC with a count of what it changed: each character sequence rewritten counts once, the rest never."""

from __future__ import annotations

import unicodedata
from collections import Counter

# Characters of combining class 0 that still compose with the character before them, so they continue
# its sequence like a combining mark: the second halves of canonical pairs (Bengali, Oriya, Tamil,
# Kannada, Malayalam, Sinhala vowel signs, Myanmar, Balinese, and a few Brahmic scripts beyond the BMP)
# and the Hangul medial vowels and final consonants (L+V and LV+T compose algorithmically). Inclusive
# ranges; tests check the table against the running Python's Unicode data.
COMPOSING_STARTERS = (
    (0x09BE, 0x09BE), (0x09D7, 0x09D7), (0x0B3E, 0x0B3E), (0x0B56, 0x0B57), (0x0BBE, 0x0BBE), (0x0BD7, 0x0BD7),
    (0x0CC2, 0x0CC2), (0x0CD5, 0x0CD6), (0x0D3E, 0x0D3E), (0x0D57, 0x0D57), (0x0DCF, 0x0DCF), (0x0DDF, 0x0DDF),
    (0x102E, 0x102E), (0x1161, 0x1175), (0x11A8, 0x11C2), (0x1B35, 0x1B35), (0x11127, 0x11127),
    (0x1133E, 0x1133E), (0x11357, 0x11357), (0x114B0, 0x114B0), (0x114BA, 0x114BA), (0x114BD, 0x114BD),
    (0x115AF, 0x115AF), (0x11930, 0x11930),
)
_COMPOSING = frozenset(chr(cp) for lo, hi in COMPOSING_STARTERS for cp in range(lo, hi + 1))


def _continues(ch: str) -> bool:
    """Does `ch` belong to the sequence of the character before it (NFC may join or reorder them)?"""
    return unicodedata.combining(ch) != 0 or ch in _COMPOSING


def sequences(text: str) -> list[str]:
    """The text cut into sequences NFC treats independently: a starter and the characters continuing it."""
    out: list[str] = []
    start = 0
    for i in range(1, len(text)):
        if not _continues(text[i]):
            out.append(text[start:i])
            start = i
    if text:
        out.append(text[start:])
    return out


def nfc_counted(text: str) -> tuple[str, Counter[tuple[str, str]]]:
    """NFC of `text` and each rewritten sequence (before, after) with how often it was rewritten.

    Comparing the text before and after position by position would count every character after the
    first sequence that changes length; sequences are compared one by one instead. Lines are cut at
    newlines first (a newline never composes) so that only lines that change are looked at."""
    if unicodedata.is_normalized("NFC", text):
        return text, Counter()
    changes: Counter[tuple[str, str]] = Counter()
    for line in text.split("\n"):
        if unicodedata.is_normalized("NFC", line):
            continue
        for seq in sequences(line):
            nfc = unicodedata.normalize("NFC", seq)
            if nfc != seq:
                changes[(seq, nfc)] += 1
    return unicodedata.normalize("NFC", text), changes


def code_points(text: str) -> str:
    """U+0065 U+0301: a short text as its code points, for the report."""
    return " ".join(f"U+{ord(ch):04X}" for ch in text)
