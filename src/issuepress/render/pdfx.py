"""Finish a composed PDF as PDF/X-4 or PDF/X-1a: output intent, identification, XMP, fixed ID and dates."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

import pikepdf
from pikepdf import Array, Dictionary, Name, ObjectStreamMode, StreamDecodeLevel, String


def escape(text: str) -> str:
    """&, < and > as XML entities, as xml.sax.saxutils.escape does (that module imports urllib.request,
    http.client and email at start-up, for this one line)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PdfxVersion = Literal["4", "1a"]
# The output intent's ICC profile is stored Flate-compressed at zlib's strongest level: it is a few
# hundred kilobytes, compressed in milliseconds.
ICC_ZLIB_LEVEL = 9
# The identification strings ISO 15930 asks for in /GTS_PDFXVersion (and the XMP copy of it).
PDFX_NAMES: dict[str, str] = {"4": "PDF/X-4", "1a": "PDF/X-1a:2003"}
# PDF/X-4 is built on PDF 1.6; PDF/X-1a:2003 accepts a 1.3 or 1.4 header, and 1.3 is what old RIPs read.
PDF_VERSIONS: dict[str, str] = {"4": "1.6", "1a": "1.3"}
# A file with transparency cannot be 1.3 (transparency came with 1.4); it still fails X-1a, reported.
PDF_VERSION_WITH_TRANSPARENCY = "1.4"
# The ICC registry: where characterisations such as FOGRA39 are listed.
ICC_REGISTRY = "http://www.color.org"
# qpdf's fixed second /ID element under static_id (digits of pi); replaced with our own document id.
QPDF_STATIC_ID_HEX = b"31415926535897932384626433832795"
DOC_ID_BYTES = 16  # an /ID element is conventionally an MD5-sized byte string
PRODUCER = "issuepress"

Box = tuple[float, float, float, float]


# ---- reading helpers shared with preflight/pdfcheck.py ------------------------------------------------

@dataclass(frozen=True)
class Space:
    """A colour space reduced to what print cares about: family, device-independent or not, components."""

    family: str  # gray | rgb | cmyk | lab | spot | pattern | other
    icc: bool  # ICCBased / Cal* / Lab: device-independent (X-1a forbids it, X-4 allows it)
    n: int


_DEVICE = {"/DeviceGray": Space("gray", False, 1), "/DeviceRGB": Space("rgb", False, 3),
           "/DeviceCMYK": Space("cmyk", False, 4), "/G": Space("gray", False, 1),
           "/RGB": Space("rgb", False, 3), "/CMYK": Space("cmyk", False, 4), "/Pattern": Space("pattern", False, 0)}
_ICC_FAMILY = {1: "gray", 3: "rgb", 4: "cmyk"}


def colorspace(cs: object, resources: object = None, depth: int = 0) -> Space:
    """Resolve a colour space operand or entry (a name, maybe in the resources, or an array)."""
    if depth > 8:
        return Space("other", False, 1)
    if isinstance(cs, Name):
        key = str(cs)
        if key in _DEVICE:
            return _DEVICE[key]
        named = _get(_get(resources, "/ColorSpace"), key)
        return colorspace(named, resources, depth + 1) if named is not None else Space("other", False, 1)
    if isinstance(cs, Array) and len(cs) > 0:
        kind = str(cs[0])
        if kind == "/ICCBased":
            n = int(cs[1].get("/N", 3))
            return Space(_ICC_FAMILY.get(n, "other"), True, n)
        if kind == "/CalRGB":
            return Space("rgb", True, 3)
        if kind in ("/CalGray",):
            return Space("gray", True, 1)
        if kind == "/Lab":
            return Space("lab", True, 3)
        if kind in ("/Indexed", "/I"):
            base = colorspace(cs[1], resources, depth + 1)
            return Space(base.family, base.icc, 1)
        if kind == "/Separation":
            return Space("spot", False, 1)
        if kind == "/DeviceN":
            return Space("spot", False, len(cs[1]))
        if kind == "/Pattern":
            return Space("pattern", False, 0)
        return colorspace(cs[0], resources, depth + 1)
    return Space("other", False, 1)


def _get(d: object, key: str) -> object:
    if isinstance(d, (Dictionary, pikepdf.Stream)) and key in d:
        return d[key]
    return None


