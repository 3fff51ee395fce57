"""``cardwise`` without a command: open the designer.

``main(argv)`` is called by ``app.cli`` with the remaining arguments:

* ``[]`` → the last file opened (if it still exists), else the template gallery;
* ``["--sample"]`` → the bundled sample card (``resources/samples/thank-you.cardwise``);
* ``["CARD.cardwise"]`` → that file.

Before anything else — before Qt is even imported — it starts the checker process
(``app.checkproc``), which builds the compliance checker on the other core while this
process builds the window. Then it offers to recover unsaved work left by a crash. A file
that cannot be opened is reported in a message box and the designer starts with the gallery
instead.
"""
from __future__ import annotations

import sys
from pathlib import Path


def _usage(msg: str) -> int:
    print(f"cardwise: {msg}", file=sys.stderr)
    print("usage: cardwise [--sample | CARD.cardwise]   (cardwise --help lists the commands)", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None, *, qsettings=None, data_dir=None, extensions=None,
         checker_process: bool = True) -> int:
    """Open the designer as the arguments say (``qsettings``/``data_dir``/``extensions`` for
    tests; ``checker_process=False`` checks in this process instead of a child)."""
    argv = list(argv or [])
    target: Path | None = None
    if argv:
        if len(argv) > 1:
            return _usage(f"expected one card file, got {len(argv)} arguments")
        arg = argv[0]
        if arg == "--sample":
            from app.paths import sample_card

            target = sample_card()
        elif arg.startswith("-"):
            return _usage(f"unknown option {arg!r}")
        else:
            target = Path(arg)
            if not target.exists():
                return _usage(f"{arg}: no such file")

    process = None
    if checker_process:
        from app.checkproc import CheckerProcess, CheckerProcessError, judge_factory

        try:
            process = CheckerProcess()
        except CheckerProcessError as exc:   # checked in this process instead: slower, same verdict
            print(f"cardwise: {exc}; checking in the designer's own process", file=sys.stderr)
    try:
        return _open(target, qsettings, data_dir, extensions,
                     judge_factory(process) if process is not None else None)
    finally:
        if process is not None:
            process.close()


def _open(target: Path | None, qsettings, data_dir, extensions, factory) -> int:
    from app.ui import application

    application.ensure_app()
    window = application.build_window(qsettings=qsettings, data_dir=data_dir, judge_factory=factory,
                                      extensions=application.EXTENSIONS if extensions is None else extensions)
    offer_recovery, run = application.offer_recovery, application.run
    recovered = offer_recovery(window)
    if not recovered:
        if target is not None:
            window.files.open_path(target, ask=False)
        else:
            recent = [p for p in window.files.recent_files() if p.exists()]
            if recent:
                window.files.open_path(recent[0], ask=False)
            else:
                from app.ui import gallery

                choice = gallery.choose_start(None, window.files.recent_files())
                if choice is not None and choice.path is not None:
                    window.files.open_path(choice.path, ask=False)
                elif choice is not None and choice.document is not None:
                    window.files.set_document(choice.document, None)
    return run(window)
