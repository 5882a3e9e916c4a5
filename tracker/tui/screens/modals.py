"""Modal decisions: each is a ModalScreen[T] that dismisses with the answer, or None when the person cancels."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tracker.errors import TrackerError
from tracker.model import AckKind
from tracker.tui.widgets.toggles import DialogCheckbox, DialogRadioButton, DialogRadioSet

_CANCEL: list[BindingType] = [
    Binding("escape", "cancel", "Cancel"),
    # priority: the focus moves as the key is read, so the keys typed with Tab (Space to tick a box) reach the field
    # it moved to; as an ordinary binding it ran only once Tab had passed through the field it left, after them
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]
# Enter that no focused field took (a checkbox, a radio set) confirms, as everywhere in dialogs
_CONFIRM_OR_CANCEL: list[BindingType] = [*_CANCEL, Binding("enter", "confirm", "Confirm", show=False)]


def parse_indices(text: str) -> tuple[int, ...] | None:
    """'3, 4' or '3 4' or '3-5' -> (3, 4[, 5]); '' -> (); None when it does not read as paragraph numbers."""
    out: list[int] = []
    for part in re.split(r"[,\s]+", text.strip()):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if m is None:
            return None
        first, last = int(m[1]), int(m[2] or m[1])
        out.extend(range(first, last + 1))
    return tuple(sorted(set(out)))


class AckModal(ModalScreen[tuple[AckKind, str] | None]):
    """Acknowledge a French paragraph: nothing to change in the English, or left out on purpose."""

    BINDINGS: ClassVar[list[BindingType]] = _CONFIRM_OR_CANCEL

    def __init__(self, omitted: bool, corrected: bool = False) -> None:
        super().__init__()
        # corrected: the agency corrected this French, so "no change needed" takes a note saying why
        self._omitted, self._corrected = omitted, corrected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Acknowledge this French paragraph", classes="dialog-title")
            with DialogRadioSet(id="ack-kind"):
                yield DialogRadioButton("No change needed in the English", value=not self._omitted, id="no-change")
                yield DialogRadioButton("Omitted on purpose", value=self._omitted, id="omitted")
            hint = "note (optional)"
            if self._corrected:
                hint = "note (required for no change: the agency corrected this French)"
            yield Input(placeholder=f"{hint} — Enter to confirm", id="ack-note")
            yield Label("Enter confirm · Tab, ↑ ↓ and Space choose · Esc cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#ack-note", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        pressed = self.query_one(DialogRadioSet).pressed_button
        kind: AckKind = "omitted" if pressed is not None and pressed.id == "omitted" else "no-change"
        note = self.query_one("#ack-note", Input).value.strip()
        if self._corrected and kind == "no-change" and not note:
            self.notify("The agency corrected this French: say why the English needs no change.", severity="warning")
            return
        self.dismiss((kind, note))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteModal(ModalScreen[str | None]):
    """Ask for a note or reason; `required` refuses an empty answer (waivers and rejections need a why)."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, title: str, placeholder: str, *, required: bool = True, detail: str = "") -> None:
        super().__init__()
        self._title, self._placeholder, self._required, self._detail = title, placeholder, required, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            if self._detail:
                yield Static(self._detail, classes="reference", markup=False)
            yield Input(placeholder=self._placeholder, id="note")
            yield Label("Enter confirm · Esc cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if self._required and not value:
            self.notify("A reason is required.", severity="warning")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ApproveModal(ModalScreen[tuple[str, bool] | None]):
    """Approve with a note; forcing past rows that need action requires a note."""

    BINDINGS: ClassVar[list[BindingType]] = _CONFIRM_OR_CANCEL

    def __init__(self, title: str, pending: int) -> None:
        super().__init__()
        self._title, self._pending = title, pending

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            if self._pending:
                yield Static(f"{self._pending} row(s) still need action.", classes="warning")
            yield Input(placeholder="note (required when forcing) — Enter to confirm", id="approve-note")
            yield DialogCheckbox("Force (approve despite rows that need action)", id="force")
            with Horizontal(classes="buttons"):
                yield Button("Approve", variant="success", id="approve")
                yield Button("Cancel", id="cancel")
            yield Label("Enter confirm · Tab then Space ticks Force · Esc cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _submit(self) -> None:
        note = self.query_one(Input).value.strip()
        force = self.query_one(DialogCheckbox).value
        if force and not note:
            self.notify("Forcing an approval needs a note saying why.", severity="warning")
            return
        self.dismiss((note, force))

    def on_input_submitted(self) -> None:
        self._submit()

    def action_confirm(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "approve":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question before a change that takes effect at once (y or Enter confirms, n or Esc cancels)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "confirm", "Yes", priority=True),
        Binding("n,escape", "cancel", "No", priority=True),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._question, classes="dialog-title")
            yield Label("y / Enter confirm · n / Esc cancel", classes="dialog-help")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class DiscardModal(ConfirmModal):
    """A yes/no question before throwing typed text away: only y discards; Enter, the key a hand presses out of
    habit, keeps it, as n and Esc do."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Discard", priority=True),
        Binding("n,escape,enter", "cancel", "Keep", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._question, classes="dialog-title")
            yield Label("y discard · n / Esc / Enter keep editing", classes="dialog-help")


class RelinkModal(ModalScreen[tuple[tuple[int, ...], tuple[int, ...]] | None]):
    """Say which French paragraphs stand for which English ones (numbers as shown in the columns).

    With `apply`, the dialog stores the link itself (in a worker) and closes only once it is stored: a refusal
    (a paragraph that does not exist) is shown in the dialog, with what was typed still in the fields.
    """

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(
        self,
        fr: tuple[int, ...],
        en: tuple[int, ...],
        apply: Callable[[tuple[int, ...], tuple[int, ...]], None] | None = None,
    ) -> None:
        super().__init__()
        self._fr, self._en, self._apply = fr, en, apply

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Relink: these French paragraphs stand for these English ones", classes="dialog-title")
            yield Label("French ¶ (e.g. 8, 9 or 8-9; empty = none)")
            yield Input(", ".join(map(str, self._fr)), id="relink-fr")
            yield Label("English ¶")
            yield Input(", ".join(map(str, self._en)), id="relink-en")
            yield Static("", id="relink-error", classes="warning", markup=False)
            yield Label("Enter confirm · Tab next field · Esc cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#relink-en", Input).focus()

    def on_input_submitted(self) -> None:
        fr = parse_indices(self.query_one("#relink-fr", Input).value)
        en = parse_indices(self.query_one("#relink-en", Input).value)
        if fr is None or en is None or not (fr or en):
            self._refused("Paragraph numbers, please: 3, 4 or 3-4.")
            return
        if self._apply is None:
            self.dismiss((fr, en))
            return
        self.query_one("#relink-error", Static).update("Linking…")
        self._store(fr, en)

    @work(thread=True, exclusive=True, exit_on_error=False, group="relink")
    def _store(self, fr: tuple[int, ...], en: tuple[int, ...]) -> None:
        assert self._apply is not None
        try:
            self._apply(fr, en)
        except TrackerError as exc:
            self.app.call_from_thread(self._refused, f"Not linked: {exc}")
            return
        self.app.call_from_thread(self.dismiss, (fr, en))

    def _refused(self, reason: str) -> None:
        self.query_one("#relink-error", Static).update(reason)
        self.notify(reason, severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)


class RevisionModal(ModalScreen[int | None]):
    """Pick a revision of one language; the current one is highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = _CANCEL

    def __init__(self, title: str, choices: list[tuple[int, str]], current: int | None) -> None:
        super().__init__()
        self._title, self._choices, self._current = title, choices, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield OptionList(*(Option(text, id=str(number)) for number, text in self._choices), id="revisions")
            yield Label("Enter pick · Esc cancel", classes="dialog-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        numbers = [n for n, _ in self._choices]
        if self._current in numbers:
            options.highlighted = numbers.index(self._current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
