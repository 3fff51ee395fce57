"""Frozen entry point of the windowed program ``Cardwise``: the designer, optionally on the
``.cardwise`` file given as the first argument (a double-click in the file manager)."""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from app.cli import designer_main

    sys.exit(designer_main())
