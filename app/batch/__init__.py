"""Batch checking of card text and existing artwork (no Qt).

    from app.batch import CheckOptions, check_paths
    results = check_paths(["artwork/"], CheckOptions(profile="amazon"))   # list[FileResult]

* :mod:`app.batch.readers` — one reader per kind (text, PDF, image, SVG, DOCX, .cardwise)
  turning bytes into an :class:`~app.batch.artwork.Artwork` (text + located pieces + QR codes);
* :mod:`app.batch.ocr`, :mod:`app.batch.qr` — Tesseract OCR with band normalisation, zxing-cpp;
* :mod:`app.batch.analyze` — checker findings placed back on pages, boxes and elements;
* :mod:`app.batch.runner` — discovery, worker processes with timeouts, input order;
* :mod:`app.batch.cache` — content-hash results cache; :mod:`app.batch.report` — HTML report.

See docs/batch.md.
"""
from app.batch.analyze import CheckOptions
from app.batch.runner import BatchRunner, check_paths, discover

__all__ = ["BatchRunner", "CheckOptions", "check_paths", "discover"]
