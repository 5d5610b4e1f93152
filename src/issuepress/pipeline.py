"""The stages in order: load, fonts, layout, render, PDF/X, preflight, report; output written atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image

from .errors import InputError
from .fonts.langs import role_lang
from .fonts.registry import FontRegistry
from .fonts.roles import FontError
from .layout.compose import compose_issue
from .layout.galley import galley
from .layout.items import DocumentLayout, Finding
from .layout.paracache import ParagraphCache, cache_file, context_digest
from .layout.typeset import display_path
from .load.article import LANG_TAG, load_article
from .load.figures import figure_photos
from .load.issue import load_issue
from .load.layout import load_layout
from .load.word.container import looks_like_word
from .model import Layout
from .outguard import check_output, disk_full, disk_full_error, folder_files
from .preflight.lines import check_lines
from .preflight.loaded import with_loaded
from .preflight.pdfcheck import as_findings, check_pdf, pdfx_findings
from .preflight.report import photo_entries, report_dict, report_json
from .render.color import find_cmyk_profile, is_cmyk_profile, profile_name
from .render.marks import MARK_SPACE_PT, format_slug
from .render.pdf import RenderOptions, render_pdf
from .render.pdfx import doc_id_for, finalize_pdfx

# Prefix of the temporary folder a compose writes in, beside its output (removed when it ends).
WORK_PREFIX = ".issuepress-"


@dataclass(frozen=True)
class ComposeOptions:
    """How to write the PDF: for the press (bleed, marks, CMYK, PDF/X) or as a screen proof."""

    proof: bool = False
    pdfx: str = "4"  # 4 | 1a
    keep_rgb: bool = False
    grid: bool = False  # proof only: draw the grid, slots and overset markers
    read_back: bool = False  # preflight the written PDF (boxes, fonts, colours): `check` does, compose need not
    fix_punctuation: bool = False  # half-width marks among Chinese text set full-width (text.punctuation: fix)


@dataclass
class Result:
    doc: DocumentLayout
    report: dict
    pdf: Path | None
    findings: list[Finding] = field(default_factory=list)
    inputs: tuple[Path, ...] = ()  # every file the compose read: no preview PNG may replace one


def import_word(*args, **kwargs):
    """`issuepress import` (load/word/export.py), reached through the pipeline as every command is; the
    Word reader is imported only here and for Word articles, not by every compose."""
    from .load.word.export import import_word as run
    return run(*args, **kwargs)


def font_dirs(extra: list[Path]) -> list[Path]:
    """The issue's fonts/ folder (the registry adds $ISSUEPRESS_FONTS and the platform's font folders)."""
    return [d for d in extra if d.is_dir()]


def fonts_for(layout, base: Path) -> FontRegistry:
    """Faces from the issue's fonts/ folder, $ISSUEPRESS_FONTS and the system's; relative font files
    in the layout are found beside the layout."""
    layout_dir = Path(layout.path).parent if getattr(layout, "path", None) else base
    return FontRegistry(layout.fonts, search_dirs=font_dirs([base / "fonts"]), base_dir=layout_dir)


def _shown(path: Path) -> str:
    """A file name for the report: one that is not UTF-8 is shown with \\udcXX escapes (the report is UTF-8 JSON)."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def fonts_report(reg: FontRegistry, layout) -> list[dict[str, str]]:
    """Every role's faces in fallback order, with the language the role sets (zh-Hans for the plain roles)."""
    out = []
    for role in sorted(layout.fonts):
        try:
            ids = reg.face_ids(role)
        except Exception:
            continue
        for i, fid in enumerate(ids):
            face = reg.face(fid)
            out.append({"role": role, "lang": role_lang(role), "family": face.family, "weight": face.weight,
                        "file": _shown(face.path), "fallback": "no" if i == 0 else "yes"})
    return out


