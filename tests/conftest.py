"""Shared test set-up: Qt runs offscreen; nothing here touches the user's real settings."""
import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("CARDWISE_NO_NETWORK", "1")

_exit_status: int | None = None


def pytest_sessionfinish(session, exitstatus):
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config):
    """Leave without the interpreter's teardown once pytest has reported everything.

    A full run (Qt widgets offscreen, the sentence encoder's ONNX threads, Sudachi) can crash
    with a segmentation fault after every test has passed and the summary is printed: in
    pytest's own unconfigure, whose unraisable-exception plugin runs ``gc.collect()`` over
    what the run left (Qt wrappers whose application is gone), or later while Python tears
    those down; CI then sees exit code 139 instead of 0. This runs first among the
    unconfigure hooks (the reports are written by then, in ``pytest_sessionfinish``), and
    ``os._exit`` skips the rest and keeps pytest's own exit status, so a failing test still
    fails the run.
    """
    if _exit_status is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status)
