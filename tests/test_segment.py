"""Segmentation of plain paragraph files: blank lines, one-per-line files, labels, line spans, normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources.text import decode, read_text
from tracker.errors import InputError
from tracker.segment import segment

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"


def test_blank_lines_separate_paragraphs_and_lines_are_recorded() -> None:
    doc = segment("One.\n\nTwo, wrapped\nover two lines.\n\n\nThree.\n")
    assert doc.texts == ("One.", "Two, wrapped over two lines.", "Three.")
    assert [(p.line_start, p.line_end) for p in doc.paragraphs] == [(1, 1), (3, 4), (7, 7)]


def test_a_file_without_blank_lines_has_one_paragraph_per_line_and_a_label() -> None:
    seed = segment((SAMPLE / "seed.txt").read_text(encoding="utf-8"))
    en = segment((SAMPLE / "en.r1.txt").read_text(encoding="utf-8"))
    assert seed.label == "First modification"
    assert seed.texts == en.texts
    assert len(en.paragraphs) == 14
    assert seed.paragraphs[0].line_start == 2


def test_a_colon_line_followed_by_nothing_is_content_not_a_label() -> None:
    assert segment("He said:\n").texts == ("He said:",)


def test_normalisation_keeps_typography_but_folds_line_endings_and_nfc() -> None:
    doc = segment("Cafe\u0301 \u00ab\u00a0oui\u00a0\u00bb  \r\n\r\nl\u2019eau\r\n")
    assert doc.texts == ("Caf\u00e9 \u00ab\u00a0oui\u00a0\u00bb", "l\u2019eau")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("é à ç « ».".encode(), "é à ç « »."),
        ("é à ç « ».".encode("cp1252"), "é à ç « »."),
        ("l’été — 6 500 €".encode("cp1252"), "l’été — 6 500 €"),
        ("\ufeffBOM".encode(), "BOM"),
        ("UTF-16 é".encode("utf-16"), "UTF-16 é"),
    ],
)
def test_common_french_encodings_are_detected(data: bytes, expected: str) -> None:
    assert decode(data, "f.txt").lstrip("\ufeff") == expected


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_bad_files_are_refused_with_the_file_named(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as info:
        read_text(data, "story/fr.txt")
    assert "story/fr.txt" in str(info.value)
