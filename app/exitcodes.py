"""Process exit codes shared by every ``cardwise`` subcommand."""
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0          #: ran, and found no error-severity finding
    FINDINGS = 1    #: ran, and found at least one error-severity finding (or refused an export)
    USAGE = 2       #: bad arguments, unreadable input, or an I/O problem
