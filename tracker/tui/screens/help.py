"""The help screen: every key binding of every screen, read from the bindings themselves, and the flag legend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

LEGEND = [
    ("W", "withdraw: the agency killed the story; the English must be taken down (tracker withdraw)"),
    ("C", "correction: the agency corrected this French; update the English (no-change needs a note)"),
    ("S", "stale: the French changed since the English was written"),
    ("c", "cosmetic: the French changed in form only (nothing to do)"),
    ("U", "untranslated: a new French paragraph has no English"),
    ("O", "orphaned: English whose French source is gone"),
    ("Q / q", "QA finding (q: waived)"),
    ("a", "acknowledged: someone said nothing more is needed"),
    ("✓", "approved: the editor's approval (of the story, or of this paragraph) still matches this content"),
    ("~", "a paragraph's approval lapsed: its French or English changed since (details say which, who and when)"),
    ("[-old-] {+new+}", "words deleted and inserted in the French since the English's base"),
]


def _keys(binding: Binding) -> str:
    return " / ".join(key.replace("slash", "/").replace("question_mark", "?") for key in binding.key.split(","))


BindingGroups = Sequence[tuple[str, Sequence[BindingType]]]


def bindings_table(groups: BindingGroups) -> Table:
    """Every binding, grouped by where it works (also the README's table); the app says which groups there are."""
    table = Table(box=None, show_header=True, header_style="bold", expand=True)
    table.add_column("Where")
    table.add_column("Key")
    table.add_column("Action")
    for where, bindings in groups:
        for n, binding in enumerate(b for b in bindings if isinstance(b, Binding)):
            table.add_row(where if n == 0 else "", _keys(binding), binding.tooltip or binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    """Every binding; Esc or ? closes it."""

    def __init__(self, groups: BindingGroups) -> None:
        super().__init__()
        self.groups = groups

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        legend = Table(box=None, show_header=False)
        legend.add_column(style="bold")
        legend.add_column()
        for key, meaning in LEGEND:
            legend.add_row(key, meaning)
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Text("Keys", style="bold underline"))
            yield Static(bindings_table(self.groups))
            yield Static(Text("\nFlags in the gutter", style="bold underline"))
            yield Static(legend)
            yield Static(Text("\nCtrl+P opens the command palette: every action by name.", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
