"""The parsed-pack cache (checks/parsed_cache.py) changes how fast packs load, never what loads."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks import parsed_cache
from checks.errors import RulePackError
from checks.rules import default_rules_dir, load_ruleset


def _summary(ruleset):
    return [(r.id, r.name, r.category, r.severity, r.message, r.suggestion, r.examples) for r in ruleset.rules]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "parsed"


def test_a_second_load_reads_the_cache_and_builds_the_same_rules(cache):
    first = load_ruleset()                      # parses every YAML file and stores it
    entries = sorted(cache.glob("*.marshal"))
    assert len(entries) >= len(list(default_rules_dir().rglob("*.yaml"))) - 1
    second = load_ruleset()                     # reads the stored parses
    assert _summary(second) == _summary(first) and second.packs.keys() == first.packs.keys()


def test_a_damaged_entry_is_parsed_again(cache):
    load_ruleset()
    for entry in cache.glob("*.marshal"):
        entry.write_bytes(b"\x00garbage")
    assert _summary(load_ruleset()) == _summary(load_ruleset(default_rules_dir()))


def test_an_edited_pack_is_never_read_from_the_cache(cache, tmp_path):
    """A rule pack edited after it was cached is read as it is now (the entry's name is the
    file's content hash), and a broken edit is reported, not masked by the old parse."""
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root)
    load_ruleset(root)
    sources = root / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n  : [unclosed\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="sources.yaml"):
        load_ruleset(root)


def test_an_unwritable_cache_folder_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(blocker))     # the folder cannot be created
    assert _summary(load_ruleset()) == _summary(load_ruleset())
    assert parsed_cache.get(b"anything") is parsed_cache.MISS