def fonts_by_lang(reg: FontRegistry, used: dict[str, dict[str, None]]) -> dict[str, list[dict[str, str]]]:
    """The faces text of each language was set in (zh-Hans: Simplified articles and the page furniture),
    in the order first used."""
    return {lang: [{"family": reg.face(f).family, "weight": reg.face(f).weight, "file": _shown(reg.face(f).path)}
                   for f in faces] for lang, faces in sorted(used.items()) if faces}


def input_files(issue) -> list[Path]:
    """Every file the issue is made from, in a stable order."""
    files = {Path(issue.source)}
    if getattr(issue.layout, "path", None):
        files.add(Path(issue.layout.path))
    files.update(Path(p) for p in getattr(issue.layout, "sources", ()))
    if issue.paper.logo:
        files.add(Path(issue.paper.logo))
    for page in issue.pages:
        for art in page.articles:
            files.add(Path(art.path))
            files.update(Path(p.src) for p in art.photos + figure_photos(art))
            if looks_like_word(Path(art.path)):  # a Word article's NAME.yaml (the Word reader loads only then)
                from .load.word.convert import word_companions
                files.update(word_companions(Path(art.path)))
    return sorted(f for f in files if f.is_file())


# The last second a PDF date (and Python's datetime) can say: 9999-12-31 23:59:59 UTC.
MAX_SOURCE_DATE_EPOCH = 253_402_300_799


