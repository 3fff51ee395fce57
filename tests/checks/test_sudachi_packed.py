"""The frozen bundle ships the Japanese dictionary gzip-compressed and unpacks it once into the
user's cache folder (checks.nlp.unpack_dictionary); here with a small stand-in file."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from checks import nlp
from checks.errors import ChecksError

DATA = bytes(range(256)) * 4096  # 1 MiB


def _packed(tmp_path: Path, data: bytes = DATA) -> Path:
    packed = tmp_path / "pkg" / "resources" / nlp.PACKED_DICTIONARY
    packed.parent.mkdir(parents=True)
    packed.write_bytes(gzip.compress(data))
    return packed


def test_unpacks_once_and_reuses_the_file(tmp_path):
    packed = _packed(tmp_path)
    folder = tmp_path / "cache" / "sudachi"
    first = nlp.unpack_dictionary(packed, folder, "sudachidict_small")
    assert first.read_bytes() == DATA and first.parent == folder
    os.utime(first, (1, 1))
    again = nlp.unpack_dictionary(packed, folder, "sudachidict_small")
    assert again == first and again.stat().st_mtime == 1  # not written again
    assert sorted(p.name for p in folder.iterdir()) == [first.name]  # no temporary file left


def test_a_truncated_copy_is_unpacked_again(tmp_path):
    packed = _packed(tmp_path)
    folder = tmp_path / "cache"
    target = nlp.unpack_dictionary(packed, folder, "sudachidict_small")
    target.write_bytes(DATA[:1000])  # a crash or a full disk left half a dictionary
    assert nlp.unpack_dictionary(packed, folder, "sudachidict_small").read_bytes() == DATA


def test_a_new_dictionary_replaces_the_old_copy(tmp_path):
    folder = tmp_path / "cache"
    old = nlp.unpack_dictionary(_packed(tmp_path / "v1"), folder, "sudachidict_small")
    new = nlp.unpack_dictionary(_packed(tmp_path / "v2", DATA[::-1]), folder, "sudachidict_small")
    assert new != old and not old.exists() and new.read_bytes() == DATA[::-1]


def test_an_unwritable_cache_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ChecksError, match="cannot unpack the Japanese dictionary into .*not-a-folder"):
        nlp.unpack_dictionary(_packed(tmp_path), blocker / "sudachi", "sudachidict_small")


def test_an_installed_dictionary_package_is_opened_by_name():
    """Checkout and wheel: the edition's package holds system.dic, nothing is unpacked."""
    assert nlp.sudachi_dictionary() == nlp.SUDACHI_DICT


def test_a_package_with_the_packed_copy_is_unpacked_into_the_cache(tmp_path, monkeypatch):
    """The frozen bundle's layout: <package>/resources/system.dic.gz only."""
    import importlib.machinery
    import importlib.util

    packed = _packed(tmp_path)
    spec = importlib.machinery.ModuleSpec(f"sudachidict_{nlp.SUDACHI_DICT}", None, is_package=True)
    spec.submodule_search_locations = [str(packed.parent.parent)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path / "cache"))
    opened = Path(nlp.sudachi_dictionary())
    assert opened.parent == tmp_path / "cache" / "sudachi" and opened.read_bytes() == DATA
