"""`tracker align --mt`: the French is machine-translated (cached) and passed to the aligner as extra evidence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from mt_servers import MTServer

from tracker.cli import cli
from tracker.mt.breaker import BREAKER

FR = "Le président a dit bonjour.\n\nLe sommet de la paix.\n\nUn accord.\n"
EN = "The president said hello.\n\nThe peace summit.\n\nAn agreement.\n"


@pytest.fixture
def server() -> Iterator[MTServer]:
    BREAKER.reset()
    with MTServer() as srv:
        yield srv
    BREAKER.reset()


def run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False, standalone_mode=False)
    return int(result.return_value), result.stdout, result.stderr


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "fr.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    return str(tmp_path / "fr.txt"), str(tmp_path / "en.txt")


def _links(out: str) -> list[tuple[list[int], list[int]]]:
    return [(link["fr"], link["en"]) for link in json.loads(out)["links"]]


def test_align_mt_translates_the_french_and_keeps_the_link_contract(
    files: tuple[str, str], server: MTServer, tmp_path: Path
) -> None:
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TRACKER_MT_LIBRE_URL": server.url}
    code, out, _ = run(["align", *files, "--mt", "libre", "--format", "json"], env)
    assert code == 0
    assert _links(out) == [([0], [0]), ([1], [1]), ([2], [2])]
    assert server.requests == 1
    assert "Le sommet de la paix." in server.texts[0]


def test_align_mt_offline_warns_and_aligns_without_mt(files: tuple[str, str], server: MTServer, tmp_path: Path) -> None:
    with MTServer() as gone:
        url = gone.url
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TRACKER_MT_LIBRE_URL": url}
    code, with_mt, err = run(["align", *files, "--mt", "libre", "--format", "json"], env)
    _, without, _ = run(["align", *files, "--format", "json"], env)
    assert code == 0
    assert with_mt == without
    assert "warning: machine translation unavailable" in err and "offline" in err


def test_align_mt_on_a_stored_story_uses_the_database_cache_and_saves_nothing_new(
    server: MTServer, tmp_path: Path
) -> None:
    from tracker.segment import segment
    from tracker.storage import open_store

    db = str(tmp_path / "t.db")
    now = datetime.now(UTC)
    with open_store(db) as store:
        store.add_revision("s", "fr", segment(FR), by="ana", at=now)
        store.add_revision("s", "en", segment(EN), by="ana", at=now)
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TRACKER_MT_LIBRE_URL": server.url}
    for _ in range(2):
        code, out, _ = run(["--db", db, "align", "s", "--mt", "libre", "--format", "json"], env)
        assert code == 0
        assert _links(out) == [([0], [0]), ([1], [1]), ([2], [2])]
    assert server.requests == 1
    with open_store(db) as store:
        assert store.alignment("s", 1, 1) is None
