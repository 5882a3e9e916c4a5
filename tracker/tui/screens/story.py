"""The story screen: French beside English with flags, a details panel, and every action on the selected row.

Reading happens here (workers that post ViewLoaded and friends); decisions live in `story_actions.py`.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Label, Static

from tracker.approvals import ApprovalVerdict, approval_verdict
from tracker.errors import TrackerError
from tracker.model import Change, Revision
from tracker.terminal import visible
from tracker.tui.backend import Backend
from tracker.tui.follow import same_paragraph
from tracker.tui.keyhold import WaitsForRows, holder
from tracker.tui.messages import (
    POLL_SECONDS,
    ActionFailed,
    ActionSucceeded,
    CursorMoved,
    ParagraphHistoryLoaded,
    RowOpened,
    StoriesRequested,
    UserLoaded,
    ViewLoaded,
)
from tracker.tui.screens.paragraph_history import english_versions
from tracker.tui.screens.story_filter import FilterActions
from tracker.tui.widgets.details import DetailsPanel, describe_row
from tracker.tui.widgets.keybar import KeyBar
from tracker.tui.widgets.sidebyside import SideBySide
from tracker.view import Row, StoryView
from tracker.wire_flags import wire_words

# below this many columns the details panel starts hidden (`d` shows it), leaving the text columns room to read,
# and takes the lower half of the screen when shown, so that the two text columns keep the whole width
NARROW = 110
DETAILS_DELAY = 0.05


def story_bar(view: StoryView, extra: Text | None = None) -> Text:
    """One line: the story, how many rows need action, the approval state, then the title (what a narrow
    terminal cuts, with an ellipsis, is the end)."""
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(view.story.slug, style="bold")
    pending = sum(r.needs_action for r in view.rows)
    out.append("  │  ")
    out.append(f"{pending} to do" if pending else "up to date", style="bold red" if pending else "bold green")
    out.append("  │  ")
    out.append_text(approval_text(approval_verdict(view)))
    french = [r for r in view.revision_list if r.lang == "fr" and r.number <= view.fr.number]
    wire = wire_words(french, datetime.now(UTC))
    if any(f.kind == "withdraw" and f.acknowledged for r in view.rows for f in r.flags):
        wire += "; English withdrawn"
    if wire:
        out.append("  │  ")
        out.append(wire, style="bold reverse red" if not wire.startswith("embargo lifted") else "green")
    if extra is not None:
        out.append_text(extra)  # before the title, which a narrow terminal cuts
    if view.title and view.title != view.story.slug:
        out.append(f"  │  {visible(view.title)}")
    return out


STATE_STYLES = {
    "approved": "bold green",
    "per-paragraph": "bold green",
    "outdated": "bold yellow",
    "awaiting": "bold yellow",
    "rejected": "bold red",
    "none": "dim",
    "void": "bold red",
}


def approval_text(verdict: ApprovalVerdict) -> Text:
    """The approval verdict in the words every face uses (`ApprovalVerdict.words`), styled by its state."""
    out = Text("approval: ")
    out.append(verdict.words(), style=STATE_STYLES[verdict.state])
    return out


class StoryScreen(WaitsForRows, FilterActions):
    """One story, side by side; the cursor row is what every action applies to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Stories", tooltip="Back to the list of stories"),
        Binding(
            "e",
            "edit",
            "Edit EN",
            tooltip="Edit the English of this row where it stands, its French beside it (saves a new English revision)",
        ),
        Binding("a", "ack", "Ack", tooltip="Acknowledge: no change needed, or omitted on purpose"),
        Binding("t", "suggest", "MT", tooltip="Machine-translation suggestion for this row"),
        Binding("w", "waive", "Waive", tooltip="Waive this row's QA finding, with a reason"),
        Binding("l", "relink", "Relink", tooltip="Relink: say which French paragraphs stand for which English"),
        Binding("u", "unlink", "Unlink", show=False, tooltip="Unlink this row's paragraphs"),
        Binding("m", "merge", "Merge with next", show=False, tooltip="Merge this row with the next one"),
        Binding("s", "split", "Split", show=False, tooltip="Split this row after its first paragraph"),
        Binding("A", "approve", "Approve", tooltip="Approve the English revision shown (editors)"),
        Binding("P", "approve_paragraph", "Approve paragraph", show=False, tooltip="Approve this English paragraph"),
        Binding("X", "reject", "Reject", show=False, tooltip="Reject the English revision, with a note (editors)"),
        Binding(
            "W",
            "withdraw",
            "Withdrawn",
            show=False,
            tooltip="Record that a killed story's English was taken down, with a note (editors)",
        ),  # fmt: skip
        Binding("F", "pick_revision('fr')", "FR rev", show=False, tooltip="Show another French revision"),
        Binding("E", "pick_revision('en')", "EN rev", show=False, tooltip="Show another English revision"),
        Binding("R", "revoke", "Take back", show=False, tooltip="Take back a decision on this row, saying why"),
        Binding("slash", "search", "Search", tooltip="Search the story's French and English (accents, case ignored)"),
        Binding("f3", "search_next(1)", "Next match", show=False, tooltip="Next search match"),
        Binding("shift+f3", "search_next(-1)", "Previous match", show=False, tooltip="Previous search match"),
        Binding("f", "filter", "Filter", tooltip="Filter rows: all, needs action, QA findings, changed since base"),
        Binding("colon", "go_to", "Go to", show=False, tooltip="Go to a paragraph: 12 (French) or e12 (English)"),
        Binding("h", "history", "History", tooltip="Revisions of the story and diffs between them"),
        Binding("d", "toggle_details", "Details", show=False, tooltip="Show or hide the details panel"),
        Binding("r", "reload", "Reload", show=False, tooltip="Reload the story from the database"),
    ]

    def __init__(self, backend: Backend, slug: str, first_view: ViewLoaded | None = None) -> None:
        super().__init__()
        self._first_view = first_view  # already read by the launcher's worker: shown at mount, not read again
        self.backend = backend
        self.slug = slug
        self.fr_rev: int | None = None
        self.en_rev: int | None = None
        self.view: StoryView | None = None
        self.token = ""
        self._stale_on_resume = False
        self._refreshing = False  # coming back to a story someone changed meanwhile: read again, and the bar says so
        self._details_timer: Timer | None = None
        # French history and diffs never change once written; kept until the next reload
        self._revisions: list[Revision] | None = None
        self._diffs: dict[tuple[int, int], tuple[Change, ...]] = {}
        self._histories: dict[tuple[int, int], ParagraphHistoryLoaded] = {}
        self._en_diffs: dict[tuple[int, int], tuple[Change, ...]] = {}  # English ones, as lasting
        # the details panel follows the terminal's width until the user shows or hides it themselves
        self._details_chosen = False
        # the key hold that waits for the first rows (see `_hold_for_rows`; the launcher's, while the database opened)
        self.rows_hold: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("loading…", id="story-bar")
        with Horizontal(id="story-body"):
            with Vertical(id="story-main"):
                with Horizontal(id="column-heads"):
                    yield Label("Français", id="head-fr")
                    yield Label("English", id="head-en")
                yield SideBySide(id="sbs")
            yield DetailsPanel(id="details")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#story-body").set_class(event.size.width < NARROW, "-stacked")
        if not self._details_chosen:
            self.query_one(DetailsPanel).display = event.size.width >= NARROW
        self._place_details()
        if self._editing is not None:
            self.call_after_refresh(self._place_editor)

    def on_mount(self) -> None:
        self.query_one("#story-body").set_class(self.app.size.width < NARROW, "-stacked")
        self.query_one(DetailsPanel).display = self._details_chosen or self.app.size.width >= NARROW
        self._place_details()
        self.query_one(SideBySide).focus()
        if self._first_view is None:
            self._hold_for_rows()
            self.load_view()
        else:
            self.on_view_loaded(self._first_view)
            self._first_view = None
        self.load_user()
        self.set_interval(POLL_SECONDS, self.poll_changes)
        self.watch(self.query_one(SideBySide), "scroll_y", self._place_editor, init=False)

    def _hold_for_rows(self) -> None:
        """Keys typed before the first rows arrive (Enter then `n` at once, a busy machine) wait for them and then
        act on them, in order, rather than fall on an empty view."""
        app = holder(self)
        if app is not None:
            app.hold_keys()
            self.rows_hold = app.key_hold.generation

    # ------------------------------------------------------------------ reading
    @work(thread=True, exclusive=True, exit_on_error=False, group="view")
    def load_view(self, cursor: int | None = None) -> None:
        try:
            token = self.backend.change_token()
            view = self.backend.view(self.slug, self.fr_rev, self.en_rev)
        except TrackerError as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(ViewLoaded(view, cursor, token))

    @work(thread=True, exclusive=True, exit_on_error=False, group="user")
    def load_user(self) -> None:
        try:
            user = self.backend.user()
        except TrackerError:
            return  # unknown: the backend still refuses a decision the user may not take
        self.post_message(UserLoaded(user))

    def on_user_loaded(self, message: UserLoaded) -> None:
        self.acting, self.acting_known = message.user, True

    def on_view_loaded(self, message: ViewLoaded) -> None:
        if self._editing is not None:
            if not self._stored:  # rows moving under an open editor would put it over another row: after it
                self._deferred_view = message
                return
            # this view shows what was saved: the editor closes onto it, then what was asked next happens
            self._deferred_view, self._reload_after_edit = message, False
            self._close_editor()
            return
        self.show_view(message)

    def show_view(self, message: ViewLoaded) -> None:
        self._refreshing = False
        self.view = message.view
        self.token = message.token or self.token
        self._histories.clear()
        self._revisions = None
        view = message.view
        self.query_one("#head-fr", Label).update(f"Français — r{view.fr.number} of {len(view.fr_revisions) or 1}")
        if view.en is None:
            self.query_one("#head-en", Label).update("English — none yet")
        else:
            base = f", written from FR r{view.base.number}" if view.base else ""
            self.query_one("#head-en", Label).update(f"English — r{view.en.number}{base}")
        approved = view.approval is not None and view.approval.valid
        sbs, rows, cursor = self.query_one(SideBySide), self.shown_rows(view.rows), message.cursor
        if self.follow is not None and cursor is None:
            cursor, self.follow = same_paragraph(self.follow, rows), None
        sbs.set_rows(rows, cursor, approved=approved, paragraph_approvals=view.paragraph_approvals)
        self.refresh_bar()
        self._release_for_rows()

    def refresh_bar(self) -> None:
        if self.view is not None:
            note = self.filter_note(len(self.view.rows), len(self.query_one(SideBySide).rows))
            if self._refreshing:  # the rows shown are the last ones read: someone wrote meanwhile
                note.append("  │  refreshing…", style="bold")
            self.query_one("#story-bar", Static).update(story_bar(self.view, note))

    @property
    def current_row(self) -> Row | None:
        sbs = self.query_one(SideBySide)
        return sbs.rows[sbs.cursor] if sbs.rows else None

    def cursor_index(self) -> int:
        return self.query_one(SideBySide).cursor

    def on_cursor_moved(self, message: CursorMoved) -> None:
        # the panel follows once the cursor rests, so holding a key down only repaints the rows
        if self._details_timer is not None:
            self._details_timer.stop()
        index = message.index
        self._details_timer = self.set_timer(DETAILS_DELAY, lambda: self._show_details(index))

    def _show_details(self, index: int) -> None:
        rows = self.query_one(SideBySide).rows
        if self.view is None or not 0 <= index < len(rows):
            return
        loaded = self._histories.get((self.view.fr.number, index))
        history, english = (loaded.entries, loaded.english) if loaded is not None else (None, None)
        self.query_one(DetailsPanel).show(describe_row(rows[index], self.view, history, english))

    def on_row_opened(self, message: RowOpened) -> None:
        panel = self.query_one(DetailsPanel)
        panel.display = True
        self._place_details()
        self._show_details(message.index)
        row = self.current_row
        known = self.view is not None and (self.view.fr.number, message.index) in self._histories
        if self.view is not None and row is not None and (row.fr or row.en) and not known:
            self.load_paragraph_history(
                message.index,
                row.fr[0].index if row.fr else None,
                self.view.fr.number,
                tuple(p.index for p in row.en),
                self.view.en.number if self.view.en else None,
            )

    @work(thread=True, exclusive=True, exit_on_error=False, group="paragraph-history")
    def load_paragraph_history(
        self, row: int, fr_index: int | None, fr_rev: int, en: tuple[int, ...] = (), en_rev: int | None = None
    ) -> None:
        """Follow one French paragraph back through the revisions, newest first; and the row's English."""
        try:
            if self._revisions is None:
                self._revisions = self.backend.history(self.slug)
            revisions = {r.number: r for r in self._revisions if r.lang == "fr"}
            entries: list[tuple[int, str, str]] = []
            index: int | None = fr_index
            for number in range(fr_rev, 1, -1):
                if index is None or number not in revisions or number - 1 not in revisions:
                    break
                if (number - 1, number) not in self._diffs:
                    self._diffs[(number - 1, number)] = self.backend.diff(self.slug, "fr", number - 1, number)
                change = next((c for c in self._diffs[(number - 1, number)] if index in c.new), None)
                kind = change.kind if change else "added"
                entries.append((number, revisions[number].paragraphs[index].text, kind))
                index = change.old[0] if change and change.old else None
            if index is not None and 1 in revisions and index < len(revisions[1].paragraphs):
                entries.append((1, revisions[1].paragraphs[index].text, "first version"))
            english = english_versions(self._revisions, self._english_diff, en_rev, en) if en_rev else []
        except TrackerError as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(ParagraphHistoryLoaded(row, entries, english))

    def _english_diff(self, a: int, b: int) -> tuple[Change, ...]:
        """How English revision a became b (asked once until the next reload)."""
        if (a, b) not in self._en_diffs:
            self._en_diffs[(a, b)] = self.backend.diff(self.slug, "en", a, b)
        return self._en_diffs[(a, b)]

    def on_paragraph_history_loaded(self, message: ParagraphHistoryLoaded) -> None:
        if self.view is not None:
            self._histories[(self.view.fr.number, message.row)] = message
            if self.query_one(SideBySide).cursor == message.row:
                self._show_details(message.row)

    def action_filter(self) -> None:
        self._histories.clear()  # they are kept by row number, which the filter changes
        super().action_filter()

    # ------------------------------------------------------------------ outcomes and reloads
    def on_action_succeeded(self, message: ActionSucceeded) -> None:
        self.notify(message.text, timeout=4)
        self._own_write_at = time.monotonic()
        if message.reload:
            self.load_view()

    def on_action_failed(self, message: ActionFailed) -> None:
        self.notify(message.text, title="Not done", severity="error", timeout=8)
        if self._refreshing:  # the reload failed: the rows shown stay, and the bar no longer promises new ones
            self._refreshing = False
            self.refresh_bar()
        if self.view is None:  # the story never loaded (unknown, or unreadable): nothing to show here
            self._release_for_rows()
            self.action_back()

    def action_reload(self) -> None:
        if self._editing is not None:
            self._reload_after_edit = True
            self.notify("The story reloads when the editor closes.", timeout=3)
            return
        self.load_view()
        self.notify("Reloaded.", timeout=2)

    def poll_changes(self) -> None:
        if self.token:
            self.check_changes(self.token)

    def on_database_changed(self) -> None:
        if self._editing is not None:  # rows moving under the editor would put it over another row
            if not self._reload_after_edit and time.monotonic() - self._own_write_at > 2 * POLL_SECONDS:
                # said once: the French beside the editor may be out of date, and the text typed is safe
                self.notify(
                    "The story changed in the database (a new French or English revision?): it is shown when you"
                    " close the editor. Your text is kept; saving it checks it against the latest.",
                    title="Changed meanwhile",
                    severity="warning",
                    timeout=8,
                )
            self._reload_after_edit = True
        elif self.app.screen is self:
            self.token = ""
            self.load_view()
            if time.monotonic() - self._own_write_at > 2 * POLL_SECONDS:  # our own write needs no news
                self.notify("The database changed: view reloaded.", timeout=3)
        else:
            self._stale_on_resume = True

    def on_screen_resume(self) -> None:
        if self._stale_on_resume:
            self._stale_on_resume = False
            self._refreshing = True
            self.refresh_bar()
            self.load_view()

    def _place_details(self) -> None:
        # notifications narrow to the panel's width where it stands beside the rows (see tracker.tcss)
        beside = self.query_one(DetailsPanel).display and not self.query_one("#story-body").has_class("-stacked")
        self.set_class(beside, "-details-beside")

    def keep_clear_of_toasts(self) -> bool:
        """Notifications never hide the cursor row's English: it scrolls clear of them (the app calls this)."""
        return self.query_one(SideBySide).keep_clear_of_toasts()

    def action_toggle_details(self) -> None:
        self._details_chosen = True
        panel = self.query_one(DetailsPanel)
        panel.display = not panel.display
        self._place_details()

    def action_back(self) -> None:
        self.confirm_leave("Leave the story", self._leave)

    def _leave(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
            return
        # the app opened on this story: a new list, its cursor on this story
        self.post_message(StoriesRequested(selected=self.slug))