def source_date(files: list[Path]) -> datetime:
    """SOURCE_DATE_EPOCH when set, else the newest input file's time: never the clock. A value that is
    not a whole number of seconds from 0 to year 9999 is an input error (as reproducible-builds.org
    asks: a malformed value must not be silently replaced)."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env is not None and env.strip():
        text = env.strip()
        if not (text.isascii() and text.isdigit()) or int(text) > MAX_SOURCE_DATE_EPOCH:
            raise InputError(None, f"must be whole seconds since 1970 from 0 to "
                             f"{MAX_SOURCE_DATE_EPOCH} (year 9999), got {text[:40]!r}", key="SOURCE_DATE_EPOCH")
        return datetime.fromtimestamp(int(text), tz=timezone.utc)
    newest = max((f.stat().st_mtime for f in files), default=0)
    return datetime.fromtimestamp(int(newest), tz=timezone.utc)


def input_digest(files: list[Path], root: Path) -> bytes:
    h = hashlib.sha256()
    for f in files:
        try:
            rel = f.relative_to(root)
        except ValueError:
            rel = Path(f.name)
        h.update(os.fsencode(rel) + b"\0" + f.read_bytes() + b"\0")
    return h.digest()


def write_atomic(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def layout_profile(layout) -> Path | None:
    """The CMYK profile the layout names (`print.profile`, relative to the layout file), checked."""
    name = layout.print.profile
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute() and getattr(layout, "path", None):
        path = Path(layout.path).parent / path
    if not path.is_file():
        raise InputError(getattr(layout, "path", None), f"no ICC profile at {path}", key="print.profile")
    if not is_cmyk_profile(path):
        raise InputError(getattr(layout, "path", None), f"{path} is not a CMYK ICC profile", key="print.profile")
    return path


def _slug_face(reg: FontRegistry, layout) -> str | None:
    for role in ("hei", "song", *sorted(layout.fonts)):
        if role in layout.fonts:
            try:
                return reg.face_ids(role)[0]
            except Exception:
                continue
    return None


def _render(issue, doc: DocumentLayout, reg: FontRegistry, out: Path, opts: ComposeOptions,
            when: datetime, digest: bytes) -> tuple[list[Finding], dict]:
    """Write the PDF to `out` (print or proof) and return PDF findings and colour facts for the report."""
    layout = issue.layout
    title = f"{issue.paper.name} 第{issue.info.number}期"
    colour: dict = {"mode": "proof" if opts.proof else "print"}
    if opts.proof:
        render_pdf(doc, out, reg, RenderOptions(title=title, palette=layout.colors))
        return [], colour
    profile = layout_profile(layout) or find_cmyk_profile()
    stamp = when.strftime("%Y-%m-%d %H:%M")
    slugs = {p.number: format_slug(paper=issue.paper.name, issue=f"第{issue.info.number}期", page=p.number,
                                   date=issue.info.date.isoformat(), file=out.name, composed=when)
             for p in doc.pages} if layout.print.slug else {}
    ropts = RenderOptions(
        bleed_pt=layout.print.bleed_pt, marks=layout.print.crop_marks, mark_space_pt=MARK_SPACE_PT, title=title,
        palette=layout.colors, slug_face=_slug_face(reg, layout), slugs=slugs,
        cmyk_profile=None if (opts.keep_rgb or profile is None) else profile,
        image_ppi=layout.images.min_ppi * 1.0, downsample_above=layout.images.downsample_above,
        registration=layout.print.registration,
    )
    render_pdf(doc, out, reg, ropts)
    findings: list[Finding] = []
    colour.update({"profile": str(profile) if profile else None, "pictures": "rgb" if opts.keep_rgb else "cmyk",
                   "composed": stamp})
    if profile is None:
        findings.append(Finding("warning", "pdfx-unmet", "no CMYK ICC profile found (set ISSUEPRESS_CMYK_PROFILE "
                                "or install libgs-common): pictures stay RGB and no PDF/X output intent is written"))
        return findings, colour
    name = profile_name(profile)
    unmet = finalize_pdfx(out, version=opts.pdfx, profile=profile, profile_name=name, title=title, date=when,
                          doc_id=doc_id_for(digest))
    colour.update({"profile_name": name, "pdfx": "PDF/X-4" if opts.pdfx == "4" else "PDF/X-1a:2003",
                   "pdfx_unmet": unmet})
    findings += as_findings(pdfx_findings(unmet))
    return findings, colour


def _check_pdf(out: Path, layout, proof: bool) -> list[Finding]:
    """Read the written PDF back; picture resolution is reported by layout already."""
    found = check_pdf(out, print_mode=not proof, ink_limit=layout.print.ink_limit,
                      min_ppi=layout.images.min_ppi, warn_ppi=layout.images.warn_ppi)
    return [f for f in as_findings(found) if f.code != "image-low-resolution"]


def compose(issue_path: Path, out: Path | None, options: ComposeOptions | None = None,
            registry_for: Callable[[Layout, Path], FontRegistry] | None = None,
            paragraphs: ParagraphCache | None = None) -> Result:
    """Compose an issue into `out`; with out=None the PDF goes to a temporary file (for `check`).

    The PDF and report are written beside `out` under temporary names and renamed into place only
    when both are complete, so a failed or interrupted compose leaves the previous files untouched.
    `registry_for(layout, issue folder)` gives the font registry (default fonts_for); `watch` passes
    one that keeps the registry, with the faces it loaded, from one compose to the next.
    `paragraphs`, when given, is the caller's cache of set paragraphs, kept between composes (watch
    may pass one, calling its keep_used() after each compose); without it the paragraphs the last
    compose of this issue set are read from the disk cache, and the ones this compose set are written back.
    """
    opts = options or ComposeOptions()
    issue = load_issue(issue_path, fix_punctuation=opts.fix_punctuation)
    files = input_files(issue)
    when = source_date(files)
    guarded = files + _read_also(issue)
    if out is not None:
        check_output(out, guarded)
    reg = (registry_for or fonts_for)(issue.layout, issue.path)
    with picture_limit(), font_errors_name(issue.layout):
        on_disk = cache_file(context_digest(reg, issue.layout), issue.path) if paragraphs is None else None
        paragraphs = paragraphs if paragraphs is not None else ParagraphCache()
        if on_disk is not None:
            paragraphs.load(on_disk)
        doc, setter = compose_issue(issue, reg, proof=opts.proof and opts.grid, paragraphs=paragraphs)
        if on_disk is not None:
            paragraphs.save(on_disk)
    doc = with_loaded(doc, (a for page in issue.pages for a in page.articles), Path(issue.path))
    digest = input_digest(files, issue.path)
    try:
        return _write(issue, doc, reg, out, opts, when, digest, guarded, setter.faces_used)
    except OSError as exc:
        if disk_full(exc):
            raise disk_full_error(out) from None
        raise


def _read_also(issue) -> list[Path]:
    """Files a compose reads besides input_files: the issue's fonts/ (the font scan opens them all)
    and the layout's ICC profile."""
    extra = folder_files(Path(issue.path) / "fonts")
    try:
        profile = layout_profile(issue.layout)
    except InputError:
        profile = None
    return extra + ([profile] if profile else [])


