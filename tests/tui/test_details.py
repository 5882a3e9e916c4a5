"""The details panel's words: what a row links, its flags' reasons once each."""

from __future__ import annotations

from dataclasses import replace

from tests.tui.conftest import SLUG, settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.model import Change, Finding, Flag, Link
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.details import DetailsPanel, describe_row
from tracker.tui.widgets.sidebyside import SideBySide


def test_the_details_name_the_link_in_words_not_as_a_row_number(backend: FakeBackend) -> None:
    view = backend.view(SLUG)
    heads = {describe_row(r, view).plain.splitlines()[0] for r in view.rows}
    assert "Link: French only" in heads
    assert "Link: English only" in heads
    assert "Link: 1 French → 1 English" in heads
    assert not any(h.startswith("Row ") for h in heads)


async def test_the_panel_shows_the_link_of_the_selected_row(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs = screen.query_one(SideBySide)
        sbs.move_to(next(i for i, r in enumerate(sbs.rows) if r.link.fr == (6,)))
        await pilot.pause(0.2)
        assert screen.query_one(DetailsPanel).text.plain.startswith("Link: French only")


def test_a_stale_reason_is_shown_once(backend: FakeBackend) -> None:
    view = backend.view(SLUG)
    row = next(r for r in view.rows if r.fr and r.en)
    reason = "number changed: 286 → 300"
    change = Change((row.fr[0].index,), (row.fr[0].index,), "edited", True, (reason,))
    flagged = replace(row, flags=(Flag("stale", row.link.fr, row.link.en, (reason,), (change,)),))
    text = describe_row(flagged, view).plain
    assert text.count(reason) == 1
    assert "edited (substantive)" in text


def _panel_text(app: object) -> str:
    from tracker.tui.app import TrackerApp

    assert isinstance(app, TrackerApp)
    return app.screen.query_one(DetailsPanel).text.plain


def _qa_story(backend: FakeBackend) -> str:
    """A story whose French never changed and whose English drops a number: a QA error, no flag."""
    slug = "quake"
    backend._add(slug, "fr", "Le séisme a fait 12 morts lundi.\n\nAucune autre victime.", "afp")
    backend._add(slug, "en", "The quake killed a dozen people on Monday.\n\nNo other victims.", "tom", based_on=1)
    backend.alignments[(slug, 1, 1)] = (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9))
    backend.en_bases[(slug, 1)] = (1, 1)
    return slug


async def test_a_row_with_open_qa_findings_is_not_called_up_to_date(backend: FakeBackend) -> None:
    app = story_app(backend, _qa_story(backend))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first row: its details
        await pilot.pause(0.2)
        text = _panel_text(app)
        assert "Q numbers [error]" in text
        assert "up to date" not in text
        assert "none, but 1 open QA finding(s) below" in text


def test_a_row_whose_findings_are_all_waived_is_up_to_date(backend: FakeBackend) -> None:
    view = backend.view(SLUG)
    row = next(r for r in view.rows if r.fr and r.en and not r.flags)
    waived = replace(row, findings=(Finding("numbers", "error", row.link.fr, row.link.en, "12 missing", waived=True),))
    assert "none: up to date" in describe_row(waived, view).plain


async def test_a_stale_carried_over_paragraph_is_not_said_to_be_written_from_the_current_french(
    backend: FakeBackend,
) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen) and screen.view is not None
        assert (screen.view.en.number if screen.view.en else 0, screen.view.base.number if screen.view.base else 0) == (
            2,
            3,
        )
        sbs = screen.query_one(SideBySide)
        sbs.move_to(next(i for i, r in enumerate(sbs.rows) if any(f.kind == "stale" for f in r.flags)))
        await pilot.pause(0.2)
        text = _panel_text(app)
        # English r2 was based on French r3, but this paragraph was carried over from r1, written from French r2
        assert "English r2 was written from French r3" not in text
        assert "English r2 as a whole was written from French r3, but this paragraph's English is older" in text
        sbs.move_to(next(i for i, r in enumerate(sbs.rows) if r.fr and r.en and not r.flags))
        await pilot.pause(0.2)
        assert "English r2 was written from French r3" in _panel_text(app)


def test_a_stale_row_against_a_newer_french_says_the_french_changed_since(backend: FakeBackend) -> None:
    view = backend.view(SLUG, en_rev=1)  # English r1, written from French r2, beside French r3
    row = next(r for r in view.rows if any(f.kind == "stale" for f in r.flags))
    text = describe_row(row, view).plain
    assert "this paragraph's French changed since its English was written (French r3 shown)" in text


def test_a_stale_row_names_the_french_its_paragraph_was_written_from(backend: FakeBackend) -> None:
    import dataclasses

    view = backend.view(SLUG)  # English r2, written from French r3
    row = next(r for r in view.rows if any(f.kind == "stale" for f in r.flags))
    traced = dataclasses.replace(row, flags=tuple(dataclasses.replace(f, since=2) for f in row.flags))
    text = describe_row(traced, view).plain
    assert (
        "English r2 as a whole was written from French r3; this paragraph's English was written from French r2" in text
    )


def test_a_waived_finding_shows_who_waived_it_and_why(backend: FakeBackend) -> None:
    view = backend.view(SLUG, en_rev=1)
    row = next(r for r in view.rows if r.findings)
    finding = row.findings[0]
    backend.waive(SLUG, finding, "the wire corrected it later", fr_rev=view.fr.number, en_rev=1)
    view = backend.view(SLUG, en_rev=1)
    row = next(r for r in view.rows if r.findings)
    text = describe_row(row, view).plain
    assert f"q {finding.check} [waived]" in text
    assert "waived by ana: the wire corrected it later" in text


async def _opened_stale_row(pilot: object, app: object) -> DetailsPanel:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await settle(pilot)
    await pilot.press("n", "enter")  # the stale row, opened: its reasons and its paragraph history, a long panel
    await settle(pilot)
    panel = pilot.app.screen.query_one(DetailsPanel)
    for _ in range(100):  # the panel follows the cursor after a short delay, which a busy machine fires late
        if "Paragraph history" in panel.text.plain and "press Enter" not in panel.text.plain:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    return panel


async def test_the_details_are_wrapped_clear_of_their_scroll_bar_beside_the_rows_and_below_them(
    backend: FakeBackend,
) -> None:
    for size in ((120, 40), (80, 24)):
        app = story_app(backend)
        async with app.run_test(size=size) as pilot:
            if size[0] < 110:
                await settle(pilot)
                await pilot.press("d")  # hidden at first below 110 columns
            panel = await _opened_stale_row(pilot, app)
            assert panel.max_scroll_y > 0, f"{size}: the panel is not long enough to scroll: test premise"
            room = panel.scrollable_content_region.width
            longest = max(len("".join(piece for piece, _ in line).rstrip()) for line in panel._lines)
            assert longest <= room, f"{size}: a line of {longest} cells under a scroll bar leaving {room}"
            assert panel.max_scroll_x == 0, f"{size}: the details scroll sideways"
