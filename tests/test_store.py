"""The Store keeps stories and immutable revisions, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.audit import verify
from tracker.errors import ConflictError, InputError, NotFoundError
from tracker.model import Document, Paragraph
from tracker.segment import segment
from tracker.storage import Store

AT = datetime(2022, 10, 31, 19, 10, 0, 123456, tzinfo=UTC)


def doc(*texts: str, label: str | None = None) -> Document:
    return Document(paragraphs=tuple(Paragraph(i, t, i * 2 + 1, i * 2 + 1) for i, t in enumerate(texts)), label=label)


def test_a_new_store_has_no_stories(store: Store) -> None:
    assert store.stories() == []


def test_adding_a_revision_creates_the_story_and_numbers_revisions_from_one(store: Store) -> None:
    first, created = store.add_revision("sochi", "fr", doc("Un.", "Deux."), by="AFP", at=AT)
    second, _ = store.add_revision("sochi", "fr", doc("Un.", "Deux !"), by="AFP", at=AT + timedelta(hours=1))

    assert created
    assert (first.number, second.number) == (1, 2)
    assert [s.slug for s in store.stories()] == ["sochi"]
    assert store.story("sochi").languages == ("fr",)
    assert store.latest_number("sochi", "fr") == 2
    assert store.latest_number("sochi", "en") is None


def test_a_stored_revision_reads_back_exactly(store: Store) -> None:
    text = "Titre:\n« Il a dit », l’homme.\n6\u202f500 personnes.\n"
    document = segment(text)
    stored, _ = store.add_revision("s", "fr", document, by="AFP", at=AT, origin="file.txt", meta=(("k", "v"),))

    loaded = store.revision("s", "fr", 1)

    assert loaded == stored
    assert loaded.texts == ("« Il a dit », l’homme.", "6\u202f500 personnes.")
    assert loaded.label == "Titre"
    assert loaded.created_at == AT
    assert loaded.content_hash == document.content_hash
    assert [(p.line_start, p.line_end) for p in loaded.paragraphs] == [(2, 2), (3, 3)]
    assert loaded.meta == (("k", "v"),)


def test_importing_identical_content_again_stores_nothing(store: Store) -> None:
    first, _ = store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT)
    again, created = store.add_revision("s", "fr", doc("Un.", label="other label"), by="x", at=AT + timedelta(days=1))

    assert not created
    assert again == first
    assert len(store.revisions("s")) == 1
    assert [e.action for e in store.audit()] == ["import"]


def test_english_is_based_on_the_latest_french_revision_by_default(store: Store) -> None:
    store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT)
    store.add_revision("s", "fr", doc("Deux."), by="AFP", at=AT)
    default, _ = store.add_revision("s", "en", doc("One."), by="t", at=AT)
    explicit, _ = store.add_revision("s", "en", doc("One!"), by="t", at=AT, based_on=1)

    assert (default.based_on, explicit.based_on) == (2, 1)


def test_basing_english_on_a_missing_french_revision_is_refused(store: Store) -> None:
    store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT)
    with pytest.raises(NotFoundError):
        store.add_revision("s", "en", doc("One."), by="t", at=AT, based_on=5)
    assert store.revisions("s", "en") == []


def test_revisions_list_both_languages_oldest_first_without_paragraphs(store: Store) -> None:
    store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT)
    store.add_revision("s", "en", doc("One."), by="t", at=AT)
    store.add_revision("s", "fr", doc("Deux."), by="AFP", at=AT)

    listed = store.revisions("s")

    assert [(r.lang, r.number) for r in listed] == [("fr", 1), ("en", 1), ("fr", 2)]
    assert all(r.paragraphs == () for r in listed)
    assert [r.number for r in store.revisions("s", "fr")] == [1, 2]


def test_latest_revision_is_returned_when_no_number_is_given(store: Store) -> None:
    store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT)
    store.add_revision("s", "fr", doc("Deux."), by="AFP", at=AT)
    assert store.revision("s", "fr").texts == ("Deux.",)


@pytest.mark.parametrize(("slug", "lang", "number"), [("nope", "fr", None), ("s", "fr", 9), ("s", "en", None)], ids=str)
def test_unknown_story_or_revision_is_not_found(store: Store, slug: str, lang: str, number: int | None) -> None:
    store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT)
    with pytest.raises(NotFoundError):
        store.revision(slug, lang, number)


def test_unknown_story_is_not_found_when_listing(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.revisions("nope")
    with pytest.raises(NotFoundError):
        store.story("nope")


def test_a_stale_expected_latest_is_a_conflict_and_stores_nothing(store: Store) -> None:
    store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT, expected_latest=None)
    with pytest.raises(ConflictError):
        store.add_revision("s", "fr", doc("Deux."), by="AFP", at=AT, expected_latest=None)
    second, created = store.add_revision("s", "fr", doc("Deux."), by="AFP", at=AT, expected_latest=1)
    assert created and second.number == 2


@pytest.mark.parametrize("slug", ["", "a b", "../x", "-x"])
def test_bad_slugs_are_refused(store: Store, slug: str) -> None:
    with pytest.raises(InputError):
        store.add_revision(slug, "fr", doc("Un."), by="AFP", at=AT)
    assert store.stories() == []


def test_unknown_language_is_refused(store: Store) -> None:
    with pytest.raises(InputError):
        store.add_revision("s", "de", doc("Eins."), by="AFP", at=AT)


def test_every_import_is_chained_in_the_audit_log(store: Store) -> None:
    store.add_revision("s", "fr", doc("Un."), by="AFP", at=AT)
    store.add_revision("t", "fr", doc("Un."), by="AFP", at=AT)

    entries = store.audit()

    assert [(e.action, e.story, e.by) for e in entries] == [("import", "s", "AFP"), ("import", "t", "AFP")]
    assert verify(entries) == []
    assert [e.story for e in store.audit("t")] == ["t"]


def test_ensure_story_creates_once(store: Store) -> None:
    assert store.ensure_story("s", "Sochi").title == "Sochi"
    assert store.ensure_story("s", "ignored").title == "Sochi"
    assert len(store.stories()) == 1


def test_the_sample_story_is_seeded_in_order(sample_store: Store) -> None:
    listed = [(r.lang, r.number, r.author, r.based_on, r.label) for r in sample_store.revisions("sochi-summit")]
    assert listed == [
        ("fr", 1, "AFP", None, None),
        ("fr", 2, "AFP", None, None),
        ("en", 1, "sample", 2, "First modification"),
        ("fr", 3, "AFP", None, None),
        ("en", 2, "sample", 3, None),
    ]
    assert len(sample_store.revision("sochi-summit", "fr", 2).paragraphs) == 15
