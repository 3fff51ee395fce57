"""Output renderers: one module per format, behind one call.

    render(results, "text", sys.stdout, color=sys.stdout.isatty(), lang="en")

``text`` (compiler style, checks.render.text), ``json`` (docs/json-schema.md,
checks.render.jsonout), ``sarif`` (SARIF 2.1.0, checks.render.sarif) and ``csv``
(checks.render.csvout). ``summary(results)`` is the counts object every format shares.
"""
from __future__ import annotations

from typing import Callable, TextIO

from checks.findings import FileResult
from checks.render import csvout, jsonout, sarif, text
from checks.render._common import pack_titles, summary, summary_line

__all__ = ["FORMATS", "UnknownFormat", "render", "summary", "summary_line"]

FORMATS: dict[str, Callable[..., None]] = {
    "text": text.render,
    "json": jsonout.render,
    "sarif": sarif.render,
    "csv": csvout.render,
}


class UnknownFormat(ValueError):
    """An output format Cardwise does not have (names the format and the known ones).
    The CLI offers ``FORMATS`` as argparse choices, so users meet this only from code."""


#: Formats that name each rule by its title next to its id (a ``title`` column or key).
TITLED = frozenset({"json", "csv"})


def render(results: list[FileResult], fmt: str, out: TextIO, *, color: bool = False, lang: str = "en",
           title_of: Callable[[str], str] | None = None) -> None:
    """Write ``results`` to ``out`` in ``fmt`` (text | json | sarif | csv). Colours (ANSI) only
    in text and only when ``color``; ``lang`` ``zh`` shows the Chinese messages where a
    format has one message column, and the Chinese rule titles. ``title_of`` (rule id →
    title in ``lang``) names the rules in json and csv; default: the bundled rule packs'
    titles (``checks.render._common.pack_titles``)."""
    try:
        fn = FORMATS[fmt]
    except KeyError:
        raise UnknownFormat(f"unknown output format '{fmt}' (choose one of: {', '.join(FORMATS)})") from None
    if fmt in TITLED:
        fn(results, out, color=color, lang=lang, title_of=title_of or pack_titles(lang))
    else:
        fn(results, out, color=color, lang=lang)
