"""``cardwise``: one entry point, thin over the core.

``cardwise``                 opens the designer (template gallery or the last file)
``cardwise CARD.cardwise``   opens that file in the designer
``cardwise --sample``        opens the designer on the bundled thank-you sample card
``cardwise <command> ...``   runs a command-line tool (``cardwise --help`` lists them)

Each command lives in ``app.commands.<name>`` and exposes ``register(subparsers)``, which
adds its parser and sets ``func`` to a callable ``(args) -> int``. This module imports no
Qt: the designer is loaded by name only when it is asked for, after checking that a
display exists.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from app.exitcodes import ExitCode

COMMANDS = ("check", "eval", "export", "new", "rules", "train")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cardwise",
        description="Design package-insert cards and check them against marketplace rules.",
        epilog="Run without a command to open the designer.",
    )
    from app import __version__

    parser.add_argument("--version", action="version", version=f"cardwise {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"app.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet stays out of --help
            if exc.name == f"app.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def has_display() -> bool:
    """True when Qt can open a window here (or the caller chose a Qt platform itself)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


NO_DISPLAY_MESSAGE = (
    "cardwise: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the designer cannot open here. "
    "Use the command-line tools instead: 'cardwise check FILES_OR_FOLDERS' checks card text and artwork, "
    "'cardwise export CARD.cardwise -o card.pdf' writes the print PDF; 'cardwise --help' lists all."
)


def run_designer(argv: list[str]) -> int:
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        from app.paths import sample_card

        print(f"Try: cardwise check {sample_card()}", file=sys.stderr)
        return int(ExitCode.OK)
    launch = importlib.import_module("app.ui.launch")  # by name: keeps Qt out of the core
    return int(launch.main(argv))


def _tolerant_output() -> None:
    """File names that are not UTF-8 reach Python as surrogate escapes; printing one must show
    it as ``\\xff``, not crash the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)   # a test may swap in a StringIO
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] == "--sample" or (argv[0].endswith(".cardwise") and not argv[0].startswith("-")):
        return run_designer(argv)
    _tolerant_output()
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        return run_designer([])
    try:
        code = int(args.func(args))
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        print("cardwise: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`cardwise check ... | head`): stop quietly, like other
        # command-line tools. Point stdout at devnull so the interpreter's final flush
        # does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
