"""Store.add_revisions stores a batch as consecutive add_revision calls would, in one all-or-nothing transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.audit import verify
from tracker.errors import ConflictError, InputError, NotFoundError
from tracker.model import Document, Paragraph, Role
from tracker.services.formats import BATCH, import_paths
from tracker.storage import Store, open_store
from tracker.storage.revisions import NewRevision

AT = datetime(2026, 11, 26, 21, 0, 0, 654321, tzinfo=UTC)


def doc(*texts: str, title: str | None = None) -> Document:
    return Document(tuple(Paragraph(i, t, i + 1, i + 1, Role.BODY) for i, t in enumerate(texts)), title=title)


BATCH_ITEMS = [
    NewRevision("a", "fr", doc("Un.", "Deux.", title="Story A"), label="v1", meta=(("guid", "a"),)),
    NewRevision("b", "fr", doc("Trois."), origin="b.xml"),
    NewRevision("a", "fr", doc("Un.", "Deux !")),
    NewRevision("a", "en", doc("One.", "Two!")),
    NewRevision("a", "fr", doc("Un.", "Deux !", "Trois.")),
    NewRevision("a", "en", doc("One.", "Two!", "Three."), based_on=2, status="withheld"),
]


def add_one_by_one(store: Store, items: list[NewRevision]) -> None:
    for item in items:
        store.add_revision(
            item.slug,
            item.lang,
            item.document,
            by="desk",
            at=AT,
            label=item.label,
            origin=item.origin,
            based_on=item.based_on,
            status=item.status,
            meta=item.meta,
        )


def everything(store: Store) -> tuple[object, ...]:
    stories = store.stories()
    revisions = [store.revision(s.slug, r.lang, r.number) for s in stories for r in store.revisions(s.slug)]
    return tuple(stories), tuple(revisions)


def test_a_batch_stores_what_the_same_calls_one_by_one_store(store: Store, tmp_path: Path) -> None:
    results = store.add_revisions(BATCH_ITEMS, by="desk", at=AT)

    with open_store(f"sqlite:///{tmp_path / 'one-by-one.db'}") as single:
        add_one_by_one(single, BATCH_ITEMS)
        assert everything(store) == everything(single)
        assert [(e.action, e.story, e.detail) for e in store.audit()] == [
            (e.action, e.story, e.detail) for e in single.audit()
        ]
    assert [(r.story, r.lang, r.number, created) for r, created in results] == [
        ("a", "fr", 1, True),
        ("b", "fr", 1, True),
        ("a", "fr", 2, True),
        ("a", "en", 1, True),
        ("a", "fr", 3, True),
        ("a", "en", 2, True),
    ]
    assert store.revision("a", "en", 1).based_on == 2  # the newest French revision when the English came
    assert store.story("a").title == "Story A"


def test_each_new_revision_gets_one_audit_entry_and_the_chain_verifies(store: Store) -> None:
    store.append_audit("login", "", "before", by="ann", at=AT - timedelta(hours=1))
    store.add_revisions(BATCH_ITEMS[:3], by="desk", at=AT)
    store.add_revisions(BATCH_ITEMS[3:], by="desk", at=AT + timedelta(minutes=1))
    store.append_audit("login", "", "after", by="ann", at=AT + timedelta(hours=1))

    log = store.audit()
    assert verify(log) == []
    assert [e.detail.split(" (")[0][:6] for e in log[1:-1]] == [
        "fr r1 ",
        "fr r1 ",
        "fr r2 ",
        "en r1 ",
        "fr r3 ",
        "en r2 ",
    ]
    assert [e.story for e in log[1:-1]] == ["a", "b", "a", "a", "a", "a"]


def test_identical_content_is_a_no_op_inside_a_batch_and_across_batches(store: Store) -> None:
    first = NewRevision("s", "fr", doc("Un."))
    results = store.add_revisions([first, NewRevision("s", "fr", doc("Un."), label="again")], by="desk", at=AT)
    again = store.add_revisions([first], by="other", at=AT + timedelta(days=1))

    assert [created for _, created in results] == [True, False]
    assert results[1][0] == results[0][0]
    assert again == [(store.revision("s", "fr", 1), False)]
    assert len(store.revisions("s")) == 1
    assert len(store.audit()) == 1


def test_a_failing_batch_stores_nothing(store: Store) -> None:
    store.add_revisions([NewRevision("kept", "fr", doc("Un."))], by="desk", at=AT)
    before = store.audit()
    bad_items = [
        [*BATCH_ITEMS, NewRevision("a", "en", doc("Four."), based_on=9)],  # no such French revision
        [*BATCH_ITEMS, NewRevision("kept", "fr", doc("Deux."), expected_latest=None)],  # r1 is the latest
        [*BATCH_ITEMS, NewRevision("c", "fr", doc())],  # no paragraph
        [*BATCH_ITEMS, NewRevision("not a slug", "fr", doc("Un."))],
    ]
    errors = (NotFoundError, ConflictError, InputError, InputError)
    for items, error in zip(bad_items, errors, strict=True):
        with pytest.raises(error):
            store.add_revisions(items, by="desk", at=AT)

    assert [s.slug for s in store.stories()] == ["kept"]
    assert store.audit() == before


def test_expected_latest_is_checked_against_the_revisions_the_batch_stored_before(store: Store) -> None:
    items = [
        NewRevision("s", "fr", doc("Un."), expected_latest=None),
        NewRevision("s", "fr", doc("Deux."), expected_latest=1),
    ]
    assert [r.number for r, _ in store.add_revisions(items, by="desk", at=AT)] == [1, 2]
    with pytest.raises(ConflictError, match="r2, not r1"):
        store.add_revisions([NewRevision("s", "fr", doc("Trois."), expected_latest=1)], by="desk", at=AT)


def test_an_empty_batch_changes_nothing(store: Store) -> None:
    assert store.add_revisions([], by="desk", at=AT) == []
    assert store.audit() == []


def test_an_import_larger_than_a_batch_gives_the_same_revisions_as_one_by_one(
    memory_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    count = BATCH + 20
    for n in range(count):
        story, version = divmod(n, 3)
        body = "".join(f"<p>Paragraphe {k} de la version {version}.</p>" for k in range(version + 1))
        (folder / f"{n:04d}.xml").write_text(wire_item(story, version + 1, body), encoding="utf-8")
    (folder / "broken.xml").write_text("<newsItem>", encoding="utf-8")

    results = import_paths(memory_store, [folder], by="desk", at=AT)

    assert sorted(r.outcome for r in results) == ["imported"] * count + ["refused"]
    assert len(memory_store.stories()) == (count + 2) // 3
    assert verify(memory_store.audit()) == []
    assert len(memory_store.audit()) == count
    again = import_paths(memory_store, [folder], by="desk", at=AT)
    assert sorted(r.outcome for r in again) == ["refused"] + ["skipped"] * count


def wire_item(story: int, version: int, body: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:test.example:2026:s{story}"
  version="{version}" standard="NewsML-G2" xml:lang="fr">
 <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-26T{version:02d}:00:00Z</versionCreated>
  <pubStatus qcode="stat:usable"/></itemMeta>
 <contentMeta><language tag="fr"/><headline>Dépêche {story}</headline></contentMeta>
 <contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
  <body><body.content>{body}</body.content></body></nitf></inlineXML></contentSet>
</newsItem>"""


