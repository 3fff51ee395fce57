"""Cardwise export: the print-ready PDF and everything around it (no Qt).

Public API (the designer's export dialog and ``cardwise export`` both use it, so both write
the same geometry)::

    from app.export.pdf import ExportOptions, ExportRefused, export_pdf
    result = export_pdf(doc, "card.pdf", ExportOptions(crop_marks=False, bleed=None, pdfx="x1a"),
                        verdict=app.verdict.judge_card(doc))   # the gate: the card's verdict
    from app.export.proof import ProofOptions, render_pages, render_proof   # PNG proofs (pdfium)
    from app.export.nup import export_nup, plan_nup                         # A4 / Letter sheets
    from app.export.preflight import preflight, preflight_print             # print findings (PF001…)
    from app.export.verify import verify_pdf                                # independent read-back

Modules: ``boxes`` (MediaBox/BleedBox/TrimBox and crop-mark geometry), ``colour`` (the CMYK
colour enforcer), ``drawers`` (element kind → canvas calls), ``text`` (the model's text layout
drawn run by run), ``images`` (CMYK, flattened, resampled), ``fontreg`` (TrueType
registration), ``pdfx`` (OutputIntent and PDF/X markers via pikepdf), ``signoff`` (the
bilingual waiver sheet), ``presets`` (printer presets), ``atomic`` (temp file + rename).
Submodules are imported on use, so ``import app.export`` stays cheap.
"""
