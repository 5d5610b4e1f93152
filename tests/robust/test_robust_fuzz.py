"""Fuzzing: a valid small issue mutated many ways (keys deleted, wrong types, random bytes, bad paths,
bad UTF-8, truncated files). Every run ends in a PDF or in one clean input-error line, in bounded time."""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from robustkit import EXIT_INPUT, EXIT_OK, describe, leftovers, run_cli

# Cases run; each is one compose in this process, most end in an input error within milliseconds.
CASES = 60
# Seconds one case may take (a clean compose of this issue takes well under one).
CASE_TIMEOUT_S = 20.0

ISSUE_YAML = """\
paper:
  name: 测试院报
  tagline: 全国优秀医院报刊
  logo: images/logo.png
issue:
  number: 4
  total: 215
  date: 2026-04-01
credits:
  主编: 刘维佳
  责编: [李佳璐, 张晋刚]
layout: local
pages:
  - title: 要闻
    editor: 王雅楠
    template: front
    articles:
      - {file: articles/lead.md, slot: lead}
      - articles/second.md
  - title: 综合
    articles: [articles/third.md]
extras:
  qr:
    - {label: 官方微信平台, data: "https://example.org/wechat"}
"""
LEAD = """\
---
kicker: 深化医养融合发展
title: 我院举办失能老人照护服务专题座谈会
subtitle: 提升失能照护服务水平
byline: 全科医学科 李娟娟
note: 编者按的文字。
photos:
  - src: images/photo.jpg
    caption: 座谈会现场
    credit: 卞晨
    width: 2
credits: {策划: 宋玉红, 文字: 王晶晶}
---
第一段正文。段首缩进两个汉字由版式决定。

## 小标题

正文继续，**加粗**的文字和 Latin 123。
"""


def simple(title: str) -> str:
    return f"---\ntitle: {title}\n---\n{title}的正文，第二句。\n\n第二段。\n"


def jpeg(size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (180, 90, 60)).save(buf, "JPEG")
    return buf.getvalue()


REPO = Path(__file__).resolve().parents[2]
# The issue's own copy of the A4 layout, so that layouts are mutated too.
LAYOUT = (REPO / "layouts" / "a4-3col.yaml").read_text(encoding="utf-8").replace("name: a4-3col", "name: local")
FILES: dict[str, str | bytes] = {
    "issue.yaml": ISSUE_YAML, "layouts/local.yaml": LAYOUT, "articles/lead.md": LEAD, "articles/second.md": simple("第二篇"),
    "articles/third.md": simple("第三篇"), "images/photo.jpg": jpeg((1600, 1200)), "images/logo.png": jpeg((400, 120)),
}
TEXT_FILES = ["issue.yaml", "layouts/local.yaml", "articles/lead.md", "articles/second.md", "articles/third.md"]
BAD_PATHS = ["../../etc/passwd", "/etc/passwd", "~/x.md", "articles/", "articles/nothere.md", "articles/../../x.md",
             "images/photo.jpg", "", "   ", "articles/lead.md\x00", "C:\\\\x.md", "articles/第二篇.md"]
ODD_VALUES = ["[1, 2]", "{a: 1}", "null", "~", "yes", "-1", "0", "3.5", "2026-13-45", "'四'", "\"\"", "*nothere",
              "&a x", "!!binary aGVsbG8=", "99999999999999999999999", "1e999", "|\n  块", "[[[[]]]]", "{", "]"]
NOISE = [b"\x00", b"\xff\xfe", b"\xc3\x28", b"\xe4\xb8", b"\t", b"\r", b": ", b"- ", b"---\n", b"{", b"}", b"[",
         b"&x ", b"*x ", b"!!python/object:os.system ", b"%YAML 1.1\n", b"\n\n", b"#", b"'", b'"', b"\x1b[31m"]

Mutation = Callable[[random.Random, Path], str]


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")


def delete_line(rng: random.Random, root: Path) -> str:
    name = rng.choice(TEXT_FILES)
    lines = _lines(root / name)
    i = rng.randrange(len(lines))
    del lines[i]
    (root / name).write_bytes(b"\n".join(lines))
    return f"{name}: line {i + 1} deleted"


def wrong_value(rng: random.Random, root: Path) -> str:
    name = rng.choice(TEXT_FILES)
    lines = _lines(root / name)
    keyed = [i for i, ln in enumerate(lines) if b": " in ln] or [0]
    i = rng.choice(keyed)
    key = lines[i].split(b": ", 1)[0] if b": " in lines[i] else b"key"
    value = rng.choice(ODD_VALUES)
    lines[i] = key + b": " + value.encode()
    (root / name).write_bytes(b"\n".join(lines))
    return f"{name}: {key.decode(errors='replace').strip()} = {value!r}"


