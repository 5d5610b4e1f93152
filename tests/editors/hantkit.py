"""Helpers of the 繁體 tests: a mixed issue (简体, 繁體 and 香港 articles from corpus/), composed once,
read back with pdfplumber; which face each character is set in and where the marks' ink sits."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from issuepress.cli import main

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"

# The mixed issue: a mainland item, a Taiwan-style speech (zh-Hant) and a Hong Kong news item
# (zh-HK), each with its photo; the 繁體 ones with byline, note, subhead and 「」『』 quotes, and
# Extension B names (𨋢 U+282E2, Cantonese "lift"; 𠮷 U+20BB7).
ISSUE_YAML = """\
paper:
  name: 杏林醫訊
issue:
  number: 3
  date: 2026-03-05
layout: a4-3col
pages:
  - title: 要闻
    template: inner
    articles:
      - articles/leifeng.md
      - articles/speech.md
      - articles/rthk.md
  - title: 综合
    template: inner
    articles:
      - articles/zunhua.md
"""

SPEECH_FRONT = """\
lang: zh-Hant
kicker: 春季田徑運動會
title: 校長在運動會開幕式上致辭
byline: 曉蘭希望小學 校長室
note: 本文據校長現場致辭整理，『拼搏』二字為編者所加。
photos:
  - src: images/rocket-phone-exif6.jpg
    caption: 手機拍攝的發射塔，攝於操場東側。（資料圖片）
    width: 1
"""

RTHK_EXTRA = ("\n\n## 院舍設施\n\n兩家院舍均設有𨋢，方便長者出入；記者吉田（𠮷田）先生表示：「院舍環境整潔，"
              "職員態度親切。」社署稱，計劃會『按需要』檢討，並歡迎長者及家屬查詢、參觀。")


def corpus_body(path: Path) -> tuple[str, str]:
    """(front matter, body) of a corpus article."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return front, body


def write_mixed_issue(root: Path, issue_yaml: str = ISSUE_YAML) -> Path:
    """The mixed issue folder at `root`, articles and photos taken from corpus/."""
    (root / "articles").mkdir(parents=True)
    (root / "images").mkdir()
    for name in ("rocket-phone-exif6.jpg", "coffee-3x2.jpg", "motorcycle-4x3.jpg"):
        shutil.copy(CORPUS / "tabloid-news" / "images" / name, root / "images" / name)
    for name in ("leifeng", "zunhua-ear"):
        shutil.copy(CORPUS / "tabloid-news" / "articles" / f"{name}.md", root / "articles" / f"{name.split('-')[0]}.md")
    _, body = corpus_body(CORPUS / "school-a4" / "articles" / "xiaozhang-zhici.md")
    paras = body.strip().split("\n\n")
    speech = "\n\n".join(paras[:8] + ["## 賽場紀律", "「友誼第一，比賽第二。」這是我們的老話。"] + paras[8:])
    (root / "articles" / "speech.md").write_text(f"---\n{SPEECH_FRONT}---\n{speech}\n", encoding="utf-8")
    front, body = corpus_body(CORPUS / "tabloid-news" / "articles" / "rthk-elderly.md")
    (root / "articles" / "rthk.md").write_text(f"---\n{front}---\n{body.rstrip()}{RTHK_EXTRA}\n", encoding="utf-8")
    (root / "issue.yaml").write_text(issue_yaml, encoding="utf-8")
    return root


@dataclass(frozen=True)
class Composed:
    pdf: Path
    report: dict
    chars: list[dict]  # pdfplumber's characters of every page, each with its "page" number


def compose(root: Path, out: Path) -> Composed:
    from click.testing import CliRunner

    res = CliRunner().invoke(main, ["compose", str(root), "-o", str(out), "--proof"], catch_exceptions=True)
    assert res.exit_code in (0, 1), (res.exit_code, res.stdout, res.stderr, res.exception)
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    chars: list[dict] = []
    with pdfplumber.open(out) as doc:
        for n, page in enumerate(doc.pages, 1):
            chars += [{**c, "page": n} for c in page.chars]
    return Composed(out, report, chars)


def base_font(name: str) -> str:
    """A subset's font name without its tag and our hash: 'ABCDEF+IP-NotoSerifCJKtc-Regular-1a2b…' →
    'NotoSerifCJKtc-Regular'."""
    name = name.split("+", 1)[-1]
    name = re.sub(r"^IP-", "", name)
    return re.sub(r"-[0-9a-f]{12}$", "", name)


def text_lines(chars: list[dict], x0: float, x1: float, y0: float, y1: float) -> list[list[dict]]:
    """The characters inside a box grouped into lines (same baseline), each line left to right."""
    inside = [c for c in chars if x0 <= c["x0"] and c["x1"] <= x1 and y0 <= c["top"] and c["bottom"] <= y1]
    rows: dict[float, list[dict]] = {}
    for c in inside:
        rows.setdefault(round(c["bottom"], 1), []).append(c)
    return [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items())]


def ink_centres(pdf: Path) -> dict[tuple[str, str], float]:
    """For every embedded font and each of ，。、：；！？ it holds: the x-centre of the glyph's outline as
    a share of its advance (0.5: centred), measured from the font program embedded in the PDF."""
    out: dict[tuple[str, str], float] = {}
    with pikepdf.open(pdf) as doc:
        seen = set()
        for page in doc.pages:
            for font in page.Resources.Font.values():
                desc = font.get("/FontDescriptor")
                name = str(font.BaseFont)[1:]
                if desc is None or "/FontFile2" not in desc or name in seen:
                    continue
                seen.add(name)
                tt = TTFont(io.BytesIO(desc.FontFile2.read_bytes()))
                gs = tt.getGlyphSet()
                for ch in "，。、：；！？":
                    gid = _glyph_of(font, tt, ch)
                    if gid is None:
                        continue
                    pen = BoundsPen(gs)
                    gs[gid].draw(pen)
                    if pen.bounds is None:
                        continue
                    adv = tt["hmtx"][gid][0]
                    out[(base_font(name), ch)] = (pen.bounds[0] + pen.bounds[2]) / 2 / adv
    return out


def _glyph_of(font, tt: TTFont, ch: str) -> str | None:
    """The glyph a simple (one-byte) subset font draws `ch` with: its ToUnicode map gives the code,
    the font's own cmap (3,0 or 1,0 symbol table, code → glyph) the glyph."""
    if "/ToUnicode" not in font:
        return None
    cmap_text = font.ToUnicode.read_bytes().decode("ascii")
    want = ch.encode("utf-16-be").hex().upper()
    m = re.search(r"<([0-9A-F]{2})> <" + want + ">", cmap_text)
    if not m:
        return None
    code = int(m.group(1), 16)
    for table in tt["cmap"].tables:
        for key in (code, 0xF000 + code):
            if key in table.cmap:
                return table.cmap[key]
    return None


def read_back(pdf: Path) -> dict[str, str]:
    """The PDF's text as each of three readers gives it, white space removed: pdfplumber (pdfminer) and
    pypdfium2 (PDFium, Chrome's viewer) in drawing order, pdftotext (poppler) in its raw stream order."""
    import subprocess

    import pypdfium2 as pdfium

    def flat(s: str) -> str:
        return "".join(s.split())

    out: dict[str, str] = {}
    with pdfplumber.open(pdf) as doc:
        out["pdfplumber"] = flat("".join(c["text"] for page in doc.pages for c in page.chars))
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out["pypdfium2"] = flat("".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))
    finally:
        doc.close()
    if shutil.which("pdftotext"):
        res = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
        out["pdftotext"] = flat(res.stdout.decode("utf-8"))
    return out
