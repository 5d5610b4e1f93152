"""Read an input text file as UTF-8: accept a BOM and CRLF, refuse other encodings with a useful hint."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..limits import MAX_TEXT_FILE_BYTES

BOM = "\ufeff"

# Characters frequent in any Chinese text, simplified and traditional. Decoding the bytes with the
# right legacy encoding yields many of them; a wrong one yields rare characters instead.
_COMMON_HAN = set(
    "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得"
    "于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面"
    "起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日月院医醫科议議新闻聞报報"
)
# A share of NUL bytes this high means two-byte units: UTF-16 without a BOM.
UTF16_NUL_SHARE = 0.2


@dataclass(frozen=True)
class TextFile:
    """A decoded file and what was done to it on the way in (for the normalisation notes)."""

    path: Path
    text: str
    had_bom: bool
    had_crlf: bool


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def guess_encoding(data: bytes) -> str | None:
    """Which encoding the bytes look like: UTF-16, GB18030 or Big5 (None if none fits)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if data and data.count(0) / len(data) >= UTF16_NUL_SHARE:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                data.decode(enc)
                return "UTF-16"
            except UnicodeDecodeError:
                pass
    scores: list[tuple[int, str]] = []
    for enc, name in (("gb18030", "GB18030"), ("big5", "Big5")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        scores.append((sum(1 for ch in text if ch in _COMMON_HAN), name))
    if not scores:
        return None
    # GB18030 first on a tie: it is the usual legacy encoding on mainland machines.
    scores.sort(key=lambda s: (-s[0], s[1] != "GB18030"))
    return scores[0][1]


def read_text(path: Path) -> TextFile:
    """The file's text with BOM stripped and line ends made \\n; InputError if it is not UTF-8."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):  # a pipe or device: reading would wait for ever or never end
            raise InputError(path, "is not a regular file (a pipe, socket or device)")
        size = st.st_size
        if size > MAX_TEXT_FILE_BYTES:
            raise InputError(path, f"the file has {size:,} bytes; a text input may have at most "
                             f"{MAX_TEXT_FILE_BYTES:,} (is it the right file?)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = guess_encoding(data)
        looks = f" (looks like {guess})" if guess else ""
        line = None if guess == "UTF-16" else _line_of(data, exc.start)
        raise InputError(path, f"not UTF-8{looks}; save it as UTF-8", line=line) from None
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[1:]
    had_crlf = "\r" in text
    if had_crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(path, text, had_bom, had_crlf)
