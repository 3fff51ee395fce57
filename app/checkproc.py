"""The designer's checker in a process of its own.

The compliance checker needs about a second of CPU before it can judge anything (importing
spaCy, loading the rule packs, building the pipelines and matchers), and every check holds
Python's GIL. In the designer's process that second would be spent either before the window
appears or, on a thread, fighting the window for the GIL; and each check would make the
keystroke that caused it wait. So the designer starts :class:`CheckerProcess` as the very
first thing it does, before Qt is imported: a child process (``multiprocessing``; forked
on Linux while the designer has no other thread yet, which spares the child a second
interpreter start-up and the imports the designer already made; spawned elsewhere and for a
restart once Qt's threads run: see :func:`start_method`. The frozen bundle's entry points
call ``freeze_support`` for the spawned case) that imports the checker, builds and warms it for the default profile
while the parent builds the window on the other core, then judges card snapshots sent over
a pipe. The child calls exactly the function the designer would call in-process,
:func:`app.verdict.judge_snapshot`, with :func:`app.verdict.checker_for` — one verdict.

* :class:`ProcessJudge` is the :class:`app.verdict.Judge` the live-check service and the
  export dialog use: ``judge(snapshot, disabled, deep)`` → :class:`~app.verdict.Verdict`.
  ``deep=False`` (the designer while the user types) reaches ``judge_snapshot`` in the child
  as it is; the verdict may then be ``provisional``, and a provisional verdict is never
  stored (see :func:`serve`).
* A child that dies (a crash in a native library on a hostile text, the OOM killer) is
  restarted for the next request; the request that killed it raises
  :class:`CheckerProcessError` with the exit code — the status light says so — instead of
  taking the designer down with it.
* The child ends when the designer does: it exits when the pipe's other end closes (also
  after a crash of the designer), and :meth:`CheckerProcess.close` asks it to.

Qt-free (the layers contract in ``pyproject.toml`` puts this module between the batch checker
and the verdict).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import sys
import threading
import traceback
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:   # the parent starts the child before it needs these (~0.07 s of imports)
    from app.verdict import CardSnapshot, Verdict

#: the marketplace profile the child builds its checker for before any request
DEFAULT_PROFILE = "amazon"
#: The child's scheduling priority, relative to the designer's. Both start together and each
#: needs about a second of CPU; when something else also wants a core, the window the user
#: is waiting for should get it first (the underlines follow it anyway).
NICENESS = 5
#: Seconds without a new request after which the child stores the last verdict it gave
#: (``app.verdict_store``): the card state the user stopped at, opened or saved.
STORE_AFTER_S = 1.0
#: A stored verdict comes back within a few milliseconds of the request; a reply that takes
#: longer than this is being computed (the child is still building its checker): time this
#: process may spend on its own preparations (:meth:`CheckerProcess.judge`'s ``while_waiting``)
REPLY_SOON_S = 0.05


class CheckerProcessError(RuntimeError):
    """The checker process could not be started, failed to build a checker, or died."""


# ------------------------------------------------------------------------------ the child
def serve(conn, profile: str, langs: Sequence[str], designer_end=None) -> None:
    """The child's main loop: build and warm the checker for ``profile``, say ``ready``,
    then answer requests until the pipe closes or ``("quit",)`` arrives.

    Requests: ``("judge", profile, snapshot, disabled, deep)`` → ``("ok", verdict)`` or
    ``("error", traceback text)``; ``("warm", profile, langs)`` → ``("ok", None)``.

    Requests are read by a thread of their own from the start, so they may come before
    ``ready``: while the checker is still being built, a judge request for a card state in
    the :class:`app.verdict_store.VerdictStore` is answered from it at once (the first
    underlines of a card opened again do not wait for spaCy); any other request waits for
    the checker. The verdict of the card as it was opened (the first judge) is stored at
    once, after its reply; later ones when no request follows for :data:`STORE_AFTER_S`
    (the user stopped typing, or saved the card) and when the designer closes. Only deep
    verdicts are stored: a ``provisional`` one (``deep=False`` while the sentence encoder
    had sentences left to read) lacks what the encoder may still find, so it is never kept
    (the last deep verdict stays the one to store). A stored verdict is always a deep one,
    so it answers a ``deep=False`` request too (``provisional`` False).

    ``designer_end``: in a forked child, its copy of the designer's end of the pipe, closed
    here first: while it is open the child would never read the end of the pipe, and would
    outlive a designer that crashed."""
    if designer_end is not None:
        designer_end.close()
    try:   # the window the user waits for comes first when the cores are busy (see NICENESS)
        os.nice(NICENESS)
    except OSError:
        pass
    # Building the checker allocates a few hundred thousand objects that live as long as the
    # process (spaCy's modules, the vocabulary, the packs' tables); the cyclic garbage
    # collector would walk them again and again while they are made (~0.3 s of a ~1.4 s
    # start). It is off while they are made; then they are frozen (moved out of the
    # collector's sight: later collections, during checks, do not walk them either) and it
    # is on again for the checks.
    gc.disable()
    # the regular expressions this start compiles (the checks package's, the packs', spaCy's)
    # made from the programs the previous start stored, their literal requirements too
    # (the memos are computed by checks/literals.py, checks/segments.py and checks/engine.py:
    # their sources name the entry; the engine is not imported yet, its detectors' expressions
    # are seeded too)
    from importlib.util import find_spec
    from types import SimpleNamespace

    from checks import literals, parsed_cache, regex_cache, segments

    engine_spec = find_spec("checks.engine")
    code = parsed_cache.source_digest(literals, segments,
                                      SimpleNamespace(__file__=engine_spec.origin if engine_spec else None))
    seeded = (regex_cache.seed("checker-start", code + repr((profile, tuple(langs))).encode(),
                               {"requirements": (literals.MEMO, literals.valid_requirements),
                                "line-local": (literals.LINE_LOCAL, lambda v: isinstance(v, bool)),
                                "pieces": (segments.STOPS, segments.valid_stops)})
              if code is not None else None)
    from app.verdict import checker_for, judge_snapshot
    from app.verdict_store import VerdictStore, engine_digest

    store = VerdictStore()
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    send_lock = threading.Lock()
    built = threading.Event()

    def send(message: tuple) -> bool:
        with send_lock:
            try:
                conn.send(message)
                return True
            except (BrokenPipeError, OSError):
                return False

    def read() -> None:
        try:
            engine_digest()          # now, while nothing is asked: the first look-up is quick
        except OSError:
            pass
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):      # the designer is gone
                inbox.put(None)
                return
            except Exception:  # noqa: BLE001 - a request that cannot be read is answered, not fatal
                inbox.put(("unreadable", traceback.format_exc(limit=4)))
                continue
            if request[0] == "judge" and not built.is_set():
                stored = store.get(request[2], request[1], request[3])
                if stored is not None:
                    send(("ok", stored))
                    continue
            inbox.put(request)
            if request[0] == "quit":
                return

    threading.Thread(target=read, name="cardwise-checker-requests", daemon=True).start()
    try:
        checker = checker_for(profile)
        checker.warm(tuple(langs), check=False)
        if inbox.empty():    # nothing asked yet: warm with a short check until something is
            checker.warm(tuple(langs))
        # else the card waiting to be judged is the first check: a warming check before it
        # would only delay its underlines (~0.05 s of CPU)
    except Exception as exc:  # noqa: BLE001 - reported to the designer, which shows it
        send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    finally:
        gc.freeze()
        gc.enable()
    built.set()
    send(("ready", checker.profile.name))
    if seeded is not None and inbox.empty():    # nothing to answer first
        seeded()
        seeded = None
    unstored = None              # (snapshot, profile, disabled, verdict) of the last judge
    opened = True                # the first judge is of the card as it was opened
    while True:
        try:
            request = inbox.get(timeout=STORE_AFTER_S if unstored is not None else None)
        except queue.Empty:      # the user stopped at this card state: keep its verdict
            store.put(*unstored)
            unstored = None
            continue
        if request is None or request[0] == "quit":
            if unstored is not None:
                store.put(*unstored)
            if seeded is not None:
                seeded()
            return
        kind = request[0]
        try:
            if kind == "judge":
                _kind, prof, snap, disabled, deep = request
                verdict = judge_snapshot(snap, checker_for(prof), disabled=disabled, deep=deep)
                reply = ("ok", verdict)
                if not verdict.provisional:      # never kept: the encoder has more to read
                    unstored = (snap, prof, disabled, verdict)
            elif kind == "warm":
                _kind, prof, lg = request
                checker_for(prof).warm(tuple(lg))
                reply = ("ok", None)
            elif kind == "unreadable":
                reply = ("error", request[1])
            else:
                reply = ("error", f"unknown request {kind!r}")
        except Exception:  # noqa: BLE001 - one bad request must not end the process
            reply = ("error", traceback.format_exc(limit=4))
        if not send(reply):
            return
        if opened and unstored is not None:
            store.put(*unstored)     # after the reply: the card as opened, kept at once
            unstored, opened = None, False
        if seeded is not None:       # after the first reply: what this start compiled anew
            seeded()
            seeded = None


# ------------------------------------------------------------------------------ the parent
def start_method() -> str:
    """``"fork"`` where forking is safe, else ``"spawn"``.

    A forked child starts from a copy of the designer's process as it is when the checker is
    started (app.ui.launch does that first, before Qt is imported): no second interpreter
    start-up, no second import of the ``cardwise`` script and of the modules already loaded.
    Forking copies only the calling thread, so a process with any other thread (Qt's, a
    worker's: a restart after a crash of the child, tests under pytest-qt) could hand the
    child a lock some other thread held; there, and where there is no fork (not Linux), the
    child is spawned as a fresh interpreter. Threads are counted by the kernel
    (``/proc/self/task``), which also sees threads Python did not start."""
    if not sys.platform.startswith("linux"):
        return "spawn"
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:
        return "spawn"
    return "fork" if threads == 1 else "spawn"


class CheckerProcess:
    """A checker running in a child process (see the module docstring). Starting returns at
    once; :meth:`wait_ready` blocks until the child has built and warmed its checker.
    Thread-safe: requests from several threads are answered one at a time."""

    def __init__(self, profile: str = DEFAULT_PROFILE, langs: Sequence[str] = ("en",)) -> None:
        self.profile = profile
        self.langs = tuple(langs)
        self._lock = threading.Lock()
        self.start_method: str | None = None   # of the running child: "fork" or "spawn"
        self._process = None
        self._conn = None
        self._ready_profile: str | None = None
        self._failure: str | None = None       # why the child could not build its checker
        self._closed = False
        self.restarts = 0
        self._start()

    # ---- life cycle ---------------------------------------------------------------------
    def _start(self) -> None:
        method = start_method()
        ctx = multiprocessing.get_context(method)
        parent, child = ctx.Pipe(duplex=True)
        # a forked child has a copy of every descriptor, this end of its pipe too (serve closes it)
        process = ctx.Process(target=serve, args=(child, self.profile, self.langs,
                                                  parent if method == "fork" else None),
                              name="cardwise-checker", daemon=True)
        try:
            process.start()
        except OSError as exc:
            raise CheckerProcessError(f"the checker process could not be started: {exc}") from exc
        child.close()      # the child's end lives in the child: EOF reaches us when it dies
        self._process, self._conn, self._ready_profile, self._failure = process, parent, None, None
        self.start_method = ctx.get_start_method()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def is_alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def wait_ready(self, timeout: float | None = None) -> str:
        """Block until the child's checker is built; returns its profile name. Raises
        :class:`CheckerProcessError` when it failed, died, or ``timeout`` passed."""
        with self._lock:
            return self._wait_ready(timeout)

    def _wait_ready(self, timeout: float | None = None) -> str:
        if self._closed:
            raise CheckerProcessError("the checker process was closed")
        while self._ready_profile is None:
            if self._failure is not None:
                raise CheckerProcessError(self._failure)
            if timeout is not None and not self._conn.poll(timeout):
                raise CheckerProcessError(f"the checker was not ready after {timeout:g} s")
            self._recv()          # "ready" or "failed" (no reply is outstanding here)
        return self._ready_profile

    def _recv(self):
        """The child's next message; ``ready`` and ``failed`` (which may come before or
        after the reply to a request sent early) are noted and ``None`` is returned."""
        try:
            message = self._conn.recv()
        except (EOFError, OSError) as exc:
            code = self._reap()
            raise CheckerProcessError(f"the checker process stopped (exit code {code})") from exc
        if message[0] == "ready":
            self._ready_profile = message[1]
            return None
        if message[0] == "failed":
            self._failure = message[1]
            return None
        return message

    def _reap(self) -> int | None:
        process = self._process
        if process is None:
            return None
        process.join(2.0)
        return process.exitcode

    def _restart(self) -> None:
        try:
            self._conn.close()
        except OSError:
            pass
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        self._reap()
        self.restarts += 1
        self._start()

    def close(self) -> None:
        """Ask the child to exit and wait a moment for it, then stop it (it holds nothing of
        the user's: a child still building its checker is not waited for)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._conn.send(("quit",))
            except (OSError, ValueError):
                pass
            process = self._process
            if process is not None:
                process.join(0.3)
                if process.is_alive():
                    process.kill()
                    process.join(1.0)
            self._conn.close()

    # ---- requests -----------------------------------------------------------------------
    def _request(self, message: tuple, while_waiting=None):
        """Send ``message`` and return the child's reply. ``while_waiting``: called once after
        sending when no reply has come within :data:`REPLY_SOON_S` (work of this process that
        would otherwise follow the reply)."""
        with self._lock:
            if self._closed:
                raise CheckerProcessError("the checker process was closed")
            if self._failure is not None:
                raise CheckerProcessError(self._failure)
            if not self.is_alive() and self._ready_profile is not None:
                self._restart()          # it died after an earlier request: a fresh one
            # Sent without waiting for "ready": the child answers a card state it has stored
            # while it is still building its checker (app.verdict_store), the rest after.
            try:
                self._conn.send(message)
            except (OSError, ValueError) as exc:
                self._restart()
                raise CheckerProcessError(f"the checker process stopped ({exc})") from exc
            waiting_error = None
            if while_waiting is not None and not self._conn.poll(REPLY_SOON_S):
                try:
                    while_waiting()
                except Exception as exc:  # noqa: BLE001 - raised below, once the reply is read
                    waiting_error = exc
            try:
                reply = None
                while reply is None:
                    reply = self._recv()
                    if reply is None and self._failure is not None:
                        raise CheckerProcessError(self._failure)
            except CheckerProcessError:
                if self._failure is None:
                    self._restart()      # ready for the next request; this one is lost
                raise
            if waiting_error is not None:  # the reply is read: the next request gets its own
                raise waiting_error
        if reply[0] == "error":
            raise CheckerProcessError(reply[1].strip().splitlines()[-1] if reply[1].strip() else "check failed")
        return reply[1]

    def judge(self, snap: CardSnapshot, profile: str, disabled: Iterable[str] = (),
              while_waiting=None, *, deep: bool = True) -> Verdict:
        """The wording, QR and artwork verdict of ``snap`` (``app.verdict.judge_snapshot``;
        ``deep`` as there)."""
        return self._request(("judge", profile, snap, tuple(disabled), bool(deep)), while_waiting)

    def warm(self, profile: str, langs: Sequence[str] = ("en",)) -> None:
        """Build the checker for ``profile`` (and ``langs``) in the child now."""
        self._request(("warm", profile, tuple(langs)))


class ProcessJudge:
    """An :class:`app.verdict.Judge` for one marketplace profile, backed by a shared
    :class:`CheckerProcess`."""

    def __init__(self, process: CheckerProcess, profile: str) -> None:
        self.process = process
        self.profile_name = profile

    @staticmethod
    def _imports() -> None:
        # This process takes the snapshots and reads back the findings: the modules that needs
        # (the checks package, ~0.07 s) load on the caller's worker thread while the child is
        # still building — not on the GUI thread at the first check, and not after the first
        # verdict, where the import would hold the GIL while the GUI thread applies it.
        import checks.artwork  # noqa: F401
        import checks.findings  # noqa: F401
        import checks.rules  # noqa: F401

    def warm(self) -> None:
        self._imports()
        ready = self.process.wait_ready()
        if ready != self.profile_name:
            self.process.warm(self.profile_name)

    def judge(self, snap: CardSnapshot, disabled: Iterable[str] = (), deep: bool = True) -> Verdict:
        # the designer's first judge comes before `warm`: a card state the child has stored
        # comes back at once, then the imports follow; otherwise they are made while it builds
        return self.process.judge(snap, self.profile_name, disabled,
                                  None if "checks.rules" in sys.modules else self._imports, deep=deep)


def judge_factory(process: CheckerProcess):
    """``profile → Judge`` over ``process`` (what the designer's window is given)."""
    return lambda profile: ProcessJudge(process, profile)
