"""A Typst document with the same text as an issue, in a comparable layout, to time Typst against.

Each page of issue.yaml starts a page of the peer document, set in four justified columns of Noto Serif
CJK SC 10.5 pt on A3 with the tabloid layout's margins: every article's headline in Noto Sans CJK SC
bold, its photos a column wide with their captions, its body, subheads and byline (captions and bylines
in LXGW WenKai). Typst lets the articles flow down the columns rather than searching module shapes, so
the peer does less layout work than issuepress; it sets the same characters in the same faces and
embeds the same photos.
Usage: python bench/typst_peer.py ISSUE OUT.typ [--times N]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

PREAMBLE = """#set page(paper: "a3", margin: (x: 18mm, y: 20mm), columns: 4)
#set columns(gutter: 5mm)
#set text(lang: "zh", region: "cn", font: ("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai"), size: 10.5pt)
#set par(justify: true, leading: 6pt, spacing: 6pt, first-line-indent: (amount: 2em, all: true))
"""
HEAD = '#block(width: 100%, above: 12pt, below: 8pt)[#align(center)[#text(font: "Noto Sans CJK SC", ' \
       'weight: "bold", size: 15pt)[{title}]]]'
SUBHEAD = '#block(above: 6pt, below: 4pt)[#text(font: "Noto Sans CJK SC", weight: "bold")[{text}]]'
KAI = '#align({where})[#text(font: "LXGW WenKai", size: {size})[{text}]]'
PHOTO = '#figure(image("{src}", width: 100%), caption: [{caption}], supplement: none, numbering: none)'
# Markdown marks the peer leaves out (emphasis and inline code are set as plain text, as issuepress's
# emphasis in another face would not change the work much).
INLINE = re.compile(r"\*\*|__|(?<!\w)[*_](?!\s)|`")


def lit(text: str) -> str:
    """Text as a Typst string literal inserted into markup (no markup character can take effect)."""
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def split_front(md: str) -> tuple[dict, str]:
    if md.startswith("---\n"):
        head, _, body = md[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, body
    return {}, md


def article(path: Path, root: Path) -> list[str]:
    """The article as Typst markup: headline, photos, body in four columns, byline."""
    meta, body = split_front(path.read_text(encoding="utf-8"))
    out = []
    title = str(meta.get("title", "")).replace("\\n", "\n")
    out.append(HEAD.format(title=" \\ ".join(lit(t) for t in title.split("\n") if t)))
    col: list[str] = []
    for photo in meta.get("photos", []) or []:
        src = (path.parent / photo["src"]).resolve() if not Path(photo["src"]).is_absolute() else Path(photo["src"])
        if not src.is_file():
            src = (root / photo["src"]).resolve()
        rel = src.relative_to(root.resolve()).as_posix()
        cap = KAI.format(where="left", size="9pt", text=lit(str(photo.get("caption", ""))))
        col.append(PHOTO.format(src="/" + rel, caption=cap))
    for para in re.split(r"\n\s*\n", body.strip()):
        para = para.strip()
        if not para or para.startswith("!["):
            continue
        if para.startswith("#"):
            col.append(SUBHEAD.format(text=lit(para.lstrip("#").strip())))
        else:
            col.append(lit(INLINE.sub("", " ".join(para.split("\n")))))
    if meta.get("byline"):
        col.append(KAI.format(where="right", size="10.5pt", text=lit(str(meta["byline"]))))
    out += col
    return out


def peer_document(issue: Path, times: int = 1) -> str:
    """The issue's articles, page by page, `times` times over, as one Typst document."""
    data = yaml.safe_load((issue / "issue.yaml").read_text(encoding="utf-8"))
    parts = [PREAMBLE]
    first = True
    for _ in range(times):
        for page in data["pages"]:
            if not first:
                parts.append("#pagebreak()")
            first = False
            for a in page.get("articles", []):
                f = a["file"] if isinstance(a, dict) else a
                parts += article(issue / f, issue)
    return "\n\n".join(parts) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("issue")
    ap.add_argument("out")
    ap.add_argument("--times", type=int, default=1)
    args = ap.parse_args()
    Path(args.out).write_text(peer_document(Path(args.issue), args.times), encoding="utf-8")


if __name__ == "__main__":
    main()
