"""Errors a batch reader raises for a file it cannot (or must not) read.

The runner turns each into the file's ``error`` entry; the batch goes on.
"""
from app.errors import CardwiseError


class ArtworkError(CardwiseError):
    """A file that cannot be read: corrupt, truncated, empty, or of an unknown kind."""


class UnsafeFile(ArtworkError):
    """A file refused on purpose: a decompression bomb, an oversized page, entity expansion."""
