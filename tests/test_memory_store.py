"""The desk's translation memory on both databases: stories sharing background paragraphs get exact and near
matches (the changed figure pointed out), unrelated text none; taking in is incremental; matches survive a
restart; imported pairs join the memory with their origin; pg_trgm does the fuzzy search on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tracker.cli import main
from tracker.memory import MemoryEntry
from tracker.services import approvals, memory
from tracker.services.imports import import_bytes
from tracker.storage import open_store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
BACKGROUND_FR = (
    "La guerre de l’automne 2020 entre l’Arménie et l’Azerbaïdjan a fait plus de 6.500 morts et s’est soldée "
    "par une défaite militaire arménienne."
)
BACKGROUND_EN = "The autumn 2020 war between Armenia and Azerbaijan left more than 6,500 dead and ended in defeat."
NEWS_A = ("Les deux dirigeants se sont rencontrés lundi à Sotchi.", "The two leaders met in Sochi on Monday.")


def _import(url: str, slug: str, fr: list[str], en: list[str] | None, at: datetime) -> None:
    with open_store(url) as store:
        import_bytes(store, "\n\n".join(fr).encode(), "fr.txt", slug=slug, lang="fr", by="AFP", at=at)
        if en is not None:
            import_bytes(store, "\n\n".join(en).encode(), "en.txt", slug=slug, lang="en", by="tina", at=at)


@pytest.fixture
def desk(db_url: str) -> str:
    """Yesterday's story, translated; today's shares its background paragraph, with one figure updated."""
    _import(db_url, "yesterday", [NEWS_A[0], BACKGROUND_FR], [NEWS_A[1], BACKGROUND_EN], T)
    today = ["Les combats ont repris vendredi près de la frontière.", BACKGROUND_FR.replace("6.500", "6.600")]
    _import(db_url, "today", today, None, T + timedelta(days=1))
    _import(
        db_url, "again", [BACKGROUND_FR, "Un club de football a gagné le championnat."], None, T + timedelta(days=1)
    )
    return db_url


def test_a_repeated_background_paragraph_is_an_exact_match(desk: str) -> None:
    with open_store(desk) as store:
        found = memory.suggest(store, "again")
    by_para = {s.fr: s.matches for s in found}
    assert [m.kind for m in by_para[0]][:1] == ["exact"] and by_para[0][0].entry.en == BACKGROUND_EN
    assert by_para[0][0].entry.story == "yesterday" and by_para[0][0].entry.by == "tina"
    assert by_para[1] == ()  # unrelated text: nothing offered


def test_an_updated_figure_is_a_near_match_with_the_figure_pointed_out(desk: str) -> None:
    with open_store(desk) as store:
        found = {s.fr: s.matches for s in memory.suggest(store, "today")}
    near = found[1][0]
    assert near.kind == "near" and 75 <= near.score < 100
    assert near.figures == (("6.500", "6.600"),)
    assert found[0] == () or all(m.score < 75 or m.kind == "partial" for m in found[0])


def test_taking_in_is_incremental_and_survives_a_restart(desk: str) -> None:
    with open_store(desk) as store:
        first = memory.take_in(store)
        assert first == 2 and memory.take_in(store) == 0
    with open_store(desk) as store:  # a new process: the memory is in the database
        assert store.memory_size() == 2
        assert memory.matches_for(store, BACKGROUND_FR)[0].kind == "exact"
        added = ("Un nouveau bilan fait état de 12 blessés à Erevan, selon le ministère.",
                 "A new toll reports 12 injured in Yerevan, according to the ministry.")  # fmt: skip
        fr = f"{NEWS_A[0]}\n\n{BACKGROUND_FR}\n\n{added[0]}".encode()
        import_bytes(store, fr, "fr.txt", slug="yesterday", lang="fr", by="AFP", at=T + timedelta(hours=2))
        en = f"{NEWS_A[1]}\n\n{BACKGROUND_EN}\n\n{added[1]}".encode()
        import_bytes(store, en, "en.txt", slug="yesterday", lang="en", by="tina", at=T + timedelta(hours=3))
        assert memory.take_in(store) == 1  # only the paragraph the new English revision added


def test_an_approved_english_is_remembered_as_approved(desk: str) -> None:
    with open_store(desk) as store:
        store.add_user("chief", "admin", by="chief", at=T)
        store.add_user("ed", "editor", by="chief", at=T)
        approvals.decide(store, "yesterday", "approved", by="ed", at=T + timedelta(hours=1), note="ok", force=True)
        assert all(m.entry.approved for m in memory.matches_for(store, BACKGROUND_FR))


def test_imported_pairs_join_the_memory_with_their_origin(desk: str) -> None:
    with open_store(desk) as store:
        pair = MemoryEntry("Le froid s’installe sur le pays cette semaine.", "Cold sets in this week.", "tmx:desk.tmx")
        assert memory.remember(store, [pair]) == 1 and memory.remember(store, [pair]) == 0
        found = memory.matches_for(store, "Le froid s’installe sur le pays cette semaine.")
    assert found[0].entry.origin == "tmx:desk.tmx" and found[0].kind == "exact"


def test_the_cli_suggests_and_searches_offline(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", desk, "suggest", "today", "--para", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    top = data["suggestions"][0]["matches"][0]
    assert top["kind"] == "near" and top["figures"] == [["6.500", "6.600"]] and top["en"] == BACKGROUND_EN
    assert "[-6.500-]{+6.600+}" in top["diff"]
    assert main(["--db", desk, "tm", "search", "défaite militaire", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [e["en"] for e in entries] == [BACKGROUND_EN]
    assert main(["--db", desk, "suggest", "today", "--para", "9"]) == 3


@pytest.mark.postgres
def test_postgresql_searches_through_trigram_indexes(pg_url: str) -> None:
    from sqlalchemy import text

    from tracker.storage.memory_index import trigram_schema

    with open_store(pg_url) as store, store.engine.connect() as conn:
        assert trigram_schema(conn) is not None
        names = {r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'memory_entry'"))}
    assert {"ix_memory_entry_fr_trgm", "ix_memory_entry_en_trgm"} <= names


def test_the_tui_backend_offers_the_memory_first_offline(desk: str) -> None:
    from tracker.services.desk import Desk

    with open_store(desk) as store:
        suggestion = Desk(store, "tina", clock=lambda: T).suggest("today", 1, fr_rev=1)
    assert suggestion.text == BACKGROUND_EN
    assert suggestion.provider.startswith("memory ") and "figures differ: 6.500 -> 6.600" in suggestion.provider
