"""PDF/X markers reportlab cannot write, added with pikepdf (research/print.md §4.6).

* one ``/OutputIntents`` entry with ``/S /GTS_PDFX``: a registered printing condition by
  name (FOGRA39, GRACoL, SWOP, Japan Color), with the user's ICC output profile embedded
  as ``DestOutputProfile`` when one is supplied (required for PDF/X-4);
* ``GTS_PDFXVersion`` in the Info dictionary (and in XMP for X-4), ``/Trapped /False``,
  Title, Creator, and a waiver reason when the export was signed off with violations.

These markers are a claim, not a validation: nothing open-source here validates PDF/X,
so Cardwise calls its output "PDF/X-1a-style" / "PDF/X-4-style".
"""
from __future__ import annotations

import datetime as _dt
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
        info[pikepdf.Name.CreationDate] = stamp
        info[pikepdf.Name.ModDate] = stamp
        if waiver:
            info[pikepdf.Name("/CardwiseWaiver")] = pikepdf.String(waiver)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title or "Cardwise card"
            meta["xmp:CreatorTool"] = "Cardwise"
            if version == "x4":
                meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
            if waiver:
                meta["pdf:Keywords"] = f"Cardwise waiver: {waiver}"
        pdf.save(path, min_version="1.4")
