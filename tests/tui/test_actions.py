"""Every action on the story screen, from the keyboard: what the person sees and what the backend stored."""

from __future__ import annotations

import threading

from textual.widgets import Checkbox, Input, TextArea

from tests.tui.conftest import SLUG, settle, story_app, toasts
from tests.tui.fake_backend import FakeBackend
from tracker.model import User
from tracker.tui.app import TrackerApp
from tracker.tui.screens.edit_modals import ConflictModal
from tracker.tui.screens.modals import AckModal, ApproveModal, ConfirmModal, NoteModal, RelinkModal
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.roweditor import RowEditor
from tracker.tui.widgets.sidebyside import SideBySide


def _screen(app: TrackerApp) -> StoryScreen:
    screen = app.screen
    assert isinstance(screen, StoryScreen)
    return screen


def _go_to(app: TrackerApp, predicate: object) -> int:
    sbs = _screen(app).query_one(SideBySide)
    index = next(i for i, r in enumerate(sbs.rows) if predicate(r))  # type: ignore[operator]
    sbs.move_to(index)
    return index


async def test_edit_saves_a_new_english_revision_based_on_the_french_shown(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")  # the stale row
        row = _screen(app).current_row
        assert row is not None and any(f.kind == "stale" for f in row.flags)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen) and app.screen.query_one(RowEditor).has_focus
        app.screen.query_one(TextArea).text = "Baku and Yerevan agreed, according to the declaration."
        await pilot.press("ctrl+s")
        await settle(pilot)
        latest = backend.revisions[(SLUG, "en")][-1]
        assert latest.number == 3 and latest.based_on == 3
        assert "Baku and Yerevan agreed, according to the declaration." in latest.texts
        assert backend.decisions[-1][0] == "save"
        assert _screen(app).view is not None and _screen(app).view.en.number == 3  # type: ignore[union-attr]


async def test_edit_on_an_untranslated_row_inserts_the_english_and_links_it() -> None:
    backend = FakeBackend.with_sample()
    backend.revisions[(SLUG, "en")].pop()  # only English r1: French paragraph 12 is new and untranslated
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _go_to(app, lambda r: any(f.kind == "untranslated" for f in r.flags))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Nagorno-Karabakh seceded; some 30,000 died."
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = next(r for r in _screen(app).query_one(SideBySide).rows if r.link.fr == (12,))
        assert [p.text for p in row.en] == ["Nagorno-Karabakh seceded; some 30,000 died."]
        assert not any(f.kind == "untranslated" for f in row.flags)


async def test_a_save_after_someone_else_saved_shows_the_conflict(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "e")
        await pilot.pause()
        backend.save_english(SLUG, (0,), "Someone else's standfirst.", fr_rev=3, expected_en_rev=2)
        app.screen.query_one(TextArea).text = "My version."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictModal)  # what the other person saved is shown; nothing is lost
        assert app.screen_stack[-2].query_one(TextArea).text == "My version."
        assert not any("My version." in r.texts for r in backend.revisions[(SLUG, "en")])


async def test_acknowledge_records_no_change_needed_and_the_flag_turns_acknowledged(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "a")
        await pilot.pause()
        assert isinstance(app.screen, AckModal)
        await pilot.press(*"attribution only", "enter")
        await settle(pilot)
        ack = backend.acks[-1]
        assert (ack.kind, ack.note) == ("no-change", "attribution only")
        row = _screen(app).current_row
        assert row is not None and all(f.acknowledged for f in row.flags if f.kind == "stale")


async def test_acknowledge_a_french_only_row_defaults_to_omitted() -> None:
    backend = FakeBackend.with_sample()
    backend.revisions[(SLUG, "en")].pop()  # only English r1: French paragraph 12 is new and untranslated
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _go_to(app, lambda r: any(f.kind == "untranslated" and not f.acknowledged for f in r.flags))
        await pilot.pause()
        await pilot.press("a", "enter")
        await settle(pilot)
        assert backend.acks[-1].kind == "omitted"
        assert backend.acks[-1].fr_hash == backend.revisions[(SLUG, "fr")][2].paragraphs[12].hash


