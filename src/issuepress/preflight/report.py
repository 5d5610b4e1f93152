"""The compose report: pages, articles, findings and fonts, as JSON beside the PDF and as a table."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..layout.crop import crop_shares, print_ppi
from ..layout.items import DocumentLayout, Finding, ImageItem

SEVERITY_ORDER = {"error": 0, "warning": 1}


def report_dict(doc: DocumentLayout, fonts: list[dict[str, str]], extra: dict[str, Any] | None = None) -> dict:
    """Everything an editor or a script needs to know about a compose, in stable key order."""
    findings = sorted(doc.findings, key=lambda f: (f.page or 0, SEVERITY_ORDER.get(f.severity, 9), f.code,
                                                   f.article or "", f.message))
    out: dict[str, Any] = {
        "pages": len(doc.pages),
        "articles": [
            {"file": a.file, "title": a.title, "pages": list(a.pages), "status": a.status,
             "overset_chars": a.overset_chars, "body_lines": a.body_lines}
            for a in doc.articles
        ],
        "findings": [asdict(f) for f in findings],
        "fonts": fonts,
        "summary": {
            "errors": sum(1 for f in doc.findings if f.severity == "error"),
            "warnings": sum(1 for f in doc.findings if f.severity == "warning"),
        },
    }
    if extra:
        out.update(extra)
    return out


MM_PER_PT = 25.4 / 72
# Report precision: a hundredth of a millimetre and of a percent, a whole ppi.
MM_DIGITS, SHARE_DIGITS = 2, 4


def photo_entries(doc: DocumentLayout, shown: Callable[[Path], str]) -> list[dict[str, Any]]:
    """Every placed photo as printed: its file (`shown` names it), page, frame in mm from the trim's
    top-left, the share of the picture cut from its width and height, and its resolution."""
    out: list[dict[str, Any]] = []
    for page in doc.pages:
        for it in page.items:
            if not isinstance(it, ImageItem) or it.px is None or it.path is None:
                continue
            cut_w, cut_h = crop_shares(it.px, it.width_pt, it.height_pt)
            out.append({
                "file": shown(Path(it.path)), "article": it.article, "page": page.number,
                "frame_mm": [round(v * MM_PER_PT, MM_DIGITS) for v in (it.x_pt, it.y_pt, it.width_pt, it.height_pt)],
                "crop": {"width": round(cut_w, SHARE_DIGITS), "height": round(cut_h, SHARE_DIGITS)},
                "ppi": round(print_ppi(it.px, it.width_pt, it.height_pt)),
            })
    return out


def report_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def findings_table(findings: list[Finding] | list[dict]) -> str:
    """A plain table for the terminal: severity, code, page, article, message."""
    rows = [f if isinstance(f, dict) else asdict(f) for f in findings]
    if not rows:
        return "no findings"
    head = ("severity", "code", "page", "article", "message")
    data = [(r["severity"], r["code"], str(r["page"] or "-"), r["article"] or "-", r["message"]) for r in rows]
    widths = [max(len(h), *(len(d[i]) for d in data)) for i, h in enumerate(head[:4])]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head[:4], widths)) + "  message"]
    for d in data:
        lines.append("  ".join(v.ljust(w) for v, w in zip(d[:4], widths)) + "  " + d[4])
    return "\n".join(lines)


def finding_line(finding: Finding | dict) -> str:
    """One finding as one line an editor can act on: `warning: page 3 articles/x.md: text-overset: …`
    (where first, page then file; `issue` for a finding of the whole issue; newlines in a message
    folded into spaces)."""
    f = finding if isinstance(finding, dict) else asdict(finding)
    where = " ".join(part for part in (f"page {f['page']}" if f.get("page") else "", f.get("article") or "") if part)
    message = " ".join(str(f["message"]).split())
    return f"{f['severity']}: {where or 'issue'}: {f['code']}: {message}"


def finding_lines(findings: list[dict]) -> list[str]:
    """The error and warning findings of a report, one line each, by page (the report's own order:
    findings of the whole issue first, then page 1, 2, …)."""
    shown = [f for f in findings if f.get("severity") in SEVERITY_ORDER]
    return [finding_line(f) for f in sorted(shown, key=lambda f: f.get("page") or 0)]
