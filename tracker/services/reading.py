"""The one way in for a story text: a file's bytes read safely, then its document through the right importer.

Every face (CLI `import`, `align`, `diff`, `qa`, `translate`, `check`, `import-folder`, the TUI) and every service
reads files through here, so the rules for untrusted files live in one place.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from tracker.errors import InputError
from tracker.model import Document
from tracker.services.limits import Limits, limits, refuse_many_lines, refuse_nul, refuse_oversized

# Files larger than this are refused before they are read (the importers' own limit, sources.xmlsafe.MAX_BYTES).
MAX_BYTES = 64 * 1024 * 1024
PLAIN_NAMES = (".txt", ".text")
_STRUCTURED_NAMES = (".xml", ".html", ".htm", ".xhtml", ".json", ".md", ".markdown", ".xlf", ".xliff")
# bytes that make sources.text look closer: control characters (NUL included) and UTF-16 byte-order marks. Found
# by deleting them (bytes.translate, 1.3 ms for 2 MB): a regex class scans at 9 ms, with the marks as alternatives
# at 110 ms.
_SUSPECT = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def read_bytes(
    path: str | Path, shown: str | None = None, *, limit: int = MAX_BYTES, within: str | Path | None = None
) -> bytes:
    """A regular file's bytes, read by the rules for untrusted files; any refusal is one InputError naming the file.

    Only regular files are read: a FIFO, a device or a socket is refused before it is opened (so `/dev/zero` is
    never read and a FIFO never waits for a writer). A file must lie inside `within` (a story folder) when given;
    a symbolic link may only point inside `within`, or inside the link's own folder when `within` is None. The
    size is checked before reading and again while reading in chunks, so a file growing meanwhile stays bounded.
    """
    return _read(path, shown or str(path), limit, within, head=False)


def read_head(path: str | Path, size: int = 4096) -> bytes:
    """The first `size` bytes of a file, by read_bytes' rules (for sniffing a format without reading it all)."""
    return _read(path, str(path), size, None, head=True)


def _read(path: str | Path, name: str, limit: int, within: str | Path | None, *, head: bool) -> bytes:
    try:
        target = _confined(Path(path), name, None if within is None else Path(within))
        _refuse_special(os.stat(target).st_mode, name)
        fd = os.open(target, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | _CLOEXEC | _NOCTTY)
        try:
            info = os.fstat(fd)
            _refuse_special(info.st_mode, name)  # swapped between the stat and the open
            if head:
                return os.read(fd, limit)
            if info.st_size > limit:
                raise InputError(name, too_large(info.st_size, limit))
            return _read_bounded(fd, name, limit)
        finally:
            os.close(fd)
    except IsADirectoryError as exc:
        raise InputError(name, "is a directory, not a file") from exc
    except FileNotFoundError as exc:
        raise InputError(name, "no such file") from exc
    except PermissionError as exc:
        raise InputError(name, "permission denied") from exc
    except ValueError as exc:  # a NUL inside the path (a sidecar naming `fr\u0000.txt`)
        raise InputError(name.replace("\x00", "\\0"), "a file name holding a NUL character") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(name, "is a symbolic link that changed while it was read") from exc
        raise InputError(name, exc.strerror or str(exc)) from exc


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_CHUNK = 1024 * 1024


def _confined(file: Path, name: str, within: Path | None) -> Path:
    """The real path to open: refused when it (or the link leading to it) leaves the allowed folder."""
    if within is None and not file.is_symlink():
        return file
    real = Path(os.path.realpath(file))
    boundary = Path(os.path.realpath(within if within is not None else file.parent))
    if real != boundary and boundary not in real.parents:
        what = "is a symbolic link to" if file.is_symlink() else "points to"
        raise InputError(name, f"{what} a file outside {boundary} ({real}); only files inside it are read")
    return real


def _refuse_special(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(name, "is a directory, not a file")
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise InputError(name, f"is {kind}, not a regular file; only regular files are read")


def _read_bounded(fd: int, name: str, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(name, f"file too large (more than the {limit // (1024 * 1024)} MiB limit)")
    return b"".join(chunks)


def walk(start: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    """Like os.walk top-down (prune by editing the folder list), but without recursion, so a tree 1,100 levels
    deep is no RecursionError; symbolic links to folders are not followed, hidden entries are left out, and a
    folder that cannot be listed is refused (an InputError naming it) rather than skipped without a word."""
    stack = [start]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as entries:
                listed = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries if not e.name.startswith(".")]
        except OSError as exc:
            raise InputError(str(here), f"cannot list this folder ({exc.strerror or exc})") from exc
        dirs = sorted(n for n, is_dir in listed if is_dir)
        files = sorted(n for n, is_dir in listed if not is_dir)
        yield here, dirs, files
        stack.extend(here / d for d in reversed(dirs))


def too_large(size: int, limit: int) -> str:
    """The problem of a file over the size limit, in MiB as people count file sizes."""
    return f"file too large ({size / (1024 * 1024):.0f} MiB; limit {limit // (1024 * 1024)} MiB)"


def is_structured(data: bytes, source: str) -> bool:
    """Whether bytes are a wire, web or Markdown document rather than a plain paragraph file.

    A `.txt` file is always plain text (a French text may well start with `[` or `<`); other names are sniffed.
    """
    name = source.lower()
    if name.endswith(PLAIN_NAMES):
        return False
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b"<", b"{", b"[")) or name.endswith(_STRUCTURED_NAMES)


