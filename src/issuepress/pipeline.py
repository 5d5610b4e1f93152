"""The stages in order: load, fonts, layout, render, report; output written atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .fonts.registry import FontRegistry
from .layout.compose import compose_issue
from .layout.galley import galley
from .layout.items import DocumentLayout
from .load.article import load_article
from .load.issue import load_issue
from .load.layout import load_layout
from .preflight.report import report_dict, report_json
from .render.pdf import RenderOptions, render_pdf

REPO_ROOT = Path(__file__).resolve().parents[2]


def font_dirs(extra: list[Path]) -> list[Path]:
    """The project's fonts/ folder and the issue's own folder, besides the system's font folders."""
    dirs = [d for d in extra if d.is_dir()]
    proj = REPO_ROOT / "fonts"
    if proj.is_dir():
        dirs.append(proj)
    return dirs


def fonts_for(layout, base: Path) -> FontRegistry:
    """Faces from the issue's fonts/ folder, the project's fonts/ and the system; relative font files
    in the layout are found beside the layout."""
    layout_dir = Path(layout.path).parent if getattr(layout, "path", None) else base
    return FontRegistry(layout.fonts, search_dirs=font_dirs([base / "fonts"]), base_dir=layout_dir)


def fonts_report(reg: FontRegistry, layout) -> list[dict[str, str]]:
    out = []
    for role in sorted(layout.fonts):
        try:
            ids = reg.face_ids(role)
        except Exception:
            continue
        for i, fid in enumerate(ids):
            face = reg.face(fid)
            out.append({"role": role, "family": face.family, "weight": face.weight, "file": str(face.path),
                        "fallback": "no" if i == 0 else "yes"})
    return out


@dataclass
class Result:
    doc: DocumentLayout
    report: dict
    pdf: Path | None


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


def compose(issue_path: Path, out: Path | None, options: RenderOptions | None = None) -> Result:
    """Compose an issue folder into `out` (None: lay out only, for `check`)."""
    issue = load_issue(issue_path)
    reg = fonts_for(issue.layout, issue.path)
    doc, _ = compose_issue(issue, reg)
    report = report_dict(doc, fonts_report(reg, issue.layout), {"issue": str(issue.source),
                                                                 "layout": issue.layout.name})
    if out is not None:
        opts = options or RenderOptions(title=f"{issue.paper.name} 第{issue.info.number}期",
                                        palette=issue.layout.colors)
        render_pdf(doc, out, reg, opts)
        write_atomic(out.with_suffix(".report.json"), report_json(report))
    return Result(doc, report, out)


def make_galley(article_path: Path, layout_name: str | None, out: Path) -> Result:
    """Set one article as a galley proof in the layout of the issue beside it (or the one named)."""
    root = article_path.resolve().parent
    issue_dir = None
    for cand in (root, root.parent):
        if (cand / "issue.yaml").exists():
            issue_dir = cand
            break
    base = issue_dir or root
    if layout_name is None and issue_dir is not None:
        import yaml

        try:
            data = yaml.safe_load((issue_dir / "issue.yaml").read_text(encoding="utf-8")) or {}
            layout_name = data.get("layout") if isinstance(data, dict) else None
        except Exception:
            layout_name = None
    layout = load_layout(layout_name or "a4-3col", base)
    article = load_article(article_path.resolve(), base)
    reg = fonts_for(layout, base)
    doc, _ = galley(article, layout, reg)
    report = report_dict(doc, fonts_report(reg, layout), {"article": str(article_path)})
    render_pdf(doc, out, reg, RenderOptions(title=doc.title, palette=layout.colors))
    write_atomic(out.with_suffix(".report.json"), report_json(report))
    return Result(doc, report, out)
