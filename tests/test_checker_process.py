"""The designer's checker process (``app.checkproc``): same verdict as in-process, survives
a crash of the child, ends with the designer.

One child process serves the whole module (starting one costs about a second of CPU)."""
from __future__ import annotations

import os

import pytest

from app.checkproc import CheckerProcess, CheckerProcessError, ProcessJudge, serve as _serve
from app.model.document import Document
from app.model.elements import QrElement, TextBox
from app.model.geometry import CardSpec
from app.verdict import LocalJudge, checker_for, snapshot


def _card() -> Document:
    doc = Document.new(CardSpec.from_preset("4x6in"))
    doc.add_element("front", TextBox.from_text("Thank you for your order! Please leave a review on Amazon.",
                                               x=10, y=10, w=200, h=40))
    doc.add_element("front", TextBox.from_text("Then claim your free gift at www.example-shop.com",
                                               x=10, y=60, w=200, h=40))
    doc.add_element("back", QrElement(payload="https://example-shop.com/vip-signup", x=10, y=10, w=60, h=60))
    return doc


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory):
    """The children store verdicts (app.verdict_store): in a folder of this module's own."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CARDWISE_CACHE_DIR", str(tmp_path_factory.mktemp("checker-cache")))
        yield


@pytest.fixture(scope="module")
def process(_private_cache):
    proc = CheckerProcess()
    yield proc
    proc.close()


def _keys(verdict):
    return [(f.rule, f.element_id, f.start, f.end, str(f.severity)) for f in verdict.findings]


def test_the_process_gives_the_in_process_verdict(process):
    """A card's wording across two boxes, and its QR code, judged in the child: the very
    findings the export gate and `cardwise check` get in-process."""
    snap = snapshot(_card())
    remote = ProcessJudge(process, "amazon")
    remote.warm()
    got = remote.judge(snap)
    want = LocalJudge(checker_for("amazon")).judge(snap)
    assert got == want
    assert {str(f.category) for f in got.findings} >= {"review-incentive", "external-link"}
    assert got.errors > 0


def test_another_profile_and_disabled_rules(process):
    snap = snapshot(_card())
    want = LocalJudge(checker_for("walmart")).judge(snap, ["review-incentive"])
    got = ProcessJudge(process, "walmart").judge(snap, ["review-incentive"])
    assert _keys(got) == _keys(want)
    assert not any(str(f.category) == "review-incentive" for f in got.findings)


class _Crash:
    """Unpickled in the child, ends it at once: a native crash in the middle of a check."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_a_crash_of_the_child_is_an_error_and_the_next_check_works(process):
    judge = ProcessJudge(process, "amazon")
    with pytest.raises(CheckerProcessError, match="exit code 3"):
        process.judge(_Crash(), "amazon")
    restarts = process.restarts
    verdict = judge.judge(snapshot(_card()))       # a fresh child answers
    assert verdict.errors > 0 and process.restarts == restarts and process.is_alive()


def test_a_bad_request_is_answered_not_fatal(process):
    with pytest.raises(CheckerProcessError, match="AttributeError"):
        process.judge(object(), "amazon")          # not a snapshot: the child reports, stays up
    assert process.is_alive()
    assert ProcessJudge(process, "amazon").judge(snapshot(_card())).errors > 0


def test_close_ends_the_child():
    proc = CheckerProcess()
    pid = proc.pid
    proc.close()
    assert not proc.is_alive()
    with pytest.raises(CheckerProcessError, match="closed"):
        proc.judge(snapshot(_card()), "amazon")
    assert not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z"


def test_forked_and_spawned_children_give_the_same_verdict(monkeypatch):
    """The designer forks its checker when it has no other thread yet (Linux) and spawns it
    otherwise: either child judges the card exactly as the checker in this process does."""
    import app.checkproc as checkproc

    snap = snapshot(_card())
    want = LocalJudge(checker_for("amazon")).judge(snap)
    # forked only while this process has one thread (a test that built Qt's windows has more)
    methods = ["spawn"] + (["fork"] if checkproc.start_method() == "fork" else [])
    for method in methods:
        monkeypatch.setattr(checkproc, "start_method", lambda method=method: method)
        proc = CheckerProcess()
        try:
            assert proc.start_method == method
            assert proc.judge(snap, "amazon") == want
        finally:
            proc.close()


def test_a_process_with_other_threads_spawns_its_checker():
    """Forking copies only the calling thread (a lock another thread holds would stay locked
    in the child): once any other thread runs, as Qt's do after the window is built, a
    (re)started checker is spawned."""
    import threading

    from app.checkproc import start_method

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        worker.join()
    if os.path.isdir("/proc/self/task") and len(os.listdir("/proc/self/task")) == 1:
        assert start_method() == "fork"


def test_the_designer_underlines_through_the_process(qtbot, tmp_path, process):
    """The designer as `cardwise` starts it: its live check judges in the child process and
    the card's violating sentence is underlined and listed."""
    from PySide6.QtCore import QSettings

    from app.checkproc import judge_factory
    from app.ui.application import EXTENSIONS, build_window

    doc = _card()
    win = build_window(doc, qsettings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat),
                       data_dir=tmp_path / "data", extensions=EXTENSIONS, judge_factory=judge_factory(process))
    qtbot.addWidget(win)
    win.files.maybe_save = lambda *a, **k: True
    win.show()
    service = win.live_check
    qtbot.waitUntil(lambda: service.applied_generation > 0, timeout=60000)
    assert isinstance(service.checker, ProcessJudge)
    footer = doc.front.elements[1]
    item = win.scene.item_for(footer.id)
    assert any(sev == "error" for *_span, sev in item.underlines())
    assert win.live_presenter.light.state == "error"
    win.shutdown()



