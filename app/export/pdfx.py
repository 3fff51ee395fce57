"""PDF/X markers reportlab cannot write, added with pikepdf (research/print.md §4.6).

* one ``/OutputIntents`` entry with ``/S /GTS_PDFX``: a registered printing condition by
  name (FOGRA39, GRACoL, SWOP, Japan Color), with the user's ICC output profile embedded
  as ``DestOutputProfile`` when one is supplied (required for PDF/X-4);
* ``GTS_PDFXVersion`` in the Info dictionary (and in XMP for X-4), ``/Trapped /False``,
  Title, Creator, and a waiver reason when the export was signed off with violations;
* Info ``CreationDate``/``ModDate``/``Producer``/``Title`` mirrored in the XMP packet
  (``xmp:CreateDate``/``ModifyDate``, ``pdf:Producer``, ``dc:title``), and for X-4 the
  ``xmpMM`` DocumentID / VersionID / RenditionClass;
* subset font names made unique per font program (:func:`unique_subset_tags`).

These markers are a claim, not a validation: nothing open-source here validates PDF/X,
so Cardwise calls its output "PDF/X-1a-style" / "PDF/X-4-style".
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from app.errors import ExportError


@dataclass(frozen=True)
class OutputCondition:
    """A characterised printing condition registered at color.org."""

    identifier: str
    info: str


#: Registered characterised printing conditions (no profile needs to ship for X-1a).
OUTPUT_CONDITIONS: dict[str, OutputCondition] = {
    "fogra39": OutputCondition("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)"),
    "fogra51": OutputCondition("FOGRA51", "PSO Coated v3 (ISO 12647-2:2013)"),
    "gracol": OutputCondition("CGATS TR 006", "GRACoL 2006 Coated #1 (CGATS TR 006)"),
    "swop": OutputCondition("CGATS TR 001", "SWOP Grade 1 Paper (CGATS TR 001)"),
    "japan-color": OutputCondition("JC200103", "Japan Color 2001 Coated"),
}
DEFAULT_CONDITION = "fogra39"

PDFX_VERSIONS = {"x1a": "PDF/X-1a:2003", "x4": "PDF/X-4"}


@dataclass(frozen=True)
class IccProfile:
    """An ICC output profile file, read once and sanity-checked."""

    data: bytes
    name: str
    channels: int

    @classmethod
    def load(cls, path: str | Path) -> "IccProfile":
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ExportError(f"ICC profile {path}: cannot read it ({exc.strerror or exc})") from exc
        if len(data) < 132 or data[36:40] != b"acsp":
            raise ExportError(f"ICC profile {path}: not an ICC profile (no 'acsp' signature)")
        space = data[16:20]
        channels = {b"CMYK": 4, b"RGB ": 3, b"GRAY": 1}.get(space)
        if channels != 4:
            raise ExportError(f"ICC profile {path}: colour space is {space.decode('latin-1').strip()!r}, "
                              "a CMYK output (press) profile is needed")
        return cls(data=data, name=path.stem, channels=channels)

    @property
    def device_class(self) -> str:
        return self.data[12:16].decode("latin-1")


def _pdf_date(when: _dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")


_SUBSET = re.compile(r"^/?[A-Z]{6}\+")


def _subset_tag(program: bytes) -> str:
    """Six capital letters derived from the font program: equal programs share a tag, two
    different programs practically never do."""
    n = int.from_bytes(hashlib.sha256(program).digest()[:8], "big")
    letters = []
    for _ in range(6):
        n, r = divmod(n, 26)
        letters.append(chr(65 + r))
    return "".join(letters)


def unique_subset_tags(pdf: pikepdf.Pdf) -> int:
    """Rename every subset font (``AAAAAA+Name``) after its own program, so no two different
    font programs in the file share a name (reportlab starts every file at ``AAAAAA``; an
    N-up sheet merges two files, and a RIP that caches fonts by name would print wrong
    glyphs). Returns how many fonts were renamed."""
    renamed = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        desc = obj.get("/FontDescriptor")
        base = str(obj.get("/BaseFont", ""))
        if desc is None or not _SUBSET.match(base):
            continue
        program = desc.get("/FontFile2") or desc.get("/FontFile3") or desc.get("/FontFile")
        if program is None:
            continue
        # the widths/encoding are part of what a RIP caches under the name: hash them too
        extra = repr(obj.get("/Widths")).encode() + repr(obj.get("/FirstChar")).encode()
        tag = _subset_tag(program.read_raw_bytes() + extra)
        new = f"/{tag}+{_SUBSET.sub('', base)}"
        obj.BaseFont = pikepdf.Name(new)
        desc.FontName = pikepdf.Name(new)
        renamed += 1
    for obj in pdf.objects:   # Type0 parents take their descendant's new name
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == pikepdf.Name.Type0:
            kids = obj.get("/DescendantFonts")
            if kids is not None and len(kids):
                obj.BaseFont = kids[0].BaseFont
    return renamed


def add_pdfx_markers(path: Path, *, version: str = "x1a", condition: str = DEFAULT_CONDITION,
                     icc: IccProfile | None = None, title: str = "", author: str = "",
                     subject: str = "", waiver: str | None = None, when: _dt.datetime | None = None) -> None:
    """Rewrite ``path`` in place with OutputIntent, PDF/X version, Trapped and metadata."""
    if version not in PDFX_VERSIONS:
        raise ExportError(f"PDF/X mode {version!r} is unknown; use one of {', '.join(PDFX_VERSIONS)}")
    if version == "x4" and icc is None:
        raise ExportError("PDF/X-4 needs the printer's CMYK ICC profile (--icc FILE): "
                          "it must be embedded as the output intent")
    cond = OUTPUT_CONDITIONS.get(condition)
    if cond is None:
        raise ExportError(f"printing condition {condition!r} is unknown; use one of {', '.join(OUTPUT_CONDITIONS)}")
    when = when or _dt.datetime.now(_dt.timezone.utc)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        oi = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(cond.identifier if icc is None else "Custom"),
            OutputCondition=pikepdf.String(cond.info if icc is None else icc.name),
            RegistryName=pikepdf.String("http://www.color.org"),
            Info=pikepdf.String(cond.info if icc is None else icc.name),
        )
        if icc is not None:
            stream = pikepdf.Stream(pdf, icc.data)
            stream.N = icc.channels
            oi.DestOutputProfile = pdf.make_indirect(stream)
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(oi)])
        unique_subset_tags(pdf)
        info = pdf.docinfo
        info[pikepdf.Name.GTS_PDFXVersion] = pikepdf.String(PDFX_VERSIONS[version])
        info[pikepdf.Name.Trapped] = pikepdf.Name("/False")
        info[pikepdf.Name.Title] = pikepdf.String(title or "Cardwise card")
        info[pikepdf.Name.Creator] = pikepdf.String("Cardwise")
        if author:
            info[pikepdf.Name.Author] = pikepdf.String(author)
        if subject:
            info[pikepdf.Name.Subject] = pikepdf.String(subject)
        stamp = pikepdf.String(_pdf_date(when))
        if waiver:
            info[pikepdf.Name("/CardwiseWaiver")] = pikepdf.String(waiver)
        producer = str(info.get(pikepdf.Name.Producer, "")) or "Cardwise"
        iso = when.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        # The XMP packet mirrors the Info dictionary (ISO 15930: both must agree). pikepdf's
        # docinfo sync would drop Info keys the XMP lacks (the dates), so the sync is off and
        # Info is written after the packet.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title or "Cardwise card"
            meta["xmp:CreatorTool"] = "Cardwise"
            meta["xmp:CreateDate"] = iso
            meta["xmp:ModifyDate"] = iso
            meta["xmp:MetadataDate"] = iso
            meta["pdf:Producer"] = producer
            meta["pdf:Trapped"] = "False"
            if version == "x4":
                meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
                meta["xmpMM:DocumentID"] = f"uuid:{uuid.uuid4()}"
                meta["xmpMM:VersionID"] = "1"
                meta["xmpMM:RenditionClass"] = "default"
            if waiver:
                meta["pdf:Keywords"] = f"Cardwise waiver: {waiver}"
        info = pdf.docinfo
        info[pikepdf.Name.Title] = pikepdf.String(title or "Cardwise card")
        info[pikepdf.Name.Producer] = pikepdf.String(producer)
        info[pikepdf.Name.CreationDate] = stamp
        info[pikepdf.Name.ModDate] = stamp
        info[pikepdf.Name.Trapped] = pikepdf.Name("/False")
        info[pikepdf.Name.GTS_PDFXVersion] = pikepdf.String(PDFX_VERSIONS[version])
        pdf.save(path, min_version="1.4")
