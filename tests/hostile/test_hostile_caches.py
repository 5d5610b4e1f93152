"""The disk caches are checked, never trusted: a replaced photo prints the new one, a damaged, zeroed,
truncated or swapped entry is rebuilt (the PDF is byte for byte the clean one), and a cache that cannot
be used (a file, read-only, malformed) is skipped with exit 0."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pyphen
import pytest

from cacheskit import PHOTO, bmp, compose_ok, entries, photo_issue, photo_mean, same_times, use_cache
from issuepress.layout import photos
from issuepress.text import hyphen_cache


def forget_decoded_pictures() -> None:
    """What a new process knows of the pictures: nothing (these composes run in the test's process, where
    layout remembers each picture it decoded; a damaged probe record is found by the next process)."""
    photos._PROBED.clear()
    photos._DECODED.clear()


@pytest.fixture
def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, bytes]:
    """(issue, cache, the PDF's bytes) after one compose with a fresh private cache."""
    cache = use_cache(monkeypatch, tmp_path / "cache")
    root = photo_issue(tmp_path / "issue")
    return root, cache, compose_ok(root, tmp_path / "clean.pdf")


def test_photo_replaced_with_the_same_size_and_mtime_prints_the_new_one(tmp_path: Path, clean) -> None:
    root, cache, _ = clean
    assert photo_mean(tmp_path / "clean.pdf") < 60  # the dark photo
    photo = root / PHOTO
    before = photo.stat()
    new = tmp_path / "light.bmp"
    new.write_bytes(bmp(220))
    assert new.stat().st_size == before.st_size
    shutil.copyfile(new, photo)
    same_times(photo, before)
    assert (photo.stat().st_size, photo.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    compose_ok(root, tmp_path / "again.pdf")
    assert photo_mean(tmp_path / "again.pdf") > 200


@pytest.mark.parametrize("damage", ["flip", "zero", "truncate", "empty"])
@pytest.mark.parametrize("sub", ["subsets", "pictures", "paragraphs", "probes"])
def test_damaged_entry_is_rebuilt_and_the_pdf_is_the_clean_one(tmp_path: Path, clean, sub: str, damage: str) -> None:
    root, cache, want = clean
    files = entries(cache, sub)
    assert files
    for f in files:
        data = bytearray(f.read_bytes())
        if damage == "flip":  # a few bytes in the middle (outlines or pixels)
            for i in range(len(data) // 2, len(data) // 2 + 16):
                data[i] ^= 0x5A
        elif damage == "zero":  # the header and checksum kept, every byte after the first line zeroed
            start = data.index(b"\n") + 1 if sub in ("pictures", "paragraphs") else 12
            data[start:] = bytes(len(data) - start)
        elif damage == "truncate":
            data = data[: len(data) * 2 // 3]
        else:
            data = bytearray()
        f.write_bytes(bytes(data))
    forget_decoded_pictures()
    assert compose_ok(root, tmp_path / "clean.pdf") == want
    # the bad entries were replaced by whole ones: a third compose reads them and still agrees
    assert all(f.stat().st_size > 100 for f in entries(cache, sub))
    assert compose_ok(root, tmp_path / "clean.pdf") == want


@pytest.mark.parametrize("sub", ["subsets", "pictures", "paragraphs", "probes"])
def test_swapped_entries_are_rebuilt(tmp_path: Path, clean, sub: str) -> None:
    root, cache, want = clean
    if sub != "subsets":  # a second prepared picture (the same photo, another frame), another issue's
        # paragraphs and another picture's record to swap with
        photo_issue(tmp_path / "other", grey=200)
        compose_ok(tmp_path / "other", tmp_path / "other.pdf", "--proof")
    files = entries(cache, sub)
    assert len(files) >= 2
    a, b = files[0], files[1]
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    forget_decoded_pictures()
    assert compose_ok(root, tmp_path / "clean.pdf") == want


def test_cache_path_that_is_a_file_is_skipped(tmp_path: Path, clean, monkeypatch: pytest.MonkeyPatch) -> None:
    root, _, want = clean
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    use_cache(monkeypatch, blocker)
    assert compose_ok(root, tmp_path / "clean.pdf") == want
    assert blocker.read_text() == "x"


def test_cache_folder_under_a_file_and_unwritable_subfolders_are_skipped(tmp_path: Path, clean,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root, _, want = clean
    cache = use_cache(monkeypatch, tmp_path / "cache2")
    cache.mkdir()
    for sub in ("subsets", "pictures", "hyphen", "paragraphs", "probes"):  # where the folders should be, files stand
        (cache / sub).write_text("x")
    (cache / "scan-index.json").mkdir()  # and the index is a folder
    assert compose_ok(root, tmp_path / "clean.pdf") == want


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_is_skipped(tmp_path: Path, clean, monkeypatch: pytest.MonkeyPatch) -> None:
    root, _, want = clean
    cache = use_cache(monkeypatch, tmp_path / "ro")
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert compose_ok(root, tmp_path / "clean.pdf") == want
    finally:
        cache.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("index", [
    "{not json", "[]", '{"version": 2, "dirs": [], "files": 7}',
    '{"version": 2, "dirs": {"/x": {"mtime_ns": "a"}}, "files": {"/y": {"size": 1, "faces": [{"path": 3}]}}}',
    "\xff\xfe garbage",
])
def test_malformed_font_index_is_rebuilt(tmp_path: Path, clean, index: str) -> None:
    root, cache, want = clean
    (cache / "scan-index.json").write_bytes(index.encode("utf-8", "surrogateescape"))
    assert compose_ok(root, tmp_path / "clean.pdf") == want
    assert json.loads((cache / "scan-index.json").read_text())["version"] == 2


def test_index_records_pointing_at_other_faces_are_not_used_for_a_replaced_font(tmp_path: Path, clean) -> None:
    """A record whose stamp no longer matches the file (here: its inode and ctime) is read again."""
    root, cache, want = clean
    data = json.loads((cache / "scan-index.json").read_text())
    for rec in data["files"].values():
        rec["ctime_ns"] += 1
        for face in rec["faces"]:
            face["family"] = "Nothing Like It"
    (cache / "scan-index.json").write_text(json.dumps(data))
    assert compose_ok(root, tmp_path / "clean.pdf") == want


def test_stale_cache_files_from_an_older_format_do_not_matter(tmp_path: Path, clean) -> None:
    root, cache, want = clean
    for f in entries(cache, "subsets"):  # a subset without its trailer, as the previous format wrote it
        f.write_bytes(f.read_bytes()[:-150])
    assert compose_ok(root, tmp_path / "clean.pdf") == want


def test_edited_hyphen_cache_is_discarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = use_cache(monkeypatch, tmp_path / "cache")
    want = pyphen.Pyphen(lang="en_US", left=2, right=3).positions("hyphenation")
    hyphen_cache.load("en_US", 2, 3)
    (path,) = (cache / hyphen_cache.SUBDIR).glob("*.json")
    data = json.loads(path.read_text())
    data["payload"]["patterns"] = {}  # valid JSON, wrong content: would hyphenate nothing
    path.write_text(json.dumps(data))
    assert hyphen_cache.load("en_US", 2, 3).positions("hyphenation") == want
    assert hyphen_cache.load("en_US", 2, 3).positions("hyphenation") == want  # rebuilt on disk


def test_hyphen_cache_folder_that_is_a_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    use_cache(monkeypatch, blocker)
    want = pyphen.Pyphen(lang="en_US", left=2, right=3).positions("responsibility")
    assert hyphen_cache.load("en_US", 2, 3).positions("responsibility") == want


def test_no_temporary_files_are_left_in_the_cache(tmp_path: Path, clean) -> None:
    _, cache, _ = clean
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]


def test_full_cache_is_skipped(tmp_path: Path, clean, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write into the cache fails as on a full disk (ENOSPC): the compose goes on without it."""
    import errno
    import tempfile

    from issuepress.fonts import paths

    root, cache, want = clean
    use_cache(monkeypatch, tmp_path / "full")
    real_mkstemp = tempfile.mkstemp

    def no_space(*args, **kwargs):
        folder = Path(kwargs.get("dir", "."))  # every cache write names its folder
        if (tmp_path / "full") in (folder, *folder.parents):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(paths.tempfile, "mkstemp", no_space)  # the one tempfile module every cache uses
    assert compose_ok(root, tmp_path / "clean.pdf") == want
    assert not [p for p in (tmp_path / "full").rglob("*") if p.is_file()]
