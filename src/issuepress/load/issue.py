"""Load an issue folder: issue.yaml validated, its layout and every article loaded, all paths kept inside."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..errors import InputError
from ..limits import MAX_ARTICLES_PER_PAGE, MAX_ISSUE_CHARS, MAX_PAGES
from ..model import Article, Issue, IssueInfo, Layout, PageSpec, Paper, QrItem, Template
from .article import lang_tag, load_article
from .layout import looks_like_path, load_layout
from .normalise import LabelCleaner
from .paths import resolve_inside, resolve_picture
from .textfile import read_text
from .yamlnode import (YMap, YNode, YScalar, as_date, as_int, as_map, as_seq, as_str, check_keys, describe, fail,
                       is_null, join, opt_str, parse_yaml, suggest)

ISSUE_FILES = ("issue.yaml", "issue.yml")
TOP_KEYS = ("paper", "issue", "credits", "layout", "pages", "extras")
PAPER_KEYS = ("name", "tagline", "publisher", "logo", "licence")
INFO_KEYS = ("number", "total", "date", "lang")
PAGE_KEYS = ("title", "editor", "template", "articles")
ENTRY_KEYS = ("file", "slot")
EXTRAS_KEYS = ("qr", "qr_title")
QR_KEYS = ("label", "data")
# Templates a page gets when issue.yaml names none (LAYOUT.md: the first page is the front page).
FIRST_PAGE_TEMPLATE, OTHER_PAGE_TEMPLATE = "front", "inner"


def issue_file(path: Path) -> Path:
    """issue.yaml itself, given the file or its folder."""
    path = Path(path)
    if path.is_dir():
        for name in ISSUE_FILES:
            if (path / name).is_file():
                return (path / name).resolve()
        raise InputError(path, "no issue.yaml in this folder")
    if not path.exists():
        raise InputError(path, "no such issue folder or file")
    return path.resolve()


def load_issue(path: Path, fix_punctuation: bool = False) -> Issue:
    """Everything an issue folder holds, validated; the first problem is raised as an InputError.
    `fix_punctuation` (--fix-punctuation) sets half-width marks full-width whatever the layout says."""
    source = issue_file(path)
    root = source.parent
    node = parse_yaml(read_text(source).text, source)
    if node is None:
        raise InputError(source, "the file is empty; it needs paper:, issue:, layout: and pages:", line=1)
    if not isinstance(node, YMap):
        raise fail(node, "", f"issue.yaml is a mapping of keys (paper:, issue:, …), got {describe(node)}")
    check_keys(node, "", TOP_KEYS, required=("paper", "issue", "layout", "pages"))
    layout = _layout(node.items["layout"], root)
    if fix_punctuation:
        layout = dataclasses.replace(layout, text=dataclasses.replace(layout.text, punctuation="fix"))
    labels = LabelCleaner()
    credits = _credits(node.get("credits"), labels)
    qr, qr_title = _extras(node.get("extras"), labels)
    info = _info(as_map(node.items["issue"], "issue"))
    return Issue(
        path=root,
        source=source,
        paper=_paper(as_map(node.items["paper"], "paper"), root, labels),
        info=info,
        credits=credits,
        layout=layout,
        pages=with_lang(_pages(node.items["pages"], root, layout, labels, info.lang), info.lang),
        extras_qr=qr,
        qr_title=qr_title,
        normalised=labels.notes(),
    )


def _text(node: YNode | None, key: str, labels: LabelCleaner) -> str:
    """A required text, cleaned of invisible characters (which must not leave it empty)."""
    value = as_str(node, key)
    assert node is not None  # as_str raised otherwise
    text = labels.clean(value, key, node.pos.line).strip()
    if not text:
        raise fail(node, key, "is empty (only invisible characters)")
    return text


def _opt_text(node: YNode | None, key: str, labels: LabelCleaner) -> str | None:
    text = opt_str(node, key)
    if text is None or node is None:
        return None
    return labels.clean(text, key, node.pos.line).strip() or None


def _editors(node: YNode | None, key: str, labels: LabelCleaner) -> str | None:
    """本版责编: one name, or several as a list (as credits give them), printed together: 张三 李四."""
    if node is None or is_null(node) or isinstance(node, YScalar):
        return _opt_text(node, key, labels)
    return " ".join(_names(node, key, labels)) or None


def _paper(m: YMap, root: Path, labels: LabelCleaner) -> Paper:
    check_keys(m, "paper", PAPER_KEYS, required=("name",))
    logo = None if is_null(m.get("logo")) else resolve_picture(root, m.items["logo"], "paper.logo")
    return Paper(
        name=_text(m.items["name"], "paper.name", labels),
        tagline=_opt_text(m.get("tagline"), "paper.tagline", labels),
        publisher=_opt_text(m.get("publisher"), "paper.publisher", labels),
        logo=logo,
        licence=_opt_text(m.get("licence"), "paper.licence", labels),
    )


def _info(m: YMap) -> IssueInfo:
    check_keys(m, "issue", INFO_KEYS, required=("number", "date"))
    total = None if is_null(m.get("total")) else _issue_number(m.items["total"], "issue.total")
    lang = None if is_null(m.get("lang")) else lang_tag(m.items["lang"], "issue.lang")
    return IssueInfo(_issue_number(m.items["number"], "issue.number"), total,
                     as_date(m.items["date"], "issue.date"), lang)


def with_lang(pages: tuple[PageSpec, ...], lang: str | None) -> tuple[PageSpec, ...]:
    """The pages with `issue.lang` given to every article whose front matter names no language."""
    if not lang:
        return pages
    return tuple(dataclasses.replace(p, articles=tuple(a if a.lang else dataclasses.replace(a, lang=lang)
                                                       for a in p.articles)) for p in pages)


def _issue_number(node: YNode, key: str) -> int:
    """An issue number as the decimal digits typed: `010` and `"010"` are 第10期; hex, octal and base 60
    (`0x10`, `1:30`) are refused rather than read as 16 or 90."""
    if isinstance(node, YScalar) and isinstance(node.value, str) and node.value.strip().isascii() \
            and node.value.strip().isdigit():
        number = int(node.value.strip(), 10)
        if number < 1:
            raise fail(node, key, f"must be at least 1, got {number}")
        return number
    return as_int(node, key, minimum=1)


def _names(node: YNode, key: str, labels: LabelCleaner) -> tuple[str, ...]:
    if isinstance(node, YScalar):
        return (_text(node, key, labels),)
    return tuple(_text(v, join(key, i), labels) for i, v in enumerate(as_seq(node, key)))


def _credits(node: YNode | None, labels: LabelCleaner) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """主编: 刘维佳, 责编: [李佳璐, 张晋刚]: role -> names, in the order written."""
    if is_null(node):
        return ()
    m = as_map(node, "credits")
    out = []
    for role, v in m.items.items():
        name = labels.clean(role, "credits", v.pos.line).strip() or role
        out.append((name, _names(v, join("credits", name), labels)))
    return tuple(out)


def _extras(node: YNode | None, labels: LabelCleaner) -> tuple[tuple[QrItem, ...], str | None]:
    if is_null(node):
        return (), None
    m = as_map(node, "extras")
    check_keys(m, "extras", EXTRAS_KEYS)
    items = []
    if not is_null(m.get("qr")):
        for i, item in enumerate(as_seq(m.items["qr"], "extras.qr")):
            key = join("extras.qr", i)
            q = as_map(item, key)
            check_keys(q, key, QR_KEYS, required=QR_KEYS)
            data = _text(q.items["data"], join(key, "data"), labels)
            _check_qr_fits(q.items["data"], join(key, "data"), data)
            items.append(QrItem(_text(q.items["label"], join(key, "label"), labels), data))
    return tuple(items), _opt_text(m.get("qr_title"), "extras.qr_title", labels)


def _check_qr_fits(node: YNode, key: str, data: str) -> None:
    """A QR payload must fit the largest symbol (version 40) at level M, the level render/qr.py draws."""
    import qrcode
    from qrcode.exceptions import DataOverflowError

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    try:
        qr.best_fit()
    except (DataOverflowError, ValueError):
        size = len(data.encode("utf-8"))
        raise fail(node, key, f"{size} bytes do not fit in a QR code (at most about 2,300 at version 40, "
                   "level M); give a shorter link") from None


def _layout(node: YNode, root: Path) -> Layout:
    name = as_str(node, "layout").strip()
    target: str | Path = resolve_inside(root, node, "layout") if looks_like_path(name) else name
    if isinstance(target, Path) and not target.is_file() and "/" not in name:
        target = Path(name).stem  # `layout: a4-3col.yaml` meant the layout of that name
    try:
        return load_layout(target, root)
    except InputError as exc:
        if exc.path is None:  # not found: say where it was asked for
            raise fail(node, "layout", exc.message) from None
        raise


def _template(page: YMap, index: int, layout: Layout, key: str) -> Template:
    node = page.get("template")
    name = FIRST_PAGE_TEMPLATE if index == 0 else OTHER_PAGE_TEMPLATE
    if not is_null(node):
        name = as_str(node, join(key, "template")).strip()
    if name not in layout.templates:
        known = sorted(layout.templates)
        where = node if not is_null(node) else page
        how = "" if not is_null(node) else " (the default for this page; name one with template:)"
        assert where is not None
        raise fail(where, join(key, "template"), f"layout '{layout.name}' has no template '{name}'{how}"
                   f"{suggest(name, known)} (templates: {', '.join(known)})")
    return layout.templates[name]


def _pages(node: YNode, root: Path, layout: Layout, labels: LabelCleaner, lang: str | None = None) -> tuple[PageSpec, ...]:
    items = as_seq(node, "pages")
    if not items:
        raise fail(node, "pages", "the issue has no pages")
    if len(items) > MAX_PAGES:
        raise fail(node, "pages", f"{len(items)} pages; an issue may have at most {MAX_PAGES} (see docs/limits.md)")
    seen: dict[Path, tuple[str, int]] = {}
    pages = []
    total = 0
    for i, item in enumerate(items):
        key = join("pages", i)
        page = as_map(item, key)
        check_keys(page, key, PAGE_KEYS, required=("title", "articles"))
        tpl = _template(page, i, layout, key)
        articles = _articles(page.items["articles"], join(key, "articles"), root, tpl, seen, layout.text.punctuation,
                             lang)
        total += sum(_body_chars(a) for a in articles)
        if total > MAX_ISSUE_CHARS:
            raise fail(page.items["articles"], join(key, "articles"),
                       f"the articles up to here hold {total:,} characters of text; an issue may hold at most "
                       f"{MAX_ISSUE_CHARS:,} (a 64-page tabloid prints about 320,000; see docs/limits.md)")
        pages.append(PageSpec(
            title=_text(page.items["title"], join(key, "title"), labels),
            editor=_editors(page.get("editor"), join(key, "editor"), labels),
            template=None if is_null(page.get("template")) else tpl.name,
            articles=articles,
        ))
    return tuple(pages)


def _body_chars(article: Article) -> int:
    return sum(len(b.text) for b in article.blocks)


def _articles(node: YNode, key: str, root: Path, tpl: Template,
              seen: dict[Path, tuple[str, int]], punctuation: str = "keep", lang: str | None = None) -> tuple[Article, ...]:
    entries = as_seq(node, key)
    if not entries:
        raise fail(node, key, "a page needs at least one article")
    if len(entries) > MAX_ARTICLES_PER_PAGE:
        raise fail(node, key, f"{len(entries)} articles; a page may have at most {MAX_ARTICLES_PER_PAGE} "
                   "(see docs/limits.md)")
    out = []
    slots_taken: dict[str, str] = {}
    for j, entry in enumerate(entries):
        ekey = join(key, j)
        slot = None
        if isinstance(entry, YMap):
            check_keys(entry, ekey, ENTRY_KEYS, required=("file",))
            file_node, file_key = entry.items["file"], join(ekey, "file")
            if not is_null(entry.get("slot")):
                slot = _slot(entry.items["slot"], join(ekey, "slot"), tpl, slots_taken)
                slots_taken[slot] = as_str(file_node, join(ekey, "file")).strip()
        else:
            file_node, file_key = entry, ekey
        path = resolve_inside(root, file_node, file_key)
        if not path.is_file():
            what = "is a folder, not an article file" if path.is_dir() else "article file not found"
            raise fail(file_node, file_key, f"{what}: {as_str(file_node, file_key).strip()}")
        if path in seen:
            first_key, first_line = seen[path]
            raise fail(file_node, file_key, f"{path.name} is listed twice (first at {first_key}, line {first_line})")
        seen[path] = (file_key, file_node.pos.line)
        article = load_article(path, root, punctuation, default_lang=lang)  # issue.lang: fix quotes 「」 for zh-Hant
        out.append(dataclasses.replace(article, slot=slot) if slot else article)
    return tuple(out)


def _slot(node: YNode, key: str, tpl: Template, taken: dict[str, str]) -> str:
    name = as_str(node, key).strip()
    names = [s.name for s in tpl.slots]
    if name not in names:
        listed = ", ".join(names) if names else "none"
        raise fail(node, key, f"template '{tpl.name}' has no slot '{name}'{suggest(name, names)} (slots: {listed})")
    if name in taken:
        raise fail(node, key, f"slot '{name}' already holds {taken[name]} on this page")
    return name
