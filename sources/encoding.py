"""Declared encodings that lie: UTF-8 bytes under an ISO-8859-1/Windows-1252 declaration, and reading a file in
the encoding a person names instead (`--encoding`).

Genuine Latin-1 French text is almost never valid UTF-8 (an `é` byte followed by plain ASCII is not), so bytes
that decode as UTF-8 with non-ASCII characters, under a Latin declaration, are UTF-8: read as declared they would
become double-encoded text (`Ã©` for `é`). Nothing is changed silently: the importer warns, the person decides.
"""

from __future__ import annotations

import codecs
import re

from tracker.errors import InputError

_XML_DECLARATION = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._:-]{1,40})(["'][^>]*\?>)""")
_META_CHARSET = re.compile(rb"""(<meta[^>]{0,200}?charset\s*=\s*["']?)([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_LATIN = frozenset({"latin_1", "iso8859-15", "cp1252", "iso8859-1"})


def declared(data: bytes) -> str | None:
    """The encoding an XML declaration (or an HTML meta charset) names, as Python's codec name; None if none."""
    head = data[:4096].lstrip(codecs.BOM_UTF8)
    match = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(2).decode("ascii")).name
    except LookupError:
        return None


def lying_declaration(data: bytes) -> str | None:
    """A warning when a Latin declaration covers UTF-8 bytes (the text would read as `Ã©`); None otherwise."""
    name = declared(data)
    if name not in _LATIN or data.isascii():
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # really Latin: as declared
    sample = next((ch for ch in text if ord(ch) > 127), "")
    shown = sample.encode("utf-8").decode(name, errors="replace")
    return (
        f"declares {name} but its bytes are UTF-8: read as declared, {sample!r} becomes {shown!r} "
        f"(double-encoded); if so, import it again with --encoding utf-8"
    )


def reencoded(data: bytes, encoding: str, source: str) -> bytes:
    """The bytes read in `encoding` (what a person says the file is), as UTF-8 with any declaration saying so."""
    try:
        name = codecs.lookup(encoding).name
        text = data.decode(name)
    except LookupError as exc:
        raise InputError(source, f"unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not {encoding}: invalid byte at {exc.start}") from exc
    return _as_utf8(text)


def _as_utf8(text: str) -> bytes:
    """Text as UTF-8 bytes, any XML declaration or HTML meta charset saying UTF-8."""
    out = text.lstrip("\ufeff").encode("utf-8")
    out = _XML_DECLARATION.sub(rb"\g<1>UTF-8\g<3>", out, count=1)
    return _META_CHARSET.sub(rb"\g<1>UTF-8", out, count=1)


def reading_codec(data: bytes) -> str | None:
    """The encoding the bytes will be read in when that is certain: a byte-order mark, a declaration naming a text
    encoding, or UTF-8 for undeclared bytes holding UTF-8 sequences; None otherwise (a legacy Latin file, read as
    Windows-1252 or Latin-1, where no byte is invalid)."""
    from sources.text import UTF8_SEQUENCE

    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    name = declared(data)
    if name is not None:
        return name if getattr(codecs.lookup(name), "_is_text_encoding", True) else None
    return "utf-8" if UTF8_SEQUENCE.search(data) else None


def invalid_utf8(data: bytes, source: str) -> None:
    """Refuse bytes read as UTF-8 (a BOM, a declaration or their own sequences say so) that are not UTF-8 throughout,
    with the offset of the first bad byte: never read them in another encoding (every accent would be mojibake)."""
    codec = reading_codec(data)
    if codec not in ("utf-8", "utf-8-sig"):
        return
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4]
        raise InputError(
            source,
            f"invalid UTF-8 at byte {exc.start} ({bad.hex(' ')}), in a file that is otherwise UTF-8: fix the bytes "
            "there (or import with --errors replace); the file was not read in another encoding",
        ) from exc


def replaced(data: bytes) -> tuple[bytes, str]:
    """Bytes with every invalid sequence of the encoding they are read in (see reading_codec) replaced by U+FFFD,
    as UTF-8, and a warning saying how many and where the first was; (data, '') when there is nothing to replace.

    What `--errors replace` reads: the person asked for it, and the warning says what it cost, so nothing is lost
    silently; bytes in no certain encoding are left to the importers' own reading.
    """
    codec = reading_codec(data)
    if codec is None:
        return data, ""
    try:
        data.decode(codec)
        return data, ""
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode(codec, errors="replace")
    already = data.count("\ufffd".encode()) if codec.startswith("utf-8") else 0
    count = max(1, text.count("\ufffd") - already)
    name = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16"}.get(codec, codec)
    plural = "s" if count != 1 else ""
    return _as_utf8(text), (
        f"{count} invalid {name} byte sequence{plural} replaced by U+FFFD, the first at byte {first} "
        "(--errors replace): check the text there"
    )
