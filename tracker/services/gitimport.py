"""Import a file's git history: each commit that changed it becomes a revision (author, date, message as label).

Git runs here, in the service layer, never inside sources/; every version is read and parsed before anything
is stored, so a bad commit stores nothing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sources.detect import load
from sources.xmlsafe import check_size
from tracker.errors import InputError
from tracker.model import LANGS, Document, Revision
from tracker.services.formats import already_stored, wire_status
from tracker.storage import Store


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    author: str
    at: datetime
    message: str


def _git(args: Sequence[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except FileNotFoundError as exc:
        raise InputError(str(cwd), "git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise InputError(str(cwd), "git took longer than 120 s") from exc
    if done.returncode != 0:
        raise InputError(str(cwd), f"git {args[0]} failed: {done.stderr.decode(errors='replace').strip()[:300]}")
    return done.stdout


def file_history(path: Path) -> list[tuple[Commit, bytes | None]]:
    """Each commit that changed the file, oldest first, with the file's bytes then (None where it was deleted)."""
    folder = path.resolve().parent
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    relative = path.resolve().relative_to(top).as_posix()
    log = _git(["log", "--reverse", "--format=%H%x1f%an%x1f%aI%x1f%s%x1e", "--", relative], top).decode()
    history = []
    for record in filter(str.strip, log.split("\x1e")):
        sha, author, date, message = record.strip("\n").split("\x1f", 3)
        commit = Commit(sha, author, datetime.fromisoformat(date), message)
        try:
            data: bytes | None = _git(["show", f"{sha}:{relative}"], top)
        except InputError:
            data = None  # the commit deleted the file
        if data is not None:
            check_size(len(data), f"{path}@{sha[:12]}")
        history.append((commit, data))
    if not history:
        raise InputError(str(path), "no commit in git history changed this file")
    return history


@dataclass(frozen=True, slots=True)
class GitResult:
    commit: Commit
    revision: Revision
    created: bool


def import_git(store: Store, path: Path, *, story: str, lang: str, by: str) -> list[GitResult]:
    """One revision per commit that changed `path` (author, date, message as label); all versions parsed first."""
    if lang not in LANGS:
        raise InputError(lang, "unknown language (use fr or en)")
    parsed: list[tuple[Commit, Document]] = []
    for commit, data in file_history(path):
        if data is None:
            continue
        documents = load(data, f"{path}@{commit.sha[:12]}")
        parsed.append((commit, documents[0]))
    results = []
    stored = store.revisions(story, lang) if story in {s.slug for s in store.stories()} else []
    for commit, document in parsed:
        meta = tuple(sorted({*document.meta, ("commit", commit.sha)}))
        old = already_stored(stored, Document(document.paragraphs, meta=meta))
        if old is not None and dict(old.meta).get("commit") == commit.sha:
            results.append(GitResult(commit, old, False))
            continue
        revision, created = store.add_revision(
            story,
            lang,
            document,
            by=commit.author or by,
            at=commit.at,
            label=commit.message,
            origin=f"git:{commit.sha}",
            meta=meta,
            status=wire_status(document),
        )
        results.append(GitResult(commit, revision, created))
    return results
