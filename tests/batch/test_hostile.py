"""Hostile and broken files: each is refused with a message naming the problem, for that file only."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from app.batch.errors import ArtworkError, UnsafeFile
from app.batch.readers import read
from app.batch.readers.text import decode_text


def _png_header(width: int, height: int) -> bytes:
    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_image_decompression_bomb_is_refused_before_decoding():
    """A tiny PNG that claims 100,000 × 100,000 pixels is refused, not decoded into 30 GB."""
    with pytest.raises(UnsafeFile, match="decompression bomb"):
        read("bomb.png", _png_header(100_000, 100_000), "image")


def test_truncated_image_is_an_error_not_a_half_read(tmp_path):
    """A JPEG cut off mid-stream is reported as damaged."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "orange").save(buf, "JPEG")
    with pytest.raises(ArtworkError, match="damaged or truncated|not a readable image"):
        read("cut.jpg", buf.getvalue()[:600], "image")


def test_pdf_bomb_is_refused_before_pdfium_inflates_it(monkeypatch):
    """A small PDF whose content stream inflates far beyond the limit is refused as a PDF bomb."""
    import pikepdf

    from app.batch import limits

    monkeypatch.setattr(limits, "MAX_STREAM_BYTES", 4 * limits.MIB)  # same logic, 32× less work

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(288, 432))
    comp = zlib.compressobj(9)
    raw = b"".join(comp.compress(b"\x00" * (1 << 22)) for _ in range(4)) + comp.flush()  # 16 MiB of zeros
    stream = pikepdf.Stream(pdf, raw)
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].Contents = stream
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(UnsafeFile, match="PDF bomb"):
        read("bomb.pdf", out.getvalue(), "pdf")


def test_pdf_with_too_many_pages_reads_the_first_fifty_and_says_so(tmp_path):
    """A 60-page PDF is read up to the page limit with a warning, not forever."""
    from reportlab.pdfgen import canvas

    p = tmp_path / "many.pdf"
    c = canvas.Canvas(str(p), pagesize=(288, 432))
    for i in range(60):
        c.drawString(20, 400, f"Page {i + 1}: thank you for your order.")
        c.showPage()
    c.save()
    art = read(str(p), p.read_bytes(), "pdf")
    assert len(art.pages) == 50
    assert any("first 50 of 60 pages" in w for w in art.warnings)


def test_broken_pdf_is_named_as_unreadable():
    """Bytes that start like a PDF but are garbage give 'not a readable PDF'."""
    with pytest.raises(ArtworkError, match="not a readable PDF"):
        read("broken.pdf", b"%PDF-1.7\n" + b"\x13\x37" * 500, "pdf")


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="10">&xxe;</text></svg>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&lol3;</text></svg>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_svg_entity_tricks_are_refused(data):
    """An SVG with an external entity or entity expansion is refused; no file is read."""
    with pytest.raises(UnsafeFile, match="DTD or entities"):
        read("evil.svg", data, "svg")


def test_docx_zip_bomb_is_refused(monkeypatch):
    """A DOCX whose document.xml inflates beyond the limit is refused as a zip bomb."""
    from app.batch import limits

    monkeypatch.setattr(limits, "MAX_XML_BYTES", 2 * limits.MIB)  # same logic, less work
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as fh:
            chunk = b" " * (1 << 20)
            for _ in range(8):
                fh.write(chunk)
    with pytest.raises(UnsafeFile, match="zip bomb"):
        read("bomb.docx", buf.getvalue(), "docx")


def test_docx_that_is_not_a_zip_says_so():
    """An old binary .doc renamed to .docx gets a message telling what to do."""
    with pytest.raises(ArtworkError, match="not a DOCX"):
        read("old.docx", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "docx")


def test_binary_file_named_txt_is_refused():
    """A binary file given as text gets 'binary file, not text'."""
    with pytest.raises(ArtworkError, match="binary file"):
        decode_text(b"\x00\x01\x02ELF" * 100, "blob.txt")


def test_ten_megabyte_text_is_refused_with_the_limit():
    """A 10 MB text file is refused with its size and the limit, not fed to the checker."""
    with pytest.raises(ArtworkError, match=r"too large for card text \(10\.0 MiB"):
        decode_text(b"a" * (10 * 1024 * 1024), "huge.txt")


def test_invalid_utf8_is_checked_with_replacement_and_a_warning():
    """Latin-1 bytes in a .txt are replaced by U+FFFD and the warning names the first bad byte."""
    text, warnings = decode_text("Caf\xe9: leave a review".encode("latin-1"), "card.txt")
    assert text == "Caf\ufffd: leave a review"
    assert warnings and "0xe9 at offset 3" in warnings[0]


def test_utf16_with_bom_is_decoded():
    """Notepad's 'Unicode' (UTF-16 with BOM) is read correctly."""
    text, warnings = decode_text("Thank you 谢谢".encode("utf-16"), "card.txt")
    assert text == "Thank you 谢谢" and not warnings


def test_empty_file_is_a_warning_not_a_crash():
    """An empty .txt is read, has no findings, and carries a warning saying it is empty."""
    art = read("empty.txt", b"", "text")
    assert art.text == "" and any("empty" in w for w in art.warnings)


