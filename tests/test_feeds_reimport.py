"""What tracker writes, tracker reads back: a NewsML-G2 export of a story typed in by hand joins the same story."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sources.detect import load, story_key
from sources.newsml_out import tracker_story, write_newsml
from tracker.model import Approval, Revision
from tracker.services.formats import import_paths
from tracker.storage import Store

AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FR = "Le conseil municipal a voté le budget mardi soir.\n\nL'opposition a quitté la salle.\n"
EN = "The city council passed the budget on Tuesday evening.\n\nThe opposition walked out.\n"


def stored_story(store: Store, tmp_path: Path) -> tuple[Revision, Revision]:
    (tmp_path / "fr.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    import_paths(store, [tmp_path / "fr.txt"], by="desk", at=AT, story="budget", lang="fr")
    import_paths(store, [tmp_path / "en.txt"], by="desk", at=AT, story="budget", lang="en", based_on=1)
    return store.revision("budget", "fr"), store.revision("budget", "en")


def export(fr: Revision, en: Revision) -> bytes:
    approval = Approval("budget", fr.number, en.number, fr.content_hash, en.content_hash, "h", "approved", "ed", AT)
    return write_newsml(en, fr, approval=approval, at=AT, by="desk")


def test_tracker_guids_name_their_story() -> None:
    assert tracker_story("urn:newsml:tracker.local:budget-2027:fr") == "budget-2027"
    assert tracker_story("urn:newsml:example.org:20261201:fr-1") is None
    assert tracker_story("urn:newsml:tracker.local:budget:de") is None


def test_own_export_reads_back_with_the_lead_once_in_the_same_story(memory_store: Store, tmp_path: Path) -> None:
    fr, en = stored_story(memory_store, tmp_path)
    (document,) = load(export(fr, en), "budget-en.xml")
    assert document.texts == en.texts  # the lead was also the exported headline: kept once
    assert document.content_hash == en.content_hash
    assert story_key(document) == "budget"


def test_reimporting_own_export_is_old_news(memory_store: Store, tmp_path: Path) -> None:
    fr, en = stored_story(memory_store, tmp_path)
    (tmp_path / "out.xml").write_bytes(export(fr, en))
    (result,) = import_paths(memory_store, [tmp_path / "out.xml"], by="desk", at=AT)
    assert (result.outcome, result.story, result.lang, result.revision) == ("skipped", "budget", "en", 1)
    assert [s.slug for s in memory_store.stories()] == ["budget"]


def test_an_edited_export_becomes_the_next_english_revision_based_on_the_french_it_names(
    memory_store: Store, tmp_path: Path
) -> None:
    fr, en = stored_story(memory_store, tmp_path)
    data = export(fr, en).replace(b"walked out.", b"walked out in protest.")
    (tmp_path / "edited.xml").write_bytes(data)
    (result,) = import_paths(memory_store, [tmp_path / "edited.xml"], by="desk", at=AT)
    assert (result.outcome, result.story, result.revision) == ("imported", "budget", 2)
    latest = memory_store.revision("budget", "en")
    assert latest.texts[0] == en.texts[0] and latest.texts.count(en.texts[0]) == 1
    assert latest.based_on == fr.number
