"""Hostile or damaged project files: each gives a clear error and leaves the file untouched."""
import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from app.errors import ProjectFileError
from app.io import project
from app.io.project import load, save
from app.model import CardSpec, Document, TextBox


def good_body() -> dict:
    d = Document.new(CardSpec.from_preset("a6"))
    d.add_element("front", TextBox.from_text("Hi", w=50, h=20))
    return json.loads(project.document_json(d))


def make_zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def assert_refused(path: Path, needle: str):
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match=needle):
        load(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_not_a_zip(tmp_path):
    """A text file renamed to .cardwise is refused as not a zip."""
    p = tmp_path / "x.cardwise"
    p.write_text("hello")
    assert_refused(p, "not a zip")


def test_truncated_zip(tmp_path):
    """A half-downloaded project file is refused as damaged/truncated."""
    d = Document()
    d.add_element("front", TextBox.from_text("x " * 5000, w=50, h=20))
    full = project.to_bytes(d)
    p = tmp_path / "cut.cardwise"
    p.write_bytes(full[: len(full) // 2])
    assert_refused(p, "truncated|damaged")


def test_bad_json(tmp_path):
    """A document.json that is not JSON names the line and column."""
    p = make_zip(tmp_path / "b.cardwise", {"document.json": b'{"schema_version": 2, oops}'})
    assert_refused(p, r"not valid JSON \(line 1")


def test_missing_document_json(tmp_path):
    """A zip without document.json is not a Cardwise project."""
    p = make_zip(tmp_path / "m.cardwise", {"readme.txt": b"hi"})
    assert_refused(p, "document.json is missing")


def test_newer_schema(tmp_path):
    """A file from a newer Cardwise asks the user to update, without touching it."""
    body = good_body()
    body["schema_version"] = 99
    p = make_zip(tmp_path / "n.cardwise", {"document.json": json.dumps(body).encode()})
    assert_refused(p, "newer Cardwise")


def test_wrong_schema_value(tmp_path):
    """A schema_version that is not a number is refused."""
    body = good_body()
    body["schema_version"] = "two"
    p = make_zip(tmp_path / "w.cardwise", {"document.json": json.dumps(body).encode()})
    assert_refused(p, "schema_version")


def test_invalid_geometry_inside(tmp_path):
    """A document with a zero-width card names the dimension."""
    body = good_body()
    body["document"]["spec"]["width"] = 0
    p = make_zip(tmp_path / "g.cardwise", {"document.json": json.dumps(body).encode()})
    assert_refused(p, "trim width")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "assets/../../x", "C:/win.ini", "a\\..\\b"])
def test_zip_slip_names(tmp_path, name):
    """Absolute or ..-escaping member names are refused outright."""
    p = make_zip(tmp_path / "z.cardwise", {"document.json": json.dumps(good_body()).encode(), name: b"x"})
    assert_refused(p, "unsafe member name")


def test_huge_member_declared(tmp_path, monkeypatch):
    """A member declaring more than the size limit is refused before it is read."""
    monkeypatch.setattr(project, "MAX_MEMBER_BYTES", 1000)
    body = good_body()
    p = make_zip(tmp_path / "h.cardwise", {"document.json": json.dumps(body).encode(),
                                           "fonts/big.ttf": b"\0" * 5000})
    body["document"]["fonts"] = ["big.ttf"]
    make_zip(p, {"document.json": json.dumps(body).encode(), "fonts/big.ttf": b"\0" * 5000})
    assert_refused(p, "declares 5,000 bytes")


def test_decompression_bomb_with_lying_size(tmp_path, monkeypatch):
    """A member that expands past the cap is stopped while decompressing even if its header lies."""
    monkeypatch.setattr(project, "MAX_DOCUMENT_BYTES", 10_000)
    p = tmp_path / "bomb.cardwise"
    make_zip(p, {"document.json": b" " * 200_000})
    raw = bytearray(p.read_bytes())
    # falsify the declared uncompressed size in the local and central headers
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = raw.find(sig)
        raw[i + off:i + off + 4] = (100).to_bytes(4, "little")
    p.write_bytes(bytes(raw))
    assert_refused(p, "expands beyond|damaged")


def test_too_many_members(tmp_path, monkeypatch):
    """An archive with thousands of members is refused."""
    monkeypatch.setattr(project, "MAX_MEMBERS", 50)
    members = {"document.json": json.dumps(good_body()).encode()}
    members.update({f"assets/{i}.bin": b"" for i in range(60)})
    p = make_zip(tmp_path / "many.cardwise", members)
    assert_refused(p, "61 members")


def test_missing_asset(tmp_path):
    """A project whose image is missing names the image."""
    d = Document()
    b = io.BytesIO()
    Image.new("RGB", (10, 10)).save(b, "PNG")
    from app.model import ImageElement
    aid = d.add_asset(b.getvalue(), "photo.png")
    d.add_element("front", ImageElement(asset_id=aid, w=10, h=10))
    p = make_zip(tmp_path / "a.cardwise", {"document.json": project.document_json(d)})
    assert_refused(p, "photo.png.*missing")


def test_image_bomb_asset(tmp_path, monkeypatch):
    """An embedded image with an absurd pixel count is refused (decompression-bomb guard)."""
    from app.model import document as docmod
    monkeypatch.setattr(docmod, "MAX_IMAGE_PIXELS", 1000)
    b = io.BytesIO()
    Image.new("L", (200, 200)).save(b, "PNG")
    data = b.getvalue()
    aid = docmod.Asset.content_id(data)
    body = good_body()
    body["document"]["assets"] = [{"id": aid, "name": "bomb.png", "mime": "image/png",
                                   "width_px": 200, "height_px": 200, "dpi": None}]
    p = make_zip(tmp_path / "ib.cardwise", {"document.json": json.dumps(body).encode(),
                                            f"assets/{aid}.png": data})
    assert_refused(p, "bomb.png")


def test_damaged_asset_content(tmp_path):
    """An asset whose bytes do not match its id is reported as damaged."""
    body = good_body()
    body["document"]["assets"] = [{"id": "0" * 16, "name": "x.png", "mime": "image/png",
                                   "width_px": 1, "height_px": 1, "dpi": None}]
    p = make_zip(tmp_path / "d.cardwise", {"document.json": json.dumps(body).encode(),
                                           "assets/" + "0" * 16 + ".png": b"junk"})
    assert_refused(p, "damaged")


def test_failed_load_does_not_change_open_document_target(tmp_path):
    """Opening a bad file never writes: a good project next to it stays byte-identical."""
    good = save(Document(), tmp_path / "good.cardwise")
    before = good.read_bytes()
    bad = tmp_path / "bad.cardwise"
    bad.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(ProjectFileError):
        load(bad)
    assert good.read_bytes() == before


def test_deeply_nested_json(tmp_path):
    """A document.json nested thousands of levels deep is refused, not a crash."""
    p = make_zip(tmp_path / "deep.cardwise", {"document.json": b"[" * 100_000 + b"]" * 100_000})
    assert_refused(p, "nested too deeply|schema_version|must hold an object")


def _paths(obj, prefix=()):
    """Every (path) to a value inside a JSON body."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


def test_every_field_replaced_with_junk_gives_a_clear_error_or_loads():
    """Replacing any single value in document.json with junk either loads or raises
    ProjectFileError — never another exception (a crash would lose the user's session)."""
    from app.model import Color, LineElement, QrElement, RectElement
    d = Document.new(CardSpec.from_preset("a6"))
    d.add_element("front", TextBox.from_text("Hi\nthere", w=50, h=20))
    d.add_element("front", RectElement(w=5, h=5, fill=Color(0, 1, 0, 0)))
    d.add_element("back", LineElement(w=5, h=0))
    d.add_element("back", QrElement(payload="https://www.amazon.com/", w=50, h=50))
    from app.model.document import Ignore
    d.add_ignore(Ignore("r", "e", "t"))
    d.set_brand_colors([("b", Color(1, 0, 0, 0))])
    body = json.loads(project.document_json(d))
    junk = [None, "x", -1, 1e308, [], {}, True, "9" * 50]
    for path in list(_paths(body)):
        for value in junk:
            mutated = json.loads(json.dumps(body))
            target = mutated
            for k in path[:-1]:
                target = target[k]
            target[path[-1]] = value
            data = _zip_bytes({"document.json": json.dumps(mutated).encode()})
            try:
                project.from_bytes(data, "fuzz")
            except ProjectFileError:
                pass


def _zip_bytes(members):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for n, v in members.items():
            z.writestr(n, v)
    return b.getvalue()


def _png_header_only(w: int, h: int) -> bytes:
    import struct
    import zlib

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_png_claiming_a_gigapixel_is_refused_without_decoding(tmp_path):
    """A tiny PNG whose header claims 40000×40000 pixels is refused before any pixel is decoded."""
    data = _png_header_only(40000, 40000)
    from app.model import document as docmod
    aid = docmod.Asset.content_id(data)
    body = good_body()
    body["document"]["assets"] = [{"id": aid, "name": "huge.png", "mime": "image/png",
                                   "width_px": 1, "height_px": 1, "dpi": None}]
    p = make_zip(tmp_path / "giga.cardwise", {"document.json": json.dumps(body).encode(),
                                              f"assets/{aid}.png": data})
    assert_refused(p, "huge.png.*(MP is refused|too large)")


def test_duplicate_side_refused(tmp_path):
    """A document listing the front side twice is refused instead of silently dropping one."""
    body = good_body()
    body["document"]["sides"].append(dict(body["document"]["sides"][0], elements=[]))
    p = make_zip(tmp_path / "dup.cardwise", {"document.json": json.dumps(body).encode()})
    assert_refused(p, "front side appears twice")


# ---- issue 12: crash kinds found by fuzzing, each refused with one short line ------------------
def _saved(tmp_path: Path) -> tuple[Path, bytes]:
    d = Document.new(CardSpec.from_preset("a6"))
    d.add_element("front", TextBox.from_text("Thank you " * 200, w=50, h=20))
    data = project.to_bytes(d)
    return tmp_path / "card.cardwise", data


def assert_one_line(path: Path, needle: str):
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match=needle) as err:
        load(path)
    msg = str(err.value)
    assert "\n" not in msg and len(msg) <= 200 and path.name in msg
    assert path.read_bytes() == before


def _body_offset(data: bytes, name: bytes = b"document.json") -> int:
    at = data.index(b"PK\x03\x04" + data[4:4])   # first local header
    i = data.index(name, at)
    return i + len(name)


def test_corrupt_deflate_data_is_refused(tmp_path):
    """A bit flip inside document.json's deflate stream (zlib.error before) is 'damaged'."""
    p, data = _saved(tmp_path)
    b = bytearray(data)
    start = _body_offset(data)
    for k in range(start + 2, start + 12):
        b[k] ^= 0xFF
    p.write_bytes(bytes(b))
    assert_one_line(p, "damaged|not valid|not UTF-8")


def test_corrupt_lzma_member_is_refused(tmp_path):
    """An LZMA member with broken data (LZMAError before) is 'damaged', naming the member."""
    body = json.dumps(good_body()).encode()
    p = make_zip(tmp_path / "lz.cardwise", {"document.json": body}, zipfile.ZIP_LZMA)
    b = bytearray(p.read_bytes())
    start = _body_offset(bytes(b))
    for k in range(start + 4, start + 20):
        b[k] = 0x5A
    p.write_bytes(bytes(b))
    assert_one_line(p, "damaged.*document.json|damaged")


def test_unsupported_zip_version_is_refused(tmp_path):
    """'Version needed' 25.5 in the central directory (NotImplementedError from ZipFile()
    before) is refused as a zip feature Cardwise does not read."""
    p, data = _saved(tmp_path)
    b = bytearray(data)
    cd = b.index(b"PK\x01\x02")
    b[cd + 6:cd + 8] = (255).to_bytes(2, "little")   # version needed to extract
    p.write_bytes(bytes(b))
    assert_one_line(p, "zip feature")


def test_unsupported_compression_method_is_refused(tmp_path):
    """A member compressed with a method zipfile does not know is refused, one line."""
    p, data = _saved(tmp_path)
    b = bytearray(data)
    for sig, off in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = b.index(sig)
        b[at + off:at + off + 2] = (99).to_bytes(2, "little")
    p.write_bytes(bytes(b))
    assert_one_line(p, "zip feature|damaged")


def _raw(tmp_path: Path, name: str, field: str, source: str) -> Path:
    """document.json with the first text box's ``field`` replaced by raw JSON ``source``."""
    body = good_body()
    body["document"]["sides"][0]["elements"][0][field] = "@@X@@"
    text = json.dumps(body).replace('"@@X@@"', source)
    return make_zip(tmp_path / name, {"document.json": text.encode("utf-8", "surrogatepass")})


def test_integer_over_4300_digits_is_refused(tmp_path):
    """A 5,000-digit integer (ValueError from int() before) is refused by its digit count."""
    assert_one_line(_raw(tmp_path, "digits.cardwise", "x", "9" * 5000), "5,000-digit number")


@pytest.mark.parametrize("field,source", [("rotation", "1e308"), ("x", "1" + "0" * 400),
                                          ("w", "1e999"), ("y", "NaN"), ("h", "-Infinity")])
def test_numbers_out_of_range_are_refused_once_at_the_boundary(tmp_path, field, source):
    """Huge, infinite and NaN numbers (OverflowError in geometry and rotation before) are
    refused while parsing, whichever field holds them."""
    p = _raw(tmp_path, "big.cardwise", field, source)
    assert_one_line(p, "out of range|digit number|not a number a card can use")


def test_infinite_qr_quiet_zone_is_refused(tmp_path):
    """quiet_zone 1e999 (OverflowError converting to int before) is refused."""
    body = good_body()
    body["document"]["sides"][0]["elements"].append(
        {"kind": "qr", "id": "q1", "x": 10, "y": 10, "w": 40, "h": 40, "payload": "https://example.com",
         "quiet_zone": "@@X@@"})
    text = json.dumps(body).replace('"@@X@@"', "1e999")
    p = make_zip(tmp_path / "qr.cardwise", {"document.json": text.encode()})
    assert_one_line(p, "out of range")


def test_huge_number_in_a_version_1_file_is_refused(tmp_path):
    """The v1 migration converts numbers with float(): a 400-digit width (OverflowError in the
    migration before) is refused by the parser first."""
    v1 = zipfile.ZipFile(Path(__file__).parent / "fixtures" / "v1-thank-you.cardwise")
    body = json.loads(v1.read("document.json"))
    body["card"]["width"] = "@@X@@"
    text = json.dumps(body).replace('"@@X@@"', "7" * 400)
    p = make_zip(tmp_path / "old.cardwise", {"document.json": text.encode()})
    assert_one_line(p, "digit number")


def test_long_values_give_a_short_message(tmp_path):
    """A 3,000-character colour value was quoted whole (3,043-character message before)."""
    body = good_body()
    body["document"]["sides"][0]["elements"][0]["paragraphs"][0]["style"]["color"] = {"cmyk": ["x" * 3000, 0, 0, 0]}
    p = make_zip(tmp_path / "long.cardwise", {"document.json": json.dumps(body).encode()})
    assert_one_line(p, "colour c")


def test_migration_errors_name_the_file(tmp_path):
    """A v1 file whose colour cannot be read names the file, not only the colour."""
    v1 = zipfile.ZipFile(Path(__file__).parent / "fixtures" / "v1-thank-you.cardwise")
    body = json.loads(v1.read("document.json"))
    body["front"]["background"] = " "
    p = make_zip(tmp_path / "v1bad.cardwise", {"document.json": json.dumps(body).encode()})
    assert_one_line(p, "colour")


# ---- issue 12: whatever opens also saves and reopens ---------------------------------------------
def test_lone_surrogate_is_refused_on_open(tmp_path):
    """Text holding "\\ud800" loaded, then save raised UnicodeEncodeError; now open refuses it."""
    p = _raw(tmp_path, "sur.cardwise", "name", '"a\\ud800b"')
    assert_one_line(p, "not valid Unicode")


def test_save_of_a_lone_surrogate_is_a_project_error(tmp_path):
    """A document built in code with a lone surrogate cannot be saved: a clear error, no file."""
    d = Document()
    d.add_element("front", TextBox.from_text("ok\ud800", w=50, h=20))
    with pytest.raises(ProjectFileError, match="invalid character"):
        save(d, tmp_path / "s.cardwise")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source", ["1e-320", "0.00001", "5e-324"])
def test_width_below_the_stored_precision_is_refused(tmp_path, source):
    """A width of 1e-320 loaded, saved as 0 and would not reopen; now open refuses it."""
    assert_one_line(_raw(tmp_path, "tiny.cardwise", "w", source), "width must be greater than 0")


@pytest.mark.parametrize("fonts", [["a/x.ttf"], ["x.ttf", "x.ttf"], ["..\\x.ttf"]])
def test_font_names_that_would_collide_are_refused(tmp_path, fonts):
    """A font named like a member path was written twice on save and would not reopen."""
    body = good_body()
    body["document"]["fonts"] = fonts
    p = make_zip(tmp_path / "f.cardwise", {"document.json": json.dumps(body).encode(),
                                          "fonts/x.ttf": b"\x00\x01\x00\x00" + b"\x00" * 60})
    assert_one_line(p, "plain file name|listed twice|unsafe")


def test_two_fonts_mapping_to_one_member_cannot_be_saved(tmp_path):
    """save refuses fonts whose names map to one member instead of writing a duplicate."""
    d = Document()
    d.fonts = {"a/x.ttf": b"1", "b/x.ttf": b"2"}
    with pytest.raises(ProjectFileError, match="two fonts"):
        save(d, tmp_path / "f.cardwise")
    assert list(tmp_path.iterdir()) == []


def test_fifo_named_cardwise_is_refused_without_hanging(tmp_path):
    """Opening a FIFO would block forever; it is refused as not a regular file."""
    import os
    fifo = tmp_path / "pipe.cardwise"
    os.mkfifo(fifo)
    with pytest.raises(ProjectFileError, match="not a regular file"):
        load(fifo)
