"""The tracker's Textual application: receives its backend, opens the stories screen (or one story).

The launcher hands over a function that opens the backend rather than the backend itself: the frame paints first
while a thread worker imports the database layer and opens the store; a store that cannot be opened ends the app
with exit code 3, and `run_app` raises the error after the terminal is restored, so it reads as one line on stderr.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.filter import LineFilter, Monochrome, NoColor
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Static
from textual.widgets._toast import ToastHolder, ToastRack
from textual.worker import Worker, WorkerState

from tracker.errors import TrackerError
from tracker.exitcodes import ExitCode
from tracker.model import User
from tracker.tui.backend import Backend
from tracker.tui.commands import TrackerCommands
from tracker.tui.keyhold import HOLD_LIMIT_SECONDS, KeyHold
from tracker.tui.messages import StoriesLoaded, StoriesRequested, StoryRequested, ViewLoaded
from tracker.tui.nocolor import LegibleNoColor

# how long after the backend opens the first screen is surely painted: collection, if the launcher paused it for
# the start-up, resumes then
STARTUP_SECONDS = 1.0


def resume_collection() -> None:
    """Turn the garbage collector back on after a start-up that paused it, never scanning the start-up's objects
    (modules, classes, tables: they live as long as the program) again. Does nothing if collection was on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


@dataclass
class BackendOpened(Message):
    """The backend is open and the acting user read (`user_error` says why it could not be)."""

    backend: Backend
    user: User | None
    user_error: str | None
    first: ViewLoaded | StoriesLoaded | None = None


@dataclass
class BackendFailed(Message):
    """The backend could not be opened: the app ends and the launcher reports `error`."""

    error: Exception


