"""Shared helper for the `cardwise check` command tests."""
from __future__ import annotations

import io

import pytest

from app import cli


@pytest.fixture
def check_cli(capsys, monkeypatch):
    """Run ``cardwise check ARGV…`` in-process; returns (exit code, stdout, stderr).

    ``stdin=`` feeds bytes to standard input as a pipe (not a terminal) would.
    """
    def run(*argv: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            class _In:
                buffer = io.BytesIO(stdin)

                def isatty(self) -> bool:
                    return False
            monkeypatch.setattr("sys.stdin", _In())
        code = cli.main(["check", *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run
