"""Limits on one revision, checked as it is read: paragraphs per revision and characters per paragraph, with the
numbers in the error and `[limits]` in the configuration file to raise them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.errors import InputError
from tracker.services.reading import parse_document, parse_documents


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("TRACKER_CONFIG", str(path))
    return path


def test_millions_of_one_character_lines_are_refused_before_segmenting() -> None:
    data = b"a\n" * 2_000_000  # 4 MB: well under the size limit, 2M paragraphs if segmented
    with pytest.raises(InputError, match="2,000,000 lines") as caught:
        parse_document(data, "fr.txt")
    assert "[limits] paragraphs" in caught.value.problem


def test_too_many_paragraphs_names_both_numbers() -> None:
    data = b"Un paragraphe.\n\n" * 20_001
    with pytest.raises(InputError, match="20,001 paragraphs, over the limit of 20,000"):
        parse_document(data, "fr.txt")


def test_a_paragraph_too_long_names_its_index_and_length() -> None:
    data = b"Court.\n\n" + b"mot " * 60_000 + b"\n"
    with pytest.raises(InputError, match="paragraph 1 has 239,999 characters, over the limit of 200,000"):
        parse_document(data, "fr.txt")


def test_structured_files_are_held_to_the_same_limits(config: Path) -> None:
    config.write_text("[limits]\nparagraphs = 3\n")
    page = b"<html><body>" + b"<p>Un paragraphe de texte.</p>" * 5 + b"</body></html>"
    with pytest.raises(InputError, match="5 paragraphs, over the limit of 3"):
        parse_documents(page, "p.html")


def test_the_configuration_raises_the_limits(config: Path) -> None:
    data = b"Un paragraphe.\n\n" * 20_001
    config.write_text("[limits]\nparagraphs = 30000\nparagraph_chars = 500000\n")
    assert len(parse_document(data, "fr.txt").paragraphs) == 20_001


@pytest.mark.parametrize("value", ["0", "-1", '"many"', "true"])
def test_a_bad_limit_in_the_configuration_is_an_error_naming_it(config: Path, value: str) -> None:
    config.write_text(f"[limits]\nparagraphs = {value}\n")
    with pytest.raises(InputError, match=r"\[limits\] paragraphs must be a positive integer"):
        parse_document(b"Un paragraphe.\n", "fr.txt")
