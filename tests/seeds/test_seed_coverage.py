"""Every character of the two source newsletters survives in the seed issue folders, in readable order."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from seedfolder import DATA_DIR, SEEDS_DIR, SeedFolder, listed_articles, read_folder

# Seed paragraphs longer than this must be found verbatim in an article (the spec's threshold); shorter
# lines are headlines, labels and names, which may live in issue.yaml instead.
VERBATIM_MIN_CHARS = 20

# A closing byline as printed: (工会 董琳). The composer adds the brackets, so the article keeps the inside.
BYLINE_LINE = re.compile(r"^\((?P<who>[^()]+)\)$")
# A line of the feature's credit box: 策划/宋玉红.
CREDIT_LINE = re.compile(r"^(?P<role>[^/\s]{1,4})/(?P<name>[^/\s]{1,4})$")
# What a body paragraph ends with once the page extraction's mid-sentence splits are re-joined.
PARAGRAPH_END = "。！？!?”…"


@dataclass(frozen=True)
class Furniture:
    """Text the composer prints itself from issue.yaml; `key` is where, `value` what must be there."""

    text: str
    key: tuple[str | int, ...]
    value: Any


@dataclass(frozen=True)
class Seed:
    """A source newsletter, the folder made from it, and the edits the page extraction needs undone."""

    folder: str
    source: str
    furniture: tuple[Furniture, ...]
    # (end of a fragment, start of its continuation): one paragraph that the extraction split in two.
    joins: tuple[tuple[str, str], ...]


SEEDS = (
    Seed(
        folder="jincheng-215",
        source="002_4158ae2e023ee4b7.txt",
        furniture=(
            # 报头 date line: the weekday and the lunar date are derived from issue.date.
            Furniture("2026年4月\n1\n星期三\n农历丙午年二月十四", ("issue", "date"), datetime.date(2026, 4, 1)),
            Furniture("第4期总第215期", ("issue", "number"), 4),
            Furniture("第4期总第215期", ("issue", "total"), 215),
            # 责编王雅楠 beside the 期号 is page 1's 本版责编.
            Furniture("责编王雅楠", ("pages", 0, "editor"), "王雅楠"),
            Furniture("主 编 刘维佳", ("credits", "主编"), "刘维佳"),
            Furniture("副主编 王雅楠", ("credits", "副主编"), "王雅楠"),
            Furniture("责 编 李佳璐 张晋刚 牛丽琼", ("credits", "责编"), ["李佳璐", "张晋刚", "牛丽琼"]),
        ),
        joins=(
            ("通过组织急救", "演练、开展人文培训"),
            ("不断提升医务人员", "的安全意识与专业素养"),
            ("当前失能老人照护服务存", "在的短板"),
            ("各养老机构负责人踊跃发言,结合", "自身运营实际"),
            ("发挥微创技术的优", "势,为患者选择"),
            ("双下肢血栓。每", "一项并发症"),
            ("最艰难的时刻。大量", "胸腔积液、心功能不全"),
        ),
    ),
    Seed(folder="changzhi-robot", source="000_bf4cda4df121c1c7.txt", furniture=(), joins=()),
)
SEED_IDS = [s.folder for s in SEEDS]


def lookup(tree: Any, key: tuple[str | int, ...]) -> Any:
    for k in key:
        tree = tree[k]
    return tree


def seed_text(seed: Seed) -> str:
    """The source text without its furniture; each furniture string must occur exactly once."""
    text = (DATA_DIR / seed.source).read_text(encoding="utf-8")
    for f in dict.fromkeys(f.text for f in seed.furniture):
        assert text.count(f) == 1, f"furniture {f!r} should occur once in {seed.source}"
        text = text.replace(f, "\n")
    return text


def seed_paragraphs(seed: Seed) -> list[str]:
    """Non-blank lines in source order, with each split paragraph re-joined."""
    paras = [ln.strip() for ln in seed_text(seed).split("\n") if ln.strip()]
    for head, tail in seed.joins:
        i = [k for k, p in enumerate(paras) if p.endswith(head)]
        j = [k for k, p in enumerate(paras) if p.startswith(tail)]
        assert len(i) == 1 and len(j) == 1 and i[0] < j[0], f"join {head!r} + {tail!r} is not unique"
        paras[i[0]] += paras.pop(j[0])
    return paras


def unbracket_bylines(text: str) -> str:
    return "\n".join(m["who"] if (m := BYLINE_LINE.match(ln.strip())) else ln for ln in text.split("\n"))


def is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def missing(need: Counter[str], have: Counter[str]) -> dict[str, int]:
    return {ch: n - have[ch] for ch, n in sorted(need.items()) if have[ch] < n}


@pytest.fixture(scope="module", params=SEEDS, ids=SEED_IDS)
def case(request: pytest.FixtureRequest) -> tuple[Seed, SeedFolder]:
    seed: Seed = request.param
    return seed, read_folder(seed.folder)


def test_furniture_is_in_issue_yaml(case: tuple[Seed, SeedFolder]) -> None:
    """Text left out of the coverage checks is only what issue.yaml already says."""
    seed, folder = case
    for f in seed.furniture:
        assert lookup(folder.issue, f.key) == f.value, f"{f.text!r}: issue.yaml {'.'.join(map(str, f.key))}"


def test_every_han_character_kept(case: tuple[Seed, SeedFolder]) -> None:
    seed, folder = case
    need = Counter(ch for ch in seed_text(seed) if is_han(ch))
    have = Counter(ch for s in folder.all_strings() for ch in s if is_han(ch))
    assert not missing(need, have)


def test_every_character_kept(case: tuple[Seed, SeedFolder]) -> None:
    """Stricter than Han only: punctuation, digits and Latin too (a byline's brackets are the composer's)."""
    seed, folder = case
    need = Counter(ch for ch in unbracket_bylines(seed_text(seed)) if not ch.isspace())
    have = Counter(ch for s in folder.all_strings() for ch in s if not ch.isspace())
    assert not missing(need, have)


def test_long_paragraphs_verbatim_in_articles(case: tuple[Seed, SeedFolder]) -> None:
    seed, folder = case
    texts = [s for a in folder.articles for s in a.strings()]
    lost = [p for p in seed_paragraphs(seed) if len(p) > VERBATIM_MIN_CHARS and not any(p in t for t in texts)]
    assert not lost


def test_every_line_has_a_place(case: tuple[Seed, SeedFolder]) -> None:
    """Short lines too: headlines, subheads, captions, QR labels, bylines (inner spaces kept), credit box."""
    seed, folder = case
    texts = folder.all_strings()
    bylines = {a.front.get("byline") for a in folder.articles}
    credits = {(str(k), str(v)) for a in folder.articles for k, v in (a.front.get("credits") or {}).items()}
    lost = []
    for p in seed_paragraphs(seed):
        if m := BYLINE_LINE.match(p):
            ok = m["who"] in bylines
        elif m := CREDIT_LINE.match(p):
            ok = (m["role"], m["name"]) in credits
        else:
            ok = any(p in t for t in texts)
        if not ok:
            lost.append(p)
    assert not lost


def test_split_paragraphs_rejoined(case: tuple[Seed, SeedFolder]) -> None:
    """A body paragraph ends a sentence; one that does not is half of a paragraph the extraction split."""
    _, folder = case
    bad = [(a.rel, p[-12:]) for a in folder.articles for p in a.paragraphs()
           if not p.startswith(("#", ">")) and p[-1] not in PARAGRAPH_END]
    assert not bad


def test_bylines_are_not_left_in_bodies(case: tuple[Seed, SeedFolder]) -> None:
    _, folder = case
    assert not [(a.rel, p) for a in folder.articles for p in a.paragraphs() if BYLINE_LINE.match(p)]


@pytest.mark.parametrize("name", SEED_IDS)
def test_folder_is_well_formed(name: str) -> None:
    """Each article listed once, no stray article files, known keys only, pictures present."""
    folder = read_folder(name)
    listed = listed_articles(folder.issue)
    assert len(listed) == len(set(listed))
    on_disk = sorted(p.relative_to(folder.root).as_posix() for p in (folder.root / "articles").glob("*.md"))
    assert sorted(listed) == on_disk
    known = {"kicker", "title", "subtitle", "byline", "byline_position", "note", "photos", "credits"}
    for a in folder.articles:
        assert set(a.front) <= known, a.rel
        assert a.front.get("title"), a.rel
        assert a.front.get("byline_position", "end") in {"end", "top"}
        for photo in a.front.get("photos", []):
            assert photo.get("caption"), a.rel
            assert (folder.root / photo["src"]).is_file(), photo["src"]
    assert folder.issue["layout"] == "tabloid-4col"


def test_seed_folders_are_the_two_issues() -> None:
    assert sorted(p.name for p in SEEDS_DIR.iterdir() if p.is_dir()) == sorted(SEED_IDS)
