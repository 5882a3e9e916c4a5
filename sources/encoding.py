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
    out = text.lstrip("\ufeff").encode("utf-8")
    out = _XML_DECLARATION.sub(rb"\g<1>UTF-8\g<3>", out, count=1)
    return _META_CHARSET.sub(rb"\g<1>UTF-8", out, count=1)
