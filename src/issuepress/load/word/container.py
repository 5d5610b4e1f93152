"""Open a Word file only once it is known to be a readable .docx: an old .doc, a password-protected,
damaged, empty or oversized file, or a zip bomb is one input error saying what it is and what to do."""

from __future__ import annotations

import stat
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...limits import MAX_WORD_FILE_BYTES, MAX_WORD_PARTS, MAX_WORD_UNPACKED_BYTES, MAX_WORD_XML_BYTES

# An OLE compound file (old .doc, .xls, .wps; and an encrypted .docx, which Office wraps in one).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A zip archive's first local header, or the end record of an empty one.
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Suffixes read as Word files whatever their first bytes say (a damaged one is told so).
WORD_SUFFIXES = (".docx", ".doc", ".docm", ".dotx", ".wps")
MAIN_PART = "word/document.xml"
# The relationship namespace of ISO 29500 Strict documents (Word: Save as Strict Open XML Document).
STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/officeDocument/relationships"
# In an OLE file each directory entry is 128 bytes at a multiple of 128 from the file's start (sectors
# are 512 or 4,096 bytes): its name in UTF-16, then at byte 64 the name's length in bytes with the NUL.
OLE_ENTRY = 128
OLE_NAME_LENGTH_AT = 64
SAVE_AS = "open it in Word or WPS and save it as .docx (Word 文档)"
PASSWORD = ("password-protected: remove the password (Word: File > Info > Protect Document > Encrypt with "
            "Password, clear it; WPS: 文件 > 文档加密) and save it again")
DAMAGED = f"a damaged .docx ({{what}}); {SAVE_AS} again, or ask the sender for the file again"
# What other files start with, for a file named .docx that is something else.
OTHER_FORMATS = ((b"{\\rtf", "an RTF file, not a .docx"), (b"%PDF", "a PDF, not a Word file"),
                 (b"\x89PNG", "a PNG picture, not a Word file"), (b"\xff\xd8\xff", "a JPEG picture, not a Word file"))


def looks_like_word(path: Path) -> bool:
    """Should `path` be read as a Word file? By its suffix, or by its first bytes (an OLE or zip file is
    never a Markdown article, whatever its name)."""
    if path.suffix.lower() in WORD_SUFFIXES:
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return False  # the text reader says what is wrong with it
    return head.startswith(OLE_MAGIC) or head.startswith(ZIP_MAGICS)


def _ole_has(data: bytes, name: str) -> bool:
    """Does the OLE file hold a stream or storage called `name`? Its directory entries are searched by
    position, so text inside a stream that happens to spell the name does not count."""
    pattern = name.encode("utf-16-le")
    length = (len(name) + 1) * 2
    at = data.find(pattern)
    while at >= 0:
        if at % OLE_ENTRY == 0 and data[at + len(pattern):at + len(pattern) + 2] == b"\0\0" \
                and int.from_bytes(data[at + OLE_NAME_LENGTH_AT:at + OLE_NAME_LENGTH_AT + 2], "little") == length:
            return True
        at = data.find(pattern, at + 1)
    return False


def _ole_error(path: Path, data: bytes) -> InputError:
    if _ole_has(data, "EncryptionInfo") or _ole_has(data, "EncryptedPackage"):
        return InputError(path, PASSWORD)
    if _ole_has(data, "WordDocument"):
        return InputError(path, f"an old Word .doc (Word 97–2003), which issuepress does not read: {SAVE_AS}")
    return InputError(path, f"an old Office file (not a Word document): {SAVE_AS}")