def _write(issue, doc: DocumentLayout, reg: FontRegistry, out: Path | None, opts: ComposeOptions,
           when: datetime, digest: bytes, guarded: list[Path],
           faces_used: dict[str, dict[str, None]] | None = None) -> Result:
    """Render, preflight and report in a private folder, then move the PDF and report into place."""
    with work_dir(out) as work:
        tmp_pdf = work / (out.name if out else "check.pdf")
        with picture_limit(), font_errors_name(issue.layout):
            pdf_findings, colour = _render(issue, doc, reg, tmp_pdf, opts, when, digest)
        if opts.read_back:
            pdf_findings += _check_pdf(tmp_pdf, issue.layout, opts.proof)
        pdf_findings += check_lines(doc)
        all_findings = list(doc.findings) + pdf_findings
        doc = DocumentLayout(doc.pages, tuple(all_findings), doc.articles, doc.title, doc.meta)
        report = report_dict(doc, fonts_report(reg, issue.layout),
                             {"issue": str(issue.source), "layout": issue.layout.name, "output": colour,
                              "fonts_by_lang": fonts_by_lang(reg, faces_used or {}),
                              "normalised": normalised_report(issue),
                              "photos": photo_entries(doc, lambda p: display_path(p, Path(issue.path)))})
        if out is not None:
            tmp_report = work / "report.json"
            # a file name that is not UTF-8 (bytes kept as surrogates) is written as a JSON \\udcXX escape
            tmp_report.write_text(report_json(report), encoding="utf-8", errors="backslashreplace")
            # the faces are known only now: an output naming one of them is refused before the move
            check_output(out, guarded + [Path(f["file"]) for f in report.get("fonts", ())])
            move_into_place((tmp_pdf, out), (tmp_report, out.with_suffix(".report.json")))
    return Result(doc, report, out, all_findings, tuple(guarded))


def normalised_report(issue) -> list[dict[str, object]]:
    """What the loader changed in each article's text (zero-width and control characters removed,
    tabs, hand-typed indents) and in issue.yaml's texts, so an editor sees it: nothing is changed silently."""
    out: list[dict[str, object]] = []
    if issue.normalised:
        out.append({"file": issue.source.name, "changes": list(issue.normalised)})
    for page in issue.pages:
        for art in page.articles:
            if art.normalised:
                try:
                    name = Path(art.path).relative_to(issue.path).as_posix()
                except ValueError:
                    name = str(art.path)
                out.append({"file": name, "changes": list(art.normalised)})
    return out


@contextlib.contextmanager
def work_dir(out: Path | None) -> Iterator[Path]:
    """A private temporary folder beside `out` (same file system, so the final rename is atomic),
    removed with whatever is left in it however the compose ends."""
    work: Path | None = None
    try:
        # signals held while the folder is made, so an interrupt cannot come between its creation and
        # the moment `work` names it (the folder would be left behind)
        with signals_held():
            try:
                work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=out.parent if out is not None else None))
            except OSError as exc:
                where = out.parent if out is not None else Path(tempfile.gettempdir())
                raise InputError(where, f"cannot write in this folder ({exc.strerror or exc})") from None
        yield work
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def move_into_place(*moves: tuple[Path, Path]) -> None:
    """Rename finished files over their targets with Ctrl-C and SIGTERM held, so the PDF and its
    report are replaced together or not at all."""
    with signals_held():
        for src, dst in moves:
            try:
                os.replace(src, dst)
            except IsADirectoryError:
                raise InputError(dst, "is a folder; give another output name") from None
            except OSError as exc:
                raise InputError(dst, f"cannot write the file ({exc.strerror or exc})") from None


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Defer SIGINT, SIGTERM and SIGHUP (delivered when the block ends) where the platform allows it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def font_errors_name(layout) -> Iterator[None]:
    """A font role that cannot be resolved (found when first used) is an input error of the layout that
    defines it: say which file, as every input error does."""
    try:
        yield
    except FontError as exc:
        raise InputError(getattr(layout, "path", None), str(exc), key="fonts") from None


