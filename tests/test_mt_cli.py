"""`tracker translate` from the outside: providers listed, suggestions per paragraph, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from mt_servers import MTServer

from tracker.cli import cli
from tracker.mt.breaker import BREAKER


@pytest.fixture
def server() -> Iterator[MTServer]:
    BREAKER.reset()
    with MTServer(slow_seconds=5.0) as srv:
        yield srv
    BREAKER.reset()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TRACKER_MT_PROVIDER": "", "TRACKER_MT_LIBRE_URL": ""}


def run(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False, standalone_mode=False)
    code = result.return_value if isinstance(result.return_value, int) else result.exit_code
    return int(code), result.stdout, result.stderr


def test_providers_lists_every_provider_and_whether_it_is_configured(env: dict[str, str]) -> None:
    env["DEEPL_API_KEY"] = "secret:fx"
    env["MICROSOFT_API_KEY"] = ""
    code, out, _ = run(["translate", "--providers", "--format", "json"], env)
    data = json.loads(out)
    configured = {p["name"]: p["configured"] for p in data["providers"]}
    assert configured == {"google": True, "mymemory": True, "libre": False, "deepl": True, "microsoft": False}
    assert data["default"] == "google"
    assert "secret" not in out


def test_providers_reads_the_mt_table_of_the_config_file(tmp_path: Path, env: dict[str, str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[mt]\nprovider = "libre"\n[mt.libre]\nurl = "http://127.0.0.1:9/"\n', encoding="utf-8")
    env["TRACKER_CONFIG"] = str(config)
    code, out, _ = run(["translate", "--providers"], env)
    assert code == 0
    assert "* libre      configured" in out
    assert "server http://127.0.0.1:9/" in out


def test_a_file_gets_one_suggestion_per_paragraph_boundaries_kept(
    tmp_path: Path, env: dict[str, str], server: MTServer
) -> None:
    (tmp_path / "fr.txt").write_text("Le président a dit bonjour.\n\nLe sommet de la paix.\n", encoding="utf-8")
    env["TRACKER_MT_LIBRE_URL"] = server.url
    code, out, err = run(["translate", str(tmp_path / "fr.txt"), "--provider", "libre"], env)
    assert code == 0
    assert out == "The president has said hello.\n\nThe summit of the peace.\n"
    assert "not saved" in err


def test_json_suggestions_carry_their_provenance(tmp_path: Path, env: dict[str, str], server: MTServer) -> None:
    (tmp_path / "fr.txt").write_text("Le chat.\n\nLe monde.\n", encoding="utf-8")
    env["TRACKER_MT_LIBRE_URL"] = server.url
    code, out, _ = run(["translate", str(tmp_path / "fr.txt"), "-p", "libre", "--format", "json"], env)
    data = json.loads(out)
    assert [s["text"] for s in data["suggestions"]] == ["The cat.", "The world."]
    first = data["suggestions"][0]
    assert first["provider"] == "libre" and first["index"] == 0 and len(first["fr_hash"]) == 64 and first["at"]


def test_a_slow_provider_ends_in_one_error_line_and_exit_3(
    tmp_path: Path, env: dict[str, str], server: MTServer
) -> None:
    from tracker.cli import main

    (tmp_path / "fr.txt").write_text("Le chat.\n", encoding="utf-8")
    server.script = ["slow"]
    env["TRACKER_MT_LIBRE_URL"] = server.url
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        code = main(["translate", str(tmp_path / "fr.txt"), "-p", "libre", "--timeout", "0.3"])
    assert code == 3


def test_an_unknown_provider_is_one_sentence(
    tmp_path: Path, env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker.cli import main

    (tmp_path / "fr.txt").write_text("Le chat.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRACKER_CONFIG", env["TRACKER_CONFIG"])
        code = main(["translate", str(tmp_path / "fr.txt"), "-p", "babel"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("tracker: error: Unknown translation provider 'babel'")
    assert "Traceback" not in err


def test_a_stored_paragraph_gets_a_suggestion_cached_in_the_database_and_nothing_is_saved_as_english(
    tmp_path: Path, env: dict[str, str], server: MTServer
) -> None:
    from datetime import UTC, datetime

    from tracker.segment import segment
    from tracker.storage import open_store

    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        store.add_revision(
            "sochi", "fr", segment("Le chat.\n\nLe président a dit bonjour.\n"), by="ana", at=datetime.now(UTC)
        )
    env["TRACKER_MT_LIBRE_URL"] = server.url
    args = ["--db", db, "translate", "sochi", "--para", "1", "-p", "libre", "--format", "json"]
    code, out, _ = run(args, env)
    assert code == 0
    assert [s["text"] for s in json.loads(out)["suggestions"]] == ["The president has said hello."]
    code, out, _ = run(args, env)
    data = json.loads(out)
    assert (data["story"], data["fr_rev"], data["suggestions"][0]["cached"]) == ("sochi", 1, True)
    assert server.requests == 1
    with open_store(db) as store:
        assert store.latest_number("sochi", "en") is None


def test_a_paragraph_the_story_lacks_is_one_sentence(tmp_path: Path, env: dict[str, str], server: MTServer) -> None:
    from datetime import UTC, datetime

    from tracker.errors import NotFoundError
    from tracker.segment import segment
    from tracker.storage import open_store

    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        store.add_revision("sochi", "fr", segment("Le chat.\n"), by="ana", at=datetime.now(UTC))
    env["TRACKER_MT_LIBRE_URL"] = server.url
    with pytest.raises(NotFoundError, match="has no paragraph 5"):
        run(["--db", db, "translate", "sochi", "--para", "5", "-p", "libre"], env)


def test_a_bare_slug_gets_a_suggestion_for_every_french_paragraph(
    tmp_path: Path, env: dict[str, str], server: MTServer
) -> None:
    from datetime import UTC, datetime

    from tracker.segment import segment
    from tracker.storage import open_store

    db = str(tmp_path / "t.db")
    with open_store(db) as store:
        store.add_revision("sochi", "fr", segment("Le chat.\n\nLe monde.\n"), by="ana", at=datetime.now(UTC))
    env["TRACKER_MT_LIBRE_URL"] = server.url
    code, out, _ = run(["--db", db, "translate", "sochi", "-p", "libre"], env)
    assert (code, out) == (0, "The cat.\n\nThe world.\n")


def test_a_missing_file_is_named_not_taken_for_a_story(tmp_path: Path, env: dict[str, str]) -> None:
    from tracker.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        run(["translate", str(tmp_path / "missing.txt")], env)


def test_picking_paragraphs_of_a_file_is_a_usage_error_not_a_missing_story(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "fr.txt").write_text("Le chat.\n", encoding="utf-8")
    env["TRACKER_DB"] = str(tmp_path / "t.db")  # were the file taken for a story, this database would be asked
    result = CliRunner().invoke(cli, ["translate", str(tmp_path / "fr.txt"), "--para", "0"], env=env)
    assert result.exit_code == 2
    assert "a FILE is translated whole" in result.stderr
    assert "no story" not in result.stderr


def test_listing_providers_loads_neither_deep_translator_nor_the_database(env: dict[str, str]) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys; from tracker.cli import main; main(['translate', '--providers']); "
        "print(sorted({'deep_translator', 'requests', 'sqlalchemy', 'textual'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, **env}
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
