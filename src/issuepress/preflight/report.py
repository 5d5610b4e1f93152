"""The compose report: pages, articles, findings and fonts, as JSON beside the PDF and as a table."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..layout.items import DocumentLayout, Finding

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
