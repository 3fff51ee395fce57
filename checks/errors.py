"""Errors the compliance engine raises for bad input.

``checks`` may not import ``app`` (import-linter contract), so these do not derive from
``app.errors.CardwiseError``; the CLI catches :class:`ChecksError` next to it. Every
message names the problem: the file, the rule id and the field.
"""
from __future__ import annotations


class ChecksError(Exception):
    """Base for every error the compliance engine reports to a user."""


class RulePackError(ChecksError, ValueError):
    """A rule pack or profile file that cannot be used (names the file and the rule)."""

    def __init__(self, path: object, message: str, rule: str | None = None) -> None:
        where = f"{path}" + (f": rule {rule}" if rule else "")
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.rule = rule


class UnknownProfile(ChecksError, ValueError):
    """A marketplace profile name that no profile file defines."""


class UnknownRule(ChecksError, KeyError):
    """A rule id asked for by name that no pack defines."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
