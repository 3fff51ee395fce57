"""User-facing errors. Each message names what is wrong; the CLI and the GUI show it as is."""

#: Longest value quoted inside an error message (a hostile file may hold megabytes of text).
QUOTE_LIMIT = 40


def brief(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` cut to ``limit`` characters for an error message (one line, bounded)."""
    if isinstance(value, str) and len(value) > limit * 4:
        value = value[: limit * 4]   # repr of a huge string would itself be huge
    try:
        text = repr(value)
    except (ValueError, RecursionError):   # e.g. an int with more digits than repr allows
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


class CardwiseError(Exception):
    """Base for every error a user can cause with their input."""


class InvalidDimension(CardwiseError, ValueError):
    """Card geometry that cannot be printed (names the dimension)."""


class ProjectFileError(CardwiseError):
    """A .cardwise file that cannot be opened: corrupt, hostile, or from a newer Cardwise."""


class FontError(CardwiseError):
    """A font that is missing, unreadable, or cannot be embedded."""


class ExportError(CardwiseError):
    """An export that cannot be completed (nothing is left behind)."""
