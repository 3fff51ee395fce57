"""DOCX (the "contact us" part of a manual): paragraphs of word/document.xml, headers,
footers, footnotes and text boxes, read with zipfile + defusedxml.

A DOCX is a zip: entry count, declared sizes, compression ratio and the bytes actually
inflated are all bounded, so a zip bomb is refused after reading at most the limit.
"""
from __future__ import annotations

import io
import re
import zipfile

from app.batch import limits
from app.batch.artwork import Artwork
from app.batch.errors import ArtworkError, UnsafeFile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _read_member(shown: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > limits.MAX_XML_BYTES:
        raise UnsafeFile(f"{shown}: {info.filename} declares {info.file_size // limits.MIB} MiB: refused as a zip bomb")
    if info.compress_size and info.file_size / info.compress_size > limits.MAX_ZIP_RATIO and info.file_size > limits.MIB:
        raise UnsafeFile(f"{shown}: {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1: "
                         "refused as a zip bomb")
    out = bytearray()
    with zf.open(info) as fh:  # never trust the declared size: stop at the limit
        while chunk := fh.read(1 << 16):
            out += chunk
            if len(out) > limits.MAX_XML_BYTES:
                raise UnsafeFile(f"{shown}: {info.filename} inflates beyond {limits.MAX_XML_BYTES // limits.MIB} MiB: "
                                 "refused as a zip bomb")
    return bytes(out)


def _paragraphs(shown: str, xml: bytes, name: str) -> list[str]:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        root = DET.fromstring(xml, forbid_dtd=True)
    except DefusedXmlException:
        raise UnsafeFile(f"{shown}: {name} declares a DTD or entities: refused") from None
    except Exception as exc:
        raise ArtworkError(f"{shown}: {name} is not well-formed XML ({exc})") from None
    out: list[str] = []
    for p in root.iter(f"{W}p"):
        parts: list[str] = []
        for node in p.iter():
            tag = node.tag
            if tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append(" ")
            elif tag == f"{W}p" and node is not p:
                break  # nested paragraph (text box): iterated on its own
        text = "".join(parts).strip()
        if text:
            out.append(text)
    return out


def read_docx(shown: str, data: bytes) -> Artwork:
    if not data:
        raise ArtworkError(f"{shown}: empty file")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ArtworkError(f"{shown}: not a DOCX (not a zip archive); old .doc files must be saved as .docx") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.MAX_ZIP_ENTRIES:
            raise UnsafeFile(f"{shown}: {len(infos)} entries in the archive: refused as a zip bomb")
        if sum(i.file_size for i in infos) > limits.MAX_ZIP_TOTAL:
            raise UnsafeFile(f"{shown}: archive declares more than {limits.MAX_ZIP_TOTAL // limits.MIB} MiB "
                             "uncompressed: refused as a zip bomb")
        names = {i.filename: i for i in infos}
        if "word/document.xml" not in names:
            raise ArtworkError(f"{shown}: not a Word document (word/document.xml is missing)")
        order = ["word/document.xml"] + sorted(n for n in names if _PARTS.match(n) and n != "word/document.xml")
        paragraphs: list[str] = []
        try:
            for name in order:
                paragraphs += _paragraphs(shown, _read_member(shown, zf, names[name]), name)
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise ArtworkError(f"{shown}: damaged archive ({exc})") from None
    art = Artwork(path=shown, kind="docx", text="\n".join(paragraphs))
    if not paragraphs:
        art.warnings.append("the document has no text")
    return art
