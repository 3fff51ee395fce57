"""Frozen entry point of the console program ``cardwise`` (packaging/cardwise.spec)."""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # batch workers re-enter this executable (spawn/forkserver)
    from app.cli import main

    sys.exit(main())
