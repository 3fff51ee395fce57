"""The batch runner: inputs → one :class:`FileResult` per file, in input order.

* **Discovery**: files, folders (recursive, sorted, hidden entries skipped, only the kinds
  Cardwise reads) and ``-`` (stdin). A missing or unreadable path becomes that entry's
  ``error``; the run goes on.
* **Cache**: results are looked up by content hash before any work (:mod:`app.batch.cache`).
* **Isolation**: artwork is read in worker processes (one per core by default), each with an
  address-space limit. A file that takes longer than the timeout gets its worker killed; a
  worker that dies (segfault in a native decoder, out of memory) is replaced. Either way
  that file gets an ``error`` and the batch goes on.
* A few plain-text inputs (``.txt``/``.md``/stdin) are checked in-process: no pool to start.

Workers come from a fork server that has already imported the readers and built the
default checker (:mod:`app.batch._preload`), so they start ready and never inherit the
parent's threads (safe from the designer's GUI thread); spawn where there is no fork server.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import stat
import sys
import threading
import time
import types
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable

from checks.findings import FileResult

from app.batch import limits
from app.batch.analyze import CheckOptions, analyze, get_checker
from app.batch.readers import SUPPORTED_EXT, kind_of, read
from app.errors import display_path

Progress = Callable[[int, int, FileResult], None]

#: Seconds a spawned (not forked) worker may spend starting up, on top of its first file's timeout.
STARTUP_ALLOWANCE = 30.0

#: Files queued per worker: the next file is already waiting when one finishes.
PREFETCH = 2

#: Up to this many plain-text inputs are checked in-process; more are spread over the pool.
IN_PROCESS_MAX = 64
#: Off the main thread (no timer to stop a step), only texts up to this size stay in-process.
IN_PROCESS_BYTES = 64 * 1024


@dataclass
class Entry:
    index: int
    path: str                 # filesystem path ("-" for stdin)
    shown: str               # the name shown in results
    kind: str | None = None
    data: bytes | None = None  # stdin's bytes
    error: str | None = None


@dataclass(frozen=True)
class SkippedFile:
    """A file in a checked folder that was not opened: ``why`` is ``"kind"`` (an extension
    Cardwise does not read; ``detail`` the extension, "" for none) or ``"special"``
    (``detail`` says what it is: "a FIFO", …)."""

    path: str     # as shown in results
    why: str
    detail: str

    @property
    def reason(self) -> str:
        if self.why == "special":
            return f"it is {self.detail}, not a file"
        return f"{self.detail or 'no extension'}: not a kind of file Cardwise reads"


@dataclass
class Discovery:
    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "folder X holds no artwork files"
    skipped: int = 0  # files in folders of kinds Cardwise does not read
    skipped_files: list[SkippedFile] = field(default_factory=list)  # each file counted in ``skipped``


def discover(inputs: list[str], stdin: bytes | None = None) -> Discovery:
    out = Discovery()
    seen: set[str] = set()

    def add(path: str, shown: str, **kw) -> None:
        out.entries.append(Entry(len(out.entries), path, shown, **kw))

    for raw in inputs:
        if raw == "-":
            data = stdin if stdin is not None else b""
            add("-", "<stdin>", kind=sniff(data), data=data)  # text, or artwork piped in
            continue
        p = Path(raw)
        shown = display_path(raw)
        try:
            st = os.stat(raw)
        except FileNotFoundError:
            add(raw, shown, error=f"{shown}: no such file or directory"
                if not os.path.lexists(raw) else f"{shown}: a symbolic link to nothing")
            continue
        except OSError as exc:   # ELOOP, EACCES on a parent folder, ENAMETOOLONG: say which
            add(raw, shown, error=f"{shown}: cannot be read ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(st.st_mode):
            found = 0
            errors: list[OSError] = []
            for root, dirs, files in os.walk(raw, onerror=errors.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    if Path(name).suffix.lower() not in SUPPORTED_EXT:
                        out.skipped += 1
                        out.skipped_files.append(SkippedFile(display_path(full), "kind", Path(name).suffix.lower()))
                        continue
                    special = _special(full)   # never opened: a FIFO would block the run
                    if special:
                        out.notes.append(f"{display_path(full)}: skipped, it is {special}, not a file")
                        out.skipped += 1
                        out.skipped_files.append(SkippedFile(display_path(full), "special", special))
                        continue
                    real = os.path.realpath(full)
                    if real in seen:
                        continue
                    seen.add(real)
                    found += 1
                    add(full, display_path(full))
            for err in errors:
                where = display_path(err.filename or raw)
                add(err.filename or raw, where, error=f"{where}: cannot read folder ({err.strerror or err})")
            if not found and not errors:
                out.notes.append(f"{shown}: no files Cardwise can check in this folder "
                                 f"(it reads {', '.join(sorted(SUPPORTED_EXT))})")
            continue
        if not stat.S_ISREG(st.st_mode):
            add(raw, shown, error=f"{shown}: not a regular file ({_special(raw) or 'not a file'}); it was not opened")
            continue
        real = os.path.realpath(raw)
        if real in seen:
            continue
        seen.add(real)
        add(raw, shown)
    return out


def _special(path: str) -> str | None:
    """What a non-regular file is ("a FIFO (named pipe)", "a device", "a socket"), from
    stat alone; None for a regular file (or one that vanished: reading it will say so)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def sniff(data: bytes) -> str:
    """The reader for bytes without a name (stdin), by their content: a zip holding
    document.json is a Cardwise project, one holding word/document.xml a Word document."""
    head = data[:64]
    if head.startswith(b"PK\x03\x04"):
        import io
        import zipfile
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            names = set()
        if "document.json" in names:
            return "card"
        if "word/document.xml" in names:
            return "docx"
        return "card" if not names else "docx"
    return kind_of("-", head)