def font_is_embedded(font: Dictionary) -> bool:
    """True when the font (for Type0: its descendant) carries FontFile, FontFile2 or FontFile3."""
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        return True  # glyphs are content streams inside the PDF
    if subtype == "/Type0":
        desc = font.get("/DescendantFonts")
        if not isinstance(desc, Array) or len(desc) == 0:
            return False
        font = desc[0]
    fd = font.get("/FontDescriptor")
    if not isinstance(fd, Dictionary):
        return False
    return any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def iter_resource_owners(pdf: pikepdf.Pdf) -> Iterator[tuple[int, object, Dictionary]]:
    """(page number from 1, owner, resources) for each page and each form or pattern reachable from it.

    An object shared by several pages is given once, with the first page that uses it.
    """
    seen: set[tuple[int, int]] = set()

    def walk(pno: int, owner: object, res: object, depth: int) -> Iterator[tuple[int, object, Dictionary]]:
        if not isinstance(res, Dictionary) or depth > 16:
            return
        yield pno, owner, res
        children: list[object] = []
        for sub in ("/XObject", "/Pattern"):
            group = res.get(sub)
            if isinstance(group, Dictionary):
                children.extend(group[k] for k in sorted(group.keys()))
        for child in children:
            if not isinstance(child, pikepdf.Stream):
                continue
            if child.get("/Subtype") != Name.Form and child.get("/PatternType") != 1:
                continue
            og = child.objgen
            if og != (0, 0):
                if og in seen:
                    continue
                seen.add(og)
            yield from walk(pno, child, child.get("/Resources", res), depth + 1)

    for i, page in enumerate(pdf.pages, start=1):
        yield from walk(i, page.obj, page.obj.get("/Resources"), 0)


def iter_fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[int, str, Dictionary]]:
    """(first page, BaseFont, font dictionary) for every distinct font in the document."""
    seen: set[tuple[int, int]] = set()
    for pno, _, res in iter_resource_owners(pdf):
        fonts = res.get("/Font")
        if not isinstance(fonts, Dictionary):
            continue
        for key in sorted(fonts.keys()):
            font = fonts[key]
            if not isinstance(font, Dictionary):
                continue
            og = font.objgen
            if og != (0, 0):
                if og in seen:
                    continue
                seen.add(og)
            yield pno, str(font.get("/BaseFont", key)).lstrip("/"), font


def box(page: pikepdf.Page, key: str) -> Box | None:
    """A page box as floats (x0, y0, x1, y1), normalised; None when the page does not set it."""
    if key == "/MediaBox":
        arr = page.mediabox
    else:
        arr = page.obj.get(key)
        if not isinstance(arr, Array) or len(arr) != 4:
            return None
    a, b, c, d = (float(v) for v in arr)
    return (min(a, c), min(b, d), max(a, c), max(b, d))


