"""Feed files: the record of what a watched drop folder delivered, so that each file is read at most once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from tracker.storage.base import StoreBase
from tracker.storage.tables import FEED_FILE


@dataclass(frozen=True, slots=True)
class FeedFile:
    """One delivered file as recorded: its bytes' SHA-256, where and how it was seen, and what became of it."""

    digest: str
    path: str
    size: int
    mtime_ns: int
    outcome: str
    detail: str
    at: datetime


class FeedFileStore(StoreBase):
    """Records of delivered files; bookkeeping of the watcher, not facts of stories, so nothing here is audited."""

    def feed_files_at(self, paths: Iterable[str]) -> dict[tuple[str, int, int], str]:
        """(path, size, mtime_ns) -> digest of the recorded files among `paths`."""
        wanted = list(paths)
        found: dict[tuple[str, int, int], str] = {}
        columns = (FEED_FILE.c.path, FEED_FILE.c.size, FEED_FILE.c.mtime_ns, FEED_FILE.c.digest)
        with self._read() as conn:
            for start in range(0, len(wanted), 500):
                query = select(*columns).where(FEED_FILE.c.path.in_(wanted[start : start + 500]))
                for path, size, mtime_ns, digest in conn.execute(query):
                    found[str(path), int(size), int(mtime_ns)] = str(digest)
        return found

    def feed_files(self, digests: Iterable[str]) -> dict[str, FeedFile]:
        """The recorded files among these digests, by digest."""
        wanted = list(digests)
        found: dict[str, FeedFile] = {}
        with self._read() as conn:
            for start in range(0, len(wanted), 500):
                query = select(FEED_FILE).where(FEED_FILE.c.digest.in_(wanted[start : start + 500]))
                for row in conn.execute(query).mappings():
                    found[row["digest"]] = FeedFile(**dict(row))
        return found

    def record_feed_files(self, files: Sequence[FeedFile]) -> None:
        """Record delivered files in one transaction; a digest already recorded keeps its first record."""
        if not files:
            return
        with self._write() as conn:
            known = set(
                conn.execute(
                    select(FEED_FILE.c.digest).where(FEED_FILE.c.digest.in_([f.digest for f in files]))
                ).scalars()
            )
            rows = [vars_of(f) for f in files if f.digest not in known]
            unique = list({row["digest"]: row for row in rows}.values())
            if unique:
                conn.execute(FEED_FILE.insert(), unique)


def vars_of(file: FeedFile) -> dict[str, object]:
    return {name: getattr(file, name) for name in FeedFile.__slots__}
