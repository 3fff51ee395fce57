"""Finding resources/: one locator (cardwise_resources.locate) for checks and app, in a
checkout, a frozen bundle and with the override (the installed-wheel case is
tests/packaging/test_wheel.py, the real frozen bundle packaging/smoke.py); and the commands
built on it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import cardwise_resources
from app import __version__, cli
from app import paths
from checks import resources
from app.paths import resources_dir, rule_languages, rules_version
from app.paths import PACKAGE as APP_PACKAGE
from checks.resources import PACKAGE, resources_root
from checks.rules import default_rules_dir

ROOT = Path(__file__).resolve().parents[2]


def test_both_locators_name_the_same_package():
    assert PACKAGE == APP_PACKAGE == cardwise_resources.PACKAGE == "cardwise_resources"


def test_app_and_checks_ask_the_one_locator(monkeypatch, tmp_path):
    """Neither app.paths nor checks.resources searches on its own: both answer what
    cardwise_resources.locate answers (here replaced, so a private search would show)."""
    assert paths.locate is resources.locate is cardwise_resources.locate
    elsewhere = lambda: tmp_path  # noqa: E731
    monkeypatch.setattr(paths, "locate", elsewhere)
    monkeypatch.setattr(resources, "locate", elsewhere)
    assert paths.resources_dir() == resources.resources_root() == tmp_path
    assert paths.templates_dir() == tmp_path / "templates"


def test_checkout_imports_its_own_resources_package():
    """The checkout's resources/ is the package cardwise_resources (through the link at the
    repository root), not another checkout's copy from an editable install."""
    assert Path(cardwise_resources.__file__).resolve() == ROOT / "resources" / "__init__.py"
    assert (ROOT / "cardwise_resources").resolve() == ROOT / "resources"


def test_checkout_uses_its_own_resources(monkeypatch):
    monkeypatch.delenv("CARDWISE_RESOURCES", raising=False)
    assert resources_root() == ROOT / "resources"
    assert default_rules_dir() == ROOT / "resources" / "rules"  # checks and app agree
    assert resources_dir() == resources_root()


def test_frozen_bundle_looks_under_meipass(monkeypatch, tmp_path):
    monkeypatch.delenv("CARDWISE_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_root() == tmp_path / PACKAGE
    assert default_rules_dir() == tmp_path / PACKAGE / "rules"
    assert resources_dir() == resources_root()


def test_override_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("CARDWISE_RESOURCES", str(tmp_path))
    assert default_rules_dir() == tmp_path / "rules"
    assert resources_dir() == tmp_path


def test_languages_are_the_pack_folders_with_concepts(monkeypatch, tmp_path):
    rules = tmp_path / "rules"
    for lang, concepts in (("en", True), ("de", True), ("common", False), ("frames", False)):
        (rules / lang).mkdir(parents=True)
        if concepts:
            (rules / lang / "concepts.yaml").write_text("concepts: {}\n", encoding="utf-8")
    monkeypatch.setenv("CARDWISE_RESOURCES", str(tmp_path))
    assert rule_languages() == ["de", "en"]


def test_rules_version_changes_with_any_pack_file(monkeypatch, tmp_path):
    (tmp_path / "rules" / "en").mkdir(parents=True)
    f = tmp_path / "rules" / "en" / "review.yaml"
    f.write_text("rules: []\n", encoding="utf-8")
    monkeypatch.setenv("CARDWISE_RESOURCES", str(tmp_path))
    before = rules_version()
    f.write_text("rules: []  # edited\n", encoding="utf-8")
    assert rules_version() != before


def test_version_prints_program_rule_packs_and_languages(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [f"cardwise {__version__}", f"rule packs {rules_version()}",
                                f"languages: {', '.join(rule_languages())}"]


def test_snapshot_rejects_an_unknown_template_before_loading_qt(capsys, tmp_path):
    code = cli.main(["snapshot", str(tmp_path / "w.png"), "--template", "nope"])
    err = capsys.readouterr().err
    assert code == 2 and "template 'nope' is unknown" in err and "thank-you" in err
    assert not (tmp_path / "w.png").exists()


def test_snapshot_needs_a_png_name(capsys, tmp_path):
    code = cli.main(["snapshot", str(tmp_path / "w.jpg")])
    assert code == 2 and "must be a .png" in capsys.readouterr().err
