"""Printer presets: bleed, crop marks, PDF/X flavour and printing condition in one name.

Printers disagree on bleed (research/print.md §1.1: US printers 0.125 in, EU/Asian printers
2–3 mm, Vistaprint about 1.5 mm, MOO 2 mm) and on crop marks (§1.2: many web printers reject
them). A preset fills in what the seller would otherwise have to look up; anything given
explicitly (``--bleed``, ``--crop-marks``, ``--condition``) wins. Printing conditions are
the registered names the OutputIntent refers to (app.export.pdfx.OUTPUT_CONDITIONS).
"""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import ExportError
from app.model.units import inch, mm


@dataclass(frozen=True)
class PrinterPreset:
    id: str
    title: str
    title_zh: str
    bleed: float          #: points per side
    crop_marks: bool
    condition: str        #: key of OUTPUT_CONDITIONS
    note: str = ""


PRESETS: dict[str, PrinterPreset] = {p.id: p for p in (
    PrinterPreset("generic", "Generic printer (3 mm bleed, no marks)", "通用印刷厂（3 毫米出血，无裁切标记）",
                  mm(3), False, "fogra39"),
    PrinterPreset("us", "US printer (0.125 in bleed, GRACoL)", "美国印刷厂（0.125 英寸出血，GRACoL）",
                  inch(0.125), False, "gracol"),
    PrinterPreset("china", "China / Hong Kong printer (3 mm bleed, marks, Japan Color)",
                  "中国大陆 / 香港印刷厂（3 毫米出血，带裁切标记，Japan Color）", mm(3), True, "japan-color",
                  "Many also ask for text converted to outlines (转曲): add --outline-text."),
    PrinterPreset("eu", "European printer (3 mm bleed, marks, FOGRA39)", "欧洲印刷厂（3 毫米出血，带裁切标记，FOGRA39）",
                  mm(3), True, "fogra39"),
    PrinterPreset("moo", "MOO-style (2 mm bleed, no marks)", "MOO 类（2 毫米出血，无裁切标记）", mm(2), False, "fogra39"),
    PrinterPreset("vistaprint", "Vistaprint-style (1.5 mm bleed, no marks)", "Vistaprint 类（1.5 毫米出血，无裁切标记）",
                  mm(1.5), False, "gracol"),
)}


def get_preset(name: str) -> PrinterPreset:
    key = name.strip().lower()
    if key not in PRESETS:
        raise ExportError(f"printer preset {name!r} is unknown; choose one of: {', '.join(PRESETS)}")
    return PRESETS[key]
