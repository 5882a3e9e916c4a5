"""Questions about an open row editor's text: before leaving it, and when someone else saved the row meanwhile.

Both dismiss with a word: nothing typed is dropped unless the person says so.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tracker.diff.words import word_diff
from tracker.tui.widgets.wordmarks import append_words

LeaveAnswer = Literal["keep", "save", "discard"]
ConflictAnswer = Literal["keep", "mine", "theirs"]


class UnsavedModal(ModalScreen[LeaveAnswer]):
    """The open editor has changes: keep editing (Esc, k), save them (s) or discard them (d)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k,escape", "answer('keep')", "Keep editing", priority=True),
        Binding("s", "answer('save')", "Save", priority=True),
        Binding("d", "answer('discard')", "Discard", priority=True),
    ]

    def __init__(self, doing: str) -> None:
        super().__init__()
        self._doing = doing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Your English in the editor is not saved. {self._doing}?", classes="dialog-title")
            yield Label("k / Esc keep editing · s save it first · d discard it", classes="dialog-help")

    def action_answer(self, answer: LeaveAnswer) -> None:
        self.dismiss(answer)


def conflict_text(theirs: str, mine: str) -> Text:
    """Their English, with what yours changes in it marked."""
    if not theirs.strip():
        return Text("(they left this row without English)\n\n", style="italic").append(mine)
    return append_words(Text(), word_diff(theirs, mine))


class ConflictModal(ModalScreen[ConflictAnswer]):
    """Someone saved this row while you edited it: their text and yours, as a word diff; choose which stays."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k,escape", "answer('keep')", "Keep editing", priority=True),
        Binding("o", "answer('mine')", "Save mine over theirs", priority=True),
        Binding("t", "answer('theirs')", "Take theirs", priority=True),
    ]

    def __init__(self, who: str, number: int, theirs: str, mine: str) -> None:
        super().__init__()
        self._who, self._number, self._theirs, self._mine = who, number, theirs, mine

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict"):
            yield Label(
                f"{self._who} saved English r{self._number} while you were editing this row", classes="dialog-title"
            )
            yield Label("Their English, your changes marked: [-theirs only-] {+yours only+}")
            with VerticalScroll(classes="conflict-diff"):
                yield Static(conflict_text(self._theirs, self._mine), id="conflict-diff")
            yield Label(
                f"o save yours over theirs (a new revision after r{self._number}) · t take theirs, drop yours"
                " · k / Esc keep editing yours (saving again asks again)",
                classes="dialog-help",
            )

    def action_answer(self, answer: ConflictAnswer) -> None:
        self.dismiss(answer)
