"""The runner: input order, isolation (crash, hang, memory), discovery and the results cache."""
from __future__ import annotations

import os

import pytest
import signal
import time

from checks.findings import FileResult

from app.batch.analyze import CheckOptions
from app.batch.runner import BatchRunner, Entry, discover, process


def _hostile_work(entry: Entry, opts: CheckOptions) -> FileResult:
    """Stands in for a native decoder that segfaults, hangs or eats memory on one file."""
    name = os.path.basename(entry.path)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("hang"):
        time.sleep(30)
    if name.startswith("hog"):
        blob = bytearray(8 * 1024 ** 3)  # 8 GiB: above the worker's address-space budget
        return FileResult(entry.shown, findings=[], text=str(len(blob)))
    return FileResult(entry.shown, text=name)


def _files(tmp_path, names):
    for n in names:
        (tmp_path / n).write_text("x")
    return [str(tmp_path / n) for n in names]


def test_crash_hang_and_memory_hog_each_become_an_error_and_the_batch_goes_on(tmp_path):
    """A segfaulting, a hanging and a memory-hungry file get errors; the files around them are checked."""
    paths = _files(tmp_path, ["a.pdf", "crash.pdf", "b.pdf", "hang.pdf", "hog.pdf", "c.pdf"])
    runner = BatchRunner(CheckOptions(), jobs=2, timeout=1.5, memory=512 * 1024 ** 2, work=_hostile_work)
    results = runner.run(discover(paths).entries)
    assert [r.path for r in results] == paths  # input order
    by = {os.path.basename(r.path): r for r in results}
    assert "crashed" in by["crash.pdf"].error and "SIGSEGV" in by["crash.pdf"].error
    assert "longer than 1.5 s" in by["hang.pdf"].error
    assert "needed more memory" in by["hog.pdf"].error
    for ok in ("a.pdf", "b.pdf", "c.pdf"):
        assert by[ok].error is None and by[ok].text == ok


def test_missing_and_special_paths_get_errors_in_place(tmp_path):
    """A missing path and a FIFO are reported where they were given, between checked files."""
    good = tmp_path / "card.txt"
    good.write_text("Thank you for your order.")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found = discover([str(tmp_path / "nope.pdf"), str(good), str(fifo)])
    assert [e.error is not None for e in found.entries] == [True, False, True]
    assert "no such file" in found.entries[0].error
    assert "not a regular file" in found.entries[2].error


def test_folders_are_recursive_sorted_and_skip_hidden_and_unknown_files(tmp_path):
    """A folder yields its cards in sorted order from sub-folders, not hidden or unsupported files."""
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["b/2.pdf", "a.txt", "b/1.png", ".git/x.txt", ".hidden.txt", "notes.xlsx"]:
        (tmp_path / rel).write_text("x")
    found = discover([str(tmp_path)])
    assert [os.path.relpath(e.path, tmp_path) for e in found.entries] == ["a.txt", "b/1.png", "b/2.pdf"]
    assert found.skipped == 1


def test_cache_makes_a_rerun_skip_unchanged_files_and_notices_changes(tmp_path, checker):
    """A re-run serves unchanged files from the cache; an edited file is checked again."""
    from app.batch.cache import ResultCache

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Leave a review and get a free gift!")
    b.write_text("Thank you for choosing us.")
    db = tmp_path / "cache.sqlite3"
    with ResultCache(db) as cache:
        first = BatchRunner(CheckOptions(), cache=cache).run(discover([str(a), str(b)]).entries)
        assert (cache.hits, cache.misses) == (0, 2)
    b.write_text("Thank you! Get a free gift for a 5-star review.")
    with ResultCache(db) as cache:
        second = BatchRunner(CheckOptions(), cache=cache).run(discover([str(a), str(b)]).entries)
        assert (cache.hits, cache.misses) == (1, 1)
    assert [f.rule for f in second[0].findings] == [f.rule for f in first[0].findings]
    assert second[0].findings and second[1].findings and not first[1].findings


def test_cache_key_changes_with_profile_and_ignores(tmp_path, checker):
    """Results cached under one profile or ignore list are not served to another."""
    from app.batch.cache import ResultCache

    a = tmp_path / "a.txt"
    a.write_text("Leave a review and get a free gift!")
    with ResultCache(tmp_path / "c.sqlite3") as cache:
        BatchRunner(CheckOptions(), cache=cache).run(discover([str(a)]).entries)
        r = BatchRunner(CheckOptions(ignore=("review-incentive",)), cache=cache).run(discover([str(a)]).entries)
        assert cache.hits == 0
    assert all(str(f.category) != "review-incentive" for f in r[0].findings)


def test_text_files_and_stdin_run_in_process_in_input_order(tmp_path, checker):
    """Plain text inputs and stdin are checked without a pool, results in input order."""
    a = tmp_path / "a.txt"
    a.write_text("Thank you for your purchase.")
    found = discover([str(a), "-"], stdin=b"Leave a review and get a free gift!")
    runner = BatchRunner(CheckOptions())
    results = runner.run(found.entries)
    assert [r.path for r in results] == [str(a), "<stdin>"]
    assert runner.stats["workers"] == 0
    assert not results[0].findings and results[1].findings


def test_process_reports_reader_errors_as_the_file_error(tmp_path, checker):
    """process() never raises for a bad file: the reason lands in FileResult.error."""
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg><text>unclosed")
    r = process(Entry(0, str(bad), str(bad)), CheckOptions())
    assert r.error and "not a well-formed SVG" in r.error


def test_unreadable_file_reports_permission_denied(tmp_path, monkeypatch, checker):
    """A file the user may not read gets 'permission denied' (root cannot chmod it away, so open() is refused here)."""
    import builtins

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"%PDF-1.7")
    real_open = builtins.open

    def guarded(path, *a, **kw):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    monkeypatch.setattr(builtins, "open", guarded)
    r = process(Entry(0, str(locked), str(locked)), CheckOptions())
    assert r.error and "permission denied" in r.error


def test_cache_fingerprint_follows_the_trained_models(tmp_path, monkeypatch):
    """Switching a model's category off (its description) or retraining it (new weights) is a
    new fingerprint, so `cardwise check` does not serve results of the old model."""
    import json
    import os
    import shutil

    from app.batch import cache as cache_mod
    from app.paths import resources_dir

    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    monkeypatch.setenv("CARDWISE_RESOURCES", str(copy))
    monkeypatch.setattr(cache_mod, "_fingerprint", None)
    base = cache_mod.engine_fingerprint()
    descriptions = sorted((copy / "models").glob("textcat-*/cardwise.json"))
    if not descriptions:
        pytest.skip("no trained model is shipped")
    meta = json.loads(descriptions[0].read_text(encoding="utf-8"))
    meta["thresholds"]["review-positive"] = 1.01
    descriptions[0].write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(cache_mod, "_fingerprint", None)
    switched = cache_mod.engine_fingerprint()
    assert switched != base
    weights = descriptions[0].parent / "textcat_multilabel" / "model"
    st = weights.stat()
    os.utime(weights, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    monkeypatch.setattr(cache_mod, "_fingerprint", None)
    assert cache_mod.engine_fingerprint() not in (base, switched)