def contains(outer: Box, inner: Box, tol: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


# ---- what stops a file from being PDF/X -------------------------------------------------------------

def _transparent_gs(gs: Dictionary) -> bool:
    smask = gs.get("/SMask")
    if smask is not None and smask != Name("/None"):
        return True
    for k in ("/CA", "/ca"):
        if k in gs and float(gs[k]) < 1.0:
            return True
    bm = gs.get("/BM")
    if isinstance(bm, Array):
        bm = bm[0] if len(bm) else None
    return bm is not None and bm not in (Name.Normal, Name.Compatible)


def _colour_rule(version: str, sp: Space) -> str | None:
    """Why a colour space is not allowed at this PDF/X level, or None when it is."""
    if version == "1a" and (sp.icc or sp.family in ("rgb", "lab")):
        return f"{'ICC-based ' if sp.icc else 'Device'}{sp.family.upper()} colour (PDF/X-1a allows CMYK, gray, spot)"
    if version == "4" and sp.family == "rgb" and not sp.icc:
        return "DeviceRGB colour (PDF/X-4 needs CMYK or ICC-based colour)"
    return None


def unmet_requirements(pdf: pikepdf.Pdf, version: PdfxVersion) -> list[str]:
    """Every PDF/X rule this file breaks that finalising cannot fix, as 'page N: ...' lines, sorted."""
    out: set[str] = set()
    if pdf.is_encrypted:
        out.add("document: encrypted (PDF/X forbids encryption)")
    for i, page in enumerate(pdf.pages, start=1):
        media, bleed, trim = box(page, "/MediaBox"), box(page, "/BleedBox"), box(page, "/TrimBox")
        if trim is None and box(page, "/ArtBox") is None:
            out.add(f"page {i}: no TrimBox")
        if bleed is not None and media is not None and not contains(media, bleed):
            out.add(f"page {i}: BleedBox extends beyond the MediaBox")
        if trim is not None and not contains(bleed or media or trim, trim):
            out.add(f"page {i}: TrimBox extends beyond the BleedBox")
        group = page.obj.get("/Group")
        if version == "1a" and isinstance(group, Dictionary) and group.get("/S") == Name.Transparency:
            out.add(f"page {i}: transparency group (PDF/X-1a forbids transparency)")
    for pno, name, font in iter_fonts(pdf):
        if not font_is_embedded(font):
            out.add(f"page {pno}: font {name} is not embedded")
    for pno, owner, res in iter_resource_owners(pdf):
        out.update(f"page {pno}: {why}" for why in _resource_problems(version, owner, res))
    return sorted(out, key=_page_order)


def _page_order(msg: str) -> tuple[int, str]:
    head = msg.split(":", 1)[0]
    return (int(head[5:]) if head.startswith("page ") and head[5:].isdigit() else 0, msg)


def _resource_problems(version: str, owner: object, res: Dictionary) -> Iterator[str]:
    for gs in _values(res.get("/ExtGState")):
        if isinstance(gs, Dictionary):
            if version == "1a" and _transparent_gs(gs):
                yield "transparency in a graphics state (PDF/X-1a forbids transparency)"
            if "/TR" in gs or ("/TR2" in gs and gs["/TR2"] != Name.Default):
                yield "transfer function in a graphics state (PDF/X forbids it)"
    for cs in _values(res.get("/ColorSpace")):
        why = _colour_rule(version, colorspace(cs, res))
        if why:
            yield why
    for xo in _values(res.get("/XObject")):
        if isinstance(xo, pikepdf.Stream) and xo.get("/Subtype") == Name.Image:
            if version == "1a" and "/SMask" in xo:
                yield "image with a soft mask (PDF/X-1a forbids transparency)"
            if not xo.get("/ImageMask", False) and "/ColorSpace" in xo:
                why = _colour_rule(version, colorspace(xo["/ColorSpace"], res))
                if why:
                    yield f"image in {why}"
        elif isinstance(xo, pikepdf.Stream) and version == "1a":
            group = xo.get("/Group")
            if isinstance(group, Dictionary) and group.get("/S") == Name.Transparency:
                yield "transparency group (PDF/X-1a forbids transparency)"
    if isinstance(owner, (pikepdf.Stream, Dictionary)) and _paints_device_rgb(owner):
        yield f"text or paths in {_colour_rule(version, Space('rgb', False, 3))}"


def _values(d: object) -> list[object]:
    return [d[k] for k in sorted(d.keys())] if isinstance(d, Dictionary) else []


def _content_bytes(owner: object) -> bytes | None:
    """The decoded content of a page or form XObject; None when it cannot be read (parse it then)."""
    try:
        if isinstance(owner, pikepdf.Stream):
            return owner.read_bytes()
        contents = owner.get("/Contents") if isinstance(owner, Dictionary) else None
        if contents is None:
            return b""
        parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        return b"".join(s.read_bytes() for s in parts if isinstance(s, pikepdf.Stream))
    except pikepdf.PdfError:
        return None


def _paints_device_rgb(owner: object) -> bool:
    """Whether the content sets a DeviceRGB colour (rg / RG). Content whose bytes hold neither operator
    name anywhere cannot use them, so only the rest is parsed (parsing is most of a 40-page check)."""
    data = _content_bytes(owner)
    if data is not None and b"rg" not in data and b"RG" not in data:
        return False
    try:
        ops = pikepdf.parse_content_stream(owner, "rg RG")
    except (pikepdf.PdfError, TypeError):
        return False
    return len(ops) > 0


# ---- finalising ---------------------------------------------------------------------------------------

def pdf_date(d: datetime) -> str:
    """D:YYYYMMDDHHmmSS+HH'mm' (PDF 32000 §7.9.4); a naive datetime is taken as UTC."""
    d = d if d.tzinfo else d.replace(tzinfo=timezone.utc)
    off = int(d.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    sign = "+" if off >= 0 else "-"
    return d.strftime("D:%Y%m%d%H%M%S") + f"{sign}{abs(off) // 60:02d}'{abs(off) % 60:02d}'"


def xmp_date(d: datetime) -> str:
    d = d if d.tzinfo else d.replace(tzinfo=timezone.utc)
    return d.replace(microsecond=0).isoformat()


def doc_id_for(*parts: bytes | str) -> bytes:
    """A 16-byte document id from the inputs that define the document (stable across runs)."""
    h = hashlib.md5(usedforsecurity=False)
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "big") + b)
    return h.digest()