# ---- work done for one file (in a worker or in-process) -------------------------------------

def process(entry: Entry, opts: CheckOptions) -> FileResult:
    """Read and check one entry; every failure becomes the result's ``error``."""
    from app.errors import CardwiseError

    try:
        data = entry.data
        if data is None:
            size = os.path.getsize(entry.path)
            if size > limits.MAX_FILE_BYTES:
                return FileResult(entry.shown, error=f"{entry.shown}: {size // limits.MIB} MiB is too large for card "
                                                     f"artwork (limit {limits.MAX_FILE_BYTES // limits.MIB} MiB)")
            with open(entry.path, "rb") as fh:
                data = fh.read()
        kind = entry.kind or (kind_of(entry.path) if Path(entry.path).suffix.lower() in SUPPORTED_EXT
                              else sniff(data))
        art = read(entry.path, data, kind, ocr_lang=opts.ocr_lang, name=entry.shown)
        return analyze(art, opts)
    except CardwiseError as exc:
        return FileResult(entry.shown, error=str(exc))
    except PermissionError:
        return FileResult(entry.shown, error=f"{entry.shown}: permission denied")
    except IsADirectoryError:
        return FileResult(entry.shown, error=f"{entry.shown}: is a folder")
    except FileNotFoundError:
        return FileResult(entry.shown, error=f"{entry.shown}: no such file (it vanished during the run)")
    except OSError as exc:   # ELOOP, EIO, ENAMETOOLONG…: the system's own words, not a type name
        return FileResult(entry.shown, error=f"{entry.shown}: cannot be read ({exc.strerror or exc})")
    except MemoryError:
        return _out_of_memory(entry)
    except RecursionError:
        return FileResult(entry.shown, error=f"{entry.shown}: nested too deeply to read safely")
    except Exception as exc:  # a reader bug or a library choking on a hostile file
        return FileResult(entry.shown, error=f"{entry.shown}: could not be read ({type(exc).__name__}: {exc})")


def _size(entry: Entry) -> int:
    if entry.data is not None:
        return len(entry.data)
    try:
        return os.path.getsize(entry.path)
    except OSError:
        return 0


class _FileTimeout(BaseException):
    """Raised in the main thread when an in-process file passes --timeout (a BaseException,
    so the per-file ``except Exception`` around a reader does not swallow it)."""