def parse_documents(data: bytes, source: str, allowed: Limits | None = None) -> list[Document]:
    """Every news item in a file's bytes (a wire file may hold several); `source` names the file in errors.
    `allowed`: the limits, when the caller read them once for many files (else read here)."""
    from sources.detect import load
    from sources.encoding import invalid_utf8

    allowed = allowed or limits()
    refuse_many_lines(data, source, allowed)
    invalid_utf8(data, source)  # every format refuses a few bad bytes alike: with their offset
    try:
        documents = load(data, source)
    except (ValueError, RecursionError, OverflowError, LookupError) as exc:
        # hostile bytes the importers did not foresee (an integer of 5,000 digits, nesting past the stack):
        # still one line naming the file, never a traceback
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise InputError(source, f"cannot be read: {first[:200]}") from exc
    for document in documents:
        refuse_nul(document, source)
        refuse_oversized(document, source, allowed)
    return documents


def parse_document(data: bytes, source: str) -> Document:
    """The one story text in a file's bytes: plain paragraph text directly, anything else through the importers."""
    if not is_structured(data, source):
        return plain_document(data, source)[1]
    documents = parse_documents(data, source)
    if len(documents) != 1:
        raise InputError(source, f"holds {len(documents)} news items; give a file with exactly one")
    if not documents[0].paragraphs:
        raise InputError(source, "no paragraphs found")
    return locate_lines(documents[0], data)


Warn = Callable[[str, str], None]
ERRORS = ("strict", "replace")


def mended(data: bytes, name: str, errors: str = "strict", warn: Warn | None = None) -> bytes:
    """The bytes to parse. `errors="strict"` leaves them as they are (the importers refuse a file that is UTF-8
    but for a few bytes, with the first one's offset); `"replace"` puts U+FFFD in place of each invalid sequence
    and calls `warn(name, warning)` with how many and where the first was: never replaced without a word."""
    if errors == "strict":
        return data
    if errors != "replace":
        raise ValueError(f"errors must be one of {', '.join(ERRORS)}, not {errors!r}")
    from sources.encoding import replaced

    out, warning = replaced(data)
    if warning:
        if warn is None:
            raise ValueError("errors='replace' needs a warn callback: a replacement is never silent")
        warn(name, warning)
    return out


def read_document(
    path: str | Path,
    shown: str | None = None,
    *,
    within: str | Path | None = None,
    errors: str = "strict",
    warn: Warn | None = None,
) -> Document:
    """The one story text of a file (see parse_document), read by read_bytes' rules; `errors`, `warn`: see mended."""
    name = shown or str(path)
    return parse_document(mended(read_bytes(path, name, within=within), name, errors, warn), name)


def read_documents(path: str | Path, shown: str | None = None) -> list[Document]:
    """Every news item of a file (see parse_documents), read by read_bytes' rules."""
    name = shown or str(path)
    return parse_documents(read_bytes(path, name), name)


def plain_document(data: bytes, source: str) -> tuple[str, Document]:
    """A plain paragraph file's text, decoded once, and its document, within the limits (parse_document's plain
    case; `tracker diff` also needs the text, for the spaces a paragraph starts or ends with)."""
    from tracker.segment import segment

    allowed = limits()
    refuse_many_lines(data, source, allowed)
    text = plain_text(data, source)
    document = segment(text)
    if not document.paragraphs:
        raise InputError(source, "no paragraphs found")
    return text, refuse_oversized(document, source, allowed)


def plain_text(data: bytes, source: str) -> str:
    """The text of a plain paragraph file. Clean UTF-8 (a check reads thousands of files) is decoded directly:
    bytes free of control characters decode to a text free of them, so sources.text's checks would find nothing;
    anything unusual (other encodings, byte-order marks, control bytes, no text) goes through those checks."""
    if (
        len(data) <= MAX_BYTES
        and not data.startswith(_UTF16_MARKS)
        and len(data.translate(None, _SUSPECT)) == len(data)
    ):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if text.strip():
                return text
    from sources.text import decode

    return decode(data, source)


_WORD = re.compile(r"\w+")


def locate_lines(document: Document, data: bytes) -> Document:
    """Give paragraphs the source line they start on when their importer could not (Markdown, HTML).

    Each paragraph's first words are looked for in the source lines, in order; a paragraph not found keeps 0.
    """
    if all(p.line_start for p in document.paragraphs):
        return document
    lines = [_WORD.findall(line.lower()) for line in data.decode("utf-8", "replace").splitlines()]
    cursor = 0
    located = []
    for p in document.paragraphs:
        words = _WORD.findall(p.text.lower())[:3]
        found = next((n for n in range(cursor, len(lines)) if words and _starts(lines[n], words)), None)
        if p.line_start or found is None:
            located.append(p)
            continue
        located.append(replace(p, line_start=found + 1, line_end=max(p.line_end, found + 1)))
        cursor = found + 1
    return replace(document, paragraphs=tuple(located))


def _starts(line: list[str], words: list[str]) -> bool:
    """Whether the words occur one after another somewhere in the line's words."""
    first = words[0]
    return any(line[i : i + len(words)] == words for i, w in enumerate(line) if w == first)


def read_plain(path: str | Path, *, errors: str = "strict", warn: Warn | None = None) -> Document:
    """A file read as a plain paragraph file whatever its name (`import --story --lang`), by read_bytes' rules;
    `errors`, `warn`: see mended."""
    from sources.text import read_text

    return read_text(mended(read_bytes(path), str(path), errors, warn), str(path))
