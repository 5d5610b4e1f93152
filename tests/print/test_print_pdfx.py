"""finalize_pdfx read back with pikepdf: output intent, identification, XMP, /ID, dates, determinism."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from printkit import TRIM
from reportlab.lib.utils import ImageReader

from issuepress.preflight.pdfcheck import check_pdf
from issuepress.render.pdfx import doc_id_for, finalize_pdfx, pdf_date

DATE = datetime(2026, 4, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))
DOC_ID = doc_id_for("issue.yaml", b"bytes of the inputs")
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfx": "http://ns.adobe.com/pdfx/1.3/", "pdfxid": "http://www.npes.org/pdfx/ns/id/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/"}


def clean_page(font):
    def draw(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(font, 9)
        c.drawString(TRIM[0] + 20, TRIM[1] + 20, "Clean 123")
        c.setStrokeColorCMYK(0, 0.6, 1, 0)
        c.line(TRIM[0] + 20, TRIM[1] + 40, TRIM[0] + 120, TRIM[1] + 40)
        picture = Image.new("CMYK", (300, 300), (0, 100, 200, 0))  # 300 ppi at one inch
        c.drawImage(ImageReader(picture), TRIM[0] + 20, TRIM[1] + 60, 72, 72)
    return draw


def finalize(path: Path, profile: Path, version="4", **kw) -> list[str]:
    args = {"profile": profile, "profile_name": "Test CMYK", "title": "晋城大医院 第4期 <&>", "date": DATE,
            "doc_id": DOC_ID, **kw}
    return finalize_pdfx(path, version=version, **args)


def xmp_of(pdf: pikepdf.Pdf) -> ET.Element:
    return ET.fromstring(pdf.Root.Metadata.read_bytes())


@pytest.mark.parametrize("version", ["4", "1a"])
def test_output_intent_identification_and_id(make_pdf, test_font, fake_cmyk_profile, version):
    path = make_pdf(clean_page(test_font))
    assert finalize(path, fake_cmyk_profile, version) == []
    with pikepdf.open(path) as pdf:
        (oi,) = pdf.Root.OutputIntents
        assert oi.Type == "/OutputIntent" and oi.S == "/GTS_PDFX"
        assert str(oi.OutputConditionIdentifier) == "Test CMYK"
        assert str(oi.RegistryName) == "http://www.color.org"
        assert oi.DestOutputProfile.N == 4
        assert oi.DestOutputProfile.read_bytes() == fake_cmyk_profile.read_bytes()
        info = pdf.docinfo
        name = {"4": "PDF/X-4", "1a": "PDF/X-1a:2003"}[version]
        assert str(info.GTS_PDFXVersion) == name
        assert (str(info.GTS_PDFXConformance) if "/GTS_PDFXConformance" in info else None) == \
            (name if version == "1a" else None)
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.Title) == "晋城大医院 第4期 <&>"
        assert str(info.CreationDate) == str(info.ModDate) == "D:20260401093000+08'00'"
        assert [bytes(x) for x in pdf.trailer.ID] == [DOC_ID, DOC_ID]
        assert pdf.pdf_version == {"4": "1.6", "1a": "1.3"}[version]
        (picture,) = pdf.pages[0].Resources.XObject.values()
        assert picture.Filter == "/FlateDecode"  # ReportLab's ASCII85 layer is gone
        assert pikepdf.PdfImage(picture).as_pil_image().getpixel((0, 0)) == (0, 100, 200, 0)
    assert path.read_bytes().startswith(b"%PDF-" + {"4": b"1.6", "1a": b"1.3"}[version])


@pytest.mark.parametrize("version", ["4", "1a"])
def test_xmp_carries_title_dates_and_pdfx_version(make_pdf, test_font, fake_cmyk_profile, version):
    path = make_pdf(clean_page(test_font))
    finalize(path, fake_cmyk_profile, version)
    with pikepdf.open(path) as pdf:
        assert pdf.Root.Metadata.Subtype == "/XML"
        root = xmp_of(pdf)
    desc = root.find(".//rdf:Description", NS)
    assert desc.find("dc:title/rdf:Alt/rdf:li", NS).text == "晋城大医院 第4期 <&>"
    assert desc.find("xmp:CreateDate", NS).text == desc.find("xmp:ModifyDate", NS).text == "2026-04-01T09:30:00+08:00"
    assert desc.find("pdf:Trapped", NS).text == "False"
    with pikepdf.open(path) as pdf:  # XMP mirrors the Info dictionary, as PDF/X-4 readers compare them
        info = pdf.docinfo
        assert desc.find("pdf:Producer", NS).text == str(info.Producer)
        assert desc.find("xmp:CreatorTool", NS).text == str(info.Creator)
        assert desc.find("dc:creator/rdf:Seq/rdf:li", NS).text == str(info.Author)
    assert desc.find("xmpMM:DocumentID", NS).text == f"uuid:{DOC_ID.hex()[:8]}-{DOC_ID.hex()[8:12]}-" \
                                                     f"{DOC_ID.hex()[12:16]}-{DOC_ID.hex()[16:20]}-{DOC_ID.hex()[20:]}"
    if version == "4":
        assert desc.find("pdfxid:GTS_PDFXVersion", NS).text == "PDF/X-4"
        assert desc.find("pdfx:GTS_PDFXVersion", NS) is None
    else:
        assert desc.find("pdfx:GTS_PDFXVersion", NS).text == "PDF/X-1a:2003"
        assert desc.find("pdfx:GTS_PDFXConformance", NS).text == "PDF/X-1a:2003"


@pytest.mark.parametrize("version", ["4", "1a"])
def test_same_input_gives_the_same_bytes(make_pdf, test_font, fake_cmyk_profile, tmp_path, version):
    first = make_pdf(clean_page(test_font))
    second = tmp_path / "copy.pdf"
    shutil.copyfile(first, second)
    finalize(first, fake_cmyk_profile, version)
    finalize(second, fake_cmyk_profile, version)
    assert first.read_bytes() == second.read_bytes()
    third = tmp_path / "later.pdf"
    shutil.copyfile(make_pdf(clean_page(test_font)), third)
    finalize(third, fake_cmyk_profile, version, date=DATE + timedelta(days=1))
    assert third.read_bytes() != first.read_bytes()  # the date is really written, not the clock's
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp files left


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
@pytest.mark.parametrize("version", ["4", "1a"])
def test_qpdf_check_passes(make_pdf, test_font, fake_cmyk_profile, version):
    path = make_pdf(clean_page(test_font))
    finalize(path, fake_cmyk_profile, version)
    run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No syntax or stream encoding errors" in run.stdout


def test_permissions_are_kept(make_pdf, test_font, fake_cmyk_profile):
    path = make_pdf(clean_page(test_font))
    path.chmod(0o640)
    finalize(path, fake_cmyk_profile)
    assert path.stat().st_mode & 0o777 == 0o640


def test_finalised_file_still_passes_preflight(make_pdf, test_font, fake_cmyk_profile):
    path = make_pdf(clean_page(test_font))
    finalize(path, fake_cmyk_profile)
    assert check_pdf(path, print_mode=True) == []


def test_finalising_twice_keeps_one_pdfx_intent(make_pdf, test_font, fake_cmyk_profile):
    path = make_pdf(clean_page(test_font))
    finalize(path, fake_cmyk_profile, "1a")
    finalize(path, fake_cmyk_profile, "4")
    with pikepdf.open(path) as pdf:
        assert len(pdf.Root.OutputIntents) == 1
        assert "/GTS_PDFXConformance" not in pdf.docinfo
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"


# ---- what it cannot meet --------------------------------------------------------------------------------

def transparent(font):
    def draw(c):
        clean_page(font)(c)
        c.setFillAlpha(0.5)
        c.setFillColorCMYK(0, 1, 0, 0)
        c.rect(TRIM[0] + 10, TRIM[1] + 60, 30, 30, stroke=0, fill=1)
    return draw


def rgb_rule(c):
    c.setStrokeColorRGB(1, 0, 0)
    c.line(TRIM[0] + 20, TRIM[1] + 40, TRIM[0] + 120, TRIM[1] + 40)


def test_transparency_is_unmet_for_x1a_only(make_pdf, test_font, fake_cmyk_profile):
    path = make_pdf(transparent(test_font))
    x4 = path.with_name("x4.pdf")
    shutil.copyfile(path, x4)
    unmet = finalize(path, fake_cmyk_profile, "1a")
    assert unmet and all(m.startswith("page 1: ") and "transparency" in m for m in unmet)
    assert path.read_bytes().startswith(b"%PDF-1.4")  # transparency needs 1.4 even though it is unmet
    assert finalize(x4, fake_cmyk_profile, "4") == []


def test_rgb_is_unmet_for_both_levels(make_pdf, test_font, fake_cmyk_profile):
    for version in ("4", "1a"):
        path = make_pdf(clean_page(test_font), rgb_rule)
        unmet = finalize(path, fake_cmyk_profile, version)
        assert len(unmet) == 1 and unmet[0].startswith("page 2: ") and "RGB" in unmet[0]


def test_unembedded_font_and_missing_trim_box_are_unmet(make_pdf, test_font, fake_cmyk_profile):
    def helvetica(c):
        c.setFont("Helvetica", 9)
        c.drawString(TRIM[0] + 20, TRIM[1] + 20, "base 14")
    path = make_pdf(helvetica, trim=False)
    assert finalize(path, fake_cmyk_profile) == ["page 1: font Helvetica is not embedded", "page 1: no TrimBox"]


def test_bad_arguments_leave_the_file_alone(make_pdf, test_font, fake_cmyk_profile, tmp_path):
    path = make_pdf(clean_page(test_font))
    before = path.read_bytes()
    rgb = tmp_path / "rgb.icc"
    rgb.write_bytes(fake_cmyk_profile.read_bytes().replace(b"CMYK", b"RGB "))
    with pytest.raises(ValueError, match="CMYK"):
        finalize(path, rgb)
    with pytest.raises(ValueError, match="16 bytes"):
        finalize(path, fake_cmyk_profile, doc_id=b"short")
    with pytest.raises(ValueError, match="version"):
        finalize(path, fake_cmyk_profile, version="3")
    assert path.read_bytes() == before


def test_dates_and_ids():
    assert pdf_date(datetime(2026, 1, 2, 3, 4, 5)) == "D:20260102030405+00'00'"  # naive is UTC
    assert pdf_date(datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))) == \
        "D:20260102030405-05'30'"
    assert len(doc_id_for("a")) == 16
    assert doc_id_for("a", "b") == doc_id_for("a", b"b") != doc_id_for("ab")


@pytest.mark.parametrize("where", ["page", "page-array", "form"])
@pytest.mark.parametrize("paint", [b"1 0 0 rg 0 0 10 10 re f", b"0 0 1 RG 0 0 m 10 10 l S"])
def test_device_rgb_paint_is_unmet_wherever_the_content_is(tmp_path: Path, where: str, paint: bytes) -> None:
    """rg / RG in a page's content (one stream or an array of them, compressed) or in a form XObject
    it draws is refused; the same content in CMYK passes."""
    from issuepress.render.pdfx import unmet_requirements

    def build(ops: bytes) -> pikepdf.Pdf:
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=(100, 100))
        page = pdf.pages[0]
        if where == "form":
            form = pdf.make_stream(ops, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                   BBox=[0, 0, 100, 100])
            page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
            page.obj.Contents = pdf.make_stream(b"q /Fm0 Do Q")
        elif where == "page-array":
            page.obj.Contents = pikepdf.Array([pdf.make_stream(b"q"), pdf.make_stream(ops), pdf.make_stream(b"Q")])
        else:
            page.obj.Contents = pdf.make_stream(ops)
        out = tmp_path / f"{where}.pdf"
        pdf.save(out, compress_streams=True)
        return pikepdf.open(out)

    assert any("text or paths in" in why for why in unmet_requirements(build(paint), "4"))
    cmyk = paint.replace(b"1 0 0 rg", b"0 1 1 0 k").replace(b"0 0 1 RG", b"1 1 0 0 K")
    assert not any("text or paths in" in why for why in unmet_requirements(build(cmyk), "4"))
