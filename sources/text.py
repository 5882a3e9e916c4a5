"""Plain-text paragraph files: decode bytes (UTF-8, UTF-16 with BOM, Windows-1252, Latin-1) and segment them."""

from __future__ import annotations

import codecs
import re

from tracker.errors import InputError
from tracker.model import Document
from tracker.segment import segment

MAX_BYTES = 64 * 1024 * 1024
# Bytes that Windows-1252 leaves undefined; a file holding them is Latin-1 (C1 controls) if anything.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# A well-formed multi-byte UTF-8 sequence: Windows-1252 French text practically never contains one (`Ã©`).
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# C0 control characters other than line ends, tabs and form feeds: text holds few of them, binary data many.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def decode(data: bytes, source: str) -> str:
    """Text of a file's bytes, refusing empty, binary and oversized data with an error naming `source`."""
    if len(data) > MAX_BYTES:
        raise InputError(
            source, f"file too large ({len(data) // (1024 * 1024)} MiB; limit {MAX_BYTES // (1024 * 1024)} MiB)"
        )
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"invalid {codec} text at byte {exc.start}") from exc
            return _check_text(text, source)
    if b"\x00" in data:
        raise InputError(source, "binary data (NUL bytes), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if UTF8_SEQUENCE.search(data):
            # UTF-8 but for a few bytes: read as Windows-1252, every accent of the rest would become mojibake
            bad = data[exc.start : exc.start + 4]
            raise InputError(
                source,
                f"invalid UTF-8 at byte {exc.start} ({bad.hex(' ')}), in a file that is otherwise UTF-8: "
                "fix the bytes there (or import with --errors replace); the file was not read in another encoding",
            ) from exc
        codec = "latin-1" if _CP1252_UNDEFINED & set(data) else "cp1252"
        text = data.decode(codec)
    return _check_text(text, source)


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(source, "empty file (no text)")
    if "\x00" in text:  # PostgreSQL refuses NUL in text: a story holding one could never move to a desk
        raise InputError(source, f"NUL character at character {text.index(chr(0))}, not a text file")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(source, "binary data (control characters), not a text file")
    return text


def read_text(data: bytes, source: str) -> Document:
    """A paragraph file's document; `source` names the file in errors."""
    document = segment(decode(data, source))
    if not document.paragraphs:
        raise InputError(source, "no paragraphs found")
    return document