def test_docx_with_an_entity_declaration_is_refused():
    """A DOCX whose document.xml declares entities (XXE) is refused."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(UnsafeFile, match="DTD or entities"):
        read("xxe.docx", buf.getvalue(), "docx")


def test_a_folder_of_hostile_files_never_stops_the_batch(tmp_path, checker):
    """Bombs, entity tricks and broken files in one folder each get an error; the good card is still checked."""
    import pikepdf
    from PIL import Image

    from app.batch import limits
    from app.batch.analyze import CheckOptions
    from app.batch.runner import BatchRunner, discover

    # real sizes: the workers are separate processes and use the shipped limits
    (tmp_path / "a-bomb.png").write_bytes(_png_header(100_000, 100_000))
    (tmp_path / "b-laughs.svg").write_bytes(LAUGHS)
    (tmp_path / "c-xxe.svg").write_bytes(XXE)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("word/document.xml", b" " * (limits.MAX_XML_BYTES + limits.MIB))
    (tmp_path / "d-zip.docx").write_bytes(buf.getvalue())
    jpg = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(jpg, "JPEG")
    (tmp_path / "e-cut.jpg").write_bytes(jpg.getvalue()[:400])
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(288, 432))
    comp = zlib.compressobj(1)
    zeros = b"\x00" * (16 * limits.MIB)
    raw = b"".join(comp.compress(zeros) for _ in range(limits.MAX_STREAM_BYTES // len(zeros) + 1)) + comp.flush()
    stream = pikepdf.Stream(pdf, raw)
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].Contents = stream
    pdf.save(tmp_path / "f-bomb.pdf")
    (tmp_path / "z-good.txt").write_text("Leave a review and get a free gift!")
    results = BatchRunner(CheckOptions(), jobs=2, timeout=30).run(discover([str(tmp_path)]).entries)
    assert [r.error is not None for r in results] == [True] * 6 + [False]
    assert results[-1].findings
    for r in results[:-1]:
        assert not r.error.startswith("could not be read"), r.error  # each refusal names its reason


def test_tiff_with_more_frames_than_the_limit_is_flagged_partial():
    """A multi-frame TIFF past the frame limit is read in part, and the result says so in
    its extra (the JSON entry's "partial"), not only in a stderr warning."""
    from PIL import Image

    from app.batch.analyze import CheckOptions, analyze

    frames = [Image.new("L", (40, 40), 255) for _ in range(53)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    art = read("many.tif", buf.getvalue(), "image")
    assert len(art.pages) == 50 and art.partial == "50 of 53 frames read"
    result = analyze(art, CheckOptions())
    assert result.extra["partial"] == "50 of 53 frames read"


def test_pdf_over_the_page_limit_is_partial_with_the_count(tmp_path):
    """The PDF reader records which part was read ("50 of 60 pages read")."""
    from reportlab.pdfgen import canvas

    p = tmp_path / "many.pdf"
    c = canvas.Canvas(str(p), pagesize=(288, 432))
    for _ in range(60):
        c.showPage()
    c.save()
    assert read(str(p), p.read_bytes(), "pdf").partial == "50 of 60 pages read"


def test_long_text_is_cut_into_bounded_pieces_at_boundaries():
    """Pieces cover the text exactly, stay within the limit and cut after a line end or a
    sentence end when there is one (a 1 MB paragraph hit spaCy's E088 before)."""
    from app.batch.analyze import pieces

    text = ("One sentence here. " * 400) + "\n" + ("word " * 3000)
    out = pieces(text, limit=2000)
    assert "".join(p for _, p in out) == text
    assert all(len(p) <= 2000 for _, p in out)
    assert [o for o, _ in out] == [sum(len(p) for _, p in out[:i]) for i in range(len(out))]
    assert out[0][1].endswith(". ")
    assert pieces("x" * 5000, limit=2000)[0] == (0, "x" * 2000)   # no boundary: cut anyway


def test_mutated_project_files_give_the_loaders_message_in_a_batch():
    """Damaged .cardwise files checked in a batch showed 'could not be read (<Type> …)' for
    decompression, zip-version and number errors; every one is now the loader's own line."""
    from bench.fuzz_project import mutate, samples

    from app.batch.analyze import CheckOptions
    from app.batch.runner import Entry, process

    bases = samples()
    seen = 0
    for seed in range(120):
        _, data = mutate(seed, bases)
        result = process(Entry(0, "-", "m.cardwise", kind="card", data=data), CheckOptions())
        if result.error:
            seen += 1
            assert "could not be read (" not in result.error, (seed, result.error)
            assert "\n" not in result.error and len(result.error) <= 220
    assert seen > 60


def test_in_process_text_check_is_stopped_at_the_timeout(tmp_path, monkeypatch):
    """Plain text is checked in the main process without a worker to kill; a check that
    would run forever (here: a stuck checker) is stopped at --timeout like a worker's file,
    and the next file is still checked."""
    import time

    from app.batch import runner
    from app.batch.analyze import CheckOptions, get_checker
    from checks.findings import FileResult

    get_checker("amazon").check("Leave a review and get a gift")   # loads the language models now
    real = runner.analyze

    def stuck_on_first(art, opts):
        if art.path.endswith("a.txt"):
            time.sleep(30)
        return real(art, opts)

    monkeypatch.setattr(runner, "analyze", stuck_on_first)
    (tmp_path / "a.txt").write_text("Thank you!")
    (tmp_path / "b.txt").write_text("Leave a review and get a FREE gift!")
    found = runner.discover([str(tmp_path)])
    results = runner.BatchRunner(CheckOptions(), timeout=2).run(found.entries)
    assert "took longer than 2 s" in results[0].error
    assert results[1].error is None and results[1].findings
    assert isinstance(results[0], FileResult) and results[0].extra.get("transient")
