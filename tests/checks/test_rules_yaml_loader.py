"""The rule packs are read with libyaml's parser (a third of a one-text check's time with the
pure-Python one); it must build exactly what the pure-Python SafeLoader builds."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checks import rules

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_packs_are_read_with_libyaml():
    assert rules._YAML_LOADER is yaml.CSafeLoader


def test_libyaml_reads_every_pack_file_as_the_python_loader_does():
    files = sorted(RESOURCES.rglob("*.yaml"))
    assert len(files) > 20
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text), f


def test_invalid_yaml_still_names_the_file(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(rules.RulePackError, match=r"broken\.yaml.*not valid YAML"):
        rules._read_yaml(bad)
