"""A translator's keys in the row editor, as CAT tools have them: confirm-and-next (Ctrl+N, Ctrl+Enter, Alt+Enter),
insert the French (Ctrl+O), insert the machine translation (Ctrl+T), the cursor where the French changed; n and p
that skip what needs nothing; and the English versions in the paragraph history."""

from __future__ import annotations

from tests.tui.conftest import SLUG, settle, story_app, toasts
from tests.tui.fake_backend import FakeBackend
from tracker.errors import TrackerError
from tracker.model import Link
from tracker.tui.app import binding_groups
from tracker.tui.screens.edit_modals import ConflictModal
from tracker.tui.screens.help import bindings_table
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.details import DetailsPanel
from tracker.tui.widgets.roweditor import RowEditor
from tracker.tui.widgets.sidebyside import SideBySide

LARGE = "large"


def _large(n: int = 60) -> FakeBackend:
    """A story whose rows 0, 20 and 40 are stale (and miss a figure): three rows that need action."""
    fake = FakeBackend.with_sample()
    fake.add_large(LARGE, n)
    return fake


def _fixed(index: int) -> str:
    """Row `index`'s English, updated to the French r2 (the figure it misses put in)."""
    return f"Paragraph {index}: the summit brought {index + 1} delegates to Sochi on Monday morning."


def _editor(app: object) -> RowEditor:
    return app.screen.query_one(RowEditor)  # type: ignore[attr-defined,no-any-return]


def _needing(app: object) -> list[int]:
    return [i for i, r in enumerate(app.screen.query_one(SideBySide).rows) if r.needs_action]  # type: ignore[attr-defined]


async def test_confirm_and_next_saves_then_edits_the_next_row_that_needs_action_and_keeps_what_is_typed() -> None:
    backend = _large()
    app = story_app(backend, LARGE)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        assert _needing(app) == [0, 20, 40]
        bar = app.screen.query_one("#story-bar")
        assert "57 of 60 rows done · 720 words" in str(bar.render())  # 12 words a row
        await pilot.press("e")
        await settle(pilot)
        _editor(app).text = _fixed(0)
        # typed right after the key, before anything is saved: these letters belong to the next row's editor
        await pilot.press("ctrl+n", "X", "y")
        await settle(pilot)
        assert backend.decisions[-1] == ("save", ((0,), _fixed(0)))
        # row 20 is stale in its first sentence: the cursor starts there, and the letters typed went in
        assert sbs.cursor == 20
        assert _editor(app).text == "Xy" + backend.view(LARGE).rows[20].en[0].text
        assert _needing(app) == [20, 40]  # the row saved no longer needs action
        assert "58 of 60 rows done" in str(bar.render())
        _editor(app).text = _fixed(20)
        await pilot.press("ctrl+enter")  # where the terminal tells it from Enter
        await settle(pilot)
        assert backend.decisions[-1] == ("save", ((20,), _fixed(20)))
        assert sbs.cursor == 40 and _editor(app).text.startswith("Paragraph 40:")
        _editor(app).text = _fixed(40)
        await pilot.press("alt+enter")
        await settle(pilot)
        assert backend.decisions[-1] == ("save", ((40,), _fixed(40)))
        assert not app.screen.query(RowEditor) and _needing(app) == []
        assert "No other row needs action." in toasts(app)


async def test_confirm_and_next_on_an_unchanged_row_saves_nothing_and_goes_on() -> None:
    backend = _large()
    app = story_app(backend, LARGE)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e", "ctrl+n")
        await settle(pilot)
        assert not [d for d in backend.decisions if d[0] == "save"]
        assert app.screen.query_one(SideBySide).cursor == 20 and _editor(app).text.startswith("Paragraph 20:")


async def test_a_refused_save_keeps_the_editor_and_its_text_and_does_not_move_on() -> None:
    backend = _large()
    app = story_app(backend, LARGE)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        real = backend.save_english

        def refuse(*args: object, **kwargs: object) -> object:
            raise TrackerError("the desk is read-only today")

        backend.save_english = refuse  # type: ignore[method-assign]
        _editor(app).text = "Mine, typed with care."
        await pilot.press("ctrl+n")
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        assert sbs.cursor == 0 and _editor(app).text == "Mine, typed with care."
        assert any("your text is still in the editor" in t for t in toasts(app))
        backend.save_english = real  # type: ignore[method-assign]
        await pilot.press("ctrl+s")  # a plain save afterwards does not remember the refused "next"
        await settle(pilot)
        assert backend.decisions[-1] == ("save", ((0,), "Mine, typed with care."))
        assert not app.screen.query(RowEditor) and sbs.cursor == 0


