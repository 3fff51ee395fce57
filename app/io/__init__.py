"""Cardwise project files (.cardwise) and their schema migrations."""
from app.io.project import EXTENSION, LoadResult, from_bytes, load, open_project, save, to_bytes

__all__ = ["EXTENSION", "LoadResult", "from_bytes", "load", "open_project", "save", "to_bytes"]
