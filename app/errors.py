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


def image_error_text(exc: BaseException) -> str:
    """Pillow's reason for an unreadable image, without its ``<_io.BytesIO object at 0x…>``."""
    import re

    if type(exc).__name__ == "UnidentifiedImageError":
        return "not an image format Cardwise reads, or the data is damaged"
    text = re.sub(r"\s*<_io\.\w+ object at 0x[0-9a-fA-F]+>", "", str(exc)).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def display_path(path: object) -> str:
    """A file name or path for a message: bytes that are not UTF-8 (surrogate escapes in a
    ``str`` path) shown as ``\\xff``, line breaks escaped — printable whatever the name holds."""
    import os

    try:
        raw = os.fsencode(path)  # type: ignore[arg-type]
    except (TypeError, UnicodeEncodeError):
        raw = str(path).encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace").replace("\n", "\\n").replace("\r", "\\r")
