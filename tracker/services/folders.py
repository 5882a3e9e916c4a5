"""Story folders on disk: the French and English texts (any importable format) plus the sidecar `tracker.json`.

`load_folder` reads one for the check and the TUI; `write_folder` writes one; `find_story_folders` walks paths for
them. tracker.services.folder_store moves a story between a folder and the database.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tracker.check.sidecar import FILENAME, Sidecar, dumps, parse
from tracker.errors import InputError
from tracker.model import Document
from tracker.services.reading import Warn, mended, parse_document, read_bytes, walk
from tracker.services.writing import write_file, write_files

__all__ = [
    "Folder", "find_story_folders", "is_story_folder", "load_folder", "read_sidecar", "save_sidecar",
    "text_path", "write_file", "write_folder",
]  # fmt: skip

LANGS = ("fr", "en")
_TEXT_NAME = re.compile(r"^(fr|en)\.[A-Za-z0-9]+$")
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
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:  # a folder that cannot be listed is said, never taken for one holding no story
        raise InputError(str(folder), f"cannot list this folder ({exc.strerror or exc})") from exc
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


def read_sidecar(folder: Path, shown: str | None = None) -> Sidecar:
    """The folder's sidecar (an empty one when the file is absent); raises SidecarError when it is invalid."""
    path = folder / FILENAME
    name = shown or str(path)
    if not path.exists():
        return Sidecar(story=folder.name)
    raw = read_bytes(path, name, within=folder)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        from tracker.check.sidecar import SidecarError

        raise SidecarError(name, f"not UTF-8 text (byte {exc.start})") from exc
    return parse(text, name)


def load_folder(path: str | Path, *, errors: str = "strict", warn: Warn | None = None) -> Folder:
    """Read a story folder: both texts and the sidecar; InputError (or SidecarError) names what is wrong.
    `errors`, `warn`: how invalid bytes in the texts are read (tracker.services.reading.mended)."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder" if folder.exists() else "no such folder")
    sidecar = read_sidecar(folder)
    fr_path, en_path = text_path(folder, "fr", sidecar), text_path(folder, "en", sidecar)
    fr = parse_document(mended(read_bytes(fr_path, within=folder), str(fr_path), errors, warn), str(fr_path))
    en = parse_document(mended(read_bytes(en_path, within=folder), str(en_path), errors, warn), str(en_path))
    return Folder(folder, fr_path, en_path, folder / FILENAME, fr, en, sidecar)


def _paragraph_text(document: Document) -> str:
    return "\n\n".join(p.text for p in document.paragraphs) + "\n"


def write_folder(
    path: str | Path,
    fr: Document,
    en: Document,
    sidecar: Sidecar,
    *,
    texts: Mapping[str, str] | None = None,
    force: bool = False,
) -> Path:
    """Write `fr.txt`, `en.txt` (blank-line separated paragraphs) and the sidecar, all or nothing; returns the
    folder. Refused when the folder already holds one of them, unless `force` (see tracker.services.writing)."""
    folder = Path(path)
    if texts is None:
        texts = {p.hash: p.text for d in (fr, en) for p in d.paragraphs}
    files = {
        "fr.txt": _paragraph_text(fr).encode("utf-8"),
        "en.txt": _paragraph_text(en).encode("utf-8"),
        FILENAME: dumps(sidecar, texts).encode("utf-8"),
    }
    return write_files(folder, files, force=force)


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
        if not start.is_file() and not start.is_dir():  # never listed or read: /dev/zero, a FIFO, a socket
            raise InputError(str(raw), "is a device, a FIFO or a socket, not a file or folder; only those are read")
        if start.is_file():
            # a file outside any story folder (a README, a workflow) names no story
            if is_story_folder(start.parent):
                found.add(start.parent)
            continue
        if is_story_folder(start):
            found.add(start)
            continue
        for here, dirs, _files in walk(start):
            dirs[:] = [d for d in dirs if d != "node_modules"]
            if here != start and is_story_folder(here):
                found.add(here)
                dirs[:] = []
    return sorted(found)