@contextmanager
def _deadline(seconds: float):
    """Bound an in-process step by ``seconds`` with a real-time timer. Only the main thread
    can take signals; elsewhere (the designer's batch thread) the step runs unbounded, which
    is why :class:`BatchRunner` sends anything but small text inputs to the pool."""
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise _FileTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _out_of_memory(entry: Entry, budget: int = limits.WORKER_MEMORY) -> FileResult:
    return FileResult(entry.shown, error=f"{entry.shown}: needed more memory than one file may use "
                                         f"(about {budget // limits.MIB} MiB) and was stopped",
                      extra={"transient": True})


def _limit_memory(budget: int) -> None:
    try:
        import resource

        with open("/proc/self/statm") as fh:
            vsize = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = vsize + budget
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError, ImportError):
        pass  # not Linux: the per-file timeout and the readers' own limits still hold


def _worker_main(conn, opts: CheckOptions, memory: int, work: Callable[[Entry, CheckOptions], FileResult]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl+C
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if memory:
        _limit_memory(memory)
    while True:
        try:
            entry = conn.recv()
        except (EOFError, OSError):
            return
        if entry is None:
            return
        try:
            result = work(entry, opts)
        except MemoryError:
            result = _out_of_memory(entry, memory)
        except BaseException as exc:  # keep the worker alive for the next file
            result = FileResult(entry.shown, error=f"{entry.shown}: could not be read ({type(exc).__name__}: {exc})")
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


@contextmanager
def _main_hidden(ctx):
    """Start spawn/forkserver children without re-running the program's ``__main__``: an
    unguarded ``python -m app`` (or a script) would otherwise start again in every worker."""
    if ctx.get_start_method() == "fork":
        yield
        return
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")  # no __spec__, no __file__
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class _Worker:
    """One worker process and the files sent to it (up to :data:`PREFETCH`, so it never waits
    for the parent between files). Only the file at the head of the queue is being read; its
    deadline starts when the previous file's result arrives."""

    def __init__(self, ctx, opts: CheckOptions, memory: int, work) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, opts, memory, work), daemon=True)
        with _main_hidden(ctx):
            self.proc.start()
        child.close()
        self.conn = parent
        self.queue: deque[Entry] = deque()
        self.deadline = 0.0
        self.fresh = True
        self.start_method = ctx.get_start_method()

    def _start_clock(self, timeout: float) -> None:
        # a spawned worker builds its checker before its first file: allow for that once
        startup = STARTUP_ALLOWANCE if self.fresh and self.start_method != "fork" else 0.0
        self.deadline = time.monotonic() + timeout + startup
        self.fresh = False

    def assign(self, entry: Entry, timeout: float) -> None:
        if not self.queue:
            self._start_clock(timeout)
        self.queue.append(entry)
        self.conn.send(entry)

    def done(self, timeout: float) -> Entry:
        """The head file's result arrived: drop it from the queue, start the next one's clock."""
        entry = self.queue.popleft()
        if self.queue:
            self.deadline = time.monotonic() + timeout
        return entry

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(2)
        self.conn.close()


