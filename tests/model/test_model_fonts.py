"""Font discovery, resolution, and honest reporting of what cannot be printed."""
import struct

import pytest

from app.errors import FontError
from app.model.elements import DEFAULT_FONT_FAMILY
from app.model.fonts import CJK_FAMILY, FontLibrary, font_info, read_face_info, reportlab_font_dir

VERA = (reportlab_font_dir() / "Vera.ttf").read_bytes()


def patched(data: bytes, tag_from: bytes, tag_to: bytes, version: bytes | None = None) -> bytes:
    b = bytearray(data)
    if version:
        b[0:4] = version
    n = struct.unpack_from(">H", b, 4)[0]
    for i in range(n):
        o = 12 + 16 * i
        if bytes(b[o:o + 4]) == tag_from:
            b[o:o + 4] = tag_to
    return bytes(b)


def with_fs_type(data: bytes, fs_type: int) -> bytes:
    b = bytearray(data)
    n = struct.unpack_from(">H", b, 4)[0]
    for i in range(n):
        t, _, off, _ = struct.unpack_from(">4sIII", b, 12 + 16 * i)
        if t == b"OS/2":
            struct.pack_into(">H", b, off + 8, fs_type)
    return bytes(b)


def test_default_family_ships_with_reportlab(fonts):
    """A fresh machine can print: Bitstream Vera Sans resolves in all four styles."""
    for bold in (False, True):
        for italic in (False, True):
            m = fonts.resolve(DEFAULT_FONT_FAMILY, bold, italic)
            assert m.exact and m.font.info.bold == bold and m.font.info.italic == italic


def test_unknown_family_is_an_error_not_a_fallback(fonts):
    """Asking for a font that is not installed raises FontError naming it."""
    with pytest.raises(FontError, match="'Comic Neue'.*not installed"):
        fonts.resolve("Comic Neue")


def test_missing_glyphs_are_listed(fonts):
    """Chinese text in a Latin-only font reports exactly the characters that would not print."""
    assert fonts.missing_glyphs("Thanks 谢谢 – é", DEFAULT_FONT_FAMILY) == ["谢"]
    assert fonts.missing_glyphs("Thank you", DEFAULT_FONT_FAMILY) == []


@pytest.mark.skipif(not FontLibrary(system=False).has_family(CJK_FAMILY), reason="no CJK font installed")
def test_cjk_font_found_and_missing_style_reported(fonts):
    """Droid Sans Fallback draws Chinese; asking for bold says no bold face exists."""
    assert fonts.cjk_family() == CJK_FAMILY
    assert fonts.missing_glyphs("感谢您的购买", CJK_FAMILY) == []
    m = fonts.resolve(CJK_FAMILY, bold=True)
    assert not m.exact and m.font.info.style == "Regular"


def test_name_table_read_directly():
    """Family and style come from the font's own name table."""
    info = read_face_info(VERA, "Vera.ttf")
    assert (info.family, info.style, info.bold, info.italic) == ("Bitstream Vera Sans", "Roman", False, False)
    assert info.printable


def test_cff_font_detected_and_refused():
    """An OpenType/CFF font is refused with a message saying to use a TrueType build."""
    cff = patched(VERA, b"glyf", b"CFF ", version=b"OTTO")
    assert read_face_info(cff, "x.otf").outlines == "cff"
    with pytest.raises(FontError, match="CFF.*TrueType"):
        font_info(cff, "x.otf")


def test_licence_forbidding_embedding_refused():
    """A font whose licence forbids embedding is refused on adding, naming the licence."""
    with pytest.raises(FontError, match="licence"):
        font_info(with_fs_type(VERA, 0x0002), "restricted.ttf")
    with pytest.raises(FontError, match="licence"):
        font_info(with_fs_type(VERA, 0x0108), "nosubset.ttf")
    assert font_info(with_fs_type(VERA, 0x0008), "editable.ttf").embeddable


def test_garbage_font_refused():
    """Random bytes added as a font give a clear error."""
    with pytest.raises(FontError, match="not a TrueType"):
        font_info(b"this is not a font at all", "bad.ttf")
    with pytest.raises(FontError, match="truncated"):
        font_info(VERA[:40], "cut.ttf")


def test_project_font_wins_and_travels_as_bytes():
    """A font added to the project resolves from its bytes (no file on disk needed)."""
    lib = FontLibrary({"MyBrand.ttf": VERA}, system=False)
    m = lib.resolve(DEFAULT_FONT_FAMILY)
    assert m.font.info.source == "project:MyBrand.ttf" and m.font.path is None
    assert m.font.data == VERA


def test_system_scan_finds_installed_truetype_fonts():
    """The full library lists installed TrueType families and skips CFF ones as unprintable."""
    lib = FontLibrary()
    fams = lib.families()
    assert DEFAULT_FONT_FAMILY in fams
    for fam in lib.families(printable_only=False):
        if fam not in fams:
            with pytest.raises(FontError):
                lib.resolve(fam)


def test_collect_fonts_packages_system_fonts_into_the_project():
    """'Package for sending' copies an installed font the card uses into the project, once."""
    from app.model import Document, TextBox, TextStyle
    from app.model.fonts import collect_fonts
    lib = FontLibrary()
    family = next((f for f in lib.families() if f != DEFAULT_FONT_FAMILY), None)
    if family is None:
        pytest.skip("no system TrueType font installed")
    doc = Document()
    doc.add_element("front", TextBox.from_text("Hello", TextStyle(font_family=family), w=80, h=20))
    doc.add_element("front", TextBox.from_text("Hi", TextStyle(font_family="Not Installed Sans"), w=80, h=20))
    doc.add_element("front", TextBox.from_text("Default", w=80, h=20))
    added, problems = collect_fonts(doc, lib)
    assert len(added) == 1 and added[0] in doc.fonts
    assert problems and "Not Installed Sans" in problems[0]
    assert FontLibrary(doc.fonts, system=False).resolve(family).font.info.source.startswith("project:")
    assert collect_fonts(doc, lib)[0] == []


def test_library_for_is_shared_per_font_set():
    """The designer and exporter get the same library (and layout cache) for the same added fonts."""
    from app.model import Document
    from app.model.fonts import default_library, library_for
    a, b = Document(), Document()
    assert library_for(a) is default_library()
    a.add_font(VERA, "Brand.ttf")
    b.add_font(bytes(bytearray(VERA)), "Brand.ttf")
    assert library_for(a) is library_for(a) is library_for(b)
    b.add_font((reportlab_font_dir() / "VeraBd.ttf").read_bytes(), "Brand-Bold.ttf")
    assert library_for(b) is not library_for(a)


def test_invisible_characters_without_glyph_are_reported(fonts):
    """A zero-width space pasted into a card is reported, since the PDF would print a notdef box."""
    assert fonts.missing_glyphs("Thank\u200byou", DEFAULT_FONT_FAMILY) == ["\u200b"]