def _info_text(info: Dictionary, key: str) -> str:
    v = info.get(key)
    return str(v) if v is not None else ""


XMP_NAMESPACES = (("dc", "http://purl.org/dc/elements/1.1/"), ("xmp", "http://ns.adobe.com/xap/1.0/"),
                  ("pdf", "http://ns.adobe.com/pdf/1.3/"), ("xmpMM", "http://ns.adobe.com/xap/1.0/mm/"),
                  ("pdfx", "http://ns.adobe.com/pdfx/1.3/"), ("pdfxid", "http://www.npes.org/pdfx/ns/id/"))


def build_xmp(version: PdfxVersion, *, title: str, date: datetime, doc_id: bytes, producer: str,
              creator_tool: str, author: str = "", subject: str = "", keywords: str = "") -> bytes:
    """The XMP packet, mirroring the Info dictionary (PDF/X-4 wants the two to agree); same in, same out."""
    when = xmp_date(date)
    inst = hashlib.md5(doc_id + b"/instance", usedforsecurity=False).digest()
    props: list[tuple[str, str]] = [
        ("dc:format", "application/pdf"),
        ("dc:title", f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt>')]
    if author:
        props.append(("dc:creator", f"<rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq>"))
    if subject:
        props.append(("dc:description", f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt>'))
    props += [("xmp:CreateDate", when), ("xmp:ModifyDate", when), ("xmp:MetadataDate", when),
              ("xmp:CreatorTool", escape(creator_tool)), ("pdf:Producer", escape(producer))]
    if keywords:
        props.append(("pdf:Keywords", escape(keywords)))
    props += [("pdf:Trapped", "False"), ("xmpMM:DocumentID", f"uuid:{uuid.UUID(bytes=doc_id)}"),
              ("xmpMM:InstanceID", f"uuid:{uuid.UUID(bytes=inst)}"), ("xmpMM:VersionID", "1"),
              ("xmpMM:RenditionClass", "default")]
    if version == "4":
        props.append(("pdfxid:GTS_PDFXVersion", PDFX_NAMES[version]))
    else:
        props += [("pdfx:GTS_PDFXVersion", PDFX_NAMES[version]), ("pdfx:GTS_PDFXConformance", PDFX_NAMES[version])]
    ns = "".join(f'\n    xmlns:{k}="{v}"' for k, v in XMP_NAMESPACES)
    body = "".join(f"   <{tag}>{value}</{tag}>\n" for tag, value in props)
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            f'  <rdf:Description rdf:about=""{ns}>\n{body}  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n'
            '<?xpacket end="w"?>').encode("utf-8")


def _output_intent(pdf: pikepdf.Pdf, profile: Path, profile_name: str) -> Dictionary:
    # compressed here: the file is saved without compress_streams (see finalize_pdfx)
    icc = pikepdf.Stream(pdf, zlib.compress(profile.read_bytes(), ICC_ZLIB_LEVEL))
    icc["/Filter"] = Name.FlateDecode
    icc["/N"] = 4
    return pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String(profile_name),
        OutputCondition=String(profile_name), RegistryName=String(ICC_REGISTRY), Info=String(profile_name),
        DestOutputProfile=pdf.make_indirect(icc)))


def _needs_compressing(pdf: pikepdf.Pdf) -> bool:
    """Whether a stream other than an XMP packet is stored unfiltered or with an ASCII85 layer."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Type") != Name.Metadata:
            filters = obj.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, Array) else [str(filters)] if filters else []
            if not names or "/ASCII85Decode" in names:
                return True
    return False


def _set_id(data: bytes, doc_id: bytes) -> bytes:
    """Put doc_id as the second /ID element too: qpdf writes its static one in the last trailer."""
    at = data.rfind(b"trailer")
    pos = data.find(b"<" + QPDF_STATIC_ID_HEX + b">", at)
    if at < 0 or pos < 0:
        raise RuntimeError("finalize_pdfx: the written file has no static /ID to replace")
    new = b"<" + doc_id.hex().encode("ascii") + b">"
    return data[:pos] + new + data[pos + len(new):]


def open_pdf(path: Path) -> pikepdf.Pdf:
    """pikepdf.open, also for a path that is not UTF-8 (bytes kept as surrogates), which pikepdf cannot
    pass on as the file's description: such a file is read into memory first."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return pikepdf.open(io.BytesIO(Path(path).read_bytes()))
    return pikepdf.open(path)


def finalize_pdfx(path: Path, *, version: PdfxVersion, profile: Path, profile_name: str, title: str,
                  date: datetime, doc_id: bytes) -> list[str]:
    """Make the finished PDF at `path` a PDF/X-4 or PDF/X-1a:2003 file, in place and atomically.

    Adds what finalising can add (output intent with the CMYK profile, identification keys, /Trapped,
    XMP, fixed dates and /ID, the header version) and returns the rules it cannot meet by itself
    (transparency or RGB for X-1a, unembedded fonts, missing TrimBox), as sorted messages. Same input
    bytes and arguments give the same output bytes.
    """
    if version not in PDFX_NAMES:
        raise ValueError(f"finalize_pdfx: unknown PDF/X version {version!r}; use '4' or '1a'")
    if len(doc_id) != DOC_ID_BYTES:
        raise ValueError(f"finalize_pdfx: doc_id must be {DOC_ID_BYTES} bytes (see doc_id_for)")
    head = profile.read_bytes()[:20]
    if len(head) < 20 or head[16:20] != b"CMYK":
        raise ValueError(f"finalize_pdfx: {profile} is not a CMYK ICC profile")
    with open_pdf(path) as pdf:
        unmet = unmet_requirements(pdf, version)
        transparent = any("transparen" in m or "soft mask" in m for m in unmet)
        intents = [oi for oi in pdf.Root.get("/OutputIntents", Array())
                   if isinstance(oi, Dictionary) and oi.get("/S") != Name.GTS_PDFX]
        pdf.Root.OutputIntents = Array([_output_intent(pdf, profile, profile_name), *intents])
        info = pdf.docinfo
        stamp = String(pdf_date(date))
        info["/Title"] = String(title)
        info["/CreationDate"] = stamp
        info["/ModDate"] = stamp
        info["/Trapped"] = Name("/False")
        info["/GTS_PDFXVersion"] = String(PDFX_NAMES[version])
        if version == "1a":
            info["/GTS_PDFXConformance"] = String(PDFX_NAMES[version])
        elif "/GTS_PDFXConformance" in info:
            del info["/GTS_PDFXConformance"]
        producer = _info_text(info, "/Producer") or PRODUCER
        creator = _info_text(info, "/Creator") or PRODUCER
        info["/Producer"], info["/Creator"] = String(producer), String(creator)
        xmp = build_xmp(version, title=title, date=date, doc_id=doc_id, producer=producer, creator_tool=creator,
                        author=_info_text(info, "/Author"), subject=_info_text(info, "/Subject"),
                        keywords=_info_text(info, "/Keywords"))
        pdf.Root.Metadata = pdf.make_indirect(pikepdf.Stream(pdf, xmp, Type=Name.Metadata, Subtype=Name.XML))
        pdf.trailer.ID = Array([String(doc_id), String(doc_id)])
        pdf_version = PDF_VERSIONS[version]
        if version == "1a" and transparent:
            pdf_version = PDF_VERSION_WITH_TRANSPARENCY
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            # Streams are copied as they are when the renderer wrote them all Flate-compressed without
            # ASCII85 (the ICC profile is compressed above): compress_streams made qpdf spend a quarter
            # of a second an issue on them, to compress only the small XMP packets. A file from
            # elsewhere with ASCII85 or unfiltered streams has them compressed.
            pdf.save(tmp, force_version=pdf_version, compress_streams=_needs_compressing(pdf), static_id=True,
                     deterministic_id=False, fix_metadata_version=False,
                     stream_decode_level=StreamDecodeLevel.none,
                     object_stream_mode=ObjectStreamMode.disable, linearize=False, qdf=False)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    try:
        data = _set_id(Path(tmp).read_bytes(), doc_id)
        Path(tmp).write_bytes(data)
        os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))  # the file keeps its permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return unmet
