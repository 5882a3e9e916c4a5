"""Checkboxes and radio buttons for dialogs: space toggles and Enter is left to the dialog, which confirms; the
mark shows only when on, so ticked and unticked read apart without colour."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet

# Textual's toggles take Enter too, so Enter on one ticked it and the dialog stayed open
_TOGGLE: list[BindingType] = [Binding("space", "toggle_button", "Toggle", show=False)]


class DialogCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox showing an X only when ticked (Textual draws a dim X either way)."""

    BINDINGS: ClassVar[list[BindingType]] = _TOGGLE
    MARK = "X"

    def render(self) -> Content:
        self.BUTTON_INNER = self.MARK if self.value else " "
        return super().render()


class DialogRadioButton(RadioButton, inherit_bindings=False):
    """A radio button showing a dot only when chosen."""

    BINDINGS: ClassVar[list[BindingType]] = _TOGGLE
    MARK = "●"

    def render(self) -> Content:
        self.BUTTON_INNER = self.MARK if self.value else " "
        return super().render()


class DialogRadioSet(RadioSet, inherit_bindings=False):
    """A radio set: arrows move, space chooses, Enter is the dialog's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next option", show=False),
        Binding("up,left", "previous_button", "Previous option", show=False),
        *_TOGGLE,
    ]
