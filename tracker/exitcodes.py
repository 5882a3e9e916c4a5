"""The process exit codes other programs rely on (see the README's contract)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every `tracker` command."""

    OK = 0
    """Nothing to report: the command did what was asked and found nothing at or above the gate."""
    FINDINGS = 1
    """The command ran and found something (stale rows, QA errors, a refused approval): the CI gate."""
    USAGE = 2
    """The command line was wrong: unknown option, missing argument, contradictory flags."""
    DATA = 3
    """Bad or unreadable input, unknown story or revision, database unreachable or busy, a conflict."""
    INTERRUPTED = 130
    """Interrupted by the user (Ctrl-C)."""