def test_a_document_the_store_refuses_is_refused_alone_and_the_rest_of_its_batch_stored(memory_store: Store) -> None:
    own = Path(__file__).parent / "data" / "newsml" / "own"
    import_paths(memory_store, [own / "port-fr-v1.xml"], by="desk", at=AT, story="port")
    files = [own / "port-fr-v2-correction.xml", own / "port-en-v1.xml"]

    results = import_paths(memory_store, files, by="desk", at=AT, story="port", based_on=1)

    assert [r.outcome for r in results] == ["refused", "imported"]
    assert "English revisions" in results[0].problem  # --based-on names a French revision for English only
    assert [r.number for r in memory_store.revisions("port", "fr")] == [1]
    assert memory_store.revision("port", "en").based_on == 1
    assert verify(memory_store.audit()) == []


def test_rows_written_through_the_driver_read_back_like_the_rows_sqlalchemy_writes(tmp_path: Path) -> None:
    """Revisions, paragraphs and audit entries go in through the driver (tracker.storage.rows); their times are
    stored as the same text SQLAlchemy writes for the story row beside them, and read back as the time given."""
    import sqlite3

    with open_store(f"sqlite:///{tmp_path / 'rows.db'}") as store:
        store.add_revisions(BATCH_ITEMS, by="desk", at=AT)
        assert store.revision("a", "fr", 1).created_at == AT
        assert [e.at for e in store.audit()] == [AT] * len(BATCH_ITEMS)
        assert store.fact_problems(store.audit()) == []
    conn = sqlite3.connect(tmp_path / "rows.db")
    story_times = {t for (t,) in conn.execute("SELECT created_at FROM story")}
    revision_times = {t for (t,) in conn.execute("SELECT created_at FROM revision")}
    audit_times = {t for (t,) in conn.execute("SELECT at FROM audit")}
    ids = [i for (i,) in conn.execute("SELECT id FROM revision ORDER BY id")]
    conn.close()
    assert len(story_times) == 1
    assert story_times == revision_times == audit_times
    assert ids == list(range(1, len(BATCH_ITEMS) + 1))