class TrackerApp(App[None]):
    """The terminal UI; everything it knows comes from `backend` (tests pass a fake one) or `open_backend`."""

    CSS_PATH = "tracker.tcss"
    TITLE = "tracker"
    COMMANDS = App.COMMANDS | {TrackerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False),
    ]

    backend: Backend

    def __init__(
        self,
        backend: Backend | None = None,
        *,
        story: str | None = None,
        open_backend: Callable[[], Backend] | None = None,
    ) -> None:
        super().__init__()
        if (backend is None) == (open_backend is None):
            raise ValueError("give either a backend or a function that opens one")
        if backend is not None:
            self.backend = backend
        self.open_backend = open_backend
        self.initial_story = story
        self.startup_error: Exception | None = None
        self.key_hold = KeyHold()
        self._startup_hold: int | None = None  # the hold on while the database opens (see on_mount)

    def get_line_filters(self) -> Sequence[LineFilter]:
        # NO_COLOR: what colour set apart is set apart by reverse video, and nothing stays grey on grey
        return [self._legible(f) if isinstance(f, (Monochrome, NoColor)) else f for f in super().get_line_filters()]

    def _legible(self, inner: LineFilter) -> LineFilter:
        wrapped = self.__dict__.setdefault("_legible_filters", {})
        if id(inner) not in wrapped:
            wrapped[id(inner)] = LegibleNoColor(inner)
        return wrapped[id(inner)]  # type: ignore[no-any-return]

    def on_notify(self, event: Notify) -> None:
        # once the new toast is laid out, the story screen scrolls its cursor row out from under the toasts
        self.call_after_refresh(self._clear_of_toasts, ToastRack._toast_id(event.notification), 20)

    def _clear_of_toasts(self, toast_id: str, tries: int) -> None:
        keep_clear = getattr(self.screen, "keep_clear_of_toasts", None)
        if keep_clear is None:
            return
        placed = [holder for holder in self.screen.query(ToastHolder) if holder.id == toast_id and holder.region.height]
        if (placed or tries <= 1) and keep_clear():
            return
        if tries > 1:  # the toast is mounted, then laid out, a refresh or two after the notification
            self.call_after_refresh(self._clear_of_toasts, toast_id, tries - 1)

    def compose(self) -> ComposeResult:
        # shown (only) until the backend is open: the first paint never waits for the database
        yield Static("Opening the database…", id="opening")

    def on_mount(self) -> None:
        if self.open_backend is None:
            user, error = _read_user(self.backend)
            self._start(user, error)
        else:
            # keys typed while the database opens (Enter, then n) wait for the first screen's rows, then act on them
            self.hold_keys()
            self._startup_hold = self.key_hold.generation
            # after the first paint, so the import of the database layer does not hold the GIL against the frame
            self.call_after_refresh(self._open)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _open(self) -> None:
        assert self.open_backend is not None
        try:
            backend = self.open_backend()
        except Exception as exc:  # noqa: BLE001 - every failure ends the app; run_app raises it afterwards
            self.post_message(BackendFailed(exc))
            return
        user, user_error = _read_user(backend)
        self.post_message(BackendOpened(backend, user, user_error, self._first_read(backend)))

    def _first_read(self, backend: Backend) -> ViewLoaded | StoriesLoaded | None:
        """What the first screen shows (the opening story's view, or the list), read in this same worker while the
        main thread is idle, so the screen mounts once with its content; None leaves the reading, and the message
        if it fails, to the screen."""
        try:
            token = backend.change_token()  # before the read: a write in between shows as a change
            if not self.initial_story:
                return StoriesLoaded(backend.stories(), token)
            return ViewLoaded(backend.view(self.initial_story), None, token)
        except TrackerError:
            return None

    def on_backend_opened(self, message: BackendOpened) -> None:
        self.backend = message.backend
        self._start(message.user, message.user_error, message.first)

    def on_backend_failed(self, message: BackendFailed) -> None:
        self.startup_error = message.error
        self.exit(return_code=int(ExitCode.DATA) if isinstance(message.error, TrackerError) else 1)

    def _start(
        self, user: User | None, user_error: str | None, first: ViewLoaded | StoriesLoaded | None = None
    ) -> None:
        from tracker.tui.screens.stories import StoriesScreen

        self.set_timer(STARTUP_SECONDS, resume_collection)
        if user_error is not None:
            self.notify(f"Could not read the acting user: {user_error}", severity="warning")
        self.sub_title = f"{user.name} ({user.role})" if user else "not a registered user: reading only"
        if self.initial_story:
            # the list is built only when the person goes back to it, so the story paints sooner
            from tracker.tui.screens.story import StoryScreen

            story = StoryScreen(self.backend, self.initial_story, first if isinstance(first, ViewLoaded) else None)
            story.rows_hold = self._startup_hold
            self.push_screen(story)
        else:
            stories = StoriesScreen(self.backend, first if isinstance(first, StoriesLoaded) else None)
            stories.rows_hold = self._startup_hold
            self.push_screen(stories)
        self._startup_hold = None

    def on_story_requested(self, message: StoryRequested) -> None:
        from tracker.tui.screens.story import StoryScreen

        self.push_screen(StoryScreen(self.backend, message.slug))

    def on_stories_requested(self, message: StoriesRequested) -> None:
        from tracker.tui.screens.stories import StoriesScreen

        self.switch_screen(StoriesScreen(self.backend, selected=message.selected))

    async def action_quit(self) -> None:
        """Quit, once an open row editor's text is saved, or discarded by choice (the story screen asks)."""
        from tracker.tui.screens.edit_modals import UnsavedModal

        if isinstance(self.screen, UnsavedModal):
            return  # already asking
        for screen in reversed(self.screen_stack):
            confirm_leave = getattr(screen, "confirm_leave", None)
            if callable(confirm_leave):
                confirm_leave("Quit", self.exit)
                return
        self.exit()

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_groups()))

    # ------------------------------------------------------------------ keys held while the UI changes hands
    def hold_keys(self) -> None:
        """Keep the keys typed from now on until `release_keys` (see `tracker.tui.keyhold`)."""
        generation = self.key_hold.start()
        self.set_timer(HOLD_LIMIT_SECONDS, lambda: self._release_stuck(generation))

    def release_keys(self) -> None:
        """Dispatch the held keys again, after what the app has queued already (a change of focus, more keys)."""
        self.call_later(self._replay_keys)

    def _release_stuck(self, generation: int) -> None:
        if self.key_hold.active and self.key_hold.generation == generation:
            self.release_keys()

    async def _replay_keys(self) -> None:
        for key in self.key_hold.stop():
            if self.key_hold.active:  # a replayed key started another hold: the rest waits for it
                self.key_hold.keep(key)
            else:
                await super().on_event(key)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.key_hold.active:
            self.key_hold.keep(event)
            return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        # a key that bubbled up from the focused widget to run its binding: during a hold, it waits with the rest
        if self.key_hold.active:
            self.key_hold.hand_back(event)
            event.stop()
            event.prevent_default()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that died of an unexpected error shows it in one line instead of taking the UI down."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title="Unexpected error", severity="error", timeout=10)


def binding_groups() -> list[tuple[str, list[BindingType]]]:
    """Every screen's bindings, grouped by where they work, for the help screen and the README's table."""
    from tracker.tui.screens.history import HistoryScreen
    from tracker.tui.screens.stories import StoriesScreen
    from tracker.tui.screens.story import StoryScreen
    from tracker.tui.widgets.roweditor import RowEditor
    from tracker.tui.widgets.sidebyside import SideBySide

    return [
        ("Everywhere", TrackerApp.BINDINGS),
        ("Stories", StoriesScreen.BINDINGS),
        ("Story", SideBySide.BINDINGS + StoryScreen.BINDINGS),
        ("Row editor", RowEditor.BINDINGS),
        ("History", HistoryScreen.BINDINGS),
    ]


def _read_user(backend: Backend) -> tuple[User | None, str | None]:
    """The acting user, or why they could not be read (a missing user must not stop reading)."""
    try:
        return backend.user(), None
    except TrackerError as exc:  # a database or user problem: reading goes on; a bug still surfaces
        return None, str(exc)


def run_app(open_backend: Callable[[], Backend], story: str | None = None) -> ExitCode:
    """Run the app until the user quits; the backend is opened in a worker while the frame paints.

    Raises what `open_backend` raised (a TrackerError: the CLI prints one line and exits 3) once the terminal
    is restored.
    """
    app = TrackerApp(story=story, open_backend=open_backend)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error
    return ExitCode.OK
