"""Imported once by the fork server (GUI runs): workers forked from it start with the readers
imported and the default profile's checker built, so a new or replaced worker is ready at
once instead of spending a second building spaCy pipelines."""
import os

# Workers are forked from this process after its checker has run the sentence encoder, whose
# OpenMP runtime (libgomp) hangs a forked child that uses it again once the parent has started
# its thread pool. One OpenMP thread per process (what Tesseract wants too, app.batch.ocr) keeps
# the pool from ever starting; set here, before the encoder loads, not only by ocr's import.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from app.batch import analyze, ocr, qr, runner  # noqa: E402,F401
from app.batch.readers import card, docx, image, pdf, svg, text  # noqa: E402,F401

try:
    analyze.get_checker("amazon").check("Thank you for your order.")
except Exception:  # noqa: BLE001 - a broken rule pack is reported by the run itself
    pass
