"""The font list a designer chooses from: families (not files) with their styles, the
scripts their cmap covers, where they come from, and whether they can be printed."""
from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from app.model.fonts import SCRIPTS, FontLibrary, build_catalogue, read_face_info, reportlab_font_dir
from test_model_fonts import patched, with_fs_type

VERA_FILES = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
IPA = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")


def renamed(data: bytes, new: str) -> bytes:
    """Vera with another family name of the same length (name table, both encodings)."""
    old = "Bitstream Vera Sans"
    assert len(new) == len(old)
    return (data.replace(old.encode("utf-16-be"), new.encode("utf-16-be"))
            .replace(old.encode("ascii"), new.encode("ascii")))


@pytest.fixture(scope="module")
def font_dir(tmp_path_factory) -> Path:
    """Vera copied as four families: one printable, one CFF-only, one licence-restricted,
    and the CFF one's four style files (it must still be one family)."""
    d = tmp_path_factory.mktemp("fonts")
    for name in VERA_FILES:
        data = (reportlab_font_dir() / name).read_bytes()
        (d / f"cff-{name}").write_bytes(patched(renamed(data, "Cardwise Test CFF S"), b"glyf", b"CFF "))
    vera = (reportlab_font_dir() / "Vera.ttf").read_bytes()
    (d / "locked.ttf").write_bytes(with_fs_type(renamed(vera, "Cardwise Locked Fon"), 0x0002))
    (d / "ok.ttf").write_bytes(renamed(vera, "Cardwise Plain Sans"))
    return d


@pytest.fixture(scope="module")
def library(font_dir) -> FontLibrary:
    return FontLibrary(system=False, extra_dirs=[font_dir])


def test_style_files_are_one_family_with_their_styles(library):
    cat = library.catalogue()
    names = [f.name for f in cat]
    assert len(names) == len(set(names)), "a family is listed once, not once per style file"
    vera = library.family("Bitstream Vera Sans")
    assert vera is not None and vera.origin == "bundled" and vera.printable
    assert vera.styles == ("Regular", "Bold", "Italic", "Bold Italic")
    assert len(vera.faces) == 4
    cff = library.family("Cardwise Test CFF S")
    assert cff is not None and len(cff.faces) == 4 and cff.styles == ("Regular", "Bold", "Italic", "Bold Italic")


def test_families_that_cannot_embed_say_why(library):
    cff = library.family("Cardwise Test CFF S")
    assert not cff.printable and "CFF" in cff.problem and "TrueType" in cff.problem
    locked = library.family("Cardwise Locked Fon")
    assert not locked.printable and "licence forbids embedding" in locked.problem
    plain = library.family("Cardwise Plain Sans")
    assert plain.printable and plain.problem is None
    # printable families come before unprintable ones of the same origin
    cat = [f for f in library.catalogue() if f.origin == "installed"]
    flags = [f.printable for f in cat]
    assert flags == sorted(flags, reverse=True)


def test_scripts_come_from_the_cmap(library):
    vera = library.family("Bitstream Vera Sans")
    assert vera.scripts == ("latin",)   # Vera has no Cyrillic, Greek or CJK
    assert vera.sample == "Bitstream Vera Sans"


@pytest.mark.skipif(not DROID.exists() or not IPA.exists(), reason="fonts-droid-fallback / fonts-ipafont-gothic")
def test_cjk_families_report_kana_kanji_and_chinese(library):
    droid = library.family("Droid Sans Fallback")
    assert {"ja", "zh-hans", "zh-hant"} <= set(droid.scripts)
    assert "latin" not in droid.scripts            # no Latin letters: previewed in its script
    assert droid.sample == "ありがとう"
    ipa = library.family("IPAGothic")
    assert {"latin", "ja", "cyrillic"} <= set(ipa.scripts)
    assert "zh-hans" not in ipa.scripts            # no simplified-only hanzi (们 这 说)
    found = [f.name for f in library.catalogue() if f.matches("日本語")]
    assert "IPAGothic" in found and "Bitstream Vera Sans" not in found


def test_search_matches_name_style_and_script(library):
    cat = library.catalogue()
    assert [f.name for f in cat if f.matches("plain")] == ["Cardwise Plain Sans"]
    assert "Bitstream Vera Sans" in [f.name for f in cat if f.matches("vera bold")]
    assert "Bitstream Vera Sans" not in [f.name for f in cat if f.matches("cyrillic")]
    assert all(f.matches("") for f in cat)


def test_project_fonts_come_first_and_the_list_follows_additions(font_dir):
    lib = FontLibrary(system=False)
    before = [f.name for f in lib.catalogue()]
    assert "Cardwise Plain Sans" not in before
    lib.add_project_font("plain.ttf", (font_dir / "ok.ttf").read_bytes())
    cat = lib.catalogue()
    assert cat[0].name == "Cardwise Plain Sans" and cat[0].origin == "project"


def test_catalogue_groups_faces_case_insensitively():
    vera = [read_face_info((reportlab_font_dir() / n).read_bytes(), str(reportlab_font_dir() / n)) for n in VERA_FILES]
    shouty = read_face_info(renamed((reportlab_font_dir() / "Vera.ttf").read_bytes(), "BITSTREAM VERA SANS"), "/x/v.ttf")
    cat = build_catalogue([*vera, shouty])
    assert len(cat) == 1 and len(cat[0].faces) == 5 and cat[0].origin == "bundled"


def test_broken_cmap_is_reported_not_a_crash(tmp_path):
    """A font whose cmap points past the end of the file is skipped with a reason."""
    data = bytearray((reportlab_font_dir() / "Vera.ttf").read_bytes())
    n = struct.unpack_from(">H", data, 4)[0]
    for i in range(n):
        tag, _cs, off, _ln = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            count = struct.unpack_from(">H", data, off + 2)[0]
            for j in range(count):
                struct.pack_into(">I", data, off + 4 + 8 * j + 4, 0x7FFFFFF0)
    (tmp_path / "broken.ttf").write_bytes(bytes(data))
    lib = FontLibrary(system=False, extra_dirs=[tmp_path])
    assert any("broken.ttf" in p and "corrupt" in p for p in lib.problems)


def test_every_script_has_a_badge_and_a_sample():
    assert len({s.key for s in SCRIPTS}) == len(SCRIPTS)
    for s in SCRIPTS:
        assert s.badge and s.sample and s.probe


def test_system_catalogue_lists_installed_families_once():
    if shutil.which("fc-list") is None and not Path("/usr/share/fonts").is_dir():
        pytest.skip("no system fonts")
    cat = FontLibrary().catalogue()
    names = [f.name.casefold() for f in cat]
    assert len(names) == len(set(names))
    assert cat[0].name == "Bitstream Vera Sans"