def check_file(path: Path) -> None:
    """Refuse what is not a readable .docx before any of it is unpacked."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, "is not a regular file (a pipe, socket or device)")
        if st.st_size == 0:
            raise InputError(path, f"the file is empty (0 bytes): {SAVE_AS} again")
        if st.st_size > MAX_WORD_FILE_BYTES:
            raise InputError(path, f"the file has {st.st_size:,} bytes; a Word article may have at most "
                             f"{MAX_WORD_FILE_BYTES:,} (make its pictures smaller: Word's Compress Pictures)")
        with open(path, "rb") as fh:
            head = fh.read(8)
            data = head + fh.read() if head.startswith(OLE_MAGIC) else head
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path, data)
    if not head.startswith(ZIP_MAGICS):
        for magic, what in OTHER_FORMATS:
            if head.startswith(magic):
                raise InputError(path, f"{what}: {SAVE_AS}")
        raise InputError(path, DAMAGED.format(what="it is not a zip archive, as every .docx is"))
    _check_zip(path)


def _check_zip(path: Path) -> None:
    """The zip's directory: its parts, their declared sizes (a zip bomb declares gigabytes), the main part."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError) as exc:
        raise InputError(path, DAMAGED.format(what=f"its zip directory cannot be read: {exc}")) from None
    if len(infos) > MAX_WORD_PARTS:
        raise InputError(path, f"{len(infos):,} parts in the zip; a Word file has at most {MAX_WORD_PARTS:,} "
                         "(not a document Word wrote)")
    names = {i.filename for i in infos}
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError(path, PASSWORD)
    total = sum(i.file_size for i in infos)
    if total > MAX_WORD_UNPACKED_BYTES:
        raise InputError(path, f"unpacks to {total:,} bytes; a Word article may unpack to at most "
                         f"{MAX_WORD_UNPACKED_BYTES:,} (a zip bomb, or pictures far too large)")
    for i in infos:
        if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_WORD_XML_BYTES:
            raise InputError(path, f"{i.filename} unpacks to {i.file_size:,} bytes; at most "
                             f"{MAX_WORD_XML_BYTES:,} (about 500,000 characters of text)")
    if MAIN_PART not in names:
        if "xl/workbook.xml" in names:
            raise InputError(path, "an Excel workbook, not a Word document: copy its table into Word and save "
                             "that as .docx")
        if "ppt/presentation.xml" in names:
            raise InputError(path, "a PowerPoint file, not a Word document: copy its text into Word and save "
                             "that as .docx")
        raise InputError(path, DAMAGED.format(what=f"the zip has no {MAIN_PART}"))
    _check_strict(path, infos)


def _check_strict(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Word's "Strict Open XML" flavour names its parts in other namespaces, which python-docx does not read."""
    rels = next((i for i in infos if i.filename == "_rels/.rels"), None)
    if rels is None or rels.file_size > MAX_WORD_XML_BYTES:
        return
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read(rels)
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError) as exc:
        raise InputError(path, DAMAGED.format(what=f"_rels/.rels cannot be unpacked: {exc}")) from None
    if STRICT_NAMESPACE in data:
        raise InputError(path, "saved as Strict Open XML, which issuepress does not read: open it in Word and "
                         "save it as Word Document (.docx)")


def open_document(path: Path) -> Any:
    """The python-docx Document of a checked file; any trouble reading its parts is a damaged file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    check_file(path)
    try:
        return docx.Document(str(path))
    except etree.XMLSyntaxError as exc:
        where = f" at line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise InputError(path, DAMAGED.format(what=f"its XML is broken{where}: {exc.msg}")) from None
    except ValueError as exc:
        text = str(exc)
        if "content type" in text:  # a .docm, .dotx or another Office file under a Word name
            kind = text.rsplit("content type is", 1)[-1].strip(" '\"")
            raise InputError(path, f"not a Word document (its main part is {kind}): {SAVE_AS}") from None
        raise InputError(path, DAMAGED.format(what=text)) from None
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, KeyError, EOFError) as exc:
        raise InputError(path, DAMAGED.format(what=f"{type(exc).__name__}: {exc}")) from None
    except (AttributeError, TypeError, IndexError, LookupError, etree.LxmlError) as exc:
        # python-docx reading parts that are well-formed XML but not what Word writes (a relationship
        # list without relationships, a content type missing): the file, not the program, is wrong
        raise InputError(path, DAMAGED.format(what=f"a part is not as Word writes it: {type(exc).__name__}: "
                                              f"{exc}")) from None
