"""Hostile font folders never crash or hang a compose: a non-UTF-8 file name, a FIFO or device named
*.ttf, a symlink to / or a symlink loop in fonts/, fonts with unitsPerEm 0 or a garbage glyf table
(skipped, or one input error naming the file when the layout asks for that font)."""

from __future__ import annotations

import io
import os
import random
import struct
import time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from robustkit import EXIT_INPUT, EXIT_OK, ISSUE_YAML, describe, one_line, pdf_pages_text, run_cli, write_issue

TEST_FONT = Path(__file__).parents[1] / "fonts" / "TestSerif-Subset.ttf"
# A compose of the tiny issue takes about a second warm; a walk of the whole disk or a blocked open
# of a FIFO takes minutes or for ever.
QUICK_S = 30.0
BODY = "我院举办座谈会，提升服务水平。"  # all in the test font


def font_bytes(family: str, units_per_em: int | None = None) -> bytes:
    """The checked-in test font under another family name (optionally with another unitsPerEm)."""
    font = TTFont(str(TEST_FONT))
    for rec in font["name"].names:
        if rec.nameID in (1, 4, 16):
            rec.string = family
        elif rec.nameID == 6:
            rec.string = family.replace(" ", "")
    if units_per_em is not None:
        font["head"].unitsPerEm = units_per_em
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def garbage_glyf(family: str) -> bytes:
    """A font whose glyf table is random bytes (its directory and every other table intact)."""
    data = bytearray(font_bytes(family))
    num_tables = struct.unpack(">H", data[4:6])[0]
    for i in range(num_tables):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        if tag == b"glyf":
            rng = random.Random(9)
            data[offset:offset + length] = bytes(rng.randrange(256) for _ in range(length))
    return bytes(data)


def layout_with(family: str) -> dict[str, str]:
    """An issue layout whose body role is set in `family` only (no fallback to hide it)."""
    layout = ("extends: a4-3col\nfonts:\n"
              + "".join(f"  {role}: [{{family: {family}}}]\n"
                        for role in ("song", "song-bold", "hei", "hei-bold", "kai", "kai-bold")))
    return {"layouts/mine.yaml": layout}


def compose(root: Path, out: Path):
    start = time.monotonic()
    res = run_cli("compose", root, "-o", out)
    assert time.monotonic() - start < QUICK_S, describe(res)
    return res


def assert_ok(root: Path, out: Path) -> None:
    res = compose(root, out)
    assert res.exit_code == EXIT_OK, describe(res)
    assert res.stderr == ""
    assert BODY in pdf_pages_text(out)[0]


def test_font_file_with_a_non_utf8_name_on_the_font_path(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", body=BODY)
    (root / "fonts").mkdir()
    name = os.fsdecode(b"\xff\xfe-font.ttf")
    (root / "fonts" / name).write_bytes(font_bytes("Odd Name Serif"))
    (root / "fonts" / os.fsdecode(b"sub\xe9")).mkdir()  # a Latin-1 folder name too
    (root / "fonts" / os.fsdecode(b"sub\xe9") / "x.ttf").write_bytes(font_bytes("Odd Folder Serif"))
    assert_ok(root, tmp_path / "out.pdf")
    assert_ok(root, tmp_path / "out.pdf")  # and again, from the index written the first time


def test_the_font_with_a_non_utf8_name_is_used_and_reported(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", body=BODY, issue_yaml=ISSUE_YAML.replace("a4-3col", "mine"),
                       files=layout_with("Odd Name Serif"))
    (root / "fonts").mkdir()
    (root / "fonts" / os.fsdecode(b"\xff\xfe-font.ttf")).write_bytes(font_bytes("Odd Name Serif"))
    assert_ok(root, tmp_path / "out.pdf")


def test_fifo_named_like_a_font_is_skipped(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", body=BODY)
    (root / "fonts").mkdir()
    os.mkfifo(root / "fonts" / "blocked.ttf")
    assert_ok(root, tmp_path / "out.pdf")


def test_fifo_named_by_the_layout_is_not_opened(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", body=BODY, issue_yaml=ISSUE_YAML.replace("a4-3col", "mine"),
                       files={"layouts/mine.yaml": "extends: a4-3col\nfonts:\n  song: [{file: ../fonts/blocked.ttf},"
                              " {family: Noto Serif CJK SC}]\n"})
    (root / "fonts").mkdir()
    os.mkfifo(root / "fonts" / "blocked.ttf")
    assert_ok(root, tmp_path / "out.pdf")


def test_symlink_to_the_root_of_the_disk_is_not_walked(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", body=BODY)
    (root / "fonts").mkdir()
    for i in range(20):  # a fan-out: twenty ways to the whole disk
        (root / "fonts" / f"all{i}").symlink_to("/")
    assert_ok(root, tmp_path / "out.pdf")


def test_symlink_loops_end(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", body=BODY)
    fonts = root / "fonts"
    (fonts / "a" / "b").mkdir(parents=True)
    (fonts / "a" / "b" / "up").symlink_to("../..")  # inside the root, so followed, and listed once
    (fonts / "a" / "self").symlink_to(".")
    (fonts / "x").symlink_to("y")
    (fonts / "y").symlink_to("x")  # a loop of file links
    (fonts / "a" / "f.ttf").write_bytes(font_bytes("Looped Serif"))
    assert_ok(root, tmp_path / "out.pdf")


def test_deep_folders_are_bounded(tmp_path: Path) -> None:
    root = write_issue(tmp_path / "issue", body=BODY)
    deep = root / "fonts"
    for i in range(40):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    assert_ok(root, tmp_path / "out.pdf")


@pytest.mark.parametrize("kind", ["upem0", "glyf"])
def test_broken_font_on_the_path_is_skipped(tmp_path: Path, kind: str) -> None:
    root = write_issue(tmp_path / "issue", body=BODY)
    (root / "fonts").mkdir()
    data = font_bytes("Broken Serif", units_per_em=0) if kind == "upem0" else garbage_glyf("Broken Serif")
    (root / "fonts" / "broken.ttf").write_bytes(data)
    assert_ok(root, tmp_path / "out.pdf")


@pytest.mark.parametrize("kind", ["upem0", "glyf"])
def test_broken_font_the_layout_asks_for_is_one_input_error(tmp_path: Path, kind: str) -> None:
    root = write_issue(tmp_path / "issue", body=BODY, issue_yaml=ISSUE_YAML.replace("a4-3col", "mine"),
                       files=layout_with("Broken Serif"))
    (root / "fonts").mkdir()
    data = font_bytes("Broken Serif", units_per_em=0) if kind == "upem0" else garbage_glyf("Broken Serif")
    (root / "fonts" / "broken.ttf").write_bytes(data)
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    res = compose(root, out)
    assert res.exit_code == EXIT_INPUT, describe(res)
    line = one_line(res.stderr)
    assert "Broken Serif" in line or "broken.ttf" in line, line
    assert out.read_bytes() == b"old"
