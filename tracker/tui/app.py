"""The tracker's Textual application (placeholder until the TUI issue lands)."""

from __future__ import annotations

from textual.app import App

from tracker.exitcodes import ExitCode


class TrackerApp(App[None]):
    """The terminal UI."""


def run_app(db: str | None, user: str) -> ExitCode:
    """Run the app until the user quits."""
    TrackerApp().run()
    return ExitCode.OK
