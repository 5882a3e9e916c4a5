"""Editing a row's English where it stands: open, save (the editor stays until the text is stored), and never
drop what was typed: leaving, quitting or another row asks first, a save that lost a race shows what the other
person saved and lets the loser choose, a reload waits for the editor to close.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from textual import work

from tracker.errors import ConflictError, TrackerError
from tracker.tui.keyhold import holder
from tracker.tui.messages import EditorSuggestionReceived, EnglishStored, SaveConflicted, SaveFailed, ViewLoaded
from tracker.tui.screens.edit_modals import ConflictAnswer, ConflictModal, LeaveAnswer, UnsavedModal
from tracker.tui.screens.edit_target import EditTarget, english_of, next_needing_action, row_of
from tracker.tui.screens.modals import ConfirmModal, DiscardModal
from tracker.tui.screens.story_actions import StoryActions
from tracker.tui.widgets.roweditor import RowEditor, editor_region
from tracker.tui.widgets.sidebyside import SideBySide


class StoryEditing(StoryActions):
    """The row editor's life on the story screen; the concrete screen shows views (`show_view`)."""

    _editing: EditTarget | None = None
    _saving = False  # the editor's text is on its way to the database
    _stored = False  # ...and arrived: the editor closes when the view that shows it does
    _reload_after_edit = False
    _deferred_view: ViewLoaded | None = None
    _after_save: Callable[[], None] | None = None  # what the person asked to do once the text is saved

    def show_view(self, message: ViewLoaded) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ opening and placing
    def edit_in_row(self, text: str, title: str, target: EditTarget) -> None:
        if self._editing is not None:
            self.confirm_leave("Open another row", lambda: self.edit_in_row(text, title, target))
            return
        app = holder(self)
        if app is not None:  # the letters typed right after `e` are for the editor, which is not there yet
            app.hold_keys()
        self._editing = target
        # no id: the editor closed just before (confirm-and-next) may still be on its way out of the DOM
        self.mount(RowEditor(text, title, french=target.french, start=target.start))
        self.call_after_refresh(self._place_editor)

    def _editor(self) -> RowEditor | None:
        """The open editor (one closed a moment ago may still be in the DOM, being removed)."""
        return next((e for e in self.query(RowEditor) if not e.closed), None)

    def _place_editor(self) -> None:
        editor = self._editor()
        if self._editing is None or editor is None:
            return
        sbs = self.query_one(SideBySide)
        index = self._editing.row
        column, top, height = sbs.english_column(index)
        if not column.y <= top < column.bottom:
            # a resize or a scroll took the row out of sight: bring it back (this is called again on the scroll)
            sbs.scroll_to_region(sbs.row_region(index), animate=False, force=True, immediate=True)
            column, top, height = sbs.english_column(index)
        # the editor grows with what is typed, as far as the rows area allows
        lines = max(height, editor.wrapped_document.height)
        editor.place(editor_region(column, top, lines, limit=sbs.region))

    def on_text_area_changed(self, event: RowEditor.Changed) -> None:
        if self._editing is not None:
            self._place_editor()

    # ------------------------------------------------------------------ the machine translation, into the editor
    def on_row_editor_suggestion_wanted(self, message: RowEditor.SuggestionWanted) -> None:
        target = self._editing
        if target is None:
            return
        if not target.fr:
            self.notify("No French on this row to translate.", severity="warning", timeout=4)
            return
        self.notify("Asking for a machine translation…", timeout=2)
        self.fetch_editor_suggestion(target.fr, target.fr_rev)

    @work(thread=True, exclusive=True, exit_on_error=False, group="editor-suggest")
    def fetch_editor_suggestion(self, fr: tuple[int, ...], fr_rev: int) -> None:
        try:
            parts = [self.backend.suggest(self.slug, i, fr_rev=fr_rev) for i in fr]
        except TrackerError as exc:
            self.post_message(EditorSuggestionReceived(fr, fr_rev, "", reason=str(exc)))
            return
        text = " ".join(p.text for p in parts)
        self.post_message(EditorSuggestionReceived(fr, fr_rev, text, parts[0].provider if parts else ""))

    def on_editor_suggestion_received(self, message: EditorSuggestionReceived) -> None:
        target, editor = self._editing, self._editor()
        if target is None or editor is None or (target.fr, target.fr_rev) != (message.fr, message.fr_rev):
            return  # the editor it was asked for is gone: nothing to insert into
        if not message.text.strip():
            reason = f": {message.reason}" if message.reason else ""
            self.notify(f"No suggestion available{reason}. Your text is unchanged.", severity="warning", timeout=6)
            return
        if editor.saving:
            self.notify("The suggestion arrived while saving: press Ctrl+T again.", timeout=4)
            return
        editor.insert_at_cursor(message.text)
        self.notify(f"Suggestion from {message.provider} inserted (Ctrl+Z takes it back).", timeout=4)

    @property
    def unsaved_text(self) -> str | None:
        """The open editor's text when it differs from the row's English (None: nothing would be lost)."""
        editor = self._editor()
        if self._editing is None or editor is None or editor.text == editor.original:
            return None
        return editor.text

    def action_pick_revision(self, lang: str) -> None:
        self.confirm_leave("Show another revision", lambda: StoryActions.action_pick_revision(self, lang))

    # ------------------------------------------------------------------ closing and leaving
    def _close_editor(self) -> None:
        if self._editing is None:
            return
        self._editing = None
        self._saving = self._stored = False
        editor = self._editor()
        if editor is not None:
            editor.closed = True
            editor.remove()
        self.query_one(SideBySide).focus()
        deferred, self._deferred_view = self._deferred_view, None
        after, self._after_save = self._after_save, None
        if self._reload_after_edit:
            self._reload_after_edit = False
            self.load_view()
        elif deferred is not None:
            self.show_view(deferred)
        if after is not None:
            after()
        app = holder(self)
        if app is not None and self._editing is None:  # an editor `after` opened releases them once mounted
            app.release_keys()

    def confirm_leave(self, doing: str, then: Callable[[], None]) -> None:
        """Do `then` once nothing typed can be lost: no editor open, or unchanged, or saved, or discarded by choice."""
        if self._editing is None:
            then()
            return
        if self._saving:
            self._after_save = then  # when the text is stored (a conflict asks, and forgets this)
            return
        if self.unsaved_text is None:
            self._close_editor()
            then()
            return

        def answered(answer: LeaveAnswer | None) -> None:
            editor = self._editor()
            if answer == "save" and editor is not None:
                self._after_save = then
                editor.action_save()
            elif answer == "discard":
                self._close_editor()
                then()
            elif editor is not None:
                editor.focus()

        self.app.push_screen(UnsavedModal(doing), answered)

    def on_row_editor_cancelled(self) -> None:
        if self._saving:
            return
        if self.unsaved_text is None:
            self._close_editor()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._close_editor()

        self.app.push_screen(DiscardModal("Discard your changes to this English?"), answered)

    # ------------------------------------------------------------------ saving
    def on_row_editor_saved(self, message: RowEditor.Saved) -> None:
        target, app = self._editing, holder(self)
        if target is None or self._saving:
            return
        if message.advance:  # once the text is stored and the view shows it (a refused save forgets this)
            self._after_save = lambda: self._edit_next(target)
        if message.text.strip() == target.original.strip() and not target.suggested:
            self._close_editor()  # nothing changed: nothing to save
            return
        if message.text.strip() or not target.original.strip():
            self._save(message.text)
            return

        def answered(yes: bool | None) -> None:
            editor = self._editor()
            if yes:
                self._save(message.text)
            elif editor is not None:
                self._after_save = None
                editor.focus()

        self.app.push_screen(ConfirmModal("Save with this row's English deleted?"), answered)
        if app is not None:  # the keys typed after Ctrl+S answer the question
            app.release_keys()

    def _save(self, text: str) -> None:
        editor, target, app = self._editor(), self._editing, holder(self)
        if editor is None or target is None:
            return
        self._saving, self._own_write_at = True, time.monotonic()
        editor.begin_saving()
        if app is not None:  # what is typed while the row says "saving…" comes after the save
            app.hold_keys()
        self.store_english(target, text)

    def _edit_next(self, saved: EditTarget) -> None:
        """Confirm-and-next: open the editor on the next row that needs action after the one just saved."""
        if self.view is None:
            return
        sbs = self.query_one(SideBySide)
        index = next_needing_action(self.view, sbs.rows, saved)
        if index is None:
            self.notify("No other row needs action.", timeout=4)
            return
        sbs.move_to(index)
        self.action_edit()

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def store_english(self, target: EditTarget, text: str) -> None:
        try:
            revision = self.backend.save_english(
                self.slug, target.en, text, fr_rev=target.fr_rev, expected_en_rev=target.en_rev, fr=target.fr
            )
        except ConflictError:
            try:
                latest = self.backend.view(self.slug)
            except TrackerError as exc:
                self.post_message(SaveFailed(str(exc)))
                return
            self.post_message(SaveConflicted(text, latest))
        except TrackerError as exc:
            self.post_message(SaveFailed(str(exc)))
        except Exception as exc:
            self.post_message(SaveFailed(f"{type(exc).__name__}: {exc}"))  # the editor must not stay "saving…"
            raise
        else:
            # the view that shows the saved row is read here, in the same worker: the row does not wait for a
            # round through the screen and a second worker first
            shown = None
            try:
                token = self.backend.change_token()
                shown = ViewLoaded(self.backend.view(self.slug, self.fr_rev, None), None, token)
            except TrackerError:
                pass  # saved all the same: the screen reads the view again
            self.post_message(EnglishStored(revision.number, shown))

    def on_english_stored(self, message: EnglishStored) -> None:
        self._stored, self._own_write_at = True, time.monotonic()
        self.notify(f"English saved as r{message.number}.", timeout=4)
        self.en_rev = None
        # the editor closes when the view arrives: the row never shows the old English
        if message.shown is not None:
            self.post_message(message.shown)
        else:
            self.load_view()

    def on_save_failed(self, message: SaveFailed) -> None:
        self._back_to_editing()
        self.notify(f"{message.text} — your text is still in the editor.", title="Not saved", severity="error")

    def _back_to_editing(self) -> None:
        self._saving = False
        self._after_save = None
        editor, app = self._editor(), holder(self)
        if editor is not None:
            editor.end_saving()
        if app is not None:
            app.release_keys()

    def on_save_conflicted(self, message: SaveConflicted) -> None:
        editor, target, latest = self._editor(), self._editing, message.latest
        if editor is None or target is None:
            return
        index = row_of(latest, target)
        row = latest.rows[index] if latest.rows else None
        theirs = english_of(latest, index)
        rebased = replace(
            target,
            row=index,
            fr_rev=latest.fr.number,
            en_rev=latest.en.number if latest.en else None,
            en=tuple(p.index for p in row.en) if row else (),
            fr=tuple(p.index for p in row.fr) if row else target.fr,
            original=theirs,
        )
        # until the person says "save mine over theirs", the editor stays based on the revision they started
        # from: keeping on editing and saving again asks again, it never writes over the other text unasked
        self._editing = replace(target, row=index, original=theirs)
        editor.original = theirs  # Esc now compares with what is stored
        self._deferred_view = None
        self.show_view(ViewLoaded(latest, index))
        self._back_to_editing()
        self.call_after_refresh(self._place_editor)
        who, number = (latest.en.author, latest.en.number) if latest.en else ("Someone", 0)

        def answered(answer: ConflictAnswer | None) -> None:
            current = self._editor()
            if current is None:
                return
            if answer == "mine":
                self._editing = rebased
                self._save(current.text)
            elif answer == "theirs":
                self._editing = rebased
                self._close_editor()
            else:
                current.focus()

        self.app.push_screen(ConflictModal(who, number, theirs, message.mine), answered)
