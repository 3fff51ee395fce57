"""Lines written in two languages: "Touch once to switch on. / Touchez une fois pour allumer."

Bilingual cards (Amazon.ca English / French, Amazon.com English / Spanish, Swiss German /
French …) often print both languages on one line, joined by a separator. Such a line is
split into language pieces so that each half is read by its own language's rules. A line is
split only at a separator with spaces around it (" / ", " | ", " ・ ", " · ", fullwidth
forms), a tab or a wide run of spaces, and only when at least two of its parts are each
confidently identified (:class:`checks.langid.LanguageGuesser`: enough words, a clear
winner) as *different* languages. "and/or", "24/7", "1/2 cup", dates and URLs have no spaced
separator; "EU / UK plug" and other short parts cannot be identified and stay with the
piece before them (or after, at the start of the line); a single-language line is left whole.
"""
from __future__ import annotations

import re
from typing import Callable

#: a separator between the languages of one line
SEPARATOR = re.compile(r"[ \u00a0\u3000]+[/|・·／｜][ \u00a0\u3000]+|\t+| {3,}")

#: a cheap first look: a separator character or a run of spaces (most lines have none)
_MARKS = re.compile(r"[/|・·／｜\t]|   ")


def line_pieces(line: str, guess: Callable[[str], str | None]) -> list[tuple[int, int, str]] | None:
    """(start, end, lang) of the language pieces of ``line`` (offsets into the line, the
    separators left out), or None when the line is not split."""
    if not _MARKS.search(line) or not SEPARATOR.search(line):
        return None
    parts: list[tuple[int, int]] = []
    pos = 0
    for m in SEPARATOR.finditer(line):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, len(line)))
    langs = [guess(line[a:b]) for a, b in parts]
    if len({g for g in langs if g}) < 2:
        return None
    pieces: list[list] = []
    pending: tuple[int, int] | None = None   # unidentified parts before the first identified
    for (a, b), g in zip(parts, langs):
        if g is None or (pieces and pieces[-1][2] == g):
            if pieces:
                pieces[-1][1] = b          # a short part stays with the piece before it
            else:
                pending = (pending[0] if pending else a, b)
            continue
        start = pending[0] if pending and not pieces else a
        pieces.append([start, b, g])
    return [(a, b, g) for a, b, g in pieces]