def test_the_child_ends_when_the_designer_dies(tmp_path):
    """A designer that crashes (no close, no quit) closes its end of the pipe: the checker
    process, forked or spawned, reads the end and exits instead of living on."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    code = (f"import sys, os; sys.path.insert(0, {str(root)!r})\n"
            "from app.checkproc import CheckerProcess\n"
            "p = CheckerProcess(); p.wait_ready(); print(p.pid, p.start_method, flush=True); os._exit(9)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=root)
    pid, method = out.stdout.split()
    assert method == "fork" or not sys.platform.startswith("linux")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] if os.path.exists(f"/proc/{pid}") else "X"
        if state == "Z":
            break
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] == "Z"


def test_judging_a_snapshot_needs_no_card_model():
    """The checker process judges snapshots, not documents: it gives the in-process findings
    without importing the card model (app.model), which would only lengthen its start."""
    import pickle
    import subprocess
    import sys
    from pathlib import Path

    snap = snapshot(_card())
    code = ("import pickle, sys\n"
            "from app.verdict import checker_for, judge_snapshot\n"
            "snap = pickle.loads(sys.stdin.buffer.read())\n"
            "v = judge_snapshot(snap, checker_for('amazon'))\n"
            "sys.stdout.buffer.write(pickle.dumps(([(f.rule, f.element_id, f.start, f.end) for f in v.findings],\n"
            "    sorted(m for m in sys.modules if m.startswith('app.model')))))\n")
    out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(snap), capture_output=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    findings, model_modules = pickle.loads(out.stdout)
    want = LocalJudge(checker_for("amazon")).judge(snap)
    assert findings == [(f.rule, f.element_id, f.start, f.end) for f in want.findings] != []
    assert model_modules == []


def test_work_done_while_waiting_that_fails_leaves_the_next_reply_in_order(process):
    """The designer makes its own imports while a verdict is computed; if that work raised,
    the verdict is still read off the pipe, so the next card is not given this one's."""
    doc = _card()
    first = snapshot(doc)
    doc.add_element("front", TextBox.from_text("Email us at help@example-shop.com for a refund",
                                               x=10, y=110, w=200, h=40))
    second = snapshot(doc)

    def fails():
        raise RuntimeError("preparation failed")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(process._conn, "poll", lambda timeout=0.0: False)   # as if the verdict were slow to come
        with pytest.raises(RuntimeError, match="preparation failed"):
            process.judge(first, "amazon", while_waiting=fails)
    got = process.judge(second, "amazon")
    assert got == LocalJudge(checker_for("amazon")).judge(second)
    assert got != LocalJudge(checker_for("amazon")).judge(first)


def _serve_with_unread_sentences(conn, profile, langs, designer_end=None):
    """The child's loop (``app.checkproc.serve``), storing after 0.1 s of quiet instead of a
    second. A new child's sentence encoder has read none of the card, so a judge with
    ``deep=False`` comes back provisional."""
    import app.checkproc as checkproc

    checkproc.STORE_AFTER_S = 0.1
    _serve(conn, profile, langs, designer_end)


def test_deep_reaches_the_child_and_a_provisional_verdict_is_never_stored(monkeypatch, tmp_path):
    """``deep`` goes over the pipe to ``judge_snapshot``: a keystroke's judge (``deep=False``)
    comes back provisional, a deep one whole. The child stores the deep verdict, never a
    provisional one (not after a pause, not when the designer closes); the next child answers
    a ``deep=False`` request for the stored card before its checker is built, as a whole
    verdict."""
    import time

    import app.checkproc as checkproc
    from app.verdict_store import VerdictStore

    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(checkproc, "serve", _serve_with_unread_sentences)
    store = VerdictStore(tmp_path / "cache" / "verdicts")
    doc = _card()
    opened = snapshot(doc)
    doc.add_element("front", TextBox.from_text("Email us for a refund", x=10, y=110, w=200, h=40))
    typed = snapshot(doc)
    want = LocalJudge(checker_for("amazon")).judge(opened)

    proc = CheckerProcess()
    try:
        quick = proc.judge(opened, "amazon", deep=False)
        assert quick.provisional and set(quick.findings) <= set(want.findings)
        time.sleep(0.5)                                  # a pause: nothing whole to store yet
        assert store.get(opened, "amazon") is None
        whole = ProcessJudge(proc, "amazon").judge(opened)             # deep by default
        assert whole == want and not whole.provisional
        deadline = time.monotonic() + 10
        while store.get(opened, "amazon") is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.get(opened, "amazon") == want
        assert ProcessJudge(proc, "amazon").judge(typed, deep=False).provisional
        time.sleep(0.5)                                  # a pause after a provisional verdict
    finally:
        proc.close()                                     # ... and the designer closing
    assert store.get(typed, "amazon") is None
    assert not list(store.folder.glob("*.verdict"))[1:], "more than the deep verdict was stored"

    again = CheckerProcess()
    try:
        got = again.judge(opened, "amazon", deep=False)
        assert again._ready_profile is None, "answered after the build, not from the store"
        assert got == want and not got.provisional
    finally:
        again.close()
