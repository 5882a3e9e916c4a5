"""Screens that show what they read from the backend at some state of the database, and notice when it moves on."""

from __future__ import annotations

from textual import work
from textual.screen import Screen

from tracker.errors import TrackerError
from tracker.tui.backend import Backend
from tracker.tui.messages import POLL_SECONDS, DatabaseChanged


class PollingScreen(Screen[None]):
    """A screen whose content was read at `token`; `check_changes` asks the backend, in a worker, whether anything
    was written since and posts DatabaseChanged when so (each screen says when to ask and what to do then)."""

    backend: Backend
    token: str = ""

    @work(thread=True, exclusive=True, exit_on_error=False, group="poll")
    def check_changes(self, token: str) -> None:
        try:
            # a backend that hears writes as they commit (PostgreSQL) answers as soon as one does; the wait ends
            # before the next poll starts
            wait = getattr(self.backend, "wait_for_change", None)
            changed = wait(token, POLL_SECONDS * 0.8) if wait is not None else self.backend.changed_since(token)
        except TrackerError:
            return  # unreachable for now: the next poll asks again
        if changed:
            self.post_message(DatabaseChanged())
