"""Plain files are decoded once: the fast way for clean UTF-8 gives what sources.text's full checks give."""

from __future__ import annotations

import pytest

from sources.text import decode
from tracker.errors import InputError
from tracker.segment import segment
from tracker.services.reading import plain_document, plain_text

CASES = [
    "Un paragraphe.\n\nDeux, « citées ».\n".encode(),
    "\ufeffAvec marque d’ordre.\r\n\r\nDeuxième.\r\n".encode(),
    "  espaces en tête \t\n\nfin  \n".encode(),
    "caf\xe9 en Windows-1252\n".encode("cp1252"),
    "UTF-16 à marque\n\nsuite\n".encode("utf-16"),
    b"tab\tet saut\x0cde page\n",
    b"un contr\x01le\n",
    b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12 beaucoup de contr\xc3\xb4les",
    b"   \n\n \t\n",
    b"NUL\x00dedans",
]


def _outcome(read, data: bytes) -> object:
    try:
        return read(data, "f.txt").lstrip("\ufeff")
    except InputError as exc:
        return ("refused", str(exc))


@pytest.mark.parametrize("data", CASES)
def test_plain_text_reads_every_file_as_the_full_checks_do(data: bytes) -> None:
    assert _outcome(plain_text, data) == _outcome(decode, data)


def test_plain_document_segments_the_text_it_returns() -> None:
    data = "Titre:\n\nUn  \nparagraphe coupé.\n\n\tDeux.\n".encode()
    text, document = plain_document(data, "f.txt")
    assert text == data.decode()
    assert document == segment(text)
    assert document.texts == ("Un paragraphe coupé.", "Deux.")


def test_a_file_with_no_paragraph_is_refused_whichever_way_it_is_read() -> None:
    with pytest.raises(InputError, match="empty file"):
        plain_document(b" \n\n\t\n", "f.txt")
