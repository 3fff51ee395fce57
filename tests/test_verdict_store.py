"""Stored verdicts (``app.verdict_store``): a card opened again is underlined by the checker
process before its checker is built, with exactly the findings a fresh judge gives; any
change to what a verdict depends on misses the store; a damaged or unwritable store only
means the card is judged as before."""
from __future__ import annotations

import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

import app.verdict_store as verdict_store
from app.checkproc import CheckerProcess
from app.model.document import Ignore
from app.model.elements import RectElement, TextBox
from app.model.templates import list_templates, new_from_template
from app.verdict import Verdict, checker_for, judge_snapshot, snapshot
from app.verdict_store import VerdictStore, engine_digest


def _set(doc, name: str, text: str):
    (el,) = [e for _s, e in doc.elements() if e.name == name and isinstance(e, TextBox)]
    doc.set_text(el.id, text)
    return doc


def _gift_in_the_footer():
    doc = _set(new_from_template("thank-you"), "body", "Please leave a review on Amazon.")
    return _set(doc, "footer", "Then claim your free gift!")


def _star_rectangle():
    doc = _set(new_from_template("thank-you"), "body",
               "If you have a moment, we would appreciate your honest review on Amazon.")
    doc.add_element("front", RectElement(name="five stars", x=180, y=200, w=80, h=16))
    return doc


def _five_star_request():
    return _set(new_from_template("thank-you"), "body", "Love your new lamp? Please leave us a 5-star review on Amazon!")


CARDS = {**{t.id: (lambda t=t.id: new_from_template(t)) for t in list_templates()},
         "gift-in-the-footer": _gift_in_the_footer, "star-rectangle": _star_rectangle,
         "five-star-request": _five_star_request}


def _full(verdict: Verdict) -> list:
    """Everything a finding shows, ``extra`` included (Verdict equality leaves it out)."""
    return [(f, f.extra) for f in verdict.findings] + [verdict.errors, verdict.warnings]


@pytest.fixture
def store(tmp_path) -> VerdictStore:
    return VerdictStore(tmp_path / "verdicts")


@pytest.mark.parametrize("name", sorted(CARDS))
def test_a_stored_verdict_is_the_fresh_one(name, store):
    snap = snapshot(CARDS[name]())
    fresh = judge_snapshot(snap, checker_for("amazon"))
    assert store.get(snap, "amazon") is None
    store.put(snap, "amazon", (), fresh)
    stored = store.get(snap, "amazon")
    assert stored == fresh and _full(stored) == _full(fresh)
    if name in ("gift-in-the-footer", "star-rectangle", "five-star-request"):
        assert stored.errors > 0       # the violating cards cannot pass on silence


def test_any_change_to_what_a_verdict_depends_on_misses(store):
    doc = _gift_in_the_footer()
    snap = snapshot(doc)
    store.put(snap, "amazon", ("CW999",), judge_snapshot(snap, checker_for("amazon"), disabled=("CW999",)))
    assert store.get(snap, "amazon", ["CW999"]) is not None
    assert store.get(snap, "walmart", ["CW999"]) is None                # another profile
    assert store.get(snap, "amazon", ()) is None                        # other disabled rules
    body = [e for _s, e in doc.elements() if e.name == "body"][0]
    doc.set_text(body.id, "Please leave a review on Amazon!")
    assert store.get(snapshot(doc), "amazon", ["CW999"]) is None        # the card's text
    doc.set_text(body.id, "Please leave a review on Amazon.")
    assert store.get(snapshot(doc), "amazon", ["CW999"]) is not None    # back as it was
    doc.ignores.append(Ignore(rule="CW101", element_id=body.id, text="review"))
    assert store.get(snapshot(doc), "amazon", ["CW999"]) is None        # an ignore