async def test_acknowledge_says_why_on_a_row_with_nothing_to_acknowledge(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        acks = len(backend.acks)
        _go_to(app, lambda r: bool(r.fr) and not any(f.kind in ("stale", "cosmetic", "untranslated") for f in r.flags))
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert any(t.startswith("Nothing to acknowledge") for t in toasts(app))
        assert len(backend.acks) == acks


async def test_suggestion_offline_says_so_and_the_ui_keeps_answering(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "t")
        await settle(pilot)
        assert any("offline" in t for t in toasts(app))
        assert isinstance(app.screen, StoryScreen)
        before = app.screen.query_one(SideBySide).cursor
        await pilot.press("down")
        assert app.screen.query_one(SideBySide).cursor == before + 1


async def test_suggestion_online_opens_the_editor_with_it_and_saving_keeps_it() -> None:
    backend = FakeBackend.with_sample(offline=False)
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "t")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert app.screen.query_one(RowEditor).text.startswith("[EN] Le sommet")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any(t.startswith("[EN] Le sommet") for t in backend.revisions[(SLUG, "en")][-1].texts)


async def test_relink_confirms_the_links_typed_and_a_refusal_keeps_the_dialog(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _go_to(app, lambda r: r.link.fr == (6,))
        await pilot.press("l")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RelinkModal)
        modal.query_one("#relink-en", Input).value = "4, 99"  # there is no English paragraph 99
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is modal and modal.query_one("#relink-en", Input).value == "4, 99"
        assert "no paragraph 99" in str(modal.query_one("#relink-error").render())
        assert not any(d[0] == "relink" for d in backend.decisions)
        modal.query_one("#relink-en", Input).value = "4"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, RelinkModal)
        assert backend.decisions[-1][0] == "relink"
        rows = _screen(app).query_one(SideBySide).rows
        assert any(r.link.fr == (6,) and r.link.en == (4,) and r.link.confirmed for r in rows)


