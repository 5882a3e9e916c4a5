"""Story folders on disk: the French and English texts (any importable format) plus the sidecar `tracker.json`.

`load_folder` reads one for the check and the TUI; `write_folder` writes one; `find_story_folders` walks paths for
them. tracker.services.folder_store moves a story between a folder and the database.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from tracker.check.sidecar import FILENAME, Sidecar, dumps, parse
from tracker.errors import InputError
from tracker.model import Document
from tracker.segment import segment

LANGS = ("fr", "en")
# bytes that make sources.text look closer: control characters (NUL included) and UTF-16 byte-order marks
_TEXT_NAME = re.compile(r"^(fr|en)\.[A-Za-z0-9]+$")
_SUSPECT = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]|^\xff\xfe|^\xfe\xff")
_PLAIN = (".txt", ".text")


@dataclass(frozen=True, slots=True)
class Folder:
    """A story folder as read from disk."""

    path: Path
    fr_path: Path
    en_path: Path
    sidecar_path: Path
    fr: Document
    en: Document
    sidecar: Sidecar

    @property
    def slug(self) -> str:
        return self.sidecar.story or self.path.name


def _text_candidates(folder: Path, lang: str) -> list[Path]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    # `fr.txt`, `fr.md`, `fr.xml`...: one extension, so `fr.r2.txt` (a revision kept beside others) is no story text
    found = [folder / n for n in names if _TEXT_NAME.match(n) and n.startswith(f"{lang}.") and not n.endswith(".json")]
    # plain text first, then any other importable file, each in name order
    return sorted(found, key=lambda p: (p.suffix.lower() not in _PLAIN, p.name))


def is_story_folder(folder: Path) -> bool:
    """Whether a directory is a story folder: it has a sidecar, or both a French and an English text."""
    if (folder / FILENAME).is_file():
        return True
    return all(_text_candidates(folder, lang) for lang in LANGS)


def text_path(folder: Path, lang: str, sidecar: Sidecar | None = None) -> Path:
    """The file holding one language: named by the sidecar, else `fr.txt`/`en.txt`, else `fr.*`/`en.*`."""
    named = sidecar.file_for(lang) if sidecar is not None else None
    if named:
        return folder / named
    candidates = _text_candidates(folder, lang)
    return candidates[0] if candidates else folder / f"{lang}.txt"


def read_document(data: bytes, source: str) -> Document:
    """A story text's document: plain text directly, anything else through the importers."""
    if source.lower().endswith(_PLAIN):
        from sources.text import MAX_BYTES, read_text

        # Fast path for clean UTF-8 (a check reads thousands of files); anything unusual gets the full checks.
        if len(data) <= MAX_BYTES and not _SUSPECT.search(data):
            try:
                document = segment(data.decode("utf-8"))
            except UnicodeDecodeError:
                document = None
            if document is not None and document.paragraphs:
                return document
        return read_text(data, source)
    from sources.detect import load

    documents = load(data, source)
    if not documents or not documents[0].paragraphs:
        raise InputError(source, "no paragraphs found")
    return locate_lines(documents[0], data)


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


def read_bytes(path: Path, shown: str | None = None) -> bytes:
    """A file's bytes, with OS errors turned into an input error naming the file."""
    name = shown or str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(name, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(name, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from exc


def read_sidecar(folder: Path, shown: str | None = None) -> Sidecar:
    """The folder's sidecar (an empty one when the file is absent); raises SidecarError when it is invalid."""
    path = folder / FILENAME
    name = shown or str(path)
    if not path.exists():
        return Sidecar(story=folder.name)
    raw = read_bytes(path, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        from tracker.check.sidecar import SidecarError

        raise SidecarError(name, f"not UTF-8 text (byte {exc.start})") from exc
    return parse(text, name)


def load_folder(path: str | Path) -> Folder:
    """Read a story folder: both texts and the sidecar; InputError (or SidecarError) names what is wrong."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder" if folder.exists() else "no such folder")
    sidecar = read_sidecar(folder)
    fr_path, en_path = text_path(folder, "fr", sidecar), text_path(folder, "en", sidecar)
    fr = read_document(read_bytes(fr_path), str(fr_path))
    en = read_document(read_bytes(en_path), str(en_path))
    return Folder(folder, fr_path, en_path, folder / FILENAME, fr, en, sidecar)


def _paragraph_text(document: Document) -> str:
    return "\n\n".join(p.text for p in document.paragraphs) + "\n"


def write_file(path: Path, data: bytes) -> None:
    """Write a file (and the folders above it), with OS errors turned into an input error naming the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc


def write_folder(
    path: str | Path, fr: Document, en: Document, sidecar: Sidecar, *, texts: Mapping[str, str] | None = None
) -> Path:
    """Write `fr.txt`, `en.txt` (blank-line separated paragraphs) and the sidecar; returns the folder."""
    folder = Path(path)
    if texts is None:
        texts = {p.hash: p.text for d in (fr, en) for p in d.paragraphs}
    write_file(folder / "fr.txt", _paragraph_text(fr).encode("utf-8"))
    write_file(folder / "en.txt", _paragraph_text(en).encode("utf-8"))
    write_file(folder / FILENAME, dumps(sidecar, texts).encode("utf-8"))
    return folder


def save_sidecar(folder: str | Path, sidecar: Sidecar, texts: Mapping[str, str] | None = None) -> Path:
    """Rewrite a folder's sidecar deterministically (what the TUI calls after a decision)."""
    path = Path(folder) / FILENAME
    write_file(path, dumps(sidecar, texts or {}).encode("utf-8"))
    return path


def find_story_folders(paths: Iterable[str | Path]) -> list[Path]:
    """Story folders at or under the paths (a file stands for its own folder), sorted, hidden folders skipped."""
    found: set[Path] = set()
    for raw in paths:
        start = Path(raw)
        if not start.exists():
            raise InputError(str(raw), "no such file or folder")
        if start.is_file():
            # a file outside any story folder (a README, a workflow) names no story
            if is_story_folder(start.parent):
                found.add(start.parent)
            continue
        if is_story_folder(start):
            found.add(start)
            continue
        for root, dirs, _files in os.walk(start):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
            here = Path(root)
            if here != start and is_story_folder(here):
                found.add(here)
                dirs[:] = []
    return sorted(found)
