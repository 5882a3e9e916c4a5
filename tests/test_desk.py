"""The Desk the terminal UI drives: change detection, edits bound to revisions, decisions as the acting user."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.errors import ConflictError, RefusedError
from tracker.services.desk import Desk
from tracker.services.qa_config import load_qa_config
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.services.summaries import derivation_key
from tracker.storage import Store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def desk(store: Store) -> Desk:
    seed_sample(store)
    return Desk(store, "tina", clock=lambda: T)


def test_the_change_token_moves_on_every_write_and_only_then(desk: Desk) -> None:
    token = desk.change_token()
    desk.view(SAMPLE_SLUG)
    assert not desk.changed_since(token)
    desk.ack(SAMPLE_SLUG, 5, "no-change", "checked", fr_rev=3)
    assert desk.changed_since(token)


def test_editing_english_saves_a_revision_based_on_the_french_shown(desk: Desk) -> None:
    revision = desk.save_english(SAMPLE_SLUG, (6,), "New text.\n\nA second paragraph.", fr_rev=3, expected_en_rev=2)
    assert (revision.number, revision.based_on, revision.author) == (3, 3, "tina")
    assert revision.texts[6:8] == ("New text.", "A second paragraph.")
    with pytest.raises(ConflictError):
        desk.save_english(SAMPLE_SLUG, (0,), "Late.", fr_rev=3, expected_en_rev=2)


def test_inserting_a_translation_links_it_to_its_french(desk: Desk) -> None:
    desk.ack(SAMPLE_SLUG, 6, "omitted", "", fr_rev=3)  # irrelevant to the insertion itself
    revision = desk.save_english(SAMPLE_SLUG, (), "Armenia is a CSTO member.", fr_rev=3, expected_en_rev=2, fr=(6,))
    view = desk.view(SAMPLE_SLUG)
    row = next(r for r in view.rows if 6 in r.link.fr)
    assert [p.text for p in row.en] == ["Armenia is a CSTO member."]
    assert row.link.confirmed and view.en is not None and view.en.number == revision.number


def test_bad_corrections_are_refused_in_one_sentence(desk: Desk) -> None:
    with pytest.raises(RefusedError, match="relink needs paragraphs on both sides"):
        desk.relink(SAMPLE_SLUG, (1,), (), fr_rev=3, en_rev=2)
    with pytest.raises(RefusedError, match="not contiguous"):
        desk.save_english(SAMPLE_SLUG, (1, 3), "x", fr_rev=3, expected_en_rev=2)


@pytest.fixture
def derived(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs whose summary is derived from the facts (not taken from a cache), in order; no config file."""
    import tracker.services.views as views  # where the summaries import it from when they derive one

    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "none.toml"))
    slugs: list[str] = []
    load_view = views.load_view

    def counting(store: Store, slug: str, *args: object, **kwargs: object) -> object:
        slugs.append(slug)
        return load_view(store, slug, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "load_view", counting)
    return slugs


def test_the_story_list_re_derives_only_the_stories_whose_facts_changed(
    desk: Desk, tmp_path: Path, derived: list[str]
) -> None:
    from tracker.model import Document, Paragraph

    desk.store.add_revision("other", "fr", Document((Paragraph(0, "Deux paragraphes."),)), by="tina", at=T)
    first = {s.slug: s for s in desk.stories()}
    assert sorted(derived) == ["other", SAMPLE_SLUG]
    derived.clear()
    assert {s.slug: s for s in desk.stories()} == first and derived == []
    stale = next(i for i, r in enumerate(desk.view(SAMPLE_SLUG).rows) if r.needs_action)
    fr_index = desk.view(SAMPLE_SLUG).rows[stale].fr[0].index
    derived.clear()
    desk.ack(SAMPLE_SLUG, fr_index, "no-change", "checked", fr_rev=3)
    after = {s.slug: s for s in desk.stories()}
    assert derived == [SAMPLE_SLUG]  # the other story's facts did not change
    assert after[SAMPLE_SLUG].stale == first[SAMPLE_SLUG].stale - 1 and after["other"] == first["other"]
    # a new QA configuration changes what every story's state means
    (tmp_path / "none.toml").write_text('[qa]\ndisable = ["numbers"]\n', encoding="utf-8")
    derived.clear()
    desk.stories()
    assert sorted(derived) == ["other", SAMPLE_SLUG]


def test_story_versions_move_with_each_storys_own_writes(desk: Desk) -> None:
    before = desk.store.story_versions()
    assert set(before) == {SAMPLE_SLUG}
    desk.ack(SAMPLE_SLUG, 5, "no-change", "checked", fr_rev=3)
    after = desk.store.story_versions()
    assert after[SAMPLE_SLUG] > before[SAMPLE_SLUG] and after[SAMPLE_SLUG] == desk.store.audit_head()[0]


def test_the_next_desk_reads_unchanged_summaries_from_the_database(desk: Desk, derived: list[str]) -> None:
    first = desk.stories()
    derived.clear()
    tomorrow = Desk(desk.store, "ed", clock=lambda: T)  # another person, or the same one after a restart
    assert tomorrow.stories() == first and derived == []
    desk.ack(SAMPLE_SLUG, 5, "no-change", "checked", fr_rev=3)
    assert tomorrow.stories() != first and derived == [SAMPLE_SLUG]


def test_summaries_still_arrive_when_the_cache_cannot_be_written(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.errors import BusyError

    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "none.toml"))

    def busy(key: str, entries: object) -> None:
        raise BusyError("the database is busy")

    monkeypatch.setattr(desk.store, "save_summaries", busy)
    assert [s.slug for s in desk.stories()] == [SAMPLE_SLUG]
    assert desk.store.cached_summaries(derivation_key(load_qa_config())) == {}


def test_desk_members_with_different_qa_configurations_keep_summaries_of_their_own(
    desk: Desk, tmp_path: Path, derived: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text('[qa]\ndisable = ["names"]\n', encoding="utf-8")
    desk.stories()  # the default configuration
    monkeypatch.setenv("TRACKER_CONFIG", str(strict))
    Desk(desk.store, "ed", clock=lambda: T).stories()  # another member, another configuration
    assert derived == [SAMPLE_SLUG, SAMPLE_SLUG]
    derived.clear()
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "none.toml"))
    Desk(desk.store, "tina", clock=lambda: T).stories()  # back to the first: its summaries were not overwritten
    monkeypatch.setenv("TRACKER_CONFIG", str(strict))
    Desk(desk.store, "ed", clock=lambda: T).stories()
    assert derived == []


def test_a_summary_survives_its_trip_through_the_cache_text(desk: Desk) -> None:
    from tracker.services.summaries import summary_from_json, summary_to_json

    summary = desk.stories()[0]
    assert summary_from_json(summary_to_json(summary)) == summary
    assert summary.updated_at.tzinfo is not None
