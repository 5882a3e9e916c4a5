"""Stored alignments: aligning stored revisions, and people's corrections kept as facts by later runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from sources.text import read_text
from tracker.align.decisions import confirmed_links, decision_links
from tracker.cli import cli
from tracker.model import Link, LinkDecision

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"
AT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def db(sqlite_url: str) -> str:
    from tracker.storage import open_store

    with open_store(sqlite_url) as store:
        for lang, name in (("fr", "fr.r2.txt"), ("en", "en.r1.txt")):
            store.add_revision("sochi", lang, read_text((SAMPLE / name).read_bytes(), name), by="ana", at=AT)
    return sqlite_url


def _links(db: str, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["--db", db, "--as", "ana", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    links: list[dict[str, object]] = json.loads(result.output)["links"]
    return links


def test_stored_story_aligns_like_its_files_and_caches_the_result(db: str) -> None:
    from tracker.storage import open_store

    links = _links(db, "align", "sochi")
    assert {"fr": [8, 9], "en": [9]}.items() <= next(x for x in links if x["fr"] == [8, 9]).items()
    with open_store(db) as store:
        cached = store.alignment("sochi", 1, 1)
    assert cached is not None
    assert [(list(x.fr), list(x.en)) for x in cached] == [(x["fr"], x["en"]) for x in links]


def test_unlinked_paragraphs_stay_apart_in_later_runs(db: str) -> None:
    _links(db, "link", "unlink", "sochi", "1", "1")
    links = _links(db, "align", "sochi")
    assert {"fr": [1], "en": [], "score": 0.0, "kind": "fr only", "confirmed": True} in links
    assert {"fr": [], "en": [1], "score": 0.0, "kind": "en only", "confirmed": True} in links


def test_relinked_paragraphs_are_kept_and_the_rest_realigned(db: str) -> None:
    _links(db, "link", "relink", "sochi", "0", "0")
    links = _links(db, "align", "sochi")
    assert next(x for x in links if x["fr"] == [0])["en"] == [0]
    assert next(x for x in links if x["fr"] == [1])["en"] == [1]


def test_split_needs_part_of_one_current_link(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "link", "split", "sochi", "2", "3"])
    assert result.exit_code == 2


def test_a_correction_naming_a_missing_paragraph_is_a_one_line_data_error(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker.cli import main

    assert main(["--db", db, "link", "confirm", "sochi", "99", "0"]) == 3
    assert capsys.readouterr().err.strip().splitlines() == [
        "tracker: error: sochi: French revision 1 has no paragraph 99 (0 to 14)"
    ]


def test_later_decisions_replace_earlier_ones_on_the_same_paragraphs() -> None:
    first = LinkDecision("s", 1, 1, (Link((0,), (0,), 1.0, True),), "ana", AT, "confirm")
    second = LinkDecision("s", 1, 1, (Link((0,), (), 0.0, True), Link((), (0,), 0.0, True)), "bo", AT, "unlink")
    assert confirmed_links([first, second]) == second.links


def test_merge_needs_a_group() -> None:
    with pytest.raises(ValueError, match="merge"):
        decision_links("merge", [1], [1], [])
    assert decision_links("merge", [8, 9], [9], []) == (Link((8, 9), (9,), 1.0, True),)
