"""PNG pictures of a PDF's pages, rendered with pdfium (no system tool needed)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


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
            p = out_dir / f"{pdf.stem}-p{i + 1}.png"
            tmp = p.with_name(f".{p.name}.tmp")
            img.save(tmp, format="PNG")
            tmp.replace(p)  # an interrupted preview never leaves a half-written picture
            paths.append(p)
    finally:
        doc.close()
    return paths
