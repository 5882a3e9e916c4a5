"""The story screen's decisions: edit, acknowledge, suggest, correct the alignment, waive, approve, reject.

Each action asks a modal for what is needed, then hands one backend call to a thread worker that posts
ActionSucceeded or ActionFailed; decisions always carry the revision numbers that were on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import work

from tracker.errors import TrackerError
from tracker.model import AckKind, User
from tracker.tui.backend import Backend
from tracker.tui.keyhold import holder
from tracker.tui.messages import ActionFailed, ActionSucceeded, SuggestionReceived
from tracker.tui.screens.edit_target import EditTarget, changed_sentence_start
from tracker.tui.screens.modals import (
    AckModal,
    ApproveModal,
    ConfirmModal,
    NoteModal,
    RelinkModal,
    RevisionModal,
)
from tracker.tui.screens.polling import PollingScreen
from tracker.tui.widgets.revisions import revision_choices
from tracker.view import Row, StoryView

# the flags an acknowledgement answers: a French change (no change needed) or a French paragraph left out
ACKNOWLEDGEABLE = frozenset({"correction", "stale", "cosmetic", "untranslated"})


def _nums(indices: tuple[int, ...]) -> str:
    return ", ".join(map(str, indices)) or "—"


class StoryActions(PollingScreen):
    """Actions on the row under the cursor; the concrete screen supplies the data and the reload."""

    backend: Backend
    slug: str
    view: StoryView | None
    fr_rev: int | None
    en_rev: int | None
    # who is acting: unknown (False) until the worker started on mount answers
    acting: User | None = None
    acting_known: bool = False
    # when this screen last wrote: the change it makes in the database is no news to it
    _own_write_at: float = 0.0
    # the row the cursor was on when another revision was asked for: the next view puts the cursor on its paragraph
    follow: Row | None = None

    @property
    def current_row(self) -> Row | None:
        raise NotImplementedError

    def load_view(self, cursor: int | None = None) -> object:
        raise NotImplementedError

    def edit_in_row(self, text: str, title: str, target: EditTarget) -> None:
        """Open the row editor on the cursor row with `text`, to replace what `target` says when saved."""
        raise NotImplementedError

    # ------------------------------------------------------------------ plumbing
    @work(thread=True, exclusive=True, exit_on_error=False, group="decide")
    def decide(self, done: str, call: Callable[[], object], reload: bool = True) -> None:
        """Run one decision off the UI thread; the outcome comes back as a message."""
        self._own_write_at = time.monotonic()
        try:
            call()
        except TrackerError as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(ActionSucceeded(done, reload))

    def _ready(self) -> tuple[StoryView, Row] | None:
        row = self.current_row
        if self.view is None or row is None:
            return None
        return self.view, row

    def _may_review(self) -> bool:
        """False (with the reason, in one line) when the acting user is known not to be an editor."""
        if not self.acting_known:
            return True  # the backend still refuses; the dialog must not wait for the answer
        if self.acting is None:
            self.notify("You are not a registered user: only editors may approve or reject.", severity="warning")
            return False
        if self.acting.role not in ("editor", "admin"):
            self.notify(
                f"{self.acting.name} is a {self.acting.role}: only editors may approve or reject.", severity="warning"
            )
            return False
        return True

    def _may_write(self) -> bool:
        """False (with the desk's own reason) when the acting user is known not to be registered."""
        from tracker.services.writers import english_refusal

        if not self.acting_known or self.acting is not None:
            return True  # unknown yet: the backend still refuses, and the editor keeps the text
        self.notify(f"You are {english_refusal(None)}.", severity="warning", timeout=8)
        return False

    def _confirm(self, question: str, done: str, call: Callable[[], object]) -> None:
        """Ask first, then decide: alignment corrections take effect at once and for everyone."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.decide(done, call)

        self.app.push_screen(ConfirmModal(question), answered)

    def _english_rev(self, view: StoryView) -> int | None:
        """The English revision decisions bind to, or None (with a message) when there is none."""
        if view.en is None:
            self.notify("This story has no English yet.", severity="warning")
            return None
        return view.en.number

    # ------------------------------------------------------------------ translating
    def action_edit(self, initial: str | None = None, title: str | None = None) -> None:
        ready = self._ready()
        if ready is None:
            return
        view, row = ready
        if view.en is not None and view.en_revisions and view.en.number != max(view.en_revisions):
            self.notify("You are looking at an old English revision: press E to pick the latest, then edit.")
            return
        if view.fr_revisions and view.fr.number != max(view.fr_revisions):
            # saving would base the English on the old French, and every newer French change would turn stale
            self.notify("You are looking at an old French revision: press F to pick the latest, then edit.")
            return
        if not row.fr and not row.en:
            return
        if not self._may_write():
            return
        english = initial if initial is not None else "\n\n".join(p.text for p in row.en)
        heading = title or (f"English ¶ {', '.join(str(p.index) for p in row.en)}" if row.en else "New English")
        target = EditTarget(
            row=self.cursor_index(),
            fr_rev=view.fr.number,
            en_rev=view.en.number if view.en else None,
            en=tuple(p.index for p in row.en),
            fr=tuple(p.index for p in row.fr),
            original="\n\n".join(p.text for p in row.en),
            suggested=initial is not None,
            french="\n\n".join(p.text for p in row.fr),
            # on a stale row, where the French changed (a suggestion's cursor starts at its end)
            start=changed_sentence_start(row) if initial is None else None,
        )
        self.edit_in_row(english, f"{heading} — from French r{view.fr.number}", target)

    def action_suggest(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        view, row = ready
        if not row.fr:
            self.notify("No French on this row to translate.", severity="warning")
            return
        self.notify("Asking for a machine translation…", timeout=2)
        self.fetch_suggestion(self.cursor_index(), tuple(p.index for p in row.fr), view.fr.number)

    def cursor_index(self) -> int:
        raise NotImplementedError

    @work(thread=True, exclusive=True, exit_on_error=False, group="suggest")
    def fetch_suggestion(self, row: int, fr: tuple[int, ...], fr_rev: int) -> None:
        try:
            parts = [self.backend.suggest(self.slug, i, fr_rev=fr_rev) for i in fr]
        except TrackerError as exc:
            self.post_message(ActionFailed(f"No suggestion: {exc}"))
            return
        text = " ".join(p.text for p in parts)
        self.post_message(SuggestionReceived(row, text, parts[0].provider if parts else ""))

    def on_suggestion_received(self, message: SuggestionReceived) -> None:
        if self.cursor_index() != message.row:
            self.notify("A suggestion arrived for another row; press t again here.", timeout=4)
            return
        self.action_edit(message.text, f"Suggestion from {message.provider} — edit, then Ctrl+S to keep it")

    def action_ack(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        view, row = ready
        if not row.fr:
            self.notify("Acknowledgements are for French paragraphs; this row has none.", severity="warning")
            return
        answerable = [f for f in row.flags if f.kind in ACKNOWLEDGEABLE]
        if not answerable:
            waive = " (a QA finding is waived with w)" if row.findings else ""
            self.notify(f"Nothing to acknowledge: no correction, stale, cosmetic or untranslated flag here{waive}.")
            return
        if all(f.acknowledged for f in answerable):
            self.notify("Already acknowledged.")
            return

        def chosen(answer: tuple[AckKind, str] | None) -> None:
            if answer is None:
                return
            kind, note = answer
            label = "omitted on purpose" if kind == "omitted" else "no change needed"
            indices = [p.index for p in row.fr]

            def store() -> None:
                for index in indices:
                    self.backend.ack(self.slug, index, kind, note, fr_rev=view.fr.number)

            self.decide(f"Acknowledged: {label}.", store)

        corrected = any(f.kind == "correction" and not f.acknowledged for f in row.flags)
        self.app.push_screen(AckModal(omitted=not row.en, corrected=corrected), chosen)

    # ------------------------------------------------------------------ alignment
    def _pair(self) -> tuple[StoryView, Row, int] | None:
        ready = self._ready()
        if ready is None:
            return None
        en_rev = self._english_rev(ready[0])
        return None if en_rev is None else (ready[0], ready[1], en_rev)

    def action_relink(self) -> None:
        pair = self._pair()
        if pair is None:
            return
        view, row, en_rev = pair

        def apply(fr: tuple[int, ...], en: tuple[int, ...]) -> None:
            self._own_write_at = time.monotonic()
            self.backend.relink(self.slug, fr, en, fr_rev=view.fr.number, en_rev=en_rev)

        def chosen(answer: tuple[tuple[int, ...], tuple[int, ...]] | None) -> None:
            if answer is not None:  # stored by the dialog, which stays open with the reason when refused
                fr, en = answer
                self.post_message(ActionSucceeded(f"Linked FR {list(fr)} to EN {list(en)}."))

        self.app.push_screen(RelinkModal(row.link.fr, row.link.en, apply), chosen)

    def action_unlink(self) -> None:
        pair = self._pair()
        if pair is None:
            return
        view, row, en_rev = pair
        if not (row.link.fr and row.link.en):
            self.notify("This row is already unpaired.", severity="warning")
            return
        self._confirm(
            f"Unlink FR ¶ {_nums(row.link.fr)} from EN ¶ {_nums(row.link.en)}?",
            "Unlinked: the paragraphs now stand alone (l to relink).",
            lambda: self.backend.unlink(self.slug, row.link, fr_rev=view.fr.number, en_rev=en_rev),
        )

    def action_merge(self) -> None:
        pair = self._pair()
        if pair is None:
            return
        view, row, en_rev = pair
        rows = view.rows
        index = self.cursor_index()
        if index + 1 >= len(rows):
            self.notify("No next row to merge with.", severity="warning")
            return
        following = rows[index + 1].link
        self._confirm(
            f"Merge this row with the next one (FR ¶ {_nums(row.link.fr + following.fr)}"
            f" → EN ¶ {_nums(row.link.en + following.en)})?",
            "Merged with the next row.",
            lambda: self.backend.merge(self.slug, row.link, following, fr_rev=view.fr.number, en_rev=en_rev),
        )

    def action_split(self) -> None:
        pair = self._pair()
        if pair is None:
            return
        view, row, en_rev = pair
        link = row.link
        if len(link.fr) < 2 and len(link.en) < 2:
            self.notify("Only rows with several paragraphs on a side can be split (u unlinks).", severity="warning")
            return
        fr_at = 1 if len(link.fr) > 1 else len(link.fr)
        en_at = 1 if len(link.en) > 1 else len(link.en)
        self._confirm(
            "Split this row after its first paragraph?",
            "Split after the first paragraph.",
            lambda: self.backend.split(self.slug, link, fr_at=fr_at, en_at=en_at, fr_rev=view.fr.number, en_rev=en_rev),
        )

    # ------------------------------------------------------------------ review
    def action_waive(self) -> None:
        pair = self._pair()
        if pair is None:
            return
        view, row, en_rev = pair
        finding = next((f for f in row.findings if not f.waived), None)
        if finding is None:
            self.notify("No open QA finding on this row.", severity="warning")
            return

        def chosen(reason: str | None) -> None:
            if reason:
                self.decide(
                    f"Waived the {finding.check} finding.",
                    lambda: self.backend.waive(self.slug, finding, reason, fr_rev=view.fr.number, en_rev=en_rev),
                )

        detail = f"{finding.check} [{finding.severity}]: {finding.message}"
        self.app.push_screen(NoteModal("Waive this QA finding", "why it does not apply", detail=detail), chosen)

    def action_approve(self) -> None:
        pair = self._pair()
        if pair is None or not self._may_review():
            return
        view, _, en_rev = pair
        pending = sum(r.needs_action for r in view.rows)

        def chosen(answer: tuple[str, bool] | None) -> None:
            if answer is not None:
                note, force = answer
                self.decide(
                    f"Approved English r{en_rev} against French r{view.fr.number}.",
                    lambda: self.backend.approve(self.slug, note, fr_rev=view.fr.number, en_rev=en_rev, force=force),
                )

        title = f"Approve English r{en_rev} against French r{view.fr.number}"
        self.app.push_screen(ApproveModal(title, pending), chosen)

    def action_approve_paragraph(self) -> None:
        pair = self._pair()
        if pair is None or not self._may_review():
            return
        view, row, en_rev = pair
        if not row.en:
            self.notify("No English paragraph on this row to approve.", severity="warning")
            return
        paragraph = row.en[0].index

        def chosen(note: str | None) -> None:
            if note is not None:
                self.decide(
                    f"Approved English ¶ {paragraph}.",
                    lambda: self.backend.approve(
                        self.slug, note, fr_rev=view.fr.number, en_rev=en_rev, paragraph=paragraph
                    ),
                )

        self.app.push_screen(NoteModal(f"Approve English ¶ {paragraph}", "note (optional)", required=False), chosen)

    def action_reject(self) -> None:
        pair = self._pair()
        if pair is None or not self._may_review():
            return
        view, _, en_rev = pair

        def chosen(note: str | None) -> None:
            if note:
                self.decide(
                    f"Sent back: English r{en_rev} rejected.",
                    lambda: self.backend.reject(self.slug, note, fr_rev=view.fr.number, en_rev=en_rev),
                )

        self.app.push_screen(NoteModal(f"Reject English r{en_rev}", "what needs to change (required)"), chosen)

    def action_withdraw(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        view, _ = ready
        flag = next((f for row in view.rows for f in row.flags if f.kind == "withdraw"), None)
        if flag is None:
            self.notify("The agency has not killed this story: there is nothing to withdraw.")
            return
        if flag.acknowledged:
            self.notify("The withdrawal is recorded already.")
            return
        if not self._may_review():
            return

        def chosen(note: str | None) -> None:
            if note:
                self.decide("Recorded: the English is withdrawn.", lambda: self.backend.withdraw(self.slug, note))

        modal = NoteModal(
            "The English was withdrawn", "how and where it was taken down (required)", detail=flag.reasons[0]
        )
        self.app.push_screen(modal, chosen)

    # ------------------------------------------------------------------ revisions and history
    def action_pick_revision(self, lang: str) -> None:
        view = self.view
        if view is None:
            return
        numbers = view.fr_revisions if lang == "fr" else view.en_revisions
        current = view.fr.number if lang == "fr" else (view.en.number if view.en else None)
        if not numbers:
            self.notify(f"No {lang.upper()} revisions.", severity="warning")
            return
        latest = max(numbers)
        choices = revision_choices(view, lang)
        name = "French" if lang == "fr" else "English"

        def chosen(number: int | None) -> None:
            if number is None:
                return
            pinned = None if number == latest else number
            self.follow = self.current_row  # the cursor stays on this paragraph, wherever it stands in the other
            if lang == "fr":
                self.fr_rev = pinned
            else:
                self.en_rev = pinned
            self.load_view()

        self.app.push_screen(RevisionModal(f"Show which {name} revision?", choices, current), chosen)

    def action_history(self) -> None:
        from tracker.tui.screens.history import HistoryScreen

        history = HistoryScreen(self.backend, self.slug)
        app = holder(self)
        if app is not None:  # the keys typed right after `h` are for the history, once its revisions are listed
            app.hold_keys()
            history.rows_hold = app.key_hold.generation
        self.app.push_screen(history)
