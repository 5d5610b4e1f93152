"""List markers an editor types by hand at a paragraph's start (一、 （一） 1. 1、 ① ●): found, so the
paragraph is set as a list item with its marker hanging, as a numbered Markdown list is."""

from __future__ import annotations

import re

# Chinese numerals of hand-numbered lists and headings in notices (公文格式: 一、 （一） 1. （1）).
_HAN_NUM = "〇零一二三四五六七八九十百"
# The markers, each as typed; a marker must be followed by text. Arabic numbers followed by "." or "．"
# are markers only before a non-digit (3.5 is a number); markdown reads "1. " as a list before this does.
HAND_MARKER = re.compile(
    rf"(?:[{_HAN_NUM}]+、"                    # 一、
    rf"|[（(][{_HAN_NUM}]+[）)]"               # （一） (一)
    r"|[（(]\d{1,3}[）)]"                       # （1） (1)
    r"|\d{1,3}[、．.](?!\d)"                    # 1、 1． 1.
    r"|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u277f]"  # ①…⑳ ㉑…㊿ ❶…❿
    r"|[●•◆◇■□▪▶►◎★☆])"                  # bullets
    r"[ \u3000]*(?=\S)")


def split_marker(text: str) -> tuple[str, str] | None:
    """(marker as typed, the rest) when `text` starts with a hand-typed list marker, else None.

    The blanks typed after the marker are dropped: the layout sets the gap after it."""
    m = HAND_MARKER.match(text)
    if not m:
        return None
    return m.group().rstrip(" \u3000"), text[m.end():]


# Circled numbers for footnotes: ① … ⑳ (U+2460), ㉑ … ㉟ (U+3251), ㊱ … ㊿ (U+32B1); past 50 "(51)".
def circled(n: int) -> str:
    """The note number `n` (1-based) as a circled number, the way Chinese papers number notes."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return f"({n})"
