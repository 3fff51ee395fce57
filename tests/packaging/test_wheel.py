"""The wheel carries everything Cardwise reads at run time.

The wheel is built from a copy of the source (so no stale build/ folder in the checkout can
leak into it), installed with ``--no-deps`` into a new virtual environment and run from a
folder outside the source tree. The new environment borrows the dependencies of the running
(dev) environment through a one-line ``.pth`` path entry: a plain path line does not run the
dev environment's own ``.pth`` files, so its editable-install finder (which maps ``app`` to a
checkout) stays inactive, and each test asserts the code really came from the wheel.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VIOLATION = "Thank you for your order!\nLeave us a 5-star review and get a FREE gift card.\n"


def _run(cmd, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 300)
    return subprocess.run([str(c) for c in cmd], **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("app", "checks", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    dist = base / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                  "-w", dist, src], cwd=base)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("cardwise-*.whl")

    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv])
    assert made.returncode == 0, made.stderr
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (purelib / "_cardwise_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    inst = _run([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", "--no-index", wheel])
    assert inst.returncode == 0, inst.stdout + inst.stderr

    work = base / "elsewhere"  # not the checkout: nothing can be found relative to the cwd
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "CARDWISE_RESOURCES", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", CARDWISE_CACHE_DIR=str(base / "cache"),
               CARDWISE_SETTINGS=str(base / "settings.ini"))
    return {"wheel": wheel, "py": py, "bin": py.parent, "site": purelib, "cwd": work, "env": env}


def _cardwise(inst, *args):
    return _run([inst["bin"] / "cardwise", *args], cwd=inst["cwd"], env=inst["env"])


def test_pyproject_lists_every_python_package():
    """A package left out of pyproject's list would be silently missing from the wheel."""
    from setuptools import find_packages

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = set(find_packages(str(ROOT), include=["app", "app.*", "checks", "checks.*"]))
    assert not found - listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
    assert "cardwise_resources" in listed


def test_wheel_holds_every_resource_file_and_the_translations(installed):
    """Every file under resources/ (rule packs of every language folder, templates, the sample
    card, fonts or models added later) ships, under cardwise_resources/."""
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    expected = {"cardwise_resources/" + p.relative_to(ROOT / "resources").as_posix()
                for p in (ROOT / "resources").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert expected - names == set(), f"missing from the wheel: {sorted(expected - names)}"
    assert {"app/ui/i18n/zh_CN.json", "cardwise_resources/rules/en/concepts.yaml",
            "cardwise_resources/samples/thank-you.cardwise"} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_installed_code_and_data_come_from_the_wheel(installed):
    """Not from the checkout: the dev environment's editable finder is not active here."""
    code = ("import app, checks, cardwise_resources; from app.paths import resources_dir; "
            "print(app.__file__); print(checks.__file__); print(resources_dir())")
    proc = _run([installed["py"], "-c", code], cwd=installed["cwd"], env=installed["env"])
    assert proc.returncode == 0, proc.stderr
    site = installed["site"].resolve()
    for line in proc.stdout.split("\n")[:3]:
        assert Path(line).resolve().is_relative_to(site), f"{line} is not in the wheel's install ({site})"


def test_version_names_rule_packs_and_languages(installed):
    from app import __version__
    from app.paths import rule_languages, rules_version

    proc = _cardwise(installed, "--version")
    assert proc.returncode == 0, proc.stderr
    assert f"cardwise {__version__}" in proc.stdout
    assert f"rule packs {rules_version()}" in proc.stdout  # the same packs as the checkout
    assert f"languages: {', '.join(rule_languages())}" in proc.stdout


def test_installed_check_finds_the_violation(installed):
    card = installed["cwd"] / "card.txt"
    card.write_text(VIOLATION, encoding="utf-8")
    proc = _cardwise(installed, "check", "--no-cache", card)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"card\.txt:2:\d+: .*CW\d{3}", proc.stdout), proc.stdout


def test_installed_check_runs_the_sentence_encoder(installed):
    """The encoder head is package data: from the wheel, a sentence only the encoder flags is
    reported, and no finding says the stage is unavailable."""
    card = installed["cwd"] / "fr.txt"
    card.write_text("Une fois votre avis en ligne, un petit colis de remerciement vous attend.\n", encoding="utf-8")
    proc = _cardwise(installed, "check", "--no-cache", "--format", "json", card)
    assert "CW190" in proc.stdout and "CW001" not in proc.stdout, proc.stdout + proc.stderr


def test_installed_new_and_export_write_a_pdf(installed):
    card = installed["cwd"] / "warranty.cardwise"
    pdf = installed["cwd"] / "warranty.pdf"
    made = _cardwise(installed, "new", "--template", "warranty", "-o", card)
    assert made.returncode == 0, made.stderr
    proc = _cardwise(installed, "export", card, "-o", pdf)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_installed_designer_renders(installed):
    out = installed["cwd"] / "window.png"
    proc = _cardwise(installed, "snapshot", out, "--template", "thank-you", "--no-extensions")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_sdist_holds_every_resource_file(tmp_path):
    """The source distribution carries resources/ too, so a wheel built from it is complete."""
    import tarfile

    src = tmp_path / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("app", "checks", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    code = "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))"
    proc = _run([sys.executable, "-c", code, tmp_path / "out"], cwd=src)
    assert proc.returncode == 0, proc.stderr
    name = proc.stdout.strip().splitlines()[-1]
    with tarfile.open(tmp_path / "out" / name) as tf:
        members = {m.split("/", 1)[1] for m in tf.getnames() if "/" in m}
    expected = {"resources/" + p.relative_to(ROOT / "resources").as_posix()
                for p in (ROOT / "resources").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert expected - members == set(), f"missing from the sdist: {sorted(expected - members)}"
    assert "app/ui/i18n/zh_CN.json" in members
