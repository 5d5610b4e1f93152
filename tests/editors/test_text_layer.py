"""Every character in the text layer (issue 10, point 5): what the PDF shows comes back with its own code
point through pdftotext, pdfplumber and pypdfium2, beyond the BMP (CJK Extensions B–H, symbols of the
supplementary planes) and when a fallback face draws it. Characters no face on the machine has are left
out: they are printed as marked boxes and reported (glyph-missing), which other tests cover."""

from __future__ import annotations

import shutil
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from hantkit import base_font, compose, read_back  # noqa: E402

from issuepress.fonts.registry import FontRegistry  # noqa: E402
from issuepress.load.layout import load_layout  # noqa: E402
from issuekit import issue_yaml  # noqa: E402

# Blocks drawn from, by name: (first, last code point).
BLOCKS = {
    "Han": (0x4E00, 0x9FFF),
    "Ext-A": (0x3400, 0x4DBF),
    "Ext-B": (0x20000, 0x2A6DF),
    "Ext-C": (0x2A700, 0x2B73F),
    "Ext-D": (0x2B740, 0x2B81F),
    "Ext-E": (0x2B820, 0x2CEAF),
    "Ext-F": (0x2CEB0, 0x2EBEF),
    "Ext-I": (0x2EBF0, 0x2EE5F),
    "Ext-G": (0x30000, 0x3134F),
    "Ext-H": (0x31350, 0x323AF),
    "symbols": (0x2600, 0x27BF),  # ☀★☎ …, in the Noto CJK faces
    "SMP symbols": (0x1F000, 0x1FAFF),  # emoji and game symbols of plane 1 the faces have
}
# Letters and symbols; "Cn" for the blocks newer than this Python's Unicode tables (Extension H is
# Unicode 15, Python 3.11 knows 14): the fonts have them and the engine sets them as Han.
KINDS = ("Lo", "So", "Cn")
# At most this many characters per block are kept to draw from (spread over the block).
PER_BLOCK = 120


@lru_cache(maxsize=1)
def pools() -> dict[str, tuple[str, ...]]:
    """For each block, characters the body role (a4-3col's `song`: its face and its fallbacks) draws,
    that Unicode NFC keeps as they are (the loader would rewrite the others, and says so)."""
    layout = load_layout("a4-3col")
    reg = FontRegistry(layout.fonts)
    faces = [reg.face(f) for f in reg.face_ids("song")]
    out: dict[str, tuple[str, ...]] = {}
    for name, (lo, hi) in BLOCKS.items():
        have = [chr(cp) for cp in range(lo, hi + 1)
                if unicodedata.category(chr(cp)) in KINDS and unicodedata.normalize("NFC", chr(cp)) == chr(cp)
                and any(f.has(chr(cp)) for f in faces)]
        if have:  # spread over the block, so that every face drawing some of it is drawn from
            n = min(PER_BLOCK, len(have))
            out[name] = tuple(dict.fromkeys(have[i * len(have) // n] for i in range(n)))
    return out


def write(root: Path, title: str, body: str) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    (root / "articles").mkdir(parents=True)
    (root / "issue.yaml").write_text(issue_yaml([("要闻", ["articles/a.md"])]), encoding="utf-8")
    (root / "articles" / "a.md").write_text(f"---\ntitle: {title}\nbyline: 记者 {title}\n---\n{body}\n",
                                            encoding="utf-8")
    return root


def assert_read_back(pdf: Path, *wanted: str) -> None:
    for reader, text in read_back(pdf).items():
        for w in wanted:
            assert w in text, (reader, w, [f"U+{ord(c):04X}" for c in w if c not in text])


def test_the_machine_has_faces_beyond_the_bmp() -> None:
    """The blocks the property test draws from: Extension B–H and plane-1 symbols are all covered by
    some face of the default body role (LXGW WenKai holds the C–H characters Noto CJK lacks)."""
    have = pools()
    assert {"Han", "Ext-A", "Ext-B", "Ext-C", "Ext-D", "Ext-E", "Ext-F", "Ext-G", "Ext-H", "SMP symbols"} <= set(have)


def test_rare_characters_and_fallback_faces_read_back_with_their_own_code_points(tmp_path: Path) -> None:
    have = pools()
    rare = "".join(have[b][len(have[b]) // 2] for b in have if b != "Han")
    body = "姓名" + "、".join(rare) + "，𠮷野家与𨋢。"
    got = compose(write(tmp_path / "issue", f"说{rare[:3]}", body), tmp_path / "out" / "a.pdf")
    assert [f for f in got.report["findings"] if f["code"] == "glyph-missing"] == []
    assert_read_back(got.pdf, body, f"说{rare[:3]}", f"记者说{rare[:3]}")
    # the characters the body face lacks were set in a fallback face, and still came back
    text = "".join(c["text"] for c in got.chars)
    start = text.index("姓名")
    fonts = {c["text"]: base_font(c["fontname"]) for c in got.chars[start:start + len(body)]}
    reg = FontRegistry(load_layout("a4-3col").fonts)
    primary = reg.face(reg.face_ids("song")[0])
    fallback = [ch for ch in rare if not primary.has(ch)]
    assert len(fallback) >= 3, fallback  # Extension characters (F, G, H) only LXGW WenKai draws
    assert all(not fonts[ch].startswith("NotoSerifCJKsc") for ch in fallback), {ch: fonts[ch] for ch in fallback}
    assert all(fonts[ch].startswith("NotoSerifCJKsc") for ch in rare if primary.has(ch))


@st.composite
def rare_text(draw) -> str:
    have = pools()
    names = sorted(have)
    chars = draw(st.lists(st.sampled_from(names).flatmap(lambda b: st.sampled_from(have[b])), min_size=1,
                          max_size=40))
    seps = draw(st.lists(st.sampled_from(["", "", "的", "，", "。", "、"]), min_size=len(chars), max_size=len(chars)))
    return "".join(c + s for c, s in zip(chars, seps))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(rare_text())
def test_any_drawn_character_reads_back_in_order_with_every_reader(tmp_path: Path, text: str) -> None:
    root = write(tmp_path / "issue", "说字", f"起{text}止")
    got = compose(root, tmp_path / "out" / "a.pdf")
    assert [f for f in got.report["findings"] if f["code"] == "glyph-missing"] == []
    assert_read_back(got.pdf, "".join(f"起{text}止".split()))


def test_a_hong_kong_article_reads_back_its_extension_b_characters(tmp_path: Path) -> None:
    body = "兩家院舍均設有𨋢，記者𠮷田表示：「環境整潔。」"
    root = write(tmp_path / "issue", "院舍設有𨋢", body)
    art = root / "articles" / "a.md"
    art.write_text(art.read_text(encoding="utf-8").replace("---\ntitle", "---\nlang: zh-HK\ntitle", 1), encoding="utf-8")
    got = compose(root, tmp_path / "out" / "a.pdf")
    assert_read_back(got.pdf, body, "院舍設有𨋢")
    # in the body and the headline (the byline is 楷: LXGW WenKai) the Hong Kong faces draw them
    text = "".join(c["text"] for c in got.chars)
    for where in ("均設有", "記者", "院舍設有"):
        k = text.index(where) + len(where)
        font = base_font(got.chars[k]["fontname"])
        assert got.chars[k]["text"] in "𨋢𠮷" and font.startswith(("NotoSerifCJKhk", "NotoSansCJKhk")), font


def test_pdftotext_is_there() -> None:
    """The setup installs poppler-utils; without pdftotext this file would check two readers, not three."""
    assert shutil.which("pdftotext"), "pdftotext missing: run scripts/setup.sh (poppler-utils)"