def _context():
    """A fork server (POSIX) that has imported the readers and built the default checker:
    workers fork from it ready to work, and never from a parent that may hold threads (Qt,
    the progress bar). Measured here, workers forked from the CLI process itself were up to
    2× slower at OCR than fork-server ones. Elsewhere, spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["app.batch._preload"])
        return ctx
    return mp.get_context("spawn")


#: Longest AF_UNIX socket path (sun_path is 108 bytes on Linux, 104 on macOS), with room.
_SOCKET_PATH_MAX = 100


@contextmanager
def _short_tempdir():
    """The fork server listens on an AF_UNIX socket under ``$TMPDIR/pymp-XXXXXXXX/``; a long
    TMPDIR (98 characters was enough) makes that path too long and the pool fails to start.
    While the pool's temp folder is first chosen, point :mod:`tempfile` at a short folder when
    needed. multiprocessing remembers the folder it chose, so this matters only once."""
    import tempfile

    current = tempfile.gettempdir()
    # pymp-XXXXXXXX/listener-XXXXXXXX: about 36 characters below the temp folder
    if len(os.fsencode(current)) + 36 <= _SOCKET_PATH_MAX:
        yield
        return
    short = next((d for d in ("/tmp", "/var/tmp", "/dev/shm")
                  if os.path.isdir(d) and os.access(d, os.W_OK | os.X_OK)), None)
    if short is None:
        yield
        return
    saved = tempfile.tempdir
    tempfile.tempdir = short
    try:
        from multiprocessing import util
        util.get_temp_dir()   # chosen now, under the short folder, and remembered
        yield
    finally:
        tempfile.tempdir = saved


def _ensure_started(ctx) -> None:
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver
        with _short_tempdir(), _main_hidden(ctx):
            forkserver.ensure_running()


def prestart() -> None:
    """Start the fork server now (it preloads the readers and a checker in its own process),
    so that work overlaps whatever the caller does before the run."""
    _ensure_started(_context())


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


class BatchRunner:
    """Runs one batch. ``progress(done, total, result)`` is called as each file finishes
    (from the calling thread); setting ``cancel`` stops the run and leaves the files not yet
    done with ``error="cancelled"``."""

    def __init__(self, opts: CheckOptions, *, jobs: int | None = None, timeout: float = limits.DEFAULT_TIMEOUT,
                 cache=None, progress: Progress | None = None, cancel: threading.Event | None = None,
                 memory: int = limits.WORKER_MEMORY, work: Callable[[Entry, CheckOptions], FileResult] = process,
                 isolate: bool = True) -> None:
        self.opts = opts
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.timeout = timeout
        self.cache = cache
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.memory = memory
        self.work = work
        self.isolate = isolate  # False: read everything in this process (no timeout/crash isolation)
        self.stats = {"cached": 0, "checked": 0, "errors": 0, "workers": 0}

    def run(self, entries: list[Entry]) -> list[FileResult]:
        total = len(entries)
        results: list[FileResult | None] = [None] * total
        done = 0
        keys: dict[int, str] = {}

        def finish(entry: Entry, result: FileResult, *, from_cache: bool = False) -> None:
            nonlocal done
            result.path = entry.shown
            if result.error:  # renderers print the path themselves: keep the reason only
                result.error = result.error.removeprefix(f"{entry.shown}: ")
            results[entry.index] = result
            done += 1
            if result.error:
                self.stats["errors"] += 1
            if from_cache:
                self.stats["cached"] += 1
            else:
                self.stats["checked"] += int(result.error is None)
                if self.cache is not None and entry.index in keys:
                    self.cache.put(keys[entry.index], result)
            if self.progress:
                self.progress(done, total, result)

        todo: list[Entry] = []
        for e in entries:
            if e.error:
                finish(e, FileResult(e.shown, error=e.error))
                continue
            if e.kind is None and Path(e.path).suffix.lower() in SUPPORTED_EXT:
                e.kind = kind_of(e.path)
            if self.cache is not None:
                try:
                    from app.batch.cache import digest_bytes
                    digest = digest_bytes(e.data) if e.data is not None else self.cache.digest(e.path)
                except OSError as exc:
                    finish(e, FileResult(e.shown, error=f"{e.shown}: cannot read ({exc.strerror or exc})"))
                    continue
                # the same bytes read another way (stdin sniffed as a card, a .txt) is another result
                how = f"{'stdin' if e.data is not None else 'file'}:{e.kind or 'auto'}"
                keys[e.index] = self.cache.key(digest, f"{self.opts.key()}|{how}")
                hit = self.cache.get(keys[e.index], e.shown)
                if hit is not None:
                    finish(e, hit, from_cache=True)
                    continue
            todo.append(e)

        text_only = all(e.kind == "text" for e in todo)
        # in-process steps are bounded by a timer only on the main thread; elsewhere only small
        # texts stay in-process and big ones go to the pool, whose workers can be stopped
        bounded = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        in_process = not self.isolate or (text_only and self.work is process
                                          and (len(todo) <= IN_PROCESS_MAX or self.jobs == 1)
                                          and (bounded or all(_size(e) <= IN_PROCESS_BYTES for e in todo)))
        if todo and in_process:
            get_checker(self.opts.profile)
            for e in todo:
                if self.cancel.is_set():
                    break
                try:
                    with _deadline(self.timeout if self.isolate else 0):
                        result = self.work(e, self.opts)
                except _FileTimeout:
                    result = FileResult(e.shown, error=f"{e.shown}: took longer than {self.timeout:g} s and was "
                                                       "stopped (raise --timeout to allow more)",
                                        extra={"transient": True})
                finish(e, result)
        elif todo:
            self._pool(todo, finish)
        if self.cache is not None:
            self.cache.flush()
        for e in entries:
            if results[e.index] is None:
                results[e.index] = FileResult(e.shown, error="cancelled", extra={"transient": True})
        return results  # type: ignore[return-value]

    def _pool(self, todo: list[Entry], finish) -> None:
        ctx = _context()
        _ensure_started(ctx)
        n = min(self.jobs, len(todo))
        self.stats["workers"] = n
        pending = deque(todo)
        workers = [_Worker(ctx, self.opts, self.memory, self.work) for _ in range(n)]

        def fail(i: int, error: str, *, kill: bool) -> None:
            """The head file of worker i failed: report it, re-queue the others, replace the worker."""
            w = workers[i]
            entry = w.queue.popleft()
            pending.extendleft(reversed(w.queue))
            w.queue.clear()
            workers[i] = self._replace(ctx, w, kill=kill)
            finish(entry, FileResult(entry.shown, error=f"{entry.shown}: {error}", extra={"transient": True}))

        try:
            while pending or any(w.queue for w in workers):
                if self.cancel.is_set():
                    break
                for i, w in enumerate(workers):
                    while pending and len(w.queue) < PREFETCH:
                        entry = pending.popleft()
                        try:
                            workers[i].assign(entry, self.timeout)
                        except (BrokenPipeError, OSError):  # died before it got the file
                            pending.appendleft(entry)
                            pending.extendleft(reversed(workers[i].queue))
                            workers[i].queue.clear()
                            workers[i] = self._replace(ctx, workers[i], kill=True)
                            break
                busy = [w for w in workers if w.queue]
                if not busy:
                    continue
                now = time.monotonic()
                wait_for = max(0.0, min(min(w.deadline for w in busy) - now, 0.25))
                ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], wait_for))
                for i in range(len(workers)):
                    w = workers[i]
                    if not w.queue:
                        continue
                    if w.conn in ready or (w.proc.sentinel in ready and w.conn.poll()):
                        try:
                            while w.queue and w.conn.poll():
                                result = w.conn.recv()
                                finish(w.done(self.timeout), result)
                        except (EOFError, OSError):
                            w.proc.join(1)
                            fail(i, f"the reader crashed on this file ({_exit_reason(w.proc.exitcode)}); "
                                    "the batch went on", kill=True)
                    elif w.proc.sentinel in ready:
                        w.proc.join(1)
                        fail(i, f"the reader crashed on this file ({_exit_reason(w.proc.exitcode)}); "
                                "the batch went on", kill=True)
                    elif time.monotonic() >= w.deadline:
                        fail(i, f"took longer than {self.timeout:g} s and was stopped (raise --timeout to allow more)",
                             kill=True)
        except BaseException:  # Ctrl+C or a bug: do not wait for busy workers
            self.cancel.set()
            raise
        finally:
            for w in workers:
                w.stop(kill=self.cancel.is_set() or bool(w.queue))

    def _replace(self, ctx, w: _Worker, kill: bool = False) -> _Worker:
        w.queue.clear()
        w.stop(kill=True) if kill or w.proc.is_alive() else w.conn.close()
        return _Worker(ctx, self.opts, self.memory, self.work)


def check_paths(inputs: list[str], opts: CheckOptions | None = None, *, stdin: bytes | None = None,
                **runner_kw) -> list[FileResult]:
    """Discover and check ``inputs``; the library entry point (the CLI and the GUI use it)."""
    found = discover(inputs, stdin=stdin)
    return BatchRunner(opts or CheckOptions(), **runner_kw).run(found.entries)
