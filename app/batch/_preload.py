"""Imported once by the fork server (GUI runs): workers forked from it start with the readers
imported and the default profile's checker built, so a new or replaced worker is ready at
once instead of spending a second building spaCy pipelines."""
from app.batch import analyze, ocr, qr, runner  # noqa: F401
from app.batch.readers import card, docx, image, pdf, svg, text  # noqa: F401

try:
    analyze.get_checker("amazon").check("Thank you for your order.")
except Exception:  # noqa: BLE001 - a broken rule pack is reported by the run itself
    pass