async def test_unlink_merge_and_split_correct_the_alignment(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _go_to(app, lambda r: r.link.fr == (9, 10))
        await pilot.press("s", "y")
        await settle(pilot)
        rows = _screen(app).query_one(SideBySide).rows
        assert any(r.link.fr == (9,) and r.link.en == (9,) for r in rows)
        assert any(r.link.fr == (10,) and not r.link.en for r in rows)
        _go_to(app, lambda r: r.link.fr == (9,))
        await pilot.press("m")  # merge back with the next row (French 10)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")
        await settle(pilot)
        rows = _screen(app).query_one(SideBySide).rows
        assert any(r.link.fr == (9, 10) and r.link.en == (9,) for r in rows)
        _go_to(app, lambda r: r.link.fr == (9, 10))
        await pilot.press("u", "y")
        await settle(pilot)
        rows = _screen(app).query_one(SideBySide).rows
        assert any(r.link.fr == (9,) and not r.link.en for r in rows)
        assert any(r.link.en == (9,) and not r.link.fr for r in rows)
        assert [d[0] for d in backend.decisions] == ["split", "merge", "unlink"]


async def test_unlink_merge_and_split_change_nothing_when_the_confirmation_is_declined(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _go_to(app, lambda r: r.link.fr == (9, 10))
        for key, answer in (("s", "escape"), ("m", "n"), ("u", "escape")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press(answer)
            await settle(pilot)
            assert isinstance(app.screen, StoryScreen)
        assert backend.decisions == []
        assert any(r.link.fr == (9, 10) for r in _screen(app).query_one(SideBySide).rows)


async def test_waive_a_qa_finding_with_a_reason(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        screen.en_rev = 1
        screen.load_view()
        await settle(pilot)
        _go_to(app, lambda r: any(not f.waived for f in r.findings))
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, NoteModal)
        await pilot.press("enter")  # an empty reason is refused
        assert isinstance(app.screen, NoteModal)
        await pilot.press(*"figure updated in r2", "enter")
        await settle(pilot)
        assert backend.waivers[-1].reason == "figure updated in r2"
        assert not any(not f.waived for r in _screen(app).query_one(SideBySide).rows for f in r.findings)


async def test_approve_or_reject_as_a_translator_says_why_before_any_dialog(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        for key in ("A", "X", "P"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, StoryScreen)
        assert "ana is a translator: only editors may approve or reject." in toasts(app)
        assert backend.approvals == []


async def test_approve_as_an_unregistered_user_says_why_before_any_dialog(backend: FakeBackend) -> None:
    backend.acting = None
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        assert any("not a registered user" in t for t in toasts(app))


async def test_the_approve_dialog_opens_at_once_while_who_is_acting_is_still_being_asked() -> None:
    # the answer is held back until the test has seen the dialog (a fixed sleep raced the test under load)
    answer = threading.Event()

    class SlowUser(FakeBackend):
        def user(self) -> User | None:
            if threading.current_thread() is not threading.main_thread():  # the story screen's worker asks
                answer.wait(timeout=60)
            return super().user()

    backend = SlowUser.with_sample()
    app = story_app(backend)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            while _screen(app).view is None:
                await pilot.pause(0.05)
            story = _screen(app)
            await pilot.press("A", *"ok")
            await pilot.pause()
            assert not story.acting_known  # the answer is still on its way: the dialog did not wait for it
            assert isinstance(app.screen, ApproveModal)
            assert app.screen.query_one(Input).value == "ok"
            answer.set()
            await pilot.press("escape")
            await settle(pilot)
            assert story.acting_known
    finally:
        answer.set()


async def test_approve_with_rows_to_do_is_refused_unless_forced_with_a_note(editor_backend: FakeBackend) -> None:
    app = story_app(editor_backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("A", "enter")
        await settle(pilot)
        assert any("need action" in t for t in toasts(app))
        await pilot.press("A")
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        await pilot.press("enter")  # forcing without a note is refused in the dialog
        assert isinstance(app.screen, ApproveModal)
        await pilot.press(*"stale row checked by phone", "enter")
        await settle(pilot)
        approval = editor_backend.approvals[-1]
        assert (approval.verdict, approval.forced, approval.en_rev) == ("approved", True, 2)
        assert "approved by eve" in str(_screen(app).query_one("#story-bar").render())


async def test_approve_one_paragraph_and_reject_with_a_note(editor_backend: FakeBackend) -> None:
    app = story_app(editor_backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _go_to(app, lambda r: r.link.en == (1,))
        await pilot.press("P", "enter")
        await settle(pilot)
        assert editor_backend.approvals[-1].paragraph is not None
        await pilot.press("X", "enter")  # a rejection needs a note
        assert isinstance(app.screen, NoteModal)
        await pilot.press(*"update paragraph 6", "enter")
        await settle(pilot)
        assert (editor_backend.approvals[-1].verdict, editor_backend.approvals[-1].note) == (
            "rejected",
            "update paragraph 6",
        )
        assert "rejected by eve" in str(_screen(app).query_one("#story-bar").render())


async def test_command_palette_runs_a_tracker_action(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")  # the stale row: something to acknowledge
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Acknowledge")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AckModal)


async def test_a_valid_approval_puts_a_tick_in_the_gutter_of_rows_that_need_nothing(
    editor_backend: FakeBackend,
) -> None:
    app = story_app(editor_backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = _screen(app).query_one(SideBySide)
        assert not any("✓" in sbs.render_line(y).text for y in range(sbs.size.height))
        await pilot.press("A")
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        await pilot.press(*"checked", "enter")
        await settle(pilot)
        sbs.move_to(0)
        await pilot.pause()
        assert any("✓" in sbs.render_line(y).text for y in range(sbs.size.height))


async def test_an_unregistered_user_is_told_before_the_editor_opens_and_the_desk_refuses_too(
    backend: FakeBackend,
) -> None:
    backend.acting = None
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "e")
        await settle(pilot)
        assert not _screen(app).query(RowEditor)
        assert any("not a registered user: only registered users" in t for t in toasts(app))
        assert "reading only" in app.sub_title


def test_on_the_desk_an_unregistered_user_may_not_write_english(memory_store: object) -> None:
    import pytest

    from tracker.errors import ForbiddenError
    from tracker.services.desk import Desk
    from tracker.services.seed import ensure_seeded

    ensure_seeded(memory_store)  # type: ignore[arg-type]
    from datetime import UTC, datetime

    memory_store.add_user("ana", "admin", by="ana", at=datetime.now(UTC))  # type: ignore[attr-defined]
    view = Desk(memory_store, "ana").view(SLUG)  # type: ignore[arg-type]
    assert view.en is not None
    with pytest.raises(ForbiddenError, match="nobody is not a registered user: only registered users"):
        Desk(memory_store, "nobody").save_english(  # type: ignore[arg-type]
            SLUG, (0,), "Nobody's standfirst.", fr_rev=view.fr.number, expected_en_rev=view.en.number
        )
    saved = Desk(memory_store, "ana").save_english(  # type: ignore[arg-type]
        SLUG, (0,), "Ana's standfirst.", fr_rev=view.fr.number, expected_en_rev=view.en.number
    )
    assert saved.author == "ana" and "Ana's standfirst." in saved.texts
