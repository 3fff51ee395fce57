"""Hard limits that keep one hostile file from taking the batch down.

Cards are small: a 4×6 in card at 600 dpi is 8.6 megapixels, its text a few kilobytes.
Everything here is generous for real artwork and far below what a bomb needs.
"""
from __future__ import annotations

MIB = 1024 * 1024

#: Plain text (.txt, .md, stdin). A card's text is a few KiB; a 10 MB "card" is not checked.
MAX_TEXT_BYTES = 1 * MIB
#: Any artwork file on disk.
MAX_FILE_BYTES = 256 * MIB
#: Decoded raster size (Pillow raises above this, before decoding).
MAX_IMAGE_PIXELS = 64_000_000
#: Pages read per PDF (the rest are skipped with a warning).
MAX_PDF_PAGES = 50
#: PDF streams: inflated size of one stream and of all streams (bomb guard).
MAX_STREAM_BYTES = 128 * MIB
MAX_PDF_INFLATED = 512 * MIB
#: Largest page render for OCR; bigger pages are rendered at a lower resolution.
MAX_RENDER_PIXELS = 36_000_000
#: OCR resolution for PDF pages without a text layer.
OCR_DPI = 300
#: Resolution for finding QR codes on PDF pages that have a text layer.
QR_DPI = 150
#: DOCX (a zip): entry count, total and per-entry uncompressed size, compression ratio.
MAX_ZIP_ENTRIES = 4000
MAX_ZIP_TOTAL = 200 * MIB
MAX_XML_BYTES = 32 * MIB
MAX_ZIP_RATIO = 200
#: SVG source size.
MAX_SVG_BYTES = 32 * MIB
#: Extra address space a worker may use above what it had at start (RLIMIT_AS).
WORKER_MEMORY = 2048 * MIB
#: Seconds per file, unless --timeout says otherwise.
DEFAULT_TIMEOUT = 60.0
