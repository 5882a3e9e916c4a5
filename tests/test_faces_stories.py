"""`tracker stories` lists what the TUI list shows, with the list's own filters, sorts and search."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tracker.cli import main
from tracker.services import approvals
from tracker.services.imports import import_bytes
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.storage import open_store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def desk(db_url: str) -> str:
    """The sample (stale), a French-only story, and a story whose English is approved."""
    with open_store(db_url) as store:
        seed_sample(store)
        store.add_user("chief", "admin", by="chief", at=T)
        store.add_user("ed", "editor", by="chief", at=T)
        fr = "Le séisme a fait 12 morts à Osaka.\n\nLes secours sont sur place.".encode()
        import_bytes(store, fr, "fr.txt", slug="osaka-quake", lang="fr", by="AFP", at=T)
        import_bytes(store, b"Un paragraphe seul.", "fr.txt", slug="brief", lang="fr", by="AFP", at=T)
        en = b"The earthquake killed 12 people in Osaka.\n\nRescuers are on site."
        import_bytes(store, en, "en.txt", slug="osaka-quake", lang="en", by="tina", at=T + timedelta(minutes=5))
        approvals.decide(store, "osaka-quake", "approved", by="ed", at=T + timedelta(minutes=9), note="ok")
    return db_url


def listing(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["--db", url, "stories", "--format", "json", *args]) == 0
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)["stories"]
    return found


def test_each_story_shows_its_state_approval_and_revisions(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    by_slug = {s["slug"]: s for s in listing(desk, capsys)}
    assert by_slug["osaka-quake"]["state"] == "up-to-date" and by_slug["osaka-quake"]["approval"] == "approved"
    assert by_slug["brief"]["state"] == "no-english" and by_slug["brief"]["en_rev"] is None
    sample = by_slug[SAMPLE_SLUG]
    assert (sample["fr_rev"], sample["en_rev"], sample["state"]) == (3, 2, "needs-work")
    assert sample["latest"] == {"fr": 3, "en": 2}


def test_filters_are_the_tui_lists(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    slugs = lambda *a: [s["slug"] for s in listing(desk, capsys, *a)]  # noqa: E731
    assert set(slugs("--filter", "up-to-date")) == {"osaka-quake"}
    assert set(slugs("--filter", "needs-work")) == {SAMPLE_SLUG, "brief"}
    assert slugs("--filter", "awaiting-approval") == [SAMPLE_SLUG]  # no English: nothing to approve yet
    assert slugs("--sort", "name") == sorted([SAMPLE_SLUG, "brief", "osaka-quake"])
    assert slugs("--search", "seisme") == ["osaka-quake"]  # accents and case ignored, as in the TUI


def test_text_puts_the_state_before_the_title(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", desk, "stories", "--sort", "name"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["STORY", "STATE", "APPROVAL", "FR", "EN", "UPDATED", "TITLE"]
    osaka = next(line for line in lines if line.startswith("osaka-quake"))
    assert osaka.index("up to date") < osaka.index("approved") < osaka.index("Le séisme")


def test_an_unknown_filter_is_a_usage_error(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", desk, "stories", "--filter", "everything"]) == 2
