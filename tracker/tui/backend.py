"""What the terminal UI needs from the rest of the tracker: one Protocol, in terms of core dataclasses.

The App receives an object of this shape through its constructor; the real one is `tracker.services.desk.Desk`,
tests inject a fake. The UI never touches the database: every read and decision goes through these calls.

Threading: the UI calls the backend from worker threads (never two calls at once from one worker group, but a
read and a decision may overlap), so an implementation must not be bound to the thread that created it
(SQLite: `check_same_thread=False`, a session per call).

Errors are `tracker.errors` exceptions, shown to the user as one line:
NotFoundError (unknown story, revision or paragraph), ConflictError (someone saved meanwhile: reload and retry),
ForbiddenError (role, four-eyes rule), RefusedError (allowed but not in this state, e.g. approving with stale rows),
TranslationError (machine translation offline, unauthorised, rate-limited), StoreError (database unreachable).
"""

from __future__ import annotations

from typing import Protocol

from tracker.model import AckKind, Acknowledgement, Approval, Change, Finding, Link, Revision, User, Waiver
from tracker.revocations import AnyDecision
from tracker.view import StorySummary, StoryView


class SuggestionLike(Protocol):
    """A machine-translation suggestion: never saved unless a person accepts it (any object with these fields)."""

    @property
    def text(self) -> str: ...

    @property
    def provider(self) -> str: ...


class Backend(Protocol):
    """Every call the UI makes. Revision numbers are the ones shown on screen, so decisions bind to what was seen."""

    # ------------------------------------------------------------------ reading
    def user(self) -> User | None:
        """The acting user, or None when they are not registered (they may still read)."""
        ...

    def stories(self) -> list[StorySummary]:
        """Every story with its state at a glance, in any order (the UI sorts)."""
        ...

    def view(self, slug: str, fr_rev: int | None = None, en_rev: int | None = None) -> StoryView:
        """A story as rows for the given revisions (None = latest): flags against the English's base, findings."""
        ...

    def history(self, slug: str) -> list[Revision]:
        """Every revision of both languages, oldest first, with their paragraphs."""
        ...

    def diff(self, slug: str, lang: str, a: int, b: int) -> tuple[Change, ...]:
        """How revision `a` of one language became revision `b`, paragraph by paragraph, with word diffs."""
        ...

    def change_token(self) -> str:
        """An opaque token that changes whenever anything is written to the database (by anyone)."""
        ...

    def changed_since(self, token: str) -> bool:
        """True when the database changed after `token` was taken; cheap, polled every few seconds."""
        ...

    # ------------------------------------------------------------------ translating
    def save_english(
        self,
        slug: str,
        en: tuple[int, ...],
        text: str,
        *,
        fr_rev: int,
        expected_en_rev: int | None,
        fr: tuple[int, ...] = (),
    ) -> Revision:
        """Save a new English revision, based on French revision `fr_rev`, from English revision `expected_en_rev`.

        English paragraphs `en` (contiguous indices of `expected_en_rev`) are replaced by `text` (blank lines
        separate paragraphs; empty text removes them). When `en` is empty, `text` is inserted as the translation
        of French paragraphs `fr`, after the English of the nearest preceding linked French paragraph, and linked
        to them. Raises ConflictError when the latest English revision is no longer `expected_en_rev`.
        """
        ...

    def suggest(self, slug: str, fr_index: int, *, fr_rev: int) -> SuggestionLike:
        """A machine-translation suggestion for one French paragraph; TranslationError when offline (timeout-bound)."""
        ...

    def ack(self, slug: str, fr_index: int, kind: AckKind, note: str, *, fr_rev: int) -> Acknowledgement:
        """Acknowledge French paragraph `fr_index` of `fr_rev`: 'no-change' needed, or 'omitted' on purpose."""
        ...

    # ------------------------------------------------------------------ alignment corrections (confirmed facts)
    def relink(self, slug: str, fr: tuple[int, ...], en: tuple[int, ...], *, fr_rev: int, en_rev: int) -> None:
        """French paragraphs `fr` stand for English paragraphs `en`; they leave their former links."""
        ...

    def unlink(self, slug: str, link: Link, *, fr_rev: int, en_rev: int) -> None:
        """Every paragraph of `link` becomes unpaired (1-0 and 0-1 rows)."""
        ...

    def merge(self, slug: str, a: Link, b: Link, *, fr_rev: int, en_rev: int) -> None:
        """One link made of both links' paragraphs (e.g. two French paragraphs merged into one English)."""
        ...

    def split(self, slug: str, link: Link, *, fr_at: int, en_at: int, fr_rev: int, en_rev: int) -> None:
        """Two links: `link.fr[:fr_at]`/`link.en[:en_at]` and the rest (either side of a part may be empty)."""
        ...

    # ------------------------------------------------------------------ review
    def waive(self, slug: str, finding: Finding, reason: str, *, fr_rev: int, en_rev: int) -> Waiver:
        """Set a QA finding aside, bound to the paragraph versions it was raised on."""
        ...

    def approve(
        self,
        slug: str,
        note: str,
        *,
        fr_rev: int,
        en_rev: int,
        force: bool = False,
        paragraph: int | None = None,
    ) -> Approval:
        """Approve English `en_rev` against French `fr_rev` (editors; `paragraph` = one English paragraph only).

        ForbiddenError for non-editors or the four-eyes rule; RefusedError while rows need action (unless `force`
        with a note); ConflictError when either revision is no longer the latest.
        """
        ...

    def reject(self, slug: str, note: str, *, fr_rev: int, en_rev: int) -> Approval:
        """Send the adaptation back with a note (editors)."""
        ...

    def withdraw(self, slug: str, note: str) -> None:
        """Record that the English of killed story `slug` was taken down (editors; a note is required)."""
        ...

    def revoke(self, slug: str, decision: AnyDecision, reason: str) -> None:
        """Take back a decision shown on a row (`Row.decisions`), saying why: recorded as a new fact.

        RefusedError when it no longer stands (someone took it back already); ForbiddenError for another
        editor's verdict."""
        ...