def random_bytes(rng: random.Random, root: Path) -> str:
    name = rng.choice(TEXT_FILES)
    data = (root / name).read_bytes()
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        chunk = rng.choice(NOISE) if rng.random() < 0.7 else bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        data = data[:at] + chunk + data[at:]
    (root / name).write_bytes(data)
    return f"{name}: bytes inserted"


def bad_path(rng: random.Random, root: Path) -> str:
    path = root / "issue.yaml"
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    target = rng.choice(["articles/lead.md", "articles/second.md", "articles/third.md", "images/logo.png",
                         "layout: local"])
    bad = rng.choice(BAD_PATHS)
    if target in ("images/logo.png", "layout: local") or rng.random() < 0.3:
        quoted = bad.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\\0")
        new = f'layout: "{quoted}"' if target == "layout: local" else f'"{quoted}"'
        path.write_text(text.replace(target, new, 1), encoding="utf-8", errors="surrogateescape")
    else:
        lead = root / "articles" / "lead.md"
        text = lead.read_text(encoding="utf-8", errors="surrogateescape").replace("images/photo.jpg", bad or "x", 1)
        lead.write_text(text, encoding="utf-8", errors="surrogateescape")
    return f"bad path {bad!r} for {target}"


def bad_utf8(rng: random.Random, root: Path) -> str:
    name = rng.choice(TEXT_FILES)
    text = (root / name).read_bytes().decode("utf-8", errors="replace")
    enc = rng.choice(["gb18030", "big5", "utf-16", "latin-1"])
    data = text.encode(enc, errors="replace")
    if enc == "latin-1":
        data = text.encode("utf-8")[: len(text) // 2] + b"\xe9\xe8" + text.encode("utf-8")[len(text) // 2:]
    (root / name).write_bytes(data)
    return f"{name}: saved as {enc}"


def truncate(rng: random.Random, root: Path) -> str:
    name = rng.choice(TEXT_FILES + ["images/photo.jpg", "images/logo.png"])
    data = (root / name).read_bytes()
    cut = rng.randrange(len(data)) if data else 0
    (root / name).write_bytes(data[:cut])
    return f"{name}: truncated at byte {cut}"


def shuffle_lines(rng: random.Random, root: Path) -> str:
    name = rng.choice(TEXT_FILES)
    lines = _lines(root / name)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    if rng.random() < 0.5:
        k = rng.randrange(len(lines))
        lines[k] = b" " * rng.choice([1, 3, 8]) + lines[k]
    (root / name).write_bytes(b"\n".join(lines))
    return f"{name}: lines {i + 1} and {j + 1} swapped"


def duplicate(rng: random.Random, root: Path) -> str:
    path = root / "issue.yaml"
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    choice = rng.choice(["listed twice", "page twice", "empty pages", "empty file", "only a comment"])
    if choice == "listed twice":
        text = text.replace("[articles/third.md]", "[articles/third.md, articles/lead.md]")
    elif choice == "page twice":
        text = text.replace("extras:", "  - title: 综合\n    articles: [articles/third.md]\nextras:")
    elif choice == "empty pages":
        text = text[: text.find("pages:")] + "pages:\nextras: {}\n"
    elif choice == "empty file":
        text = ""
    else:
        text = "# 注释\n"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    return choice


MUTATIONS: list[Mutation] = [delete_line, wrong_value, random_bytes, bad_path, bad_utf8, truncate, shuffle_lines,
                             duplicate]


def make_case(root: Path, seed: int) -> list[str]:
    for name, content in FILES.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    rng = random.Random(seed)
    first = MUTATIONS[seed % len(MUTATIONS)]
    done = [first(rng, root)]
    if rng.random() < 0.3:
        done.append(rng.choice(MUTATIONS)(rng, root))
    return done


def test_the_unmutated_issue_composes(tmp_path: Path) -> None:
    root = tmp_path / "issue"
    for name, content in FILES.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    res = run_cli("compose", root, "-o", tmp_path / "out" / "issue.pdf")
    assert res.exit_code == EXIT_OK, describe(res)
    assert "0 errors" in res.stdout


@pytest.mark.parametrize("seed", range(CASES))
def test_mutated_issue_composes_or_fails_cleanly(tmp_path: Path, seed: int) -> None:
    root = tmp_path / "issue"
    done = make_case(root, seed)
    out = tmp_path / "out" / "issue.pdf"
    start = time.perf_counter()
    res = run_cli("compose", root, "-o", out)
    took = time.perf_counter() - start
    where = f"seed {seed}: {done}\n{describe(res)}"
    assert took < CASE_TIMEOUT_S, where
    assert res.exit_code in (EXIT_OK, EXIT_INPUT), where
    if res.exit_code == EXIT_OK:
        assert out.read_bytes().startswith(b"%PDF-"), where
        assert out.with_suffix(".report.json").is_file(), where
    else:
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in res.stderr, where
        assert lines[0].startswith(f"issuepress: error: {root.resolve()}"), where
        assert not out.exists(), where
    if out.parent.exists():
        assert leftovers(out.parent) == [], where
