"""A drop folder: each file that lands in it (or its subfolders) is imported once complete, and at most once ever.

Agencies deliver by FTP/SFTP into a folder. A file is complete when its size and modification time have held
still for `settle` seconds; `*.tmp`/`*.part` names and hidden files wait until renamed. Each file is recorded
(`feed_file`) after its revisions are committed: a kill between the two only means it is read again on restart,
and reading it again stores nothing new (same guid and version, or same content: skipped). Refused files, and
second deliveries of the same bytes, move to `DIR/.refused/` with a `.why` beside them; nothing is deleted.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tracker.errors import TrackerError
from tracker.services.file_reading import read_source
from tracker.services.formats import FileResult, import_paths
from tracker.storage import Store
from tracker.storage.feeds import FeedFile

PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".filepart", ".crdownload", ".download")
REFUSED = ".refused"
Log = Callable[[str], None]


def candidates(folder: Path) -> list[Path]:
    """Regular files under `folder` that may be deliveries: not hidden (so not `.refused/`), not partial names."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES) or path.is_symlink():
                continue
            found.append(path)
    return found


@dataclass(slots=True)
class Settler:
    """Which files have held still (size and modification time unchanged) for `settle` seconds."""

    settle: float
    clock: Callable[[], float] = time.monotonic
    seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)

    def ready(self, paths: Iterable[Path]) -> tuple[list[Path], int]:
        """(the complete files among `paths`, how many are still being written)."""
        now, ready, waiting = self.clock(), [], 0
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                self.seen.pop(path, None)  # gone (renamed, moved) before we looked
                continue
            key = (stat.st_size, stat.st_mtime_ns)
            old = self.seen.get(path)
            if old is None or old[:2] != key:
                self.seen[path] = (*key, now)
                # written before we started looking, and not since: complete already
                if time.time_ns() - stat.st_mtime_ns >= self.settle * 1e9:
                    ready.append(path)
                else:
                    waiting += 1
            elif now - old[2] >= self.settle:
                ready.append(path)
            else:
                waiting += 1
        return ready, waiting

    def forget(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self.seen.pop(path, None)


@dataclass(frozen=True, slots=True)
class _Delivery:
    path: Path
    rel: str
    size: int
    mtime_ns: int
    digest: str = ""
    problem: str = ""  # why it cannot even be read (too large, permission denied)


def _deliveries(store: Store, folder: Path, paths: Sequence[Path]) -> list[_Delivery]:
    """The files not yet recorded (by path, size and time, which needs no read), with their bytes' digest."""
    stats = {}
    for path in paths:
        try:
            stats[path] = path.stat()
        except OSError:
            continue
    rel = {path: path.relative_to(folder).as_posix() for path in stats}
    known = store.feed_files_at(rel.values())
    fresh = []
    for path, stat in stats.items():
        if (rel[path], stat.st_size, stat.st_mtime_ns) in known:
            continue
        delivery = _Delivery(path, rel[path], stat.st_size, stat.st_mtime_ns)
        try:
            fresh.append(replace(delivery, digest=hashlib.sha256(read_source(path)).hexdigest()))
        except TrackerError as exc:
            fresh.append(replace(delivery, problem=getattr(exc, "problem", str(exc))))
    return fresh


def _move_aside(folder: Path, delivery: _Delivery, why: str) -> str:
    """Move a refused file under DIR/.refused/ (same relative path, never overwriting), its reason beside it."""
    target = folder / REFUSED / delivery.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    stem, number = target, 1
    while target.exists() or Path(f"{target}.why").exists():
        target = stem.with_name(f"{stem.name}.{number}")
        number += 1
    # the reason first: a kill before the move leaves the file in place, to be refused again on restart
    Path(f"{target}.why").write_text(why + "\n", encoding="utf-8")
    os.replace(delivery.path, target)
    return target.relative_to(folder).as_posix()


def _outcome(results: Sequence[FileResult]) -> tuple[str, str]:
    """A file's outcome from its documents' results: refused if any is, else imported if any is, else skipped."""
    refused = [r.problem for r in results if r.outcome == "refused"]
    if refused:
        return "refused", "; ".join(refused)
    where = ", ".join(f"{r.story} {r.lang} r{r.revision}" for r in results)
    return ("imported" if any(r.outcome == "imported" for r in results) else "skipped"), where


def process(
    store: Store, folder: Path, paths: Sequence[Path], *, by: str, at: datetime, log: Log
) -> list[tuple[str, str]]:
    """Import the complete files `paths` of `folder` not seen before, in wire order; one log line per file.
    Returns (relative path, outcome) per file handled: imported, skipped or refused."""
    fresh = _deliveries(store, folder, paths)
    recorded = store.feed_files(d.digest for d in fresh if d.digest)
    first: dict[str, _Delivery] = {}
    aside: list[tuple[_Delivery, str]] = []
    for delivery in fresh:
        if delivery.problem:
            aside.append((delivery, delivery.problem))
        elif delivery.digest in recorded or delivery.digest in first:
            earlier = recorded[delivery.digest].path if delivery.digest in recorded else first[delivery.digest].rel
            aside.append((delivery, f"same bytes as {earlier}, already delivered"))
        else:
            first[delivery.digest] = delivery
    new = list(first.values())
    results = import_paths(store, [d.path for d in new], by=by, at=at) if new else []
    by_source: dict[str, list[FileResult]] = {}
    for result in results:
        by_source.setdefault(result.source, []).append(result)
    records = []
    for delivery in new:
        outcome, detail = _outcome(by_source.get(str(delivery.path), []))
        warning = next((r.warning for r in by_source.get(str(delivery.path), []) if r.warning), "")
        if warning:
            log(f"warning  {delivery.rel}: {warning}")
        if outcome == "refused":
            aside.append((delivery, detail))
        else:
            log(f"{outcome:<8} {delivery.rel} -> {detail}")
        records.append(FeedFile(delivery.digest, delivery.rel, delivery.size, delivery.mtime_ns, outcome, detail, at))
    for delivery, why in aside:
        moved = _move_aside(folder, delivery, why)
        log(f"refused  {delivery.rel}: {why} (moved to {moved})")
    store.record_feed_files(records)
    _log_stale(store, results, log)
    handled = [(r.path, r.outcome) for r in records if r.outcome != "refused"]
    return handled + [(delivery.rel, "refused") for delivery, _ in aside]


def _log_stale(store: Store, results: Sequence[FileResult], log: Log) -> None:
    """One line per story whose English a newly imported French version makes stale."""
    from tracker.services.status import status_of

    french = {r.story for r in results if r.outcome == "imported" and r.lang == "fr"}
    if not french:
        return
    # only stories with English can go stale, and deriving flags is not free: ask the database once
    stories = sorted(s.slug for s in store.stories() if s.slug in french and "en" in s.languages)
    for slug in stories:
        try:
            status = status_of(store, slug)
        except TrackerError:
            continue  # a story removed meanwhile
        stale = [f for f in status.flags if f.kind in ("stale", "correction") and not f.acknowledged]
        if status.en_rev is not None and stale:
            log(
                f"stale    {slug}: French r{status.fr_rev} makes English r{status.en_rev} stale "
                f"({len(stale)} paragraph{'s' if len(stale) != 1 else ''} to review)"
            )


def watch(
    store: Store,
    folder: Path,
    *,
    by: str,
    log: Log,
    once: bool = False,
    settle: float = 1.0,
    polling: bool = False,
    stop: threading.Event | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Import what lands in `folder` until `stop` is set (or, `once`, until every file present is handled);
    returns how many files were refused. Notifications come from the OS (watchfiles), else from polling."""
    settler = Settler(settle)
    refused = 0

    def round_() -> int:
        nonlocal refused
        ready, waiting = settler.ready(candidates(folder))
        if ready:
            handled = process(store, folder, ready, by=by, at=now(), log=log)
            refused += sum(outcome == "refused" for _, outcome in handled)
            settler.forget(ready)
        return waiting

    while round_() and once:
        time.sleep(min(settle / 4, 0.25))  # files still being written: look again soon
    if once:
        return refused
    _follow(folder, round_, settle=settle, polling=polling, stop=stop, log=log)
    return refused


def _follow(
    folder: Path, round_: Callable[[], int], *, settle: float, polling: bool, stop: threading.Event | None, log: Log
) -> None:
    """Run `round_` on every change under `folder` and every `settle` seconds (files settling need a look)."""
    import watchfiles

    timeout = max(100, int(settle * 1000))
    while True:
        try:
            for _changes in watchfiles.watch(
                folder, watch_filter=None, debounce=200, rust_timeout=timeout, yield_on_timeout=True,
                stop_event=stop, force_polling=polling or None, poll_delay_ms=timeout, raise_interrupt=True,
            ):  # fmt: skip
                round_()
            return
        except (OSError, RuntimeError) as exc:
            if polling:
                raise
            polling = True  # no notifications here (watch limit reached, network file system): poll instead
            log(f"notice   file notifications unavailable ({exc}); polling every {timeout} ms")