@contextlib.contextmanager
def picture_limit() -> Iterator[None]:
    """During a compose, pictures are held to limits.MAX_IMAGE_PIXELS by layout's probe, which refuses
    a larger file before decoding it (finding image-too-large). Pillow's own decompression-bomb check
    would otherwise print a warning on stderr, or call a larger file merely unreadable; it is off
    meanwhile, since no picture is decoded without passing the probe first."""
    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = old


def make_galley(article_path: Path, layout_name: str | None, out: Path, fix_punctuation: bool = False) -> Result:
    """Set one article as a galley proof in the layout of the issue beside it (or the one named)."""
    root = article_path.resolve().parent
    issue_dir = None
    for cand in (root, root.parent):
        if (cand / "issue.yaml").exists():
            issue_dir = cand
            break
    base = issue_dir or root
    issue_yaml = issue_dir / "issue.yaml" if issue_dir is not None else None
    if layout_name is None:
        layout_name = _issue_layout_name(issue_yaml)
    layout = load_layout(layout_name or "a4-3col", base)
    # an article whose front matter names no language is set in the issue's, as compose sets it
    lang = _issue_lang(issue_yaml)
    article = load_article(article_path.resolve(), base, "fix" if fix_punctuation else layout.text.punctuation,
                           default_lang=lang)
    if lang and not article.lang:
        article = dataclasses.replace(article, lang=lang)
    check_output(out, [article.path, *(p.src for p in article.photos + figure_photos(article)), *layout.sources])
    reg = fonts_for(layout, base)
    with picture_limit(), font_errors_name(layout):
        doc, setter = galley(article, layout, reg)
    doc = with_loaded(doc, (article,), None)
    report = report_dict(doc, fonts_report(reg, layout), {
        "article": str(article_path), "fonts_by_lang": fonts_by_lang(reg, setter.faces_used),
        "normalised": [{"file": article_path.name, "changes": list(article.normalised)}] if article.normalised else []})
    with work_dir(out) as work:
        tmp_pdf = work / out.name
        with picture_limit(), font_errors_name(layout):
            render_pdf(doc, tmp_pdf, reg, RenderOptions(title=doc.title, palette=layout.colors))
        (work / "report.json").write_text(report_json(report), encoding="utf-8")
        move_into_place((tmp_pdf, out), (work / "report.json", out.with_suffix(".report.json")))
    return Result(doc, report, out)


def _issue_yaml_data(issue_yaml: Path | None) -> dict:
    """What an issue.yaml holds, or {}: a broken issue.yaml is compose's business, and the galley then
    takes the default layout and no issue language."""
    import yaml

    if issue_yaml is None:
        return {}
    try:
        data = yaml.safe_load(issue_yaml.read_text(encoding="utf-8"))
    except Exception:
        return {}
    return data if isinstance(data, dict) else {}


def _issue_layout_name(issue_yaml: Path | None) -> str | None:
    """The layout an issue.yaml names, or None."""
    name = _issue_yaml_data(issue_yaml).get("layout")
    return name.strip() if isinstance(name, str) and name.strip() else None


def _issue_lang(issue_yaml: Path | None) -> str | None:
    """The issue's `issue.lang` as its articles get it, or None when it names none or a tag it refuses."""
    info = _issue_yaml_data(issue_yaml).get("issue")
    tag = info.get("lang") if isinstance(info, dict) else None
    tag = tag.strip() if isinstance(tag, str) else ""
    return tag if LANG_TAG.fullmatch(tag) else None