def test_the_engine_digest_follows_rule_packs_code_and_build(monkeypatch, tmp_path):
    from checks.resources import resources_root

    base = engine_digest()
    sources = [p.name for p in verdict_store._source_files()]
    assert {"engine.py", "nlp.py", "rules.py", "verdict.py", "checkproc.py"} <= set(sources)

    copy = tmp_path / "resources"
    shutil.copytree(resources_root(), copy)
    monkeypatch.setenv("CARDWISE_RESOURCES", str(copy))
    monkeypatch.setattr(verdict_store, "_ENGINE", None)
    assert resources_root() == copy and engine_digest() == base      # the same packs
    pack = sorted((copy / "rules").rglob("*.yaml"))[0]
    pack.write_bytes(pack.read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(verdict_store, "_ENGINE", None)
    edited_pack = engine_digest()
    assert edited_pack != base
    weights = sorted((copy / "models").rglob("model"))
    if weights:                                  # a retrained model: new weights, a new mtime
        os.utime(weights[0], ns=(weights[0].stat().st_atime_ns, weights[0].stat().st_mtime_ns + 10**9))
        monkeypatch.setattr(verdict_store, "_ENGINE", None)
        assert engine_digest() not in (base, edited_pack)

    code = tmp_path / "engine.py"
    code.write_text("x = 1\n")
    monkeypatch.setattr(verdict_store, "_source_files", lambda: [code])
    monkeypatch.setattr(verdict_store, "_ENGINE", None)
    one = engine_digest()
    code.write_text("x = 2\n")
    monkeypatch.setattr(verdict_store, "_ENGINE", None)
    assert engine_digest() != one                                      # the checker's code

    exe = tmp_path / "cardwise"                  # the frozen bundle: keyed on its executable
    exe.write_bytes(b"build 1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(verdict_store, "_ENGINE", None)
    first_build = engine_digest()
    os.utime(exe, ns=(1, 1_000_000_000))
    monkeypatch.setattr(verdict_store, "_ENGINE", None)
    assert engine_digest() != first_build
    monkeypatch.setattr(verdict_store, "_ENGINE", None)


def test_a_damaged_or_foreign_entry_is_a_miss(store):
    snap = snapshot(_five_star_request())
    fresh = judge_snapshot(snap, checker_for("amazon"))
    store.put(snap, "amazon", (), fresh)
    (entry,) = store.folder.glob("*.verdict")
    good = entry.read_bytes()
    entry.write_bytes(good[:-10])                                   # cut short
    assert store.get(snap, "amazon") is None
    entry.write_bytes(good[:40] + bytes([good[40] ^ 1]) + good[41:])  # one bit flipped
    assert store.get(snap, "amazon") is None

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo never",))

    import hashlib
    blob = pickle.dumps(Evil(), protocol=4)                          # a valid digest, a foreign class
    entry.write_bytes(hashlib.sha256(blob).digest() + blob)
    assert store.get(snap, "amazon") is None
    store.put(snap, "amazon", (), fresh)                             # written whole again
    assert _full(store.get(snap, "amazon")) == _full(fresh)


def test_a_provisional_verdict_is_never_stored(store):
    """A verdict judged with ``deep=False`` while the sentence encoder had sentences to read
    is not kept (nor read back, should one be there): a stored verdict is always a deep one."""
    import hashlib
    from dataclasses import replace

    snap = snapshot(_gift_in_the_footer())
    fresh = judge_snapshot(snap, checker_for("amazon"))
    store.put(snap, "amazon", (), replace(fresh, provisional=True))
    assert store.get(snap, "amazon") is None and not list(store.folder.glob("*.verdict"))
    store.put(snap, "amazon", (), fresh)
    assert _full(store.get(snap, "amazon")) == _full(fresh)
    (entry,) = store.folder.glob("*.verdict")
    blob = pickle.dumps(replace(fresh, provisional=True), protocol=4)   # written by some other code
    entry.write_bytes(hashlib.sha256(blob).digest() + blob)
    assert store.get(snap, "amazon") is None


def test_an_unwritable_store_is_silent(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    store = VerdictStore(blocked / "verdicts")
    snap = snapshot(_gift_in_the_footer())
    store.put(snap, "amazon", (), judge_snapshot(snap, checker_for("amazon")))   # no error
    assert store.get(snap, "amazon") is None


def test_the_folder_keeps_the_most_recent_entries(tmp_path):
    store = VerdictStore(tmp_path / "verdicts", max_entries=3)
    checker = checker_for("amazon")
    doc = _gift_in_the_footer()
    body = [e for _s, e in doc.elements() if e.name == "body"][0]
    snaps = []
    for i in range(5):
        doc.set_text(body.id, f"Please leave a review on Amazon, number {i}.")
        snap = snapshot(doc)
        snaps.append(snap)
        store.put(snap, "amazon", (), judge_snapshot(snap, checker))
        os.utime(store.folder / (store.key(snap, "amazon") + ".verdict"), ns=(i * 10**9, i * 10**9))
    assert len(list(store.folder.glob("*.verdict"))) == 3
    assert store.get(snaps[0], "amazon") is None and store.get(snaps[4], "amazon") is not None


def test_a_card_opened_again_is_judged_before_the_checker_is_built(monkeypatch, tmp_path):
    """The designer's checker process: the first judge of a card stores its verdict; the next
    process answers the same card from the store while it is still building its checker, with
    the same findings; a changed card waits for the checker. A store it cannot write to
    changes nothing but the wait."""
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path / "cache"))
    snap = snapshot(_gift_in_the_footer())
    want = judge_snapshot(snap, checker_for("amazon"))

    first = CheckerProcess()
    try:
        assert _full(first.judge(snap, "amazon")) == _full(want)
    finally:
        first.close()
    assert list((tmp_path / "cache" / "verdicts").glob("*.verdict"))

    again = CheckerProcess()
    try:
        got = again.judge(snap, "amazon")
        assert again._ready_profile is None, "answered after the build, not from the store"
        assert _full(got) == _full(want)
        other = snapshot(_five_star_request())
        assert _full(again.judge(other, "amazon")) == _full(judge_snapshot(other, checker_for("amazon")))
        assert again._ready_profile == "amazon"
    finally:
        again.close()

    (tmp_path / "blocked").write_text("not a folder")
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path / "blocked"))
    blocked = CheckerProcess()
    try:
        assert _full(blocked.judge(snap, "amazon")) == _full(want)
    finally:
        blocked.close()
