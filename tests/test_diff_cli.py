"""`tracker diff` on files: the JSON contract, marked words for people, Before/After for logs."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli, main


def sample_path(name: str) -> str:
    return str(resources.files("tracker").joinpath("samples", "sochi-summit", name))


def test_diff_json_lists_every_paragraph_with_index_lists() -> None:
    result = CliRunner().invoke(cli, ["diff", sample_path("fr.r2.txt"), sample_path("fr.r3.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["changes"]
    assert sorted(i for c in changes for i in c["old"]) == list(range(15))
    assert sorted(j for c in changes for j in c["new"]) == list(range(16))
    figure = next(c for c in changes if c["old"] == [11])
    assert figure == {
        "old": [11],
        "new": [13],
        "kind": "edited",
        "substantive": True,
        "reasons": ["figure: 6.500 -> 6.600"],
        "words": figure["words"],
    }
    assert ["-", "6.500"] in figure["words"] and ["+", "6.600"] in figure["words"]


def test_diff_text_shows_changed_paragraphs_only_with_marked_words() -> None:
    result = CliRunner().invoke(cli, ["diff", sample_path("fr.r2.txt"), sample_path("fr.r3.txt")])
    assert result.exit_code == 0
    assert "[-6.500-]{+6.600+}" in result.output
    assert "edited 11 -> 13 substantive: figure: 6.500 -> 6.600" in result.output
    assert "Les pourparlers" not in result.output  # unchanged paragraphs are left out
    everything = CliRunner().invoke(cli, ["diff", sample_path("fr.r2.txt"), sample_path("fr.r3.txt"), "--all"])
    assert "Les pourparlers" in everything.output


def test_diff_plain_prints_before_and_after() -> None:
    result = CliRunner().invoke(cli, ["diff", sample_path("fr.r2.txt"), sample_path("fr.r3.txt"), "--plain"])
    assert "  Before: La guerre de l’automne 2020" in result.output
    assert "  After: La guerre de l’automne 2020" in result.output
    assert "[-" not in result.output


def test_trailing_space_added_to_a_paragraph_is_a_cosmetic_spacing_change(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Premier.\n\nDeuxième paragraphe.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Premier.\n\nDeuxième paragraphe. \n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json"])
    changed = [c for c in json.loads(result.output)["changes"] if c["kind"] != "unchanged"]
    assert [(c["old"], c["new"], c["substantive"], c["reasons"]) for c in changed] == [([1], [1], False, ["spacing"])]


def test_diff_of_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    assert main(["diff", str(tmp_path / "nope.txt"), sample_path("fr.r3.txt")]) == 3


def test_diff_with_three_files_is_a_usage_error() -> None:
    assert main(["diff", "a", "b", "c"]) == 2


def test_revision_numbers_with_two_files_are_a_usage_error() -> None:
    assert main(["diff", sample_path("fr.r2.txt"), sample_path("fr.r3.txt"), "--from", "2"]) == 2


def test_space_added_at_the_start_of_a_paragraph_is_shown_too(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Premier.\n\nDeuxième paragraphe.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Premier.\n\n Deuxième paragraphe.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json"])
    changed = [c for c in json.loads(result.output)["changes"] if c["kind"] != "unchanged"]
    assert [(c["old"], c["new"], c["substantive"]) for c in changed] == [([1], [1], False)]
