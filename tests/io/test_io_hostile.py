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
