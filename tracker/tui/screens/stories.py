"""The stories screen: every story's state at a glance, sortable, filterable and searchable."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static

from tracker.errors import TrackerError
from tracker.listing import APPROVAL_WORDS, FILTERS, SORTS, listed, state_parts
from tracker.terminal import visible
from tracker.tui.backend import Backend
from tracker.tui.keyhold import WaitsForRows, holder
from tracker.tui.messages import POLL_SECONDS, ActionFailed, StoriesLoaded, StoryRequested
from tracker.tui.screens.polling import PollingScreen
from tracker.tui.widgets.keybar import KeyBar
from tracker.view import StorySummary

STATE_STYLES = {"stale": "bold red", "untranslated": "bold magenta", "qa": "bold yellow", "ok": "green"}
STATE_STYLES |= {"wire": "bold reverse red", "error": "bold red"}
APPROVAL_STYLES = {"approved": "green", "per-paragraph": "green", "outdated": "yellow", "awaiting": "yellow"}
APPROVAL_STYLES |= {"rejected": "bold red"}


def state_text(story: StorySummary) -> Text:
    """The state column: words first (readable without colour), colour second."""
    out = Text()
    for n, (words, kind) in enumerate(state_parts(story, datetime.now(UTC))):
        if n:
            out.append(", ")
        out.append(words, style=STATE_STYLES[kind])
    return out


def approval_text(story: StorySummary) -> Text:
    return Text(APPROVAL_WORDS[story.approval], style=APPROVAL_STYLES.get(story.approval, "dim"))


# the state first and the title last, cut to what fits: a long title never pushes the state off screen
COLUMNS = ("Story", "State", "Approval", "FR", "EN", "Updated", "Title")


def state_cells(story: StorySummary) -> list[Text]:
    """Every column but the title, in COLUMNS order."""
    return [
        Text(visible(story.slug)),
        state_text(story),
        approval_text(story),
        Text(f"r{story.fr_rev}"),
        Text(f"r{story.en_rev}" if story.en_rev else "—"),
        Text(story.updated_at.strftime("%Y-%m-%d %H:%M")),
    ]


def column_widths(rows: list[list[Text]]) -> list[int]:
    """The widths of every column but the title: each at its widest cell or header."""
    return [max([len(head), *(row[n].cell_len for row in rows)]) for n, head in enumerate(COLUMNS[:-1])]


def title_width(rows: list[list[Text]], room: int, padding: int) -> int:
    """The cells the title column may take: what the other columns (at their widest, with padding) leave."""
    return max(len(COLUMNS[-1]), room - sum(column_widths(rows)) - 2 * padding * len(COLUMNS))


class StoriesScreen(WaitsForRows, PollingScreen):
    """The desk's list of stories; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # a priority binding runs as the app reads the key, before it reads the next one, so that the keys typed
        # with Enter are held for the story (see `open_story`) instead of reaching this list; the search field
        # keeps its own Enter (SkipAction)
        Binding("enter", "open", "Open", show=False, priority=True, tooltip="Open the story"),
        Binding("slash", "search", "Search", tooltip="Search stories by name or title"),
        Binding("s", "sort", "Sort", tooltip="Sort by: most to do, urgency, latest change, name"),
        Binding("f", "filter", "Filter", tooltip="Filter: all, needs work, up to date, awaiting approval"),
        Binding("r", "reload", "Reload", tooltip="Reload the list"),
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    def __init__(self, backend: Backend, first: StoriesLoaded | None = None, selected: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        self._first = first  # already read by the launcher's worker: shown when first resumed, not read again
        self._selected = selected  # the story the cursor goes to once the list is read (the one last open)
        self._room = 0  # the width the titles were last cut to fit
        self.stories: list[StorySummary] = []
        self.sort = next(iter(SORTS))
        self.filter = next(iter(FILTERS))
        self.refreshing = False  # a reload is under way: the rows shown are the last ones read
        self._bar = Text()
        self.rows_hold: int | None = None  # the launcher's key hold, kept while the database opened: ends on the rows

    def compose(self) -> ComposeResult:
        yield Static("Stories — loading…", id="stories-bar")
        yield Input(placeholder="search stories (/)", id="search")
        yield DataTable(id="stories", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.focus()
        self.set_interval(POLL_SECONDS, self.poll_changes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="stories")
    def load(self) -> None:
        try:
            token = self.backend.change_token()
            stories = self.backend.stories()
        except TrackerError as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(StoriesLoaded(stories, token))

    def on_stories_loaded(self, message: StoriesLoaded) -> None:
        self.refreshing = False
        self.stories = message.stories
        self.token = message.token or self.token
        self.refill()
        self._release_for_rows()

    def poll_changes(self) -> None:
        # only while the list is in front: a story screen on top polls for itself, and the list reloads on resume
        if self.token and self.app.screen is self:
            self.check_changes(self.token)

    def on_database_changed(self) -> None:
        self.token = ""
        self.refresh_list()

    def on_action_failed(self, message: ActionFailed) -> None:
        self._release_for_rows()
        if self.refreshing and self._bar.plain:  # the old rows stay: the bar no longer promises new ones
            self.refreshing = False
            self.show_bar()
        self.notify(message.text, title="Not done", severity="error", timeout=8)

    def shown_stories(self) -> list[StorySummary]:
        query = self.query_one("#search", Input).value
        return listed(self.stories, filter_by=self.filter, sort_by=self.sort, query=query)

    def cursor_slug(self) -> str | None:
        """The story under the cursor, if any."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def refill(self) -> None:
        """Show the stories again; the cursor stays on its story wherever a reload, sort or filter puts it."""
        table = self.query_one(DataTable)
        keep = self._selected or self.cursor_slug()
        if self.stories:
            self._selected = None
        shown = self.shown_stories()
        rows = [state_cells(s) for s in shown]
        self._room = room = self.room()
        fit = title_width(rows, room, table.cell_padding)
        table.clear(columns=True)  # columns too: their widths only ever grow, even when a search hides a story
        # widths given, not measured: a table measured later (after the first paint) showed every column cut to
        # its header's width until the next reload
        for head, width in zip(COLUMNS, [*column_widths(rows), fit], strict=True):
            table.add_column(head, width=width)
        for s, cells in zip(shown, rows, strict=True):
            title = Text(visible(s.title), no_wrap=True, overflow="ellipsis")
            title.truncate(fit, overflow="ellipsis")
            table.add_row(*cells, title, key=s.slug)
        slugs = [s.slug for s in shown]
        if keep in slugs:
            table.move_cursor(row=slugs.index(keep), animate=False)
        total = len(self.stories)
        query = self.query_one("#search", Input).value.strip()
        nothing = f" · no story matches '{query}'" if query and not shown else ""
        # Text: a query like '[b]' is not markup
        self._bar = Text(f"Stories — {len(shown)} of {total}{nothing} · filter: {self.filter} · sorted by {self.sort}")
        self.show_bar()

    def show_bar(self) -> None:
        """The bar, saying while the list is read again that the rows shown may be old."""
        bar = self._bar.copy()
        if self.refreshing:
            bar.append(" · refreshing…", style="bold")
        self.query_one("#stories-bar", Static).update(bar)

    def refresh_list(self) -> None:
        """Read the list again; until it arrives the rows shown are the old ones, and the bar says so."""
        self.refreshing = True
        if self._bar.plain:
            self.show_bar()
        self.load()

    def room(self) -> int:
        """The table's width for columns, less the vertical scrollbar so they fit whether or not it shows."""
        table = self.query_one(DataTable)
        return (table.content_region.width or self.app.size.width) - table.styles.scrollbar_size_vertical

    def on_resize(self) -> None:
        if self.stories and self.room() != self._room:
            self.refill()  # the titles are cut to the new width

    def on_input_changed(self) -> None:
        self.refill()

    def on_input_submitted(self) -> None:
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_story(event.row_key.value)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.app.focused is not table:
            raise SkipAction()
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key:
                self.open_story(key)

    def open_story(self, slug: str) -> None:
        self._selected = slug
        app = holder(self)
        if app is not None:  # the keys typed with Enter are already queued for this list: they wait for the story
            app.hold_keys()
        self.post_message(StoryRequested(slug))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        self.query_one("#search", Input).value = ""
        self.query_one(DataTable).focus()

    def action_sort(self) -> None:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.refill()

    def action_filter(self) -> None:
        names = list(FILTERS)
        self.filter = names[(names.index(self.filter) + 1) % len(names)]
        self.refill()

    def action_reload(self) -> None:
        self.refresh_list()

    def on_screen_resume(self) -> None:
        # loads when shown (first push included), so opening a story directly never waits for the list
        if self._first is None:
            self.refresh_list()
        else:
            self.on_stories_loaded(self._first)
            self._first = None
