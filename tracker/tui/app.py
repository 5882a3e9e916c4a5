"""The tracker's Textual application: receives its backend, opens the stories screen (or one story)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from tracker.exitcodes import ExitCode
from tracker.tui.backend import Backend
from tracker.tui.commands import TrackerCommands


class TrackerApp(App[None]):
    """The terminal UI; everything it knows comes from `backend` (tests pass a fake one)."""

    CSS_PATH = "tracker.tcss"
    TITLE = "tracker"
    COMMANDS = App.COMMANDS | {TrackerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False),
    ]

    def __init__(self, backend: Backend, *, story: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        self.initial_story = story

    def on_mount(self) -> None:
        from tracker.tui.screens.stories import StoriesScreen

        user = None
        try:
            user = self.backend.user()
        except Exception as exc:  # noqa: BLE001 - a missing user must not stop reading; say why
            self.notify(f"Could not read the acting user: {exc}", severity="warning")
        self.sub_title = f"{user.name} ({user.role})" if user else "not a registered user: read-only decisions"
        if self.initial_story:
            # the list is built only when the person goes back to it, so the story paints sooner
            from tracker.tui.screens.story import StoryScreen

            self.push_screen(StoryScreen(self.backend, self.initial_story))
        else:
            self.push_screen(StoriesScreen(self.backend))

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that died of an unexpected error shows it in one line instead of taking the UI down."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title="Unexpected error", severity="error", timeout=10)


def run_app(db: str | None, user: str, story: str | None = None, backend: Backend | None = None) -> ExitCode:
    """Run the app until the user quits, on `backend` or else the real desk on `db` acting as `user`."""
    if backend is None:
        from tracker.cli.tui_cmd import build_backend

        backend = build_backend(db, user)
    TrackerApp(backend, story=story).run()
    return ExitCode.OK
