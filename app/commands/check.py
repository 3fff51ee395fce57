"""``cardwise check``: card text and artwork against marketplace rules.

Inputs: files, folders (recursive) or ``-`` for stdin. Plain text (.txt, .md), PDF (text layer,
OCR where there is none), images (PNG, JPEG, TIFF, WebP, BMP; OCR), SVG, DOCX and .cardwise
projects. Each input gets one result, in input order; an input that cannot be read gets an
error line and the run goes on.

Exit codes (app.exitcodes.ExitCode): 0 no error findings; 1 at least one error finding;
2 a usage problem or an input that could not be read (the others are still checked and
reported).
"""
from __future__ import annotations

import argparse
import os
import sys
import threading

from app.exitcodes import ExitCode

FORMATS = ("text", "json", "sarif", "csv")

EPILOG = """\
text encoding: .txt/.md files and stdin are read as UTF-8 (a UTF-8/16/32 byte-order mark is
honoured). Text that is not valid UTF-8 is still checked with each bad byte replaced by U+FFFD,
and a warning names the first bad byte. Binary files and text over 1 MiB are refused with a
message; an empty file gets a warning. Artwork readers refuse decompression bombs, oversized
pages, zip bombs and SVG entity tricks for that file only.

exit codes: 0 no error findings, 1 error findings, 2 usage or unreadable input.
results are cached by content in the user cache folder (--no-cache to bypass; CARDWISE_CACHE_DIR
to move it).
"""


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def register(sub) -> None:
    p = sub.add_parser(
        "check", help="check card text and artwork files or folders against marketplace rules",
        description="Check card text and artwork (text, PDF, images via OCR, SVG, DOCX, .cardwise) "
                    "against marketplace rules.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check, or - for stdin")
    p.add_argument("--profile", default="amazon", help="marketplace profile (default: amazon)")
    p.add_argument("--lang", default="auto", help="text language: auto (per paragraph) or en, de, fr, es, it, ja; "
                                                  "also picks the OCR languages")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--ignore", action="append", metavar="RULE",
                   help="ignore a rule id/prefix, name or category (repeatable, or a comma list)")
    p.add_argument("--select", action="append", metavar="RULE",
                   help="only report these rules (id/prefix, name or category; repeatable, or a comma list)")
    p.add_argument("--report", metavar="FILE.html", help="also write a self-contained HTML report with page thumbnails")
    p.add_argument("--no-cache", action="store_true", help="check every file again, ignoring cached results")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds allowed per file (default: 60)")
    p.add_argument("--messages", choices=("en", "zh"), default="en", help="message language (default: en)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    p.set_defaults(func=run)


def _err(msg: str) -> None:
    print(f"cardwise check: {msg}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.batch.analyze import CheckOptions
    from app.batch.readers import TEXT_EXT
    from app.batch.runner import BatchRunner, discover

    paths = list(args.paths)
    if not paths:
        if sys.stdin is not None and not sys.stdin.isatty():
            paths = ["-"]
        else:
            _err("give files or folders to check, or - to read text from stdin (cardwise check --help)")
            return int(ExitCode.USAGE)
    if args.jobs < 0:
        _err("--jobs must be 0 (one per core) or more")
        return int(ExitCode.USAGE)
    if args.timeout <= 0:
        _err("--timeout must be a positive number of seconds")
        return int(ExitCode.USAGE)
    from checks import ChecksError

    ignore, select = _split(args.ignore), _split(args.select)
    opts = CheckOptions(profile=args.profile, lang=args.lang, ignore=tuple(ignore),
                        select=tuple(select) if select else None)
    stdin = None
    if "-" in paths:
        stdin = sys.stdin.buffer.read() if sys.stdin is not None else b""
    found = discover(paths, stdin=stdin)
    def is_text(e) -> bool:
        return e.kind == "text" or (e.kind is None and Path(e.path).suffix.lower() in TEXT_EXT)

    if any(not e.error and not is_text(e) for e in found.entries):
        from app.batch.runner import prestart
        prestart()  # the workers' fork server loads while this process builds its checker
    try:
        from app.batch.analyze import get_checker
        checker = get_checker(args.profile)  # validates the profile and the rule packs up front
    except ChecksError as exc:
        _err(str(exc))
        return int(ExitCode.USAGE)
    known = ["auto", *sorted(checker.ruleset.languages)]
    if len(known) > 1 and args.lang not in known:
        _err(f"unknown language '{args.lang}' (choose one of: {', '.join(known)})")
        return int(ExitCode.USAGE)
    for note in found.notes:
        _err(note)

    cache = None
    if not args.no_cache:
        try:
            from app.batch.cache import ResultCache
            cache = ResultCache()
        except Exception as exc:  # an unwritable cache folder must not stop a check
            _err(f"results cache unavailable ({exc}); checking without it")

    tty = sys.stdout.isatty() and sys.stderr.isatty()
    color = args.color == "always" or (args.color == "auto" and tty and args.format == "text"
                                       and not os.environ.get("NO_COLOR"))
    cancel = threading.Event()
    progress_cb, bar = None, None
    if tty and len(found.entries) > 1:
        bar, progress_cb = _progress_bar(len(found.entries))
    runner = BatchRunner(opts, jobs=args.jobs or None, timeout=args.timeout, cache=cache,
                         progress=progress_cb, cancel=cancel)
    try:
        if bar:
            bar.start()
        results = runner.run(found.entries)
    except KeyboardInterrupt:
        cancel.set()
        raise
    finally:
        if bar:
            bar.stop()
        if cache is not None:
            cache.close()

    for r in results:
        for w in r.extra.get("warnings", []):
            _err(f"{r.path}: warning: {w}")

    from app.batch.titles import rule_title
    from checks.render import render
    render(results, args.format, sys.stdout, color=color, lang=args.messages,
           title_of=lambda rule: rule_title(rule, args.messages == "zh"))
    sys.stdout.flush()

    if args.report:
        try:
            from app.batch.report import write_report
            write_report(results, args.report, profile=args.profile)
            print(f"cardwise check: report written to {args.report}", file=sys.stderr)
        except OSError as exc:
            _err(f"cannot write the report {args.report}: {exc.strerror or exc}")
            return int(ExitCode.USAGE)

    if any(r.error for r in results):
        return int(ExitCode.USAGE)
    if any(str(f.severity) == "error" for r in results for f in r.findings):
        return int(ExitCode.FINDINGS)
    return int(ExitCode.OK)


def _progress_bar(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        TextColumn("{task.fields[name]}", style="dim"),
                        console=Console(stderr=True), transient=True,
                        auto_refresh=False)  # no refresh thread: workers can then be forked cheaply
    task = progress.add_task("check", total=total, name="")

    def update(done: int, _total: int, result) -> None:
        name = os.path.basename(result.path)
        progress.update(task, completed=done, name=name[-40:])
        progress.refresh()

    return progress, update
