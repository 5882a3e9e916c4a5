"""Every dialog fits the terminal, and its key help, however long, wraps inside it: the keys a dialog answers to are
never cut off (at 80 columns the conflict dialog's help lost "k / Esc keep editing yours")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.screen import ModalScreen
from textual.widget import Widget

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.tui.screens.edit_modals import ConflictModal, UnsavedModal
from tracker.tui.screens.modals import AckModal, ApproveModal, ConfirmModal, NoteModal, RelinkModal, RevisionModal

DIALOGS: dict[str, Callable[[], ModalScreen[object]]] = {
    "unsaved": lambda: UnsavedModal("Quit"),
    "conflict": lambda: ConflictModal("tom", 3, "Their English.", "My English."),
    "ack": lambda: AckModal(omitted=False, corrected=True),
    "note": lambda: NoteModal("Reject English r2", "note", detail="a note the translator reads"),
    "approve": lambda: ApproveModal("Approve English r2 against French r3", 1),
    "confirm": lambda: ConfirmModal("Unlink French 5 from English 6?"),
    "relink": lambda: RelinkModal((5,), (6,)),
    "revision": lambda: RevisionModal("Show French revision", [(1, "r1"), (2, "r2")], 2),
}


def _inside(inner: Widget, outer: Widget) -> bool:
    a, b = inner.region, outer.region
    return b.x <= a.x and a.right <= b.right


@pytest.mark.parametrize("width", [80, 50])
@pytest.mark.parametrize("name", sorted(DIALOGS))
async def test_the_dialog_and_its_key_help_fit_the_terminal(name: str, width: int) -> None:
    app = story_app(FakeBackend.with_sample())
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        modal = DIALOGS[name]()
        app.push_screen(modal)
        await settle(pilot)
        dialog = modal.query_one(".dialog")
        assert dialog.region.x >= 0 and dialog.region.right <= width, f"{name} at {width}: {dialog.region}"
        for label in modal.query(".dialog-help, .dialog-title"):
            assert _inside(label, dialog), f"{name} at {width}: {label.region} outside {dialog.region}"
            assert label.virtual_size.width <= label.region.width, f"{name} at {width}: its text is cut"


def _burst(app: object, *keys: str) -> None:
    """Keys as a terminal delivers a quick typist's burst: all queued before the first is handled."""
    from textual import events
    from textual.app import App

    assert isinstance(app, App)
    for key in keys:
        char = key if len(key) == 1 else {"space": " ", "tab": "\t", "enter": "\r"}.get(key)
        app.post_message(events.Key(key, char))


async def test_tab_then_space_typed_at_once_ticks_the_box_tab_moved_to() -> None:
    """Tab moves the focus when its turn comes, after the keys typed with it were sent on to the field it left: the
    Space meant for Force went into the note, and Enter approved without forcing."""
    app = story_app(FakeBackend.with_sample())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        answers: list[object] = []
        app.push_screen(ApproveModal("Approve English r2 against French r3", 1), answers.append)
        await settle(pilot)
        _burst(app, "o", "k", "tab", "space", "enter")
        await settle(pilot)
        assert answers == [("ok", True)]  # the note typed, Force ticked, then confirmed
