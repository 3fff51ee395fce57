import sys

from app.cli import main

if __name__ == "__main__":   # the checker process (multiprocessing, spawn) imports this module again
    sys.exit(main())
