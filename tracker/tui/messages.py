"""Messages the UI's widgets and workers post: small dataclasses, named in the past tense."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from tracker.model import Change, Revision, User
from tracker.view import StorySummary, StoryView


@dataclass
class CursorMoved(Message):
    """The side-by-side cursor is on another row (high frequency: only the latest matters)."""

    index: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CursorMoved)


@dataclass
class RowOpened(Message):
    """The person asked for everything about one row (Enter)."""

    index: int


@dataclass
class StoriesLoaded(Message):
    stories: list[StorySummary]
    token: str = ""  # the database's change token read just before the stories


@dataclass
class ViewLoaded(Message):
    """A story view arrived from the backend; `cursor` asks to put the cursor on that row."""

    view: StoryView
    cursor: int | None = None
    token: str = ""


@dataclass
class HistoryLoaded(Message):
    revisions: list[Revision]


@dataclass
class DiffLoaded(Message):
    lang: str
    a: int
    b: int
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class EnglishVersion:
    """One version of a row's English: the revision that wrote it, its text, what happened ('edited', 'added',
    'first version') and its word diff from the version before (`=`, `-`, `+` pieces; empty for the first)."""

    number: int
    text: str
    what: str
    words: tuple[tuple[str, str], ...] = ()
    author: str = ""
    based_on: int | None = None  # the French revision it was written from


@dataclass
class ParagraphHistoryLoaded(Message):
    """The revisions a French paragraph went through, newest first: (revision number, text, what happened); and
    the versions of the row's English, newest first, only those that changed it."""

    row: int
    entries: list[tuple[int, str, str]]
    english: list[EnglishVersion] = field(default_factory=list)


@dataclass
class SuggestionReceived(Message):
    row: int
    text: str
    provider: str


@dataclass
class EditorSuggestionReceived(Message):
    """The machine translation the row editor asked for (Ctrl+T), for French `fr` of `fr_rev`; `text` is empty
    when none is available, and `reason` says why (offline, no provider...)."""

    fr: tuple[int, ...]
    fr_rev: int
    text: str
    provider: str = ""
    reason: str = ""


@dataclass
class ActionSucceeded(Message):
    """A decision was stored; `reload` asks the story screen to fetch the view again."""

    text: str
    reload: bool = True


@dataclass
class ActionFailed(Message):
    """A backend call failed with a message meant for the person (never a traceback)."""

    text: str


# how often a screen asks the backend whether anything was written since it read (one cheap query)
POLL_SECONDS = 3.0


@dataclass
class DatabaseChanged(Message):
    """Someone wrote to the database since this screen loaded it."""


@dataclass
class UserLoaded(Message):
    """Who is acting (None: not registered), fetched once when the story screen opens."""

    user: User | None


@dataclass
class StoryRequested(Message):
    """A screen asks the app to open a story (screens never import each other: the app navigates)."""

    slug: str


@dataclass
class StoriesRequested(Message):
    """A screen asks the app for the stories list in place of itself, its cursor on `selected`."""

    selected: str | None = None


@dataclass
class EnglishStored(Message):
    """The row editor's English was saved as revision `number`; `shown` is the view read right after, in the same
    worker (None when that read failed: the screen reads it again)."""

    number: int
    shown: ViewLoaded | None = None


@dataclass
class SaveConflicted(Message):
    """Someone saved English since the editor opened: `mine` was not saved; `latest` is the story as it is now."""

    mine: str
    latest: StoryView


@dataclass
class SaveFailed(Message):
    """The row editor's English could not be saved (`text` says why); the editor keeps it."""

    text: str
