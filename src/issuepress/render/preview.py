"""PNG pictures of a PDF's pages, rendered with pdfium (no system tool needed)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


def preview_path(pdf: Path, page: int, out_dir: Path | None = None) -> Path:
    """Where page `page` (from 1) of `pdf` is previewed: <pdf stem>-p<N>.png beside it (or in out_dir)."""
    return (out_dir or pdf.parent) / f"{pdf.stem}-p{page}.png"


def write_previews(pdf: Path, dpi: int = 100, out_dir: Path | None = None) -> list[Path]:
    """One PNG per page, named <pdf stem>-p<N>.png beside the PDF (or in out_dir)."""
    out_dir = out_dir or pdf.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    paths = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            img = page.render(scale=dpi / 72).to_pil()
            p = preview_path(pdf, i + 1, out_dir)
            tmp = p.with_name(f".{p.name}.tmp")
            img.save(tmp, format="PNG")
            tmp.replace(p)  # an interrupted preview never leaves a half-written picture
            paths.append(p)
    finally:
        doc.close()
    return paths
