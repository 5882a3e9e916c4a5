"""`tracker status`, `tracker ack` and `tracker diff SLUG` on a stored story (the Sochi sample, imported)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from sources.text import read_text
from tracker.cli import main


def sample_path(name: str) -> str:
    return str(resources.files("tracker").joinpath("samples", "sochi-summit", name))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture
def story(sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The sample imported as a translator lived it: fr r1, r2; en r1 from fr r2; then fr r3."""
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    monkeypatch.setenv("TRACKER_USER", "ana")
    steps = [
        ["import", sample_path("fr.r1.txt"), sample_path("fr.r2.txt"), "--story", "sochi", "--lang", "fr"],
        ["import", sample_path("en.r1.txt"), "--story", "sochi", "--lang", "en", "--based-on", "2"],
        ["import", sample_path("fr.r3.txt"), "--story", "sochi", "--lang", "fr"],
    ]
    for argv in steps:
        assert main(argv) == 0
    capsys.readouterr()
    return "sochi"


def _acting(out: str) -> set[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return {(f["kind"], tuple(f["fr"]), tuple(f["en"])) for f in json.loads(out)["flags"] if f["needs_action"]}


def test_status_lists_stale_and_untranslated_and_exits_1(story: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "status", story, "--format", "json")
    assert code == 1
    assert _acting(out) == {
        ("stale", (5,), (6,)),
        ("stale", (13,), (11,)),
        ("untranslated", (0,), ()),
        ("untranslated", (6,), ()),
        ("untranslated", (12,), ()),
    }
    figure = next(f for f in json.loads(out)["flags"] if f["en"] == [11])
    assert figure["reasons"] == ["figure: 6.500 -> 6.600"]
    assert figure["changes"][0]["old"] == [11] and figure["changes"][0]["new"] == [13]


def test_acks_clear_flags_until_a_translated_update_leaves_one_stale(
    story: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for fr in ("0", "6"):
        assert run(capsys, "ack", story, "--fr", fr, "--kind", "omitted", "--note", "not for the English")[0] == 0
    assert main(["import", sample_path("en.r2.txt"), "--story", story, "--lang", "en", "--based-on", "3"]) == 0
    capsys.readouterr()
    code, out = run(capsys, "status", story, "--format", "json")
    assert code == 1
    assert _acting(out) == {("stale", (5,), (6,))}  # carried over unchanged from en.r1, never updated
    assert run(capsys, "ack", story, "--fr", "5", "--kind", "no-change")[0] == 0
    code, text = run(capsys, "status", story)
    assert code == 0
    assert "0 flags need action" in text
    assert "stale        fr 5 → en 6: attribution added (acknowledged)" in text


def test_ack_of_a_paragraph_that_does_not_exist_is_a_data_error(story: str) -> None:
    assert main(["ack", story, "--fr", "99", "--kind", "omitted"]) == 3


def test_stored_diff_matches_the_file_diff(story: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, stored = run(capsys, "diff", story, "--lang", "fr", "--from", "2", "--to", "3", "--format", "json")
    assert code == 0
    _, files = run(capsys, "diff", sample_path("fr.r2.txt"), sample_path("fr.r3.txt"), "--format", "json")
    assert json.loads(stored) == json.loads(files)
    _, latest = run(capsys, "diff", story, "--format", "json")
    assert json.loads(latest) == json.loads(stored)


def test_status_of_an_unknown_story_is_a_data_error(story: str) -> None:
    assert main(["status", "no-such-story"]) == 3


def test_stored_diff_of_the_english_defaults_to_the_last_two_revisions(
    story: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", sample_path("en.r2.txt"), "--story", story, "--lang", "en", "--based-on", "3"]) == 0
    capsys.readouterr()
    code, out = run(capsys, "diff", story, "--lang", "en", "--format", "json")
    assert code == 0
    changed = [(c["old"], c["new"], c["kind"]) for c in json.loads(out)["changes"] if c["kind"] != "unchanged"]
    assert changed == [([], [11], "added"), ([11], [12], "edited")]


def test_stored_diff_with_nothing_earlier_is_a_data_error(story: str) -> None:
    assert main(["diff", story, "--lang", "en"]) == 3


def test_a_story_with_no_english_yet_has_every_french_paragraph_untranslated_but_the_signature(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", sqlite_url)
    assert main(["import", sample_path("fr.r3.txt"), "--story", "fresh", "--lang", "fr"]) == 0
    capsys.readouterr()
    code, out = run(capsys, "status", "fresh", "--format", "json")
    assert code == 1
    status = json.loads(out)
    assert status["en_rev"] is None
    texts = read_text(Path(sample_path("fr.r3.txt")).read_bytes(), "fr.r3.txt").texts
    untranslated = sorted(f["fr"][0] for f in status["flags"] if f["kind"] == "untranslated")
    assert untranslated == [i for i, text in enumerate(texts) if text != "bur-mba/cf/ial/lpt"]