async def test_a_conflicting_save_keeps_the_editor_open_on_its_row() -> None:
    backend = _large()
    app = story_app(backend, LARGE)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        backend.save_english(LARGE, (5,), "Someone else's line.", fr_rev=2, expected_en_rev=1)
        _editor(app).text = _fixed(0)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen) and _editor(app).text == _fixed(0)
        assert app.screen.query_one(SideBySide).cursor == 0


async def test_ctrl_o_inserts_the_french_at_the_cursor_and_ctrl_z_takes_it_back(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        untranslated = next(i for i, r in enumerate(sbs.rows) if r.fr and not r.en)
        sbs.move_to(untranslated)
        await pilot.press("e")
        await settle(pilot)
        french = sbs.rows[untranslated].fr[0].text
        assert _editor(app).text == ""
        await pilot.press("ctrl+o")
        assert _editor(app).text == french
        await pilot.press("ctrl+z")
        assert _editor(app).text == ""


async def test_ctrl_t_says_no_suggestion_is_available_offline_and_inserts_it_when_there_is_one(
    backend: FakeBackend,
) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "e")  # the stale row
        await settle(pilot)
        editor = _editor(app)
        before = editor.text
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert editor.text == before and app.screen.query(RowEditor)
        assert any(t.startswith("No suggestion available: machine translation is offline") for t in toasts(app))
        backend.offline = False
        editor.text = ""
        await pilot.press("ctrl+t")
        await settle(pilot)
        row = app.screen.query_one(SideBySide).rows[app.screen.query_one(SideBySide).cursor]
        assert editor.text == f"[EN] {row.fr[0].text}"
        assert backend.calls.count(f"suggest {row.fr[0].index}") == 2


def _two_sentences() -> FakeBackend:
    """A paragraph whose second French sentence changed since its English was written, and one unchanged."""
    fake = FakeBackend()
    french, english = "\n\nLa Russie arbitre.", "\n\nRussia referees."
    fake._add("two", "fr", "Le sommet s’est ouvert lundi. Il a réuni douze délégués à Sotchi." + french, "afp")
    fake._add("two", "fr", "Le sommet s’est ouvert lundi. Il a réuni quinze délégués à Sotchi." + french, "afp")
    first = "The summit opened on Monday. It brought twelve delegates to Sochi."
    fake._add("two", "en", first + english, "tom", based_on=1)
    fake.alignments[("two", 1, 1)] = (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9))
    return fake


async def test_the_cursor_starts_at_the_english_sentence_of_the_first_french_change() -> None:
    app = story_app(_two_sentences(), "two")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = _editor(app)
        assert editor.text == "The summit opened on Monday. It brought twelve delegates to Sochi."
        assert editor.cursor_location == (0, editor.text.index("It brought"))
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one(SideBySide).move_to(1)  # up to date: the cursor starts at the end, to go on typing
        await pilot.press("e")
        await settle(pilot)
        editor = _editor(app)
        assert editor.text == "Russia referees." and editor.cursor_location == editor.document.end


