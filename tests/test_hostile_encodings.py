"""Encodings: a UTF-8 file with a few bad bytes is refused with the offset, never re-decoded as Windows-1252;
NUL characters are refused before either database sees them."""

from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources.text import decode
from tracker.errors import InputError
from tracker.services.formats import import_paths
from tracker.storage import Store

AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
FRENCH = "Le président a déclaré à Erevan que l'accord était prêt.\n\nLa réunion a commencé à 14h30.\n"


def test_utf8_with_one_invalid_byte_is_refused_with_its_offset() -> None:
    data = FRENCH.encode("utf-8")
    at = data.index(b"accord")
    broken = data[:at] + b"\xff" + data[at:]
    with pytest.raises(InputError, match=f"invalid UTF-8 at byte {at} \\(ff") as caught:
        decode(broken, "fr.txt")
    assert "not read in another encoding" in caught.value.problem


def test_a_truly_windows_1252_file_still_reads() -> None:
    assert decode(FRENCH.encode("cp1252"), "fr.txt") == FRENCH
    assert decode("Œuvre – « fin »\n".encode("cp1252"), "fr.txt") == "Œuvre – « fin »\n"


def test_a_nul_after_a_byte_order_mark_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + "Le sommet\x00 s'ouvre.\n".encode("utf-16-le")
    with pytest.raises(InputError, match="NUL character"):
        decode(data, "fr.txt")


def _ninjs(body: str) -> str:
    return json.dumps({"uri": "urn:x:1", "language": "fr", "headline": "Sommet", "body_text": body})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("item.json", _ninjs("Le sommet\u0000 s'ouvre à Sotchi.")),
        ("fr.txt", "\ufeffLe sommet\x00 s'ouvre.\n"),
    ],
    ids=["ninjs-escape", "nul-after-bom"],
)
def test_nul_characters_reach_neither_database(store: Store, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    results = import_paths(store, [path], by="ana", at=AT, lang="fr", story="s")
    assert [r.outcome for r in results] == ["refused"]
    assert "NUL" in results[0].problem
    assert store.stories() == []
