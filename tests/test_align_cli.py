"""`tracker align` on files: the JSON contract, the side-by-side text, and errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli, main

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"
FR, EN = str(SAMPLE / "fr.r2.txt"), str(SAMPLE / "en.r1.txt")


def test_json_output_covers_every_paragraph_once() -> None:
    result = CliRunner().invoke(cli, ["align", FR, EN, "--format", "json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.output)["links"]
    assert sorted(i for link in links for i in link["fr"]) == list(range(15))
    assert sorted(j for link in links for j in link["en"]) == list(range(14))
    merge = next(link for link in links if link["fr"] == [8, 9])
    assert merge["en"] == [9]
    assert merge["kind"] == "merge 2-1"
    assert all(0.0 <= link["score"] <= 1.0 for link in links)


def test_text_output_shows_both_sides_with_kind_and_score() -> None:
    result = CliRunner().invoke(cli, ["align", FR, EN, "--width", "100"])
    assert result.exit_code == 0, result.output
    assert "fr 8,9 ↔ en 9  merge 2-1  score 0." in result.output
    assert "fr 14 ↔ en -  fr only" in result.output
    assert "[14] bur-mba/cf/ial" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 100


def test_missing_file_is_a_data_error_naming_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert main(["align", missing, EN]) == 3


def test_revision_numbers_with_two_files_are_a_usage_error() -> None:
    assert main(["align", FR, EN, "--fr", "2"]) == 2


def test_one_file_alone_is_a_usage_error_not_an_unknown_story() -> None:
    assert main(["align", FR]) == 2


def test_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    assert main(["align", str(empty), EN]) == 3


def test_aligning_files_loads_neither_the_database_nor_the_ui() -> None:
    code = (
        f"import sys; from tracker.cli import main; main(['align', {FR!r}, {EN!r}, '--format', 'json']); "
        "sys.stderr.write(' '.join(m for m in ('sqlmodel', 'sqlalchemy', 'textual') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stderr == ""


def test_align_reads_wire_files_as_import_does_not_as_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    own = Path(__file__).parent / "data" / "newsml" / "own"
    code = main(["align", str(own / "port-fr-v1.xml"), str(own / "port-en-v1.xml"), "--format", "json"])
    links = json.loads(capsys.readouterr().out)["links"]
    assert code == 0
    assert links[0]["fr"] == [0] and links[0]["en"] == [0]
    assert all("<" not in str(link) for link in links)