async def test_n_and_p_skip_cosmetic_and_acknowledged_rows_unless_a_filter_shows_them(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        cosmetic = next(i for i, r in enumerate(sbs.rows) if any(f.kind == "cosmetic" for f in r.flags))
        stale = next(i for i, r in enumerate(sbs.rows) if any(f.kind == "stale" for f in r.flags))
        assert cosmetic < stale
        await pilot.press("n")
        assert sbs.cursor == stale  # the cosmetic change before it needs nothing
        await pilot.press("p")
        assert sbs.cursor == stale and "This is the only row that needs something." in toasts(app)
        await pilot.press("f", "f", "f")  # changed since base: the filter shows the cosmetic row, n visits it
        await settle(pilot)
        assert [sbs.rows.index(r) for r in sbs.rows] == [0, 1]
        sbs.move_to(1)
        await pilot.press("n")
        assert sbs.cursor == 0
        await pilot.press("f")  # all again
        await settle(pilot)
        backend.ack(SLUG, sbs.rows[stale].fr[0].index, "no-change", "", fr_rev=3)
        await pilot.press("r")
        await settle(pilot)
        sbs.move_to(0)
        await pilot.press("n")
        assert sbs.cursor == 0 and "No row needs anything: everything is up to date." in toasts(app)


async def test_the_paragraph_history_shows_the_english_versions_with_their_word_diffs(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        row = next(i for i, r in enumerate(sbs.rows) if r.en and "6,600" in r.en[0].text)
        sbs.move_to(row)
        await pilot.press("enter")
        await settle(pilot)
        details = app.screen.query_one(DetailsPanel).text.plain
        english = details[details.index("English versions") :]
        assert "EN r2 edited by tom, from FR r3" in english
        assert "[-6,500-]{+6,600+}" in english
        assert "EN r1 first version by tom, from FR r2" in english
        assert english.index("EN r2") < english.index("EN r1")


def test_the_editors_keys_are_in_the_help() -> None:
    table = bindings_table(binding_groups())
    where = list(table.columns[0].cells)
    keys = list(table.columns[1].cells)
    actions = list(table.columns[2].cells)
    assert "Row editor" in where
    at = actions.index("Save and open the next row that needs action (as memoQ's Ctrl+Enter)")
    assert keys[at] == "ctrl+n / ctrl+enter / alt+enter"
    assert "Insert the row's French text at the cursor" in actions
    assert "Insert the machine translation at the cursor" in actions


async def test_the_palette_offers_the_editors_keys_while_it_is_open(backend: FakeBackend) -> None:
    from tracker.tui.commands import TrackerCommands

    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "e")
        await settle(pilot)
        provider = TrackerCommands(app.screen)
        offered = {action for _, action, _ in provider._actions()}
        assert {"save_next", "insert_french", "insert_suggestion"} <= offered
        editor = _editor(app)
        editor.text = ""
        await provider._run("insert_french")  # what choosing it in the palette runs: on the editor
        sbs = app.screen.query_one(SideBySide)
        assert editor.text == sbs.rows[sbs.cursor].fr[0].text


async def test_on_the_real_desk_confirm_and_next_saves_the_only_row_to_do_then_says_none_is_left() -> None:
    from tracker.services.desk import Desk
    from tracker.services.seed import ensure_seeded
    from tracker.storage import open_store

    store = open_store("sqlite://")
    ensure_seeded(store)
    app = story_app(Desk(store, "ana"))  # type: ignore[arg-type]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        assert _needing(app) == [7]  # the sample's one stale row
        sbs.move_to(7)
        await pilot.press("e")
        await settle(pilot)
        mine = _editor(app).text.replace("286 dead.", "286 dead, according to both countries' tolls.")
        _editor(app).text = mine
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not app.screen.query(RowEditor) and _needing(app) == []
        assert "No other row needs action." in toasts(app)
        assert sbs.rows[sbs.cursor].en[0].text == mine
        await pilot.press("enter")
        await settle(pilot)
        details = app.screen.query_one(DetailsPanel).text.plain
        english = details[details.index("English versions") :]
        assert "EN r3 edited by ana, from FR r3" in english
        assert "dead{+, according to both countries' tolls+}." in english
        assert english.index("EN r3") < english.index("EN r1")
        untranslated = next(i for i, r in enumerate(sbs.rows) if r.fr and not r.en)
        sbs.move_to(untranslated)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+o")
        assert _editor(app).text == sbs.rows[untranslated].fr[0].text


async def test_an_insert_next_to_words_is_set_apart_by_a_space_and_one_in_a_blank_gets_none(
    backend: FakeBackend,
) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "e")  # the stale row, whose English ends a sentence
        await settle(pilot)
        editor = _editor(app)
        row = app.screen.query_one(SideBySide).rows[app.screen.query_one(SideBySide).cursor]
        french = row.fr[0].text
        editor.text = "Before.After"
        editor.move_cursor((0, len("Before.")))
        await pilot.press("ctrl+o")  # between two words: a space on each side
        assert editor.text == f"Before. {french} After"
        await pilot.press("ctrl+z")
        assert editor.text == "Before.After"  # one edit, separators included
        editor.text = "Ends here. "
        editor.move_cursor(editor.document.end)
        backend.offline = False
        await pilot.press("ctrl+t")  # after a space already there: none added
        await settle(pilot)
        assert editor.text == f"Ends here. [EN] {french}"
        editor.text = "(x"
        editor.move_cursor((0, 1))
        await pilot.press("ctrl+o")  # after an opening bracket, before a word: the word is set apart, not the bracket
        assert editor.text == f"({french} x"
