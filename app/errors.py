"""User-facing errors. Each message names what is wrong; the CLI and the GUI show it as is."""


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
