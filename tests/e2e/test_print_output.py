"""The print PDF of a composed seed, read back as a printer's preflight would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from e2ekit import SEEDS, Composed, run_cli

MM = 72 / 25.4


def boxes(pdf: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(pdf) as doc:
        return [{k: [float(v) for v in page.obj[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox")
                 if k in page.obj} for page in doc.pages]


def test_boxes_trim_bleed_media(jincheng: Composed) -> None:
    layout = jincheng.layout
    for b in boxes(jincheng.pdf):
        assert "/TrimBox" in b and "/BleedBox" in b  # pdfinfo -box would show a missing TrimBox as the MediaBox
        tx0, ty0, tx1, ty1 = b["/TrimBox"]
        assert tx1 - tx0 == pytest.approx(layout.page.width_pt, abs=0.01)
        assert ty1 - ty0 == pytest.approx(layout.page.height_pt, abs=0.01)
        bx0, by0, bx1, by1 = b["/BleedBox"]
        bleed = layout.print.bleed_pt
        assert (tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1) == pytest.approx((bleed,) * 4, abs=0.01)
        mx0, my0, mx1, my1 = b["/MediaBox"]
        assert mx0 <= bx0 - 5 * MM and my0 <= by0 - 5 * MM and mx1 >= bx1 + 5 * MM and my1 >= by1 + 5 * MM


def test_slug_outside_bleed_names_paper_and_page(jincheng: Composed) -> None:
    for page in jincheng.pages:
        slug = "".join(g.text for g in page.marks)
        assert "晋城大医院" in slug and f"第{page.number}版" in slug and "2026-04-01" in slug


def test_text_is_painted_in_cmyk_never_rgb(jincheng: Composed) -> None:
    """Colour operators used while text is shown: k/K (DeviceCMYK) only; black text is K only."""
    with pikepdf.open(jincheng.pdf) as doc:
        for page in doc.pages:
            fill = None
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                assert name not in ("rg", "RG", "g", "G", "sc", "scn"), f"non-CMYK colour operator {name}"
                if name == "k":
                    fill = tuple(float(v) for v in operands)
                if name in ("Tj", "TJ", "'", '"'):
                    assert fill is not None
                    c, m, y, k = fill
                    if fill == (1.0, 1.0, 1.0, 1.0):
                        continue  # registration colour: the slug outside the bleed, on every plate
                    if k >= 0.9:
                        assert c == m == y == 0, f"rich black text {fill}"


def test_pictures_are_cmyk_at_print_resolution(jincheng: Composed) -> None:
    out = subprocess.run(["pdfimages", "-list", str(jincheng.pdf)], capture_output=True, text=True) \
        if shutil.which("pdfimages") else None
    with pikepdf.open(jincheng.pdf) as doc:
        seen = 0
        for page in doc.pages:
            for img in page.get_images().values():
                assert str(img.get("/ColorSpace")) == "/DeviceCMYK"
                seen += 1
        assert seen == sum(len(a.photos) for p in jincheng.issue.pages for a in p.articles)
    if out is not None:
        rows = [ln.split() for ln in out.stdout.splitlines()[2:] if ln.strip()]
        ppi = [int(r[-4]) for r in rows]  # the x-ppi column
        assert rows and all(290 <= p <= 2 * 300 for p in ppi), out.stdout  # enough, and far-above downsampled


def test_pdfx_output_intent_and_keys(jincheng: Composed) -> None:
    with pikepdf.open(jincheng.pdf) as doc:
        intent = doc.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
        assert str(doc.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
        assert str(doc.docinfo["/Trapped"]) == "/False"
        assert len(doc.trailer.ID) == 2
    assert jincheng.report["output"]["pdfx"] == "PDF/X-4" and jincheng.report["output"]["pdfx_unmet"] == []


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
def test_qpdf_check_passes(jincheng: Composed) -> None:
    res = subprocess.run(["qpdf", "--check", str(jincheng.pdf)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_same_input_same_bytes(tmp_path: Path) -> None:
    """Two composes of the same issue to the same file name give identical bytes."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for d in (a, b):
        res = run_cli("compose", str(SEEDS / "changzhi-robot"), "-o", str(d / "issue.pdf"))
        assert res.exit_code == 0
    assert (a / "issue.pdf").read_bytes() == (b / "issue.pdf").read_bytes()
    assert (a / "issue.report.json").read_text() == (b / "issue.report.json").read_text()


def test_proof_has_trim_size_and_no_marks(tmp_path: Path) -> None:
    res = run_cli("compose", str(SEEDS / "changzhi-robot"), "-o", str(tmp_path / "p.pdf"), "--proof")
    assert res.exit_code == 0
    for b in boxes(tmp_path / "p.pdf"):
        assert b["/MediaBox"] == b["/TrimBox"]


def test_template_background_and_bleeding_photo_reach_the_bleed_box(tmp_path: Path) -> None:
    """A template's background and the photos of a slot marked `bleed` run out to the BleedBox."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "layouts").mkdir()
    shutil.copy(SEEDS / "jincheng-215" / "images" / "walk.jpg", tmp_path / "images" / "walk.jpg")
    (tmp_path / "layouts" / "poster.yaml").write_text(
        "extends: a4-3col\ncolors:\n  tint: [0, 0, 10, 0]\ntemplates:\n  poster:\n    header: true\n"
        "    background: tint\n    slots:\n      hero: {column: 0, line: 0, bleed: true}\n", encoding="utf-8")
    (tmp_path / "issue.yaml").write_text(
        "paper: {name: 测试报}\nissue: {number: 1, date: 2026-03-20}\nlayout: layouts/poster.yaml\npages:\n"
        "  - title: 专题\n    template: poster\n    articles:\n      - {file: articles/a.md, slot: hero}\n",
        encoding="utf-8")
    (tmp_path / "articles" / "a.md").write_text(
        "---\ntitle: 健步走\nphotos:\n  - {src: images/walk.jpg, caption: 健步走现场, width: 3}\n---\n"
        "春分至，万物复苏，生机盎然。\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    assert run_cli("compose", str(tmp_path), "-o", str(out)).exit_code == 0
    import pdfplumber

    bx0, by0, bx1, by1 = boxes(out)[0]["/BleedBox"]
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        height = float(page.height)
        (img,) = page.images
        assert img["x0"] == pytest.approx(bx0, abs=0.1) and img["x1"] == pytest.approx(bx1, abs=0.1)
        backgrounds = [r for r in page.rects if tuple(r.get("non_stroking_color") or ()) == (0, 0, 0.1, 0)]
        assert backgrounds
        r = backgrounds[0]
        assert (r["x0"], height - r["bottom"], r["x1"], height - r["top"]) == pytest.approx((bx0, by0, bx1, by1),
                                                                                           abs=0.1)


def test_pictures_prepared_once_give_the_same_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second compose takes prepared pictures from the cache, and the PDF is byte for byte the same."""
    monkeypatch.setenv("ISSUEPRESS_CACHE", str(tmp_path / "cache"))
    outs = []
    for run in ("fresh", "cached"):
        out = tmp_path / run / "issue.pdf"
        assert run_cli("compose", str(SEEDS / "changzhi-robot"), "-o", str(out)).exit_code == 0
        outs.append(out.read_bytes())
        cached = sorted((tmp_path / "cache" / "pictures").glob("*.bin"))
        assert len(cached) == 5  # the five photos of the spread, each prepared for its frame
    assert outs[0] == outs[1]
