"""Import a file's git history: each commit that changed it becomes a revision (author, date, message as label).

Git runs here, in the service layer, never inside sources/; every version is read and parsed before anything
is stored, so a bad commit stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sources.xmlsafe import check_size
from tracker.errors import InputError
from tracker.model import LANGS, Document, Revision
from tracker.services.formats import already_stored, wire_status
from tracker.services.git import read_blobs, repo_root, run_git
from tracker.services.reading import parse_documents
from tracker.storage import Store


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    author: str
    at: datetime
    message: str


def file_history(path: Path) -> list[tuple[Commit, bytes | None]]:
    """Each commit that changed the file, oldest first, with the file's bytes then (None where it was deleted)."""
    top = repo_root(path.resolve())
    relative = path.resolve().relative_to(top).as_posix()
    log = run_git(top, "log", "-z", "--reverse", "--format=%H%x1f%an%x1f%aI%x1f%s", "--", relative).decode()
    commits = []
    for record in filter(str.strip, log.split("\0")):  # NUL-separated: no name or subject can hold one
        sha, author, date, message = record.strip("\n").split("\x1f", 3)
        commits.append(Commit(sha, author, datetime.fromisoformat(date), message))
    if not commits:
        raise InputError(str(path), "no commit in git history changed this file")
    # one git call for every version; a commit that deleted the file has no blob (None)
    blobs = read_blobs(top, [f"{c.sha}:{relative}" for c in commits])
    history = []
    for commit in commits:
        data = blobs[f"{commit.sha}:{relative}"]
        if data is not None:
            check_size(len(data), f"{path}@{commit.sha[:12]}")
        history.append((commit, data))
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
        documents = parse_documents(data, f"{path}@{commit.sha[:12]}")
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
