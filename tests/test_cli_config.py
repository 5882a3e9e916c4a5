"""The configuration file: its real path in --help and `tracker config`, every setting's source, unknown keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("TRACKER_CONFIG", "TRACKER_DB", "TRACKER_USER", "TRACKER_MT_PROVIDER", "TRACKER_MT_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "cfg" / "tracker" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[qa]\ndisable = ["length"]\nlenght = 2\n[mt]\nprovider = "libre"\n[mt.deepl]\napi_key = "k:fx"\n')
    return path


def test_help_names_the_configuration_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "$TRACKER_CONFIG, else $XDG_CONFIG_HOME/tracker/config.toml" in out and "tracker config" in out


def test_config_shows_the_file_each_setting_and_its_source(
    capsys: pytest.CaptureFixture[str], config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_MT_TIMEOUT", "3")
    (config_file.parents[2] / "tracker.config").write_text("[qa]\n")
    assert main(["--as", "ana", "config", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["file"], shown["file_from"], shown["exists"]) == (str(config_file), "$XDG_CONFIG_HOME", True)
    where = {s["key"]: (s["value"], s["from"]) for s in shown["settings"]}
    assert where["user"] == ("ana", "--as")
    assert where["mt.provider"] == ("libre", str(config_file))
    assert where["mt.timeout"] == ("3", "$TRACKER_MT_TIMEOUT")
    assert where["qa.disable"] == (["length"], str(config_file))
    assert where["mt.deepl.api_key"] == ("(set)", str(config_file))  # never the key itself
    assert shown["unknown"] == ["qa.lenght"]
    assert shown["not_read"] == ["tracker.config"]


def test_an_unknown_key_is_warned_about_by_the_commands_that_read_the_file(
    capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    assert main(["qa", str(SAMPLE / "fr.r2.txt"), str(SAMPLE / "en.r1.txt")]) == 0
    err = capsys.readouterr().err
    assert f"tracker: warning: {config_file}: unknown key 'qa.lenght' ignored" in err
    assert "disable" not in err


def test_the_known_keys_follow_the_checks_providers_and_limits() -> None:
    from dataclasses import fields

    from tracker import config
    from tracker.mt.providers import PROVIDERS
    from tracker.qa import CHECKS
    from tracker.services.limits import Limits

    assert config._QA_CHECKS == CHECKS
    assert tuple(PROVIDERS) == config._MT_PROVIDERS
    assert tuple(f.name for f in fields(Limits)) == config._LIMITS


def test_the_limits_table_is_read_without_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = tmp_path / "limits.toml"
    conf.write_text("[limits]\nparagraphs = 3\nparagrahps = 4\n")
    monkeypatch.setenv("TRACKER_CONFIG", str(conf))
    assert main(["qa", str(SAMPLE / "fr.r2.txt"), str(SAMPLE / "en.r1.txt")]) == 3  # more than 3 paragraphs
    err = capsys.readouterr().err
    assert "unknown key 'limits.paragrahps' ignored" in err and "'limits.paragraphs'" not in err
