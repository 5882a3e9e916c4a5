"""Team-mode load test on the real PostgreSQL server: concurrent clients import, edit, acknowledge and approve.

    python tests/bench/bench_team.py [--clients 6] [--seconds 20] [--think 2.0] [--url postgresql+psycopg://postgres@127.0.0.1/test]

Prints operations per second by kind, conflicts (the loser's clear message), then proves that no write was lost,
no approval points at content it did not see, and the audit chain verifies. Runs in a schema of its own.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import quote

from sqlalchemy import create_engine, text

from tracker.audit import verify
from tracker.errors import ConflictError, RefusedError
from tracker.services import approvals
from tracker.services.desk import Desk
from tracker.services.imports import import_bytes
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.storage import Store, open_store


def _now() -> datetime:
    return datetime.now(UTC)


def _client(
    url: str, n: int, until: float, counts: Counter[str], saved: list[int], lock: threading.Lock, think: float
) -> None:
    rng = random.Random(n)
    name = "ed" if n % 3 == 0 else f"tina{n}"
    with open_store(url, upgrade=False) as store:
        desk = Desk(store, name)
        while time.perf_counter() < until:
            op = rng.choice(["approve", "approve", "ack", "import"] if name == "ed" else ["edit", "edit", "ack"])
            outcome = op
            try:
                view = desk.view(SAMPLE_SLUG)
                assert view.en is not None
                if op == "edit":
                    j = rng.randrange(len(view.en.paragraphs))
                    rev = desk.save_english(
                        SAMPLE_SLUG,
                        (j,),
                        f"{view.en.paragraphs[j].text} [{name} {rng.random():.6f}]",
                        fr_rev=view.fr.number,
                        expected_en_rev=view.en.number,
                    )
                    with lock:
                        saved.append(rev.number)
                elif op == "ack":
                    desk.ack(
                        SAMPLE_SLUG, rng.randrange(len(view.fr.paragraphs)), "no-change", "ok", fr_rev=view.fr.number
                    )
                elif op == "approve":
                    desk.approve(SAMPLE_SLUG, "load test", fr_rev=view.fr.number, en_rev=view.en.number, force=True)
                else:
                    texts = [*view.fr.texts[:-1], f"bur-{rng.random():.6f}"]
                    import_bytes(
                        store, "\n\n".join(texts).encode(), "fr.txt", slug=SAMPLE_SLUG, lang="fr", by="AFP", at=_now()
                    )
            except ConflictError:
                outcome = f"{op} conflict"
            except RefusedError:
                outcome = f"{op} refused"
            with lock:
                counts[outcome] += 1
            if name != "ed":
                time.sleep(rng.uniform(0, 2 * think))  # people pause between edits; editors then get a chance


def _prove(store: Store, saved: list[int], counts: Counter[str]) -> list[str]:
    problems: list[str] = []
    numbers = [r.number for r in store.revisions(SAMPLE_SLUG, "en")]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"English revision numbers not contiguous: {numbers}")
    if sorted(saved) != numbers[2:]:
        problems.append(f"lost or phantom writes: saved {sorted(saved)} stored {numbers[2:]}")
    revisions = {(r.lang, r.number): r for r in store.revisions(SAMPLE_SLUG)}
    for a in store.approvals(SAMPLE_SLUG):
        fr, en = revisions[("fr", a.fr_rev)], revisions[("en", a.en_rev)]
        if a.fr_hash != fr.content_hash or a.en_hash != en.content_hash:
            problems.append(f"approval at {a.at} points at content it did not see")
    if not counts["approve"]:
        problems.append("no approval landed: nothing proves approvals bind what they saw (raise --think)")
    if len(store.approvals(SAMPLE_SLUG)) != counts["approve"]:
        problems.append("approvals stored differ from approvals acknowledged to clients")
    problems += verify(store.audit())
    return problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--think", type=float, default=2.0, help="mean pause of translators between operations (s)")
    a = ap.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(a.url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{a.url}?options={quote(f'-csearch_path={schema}')}"
    try:
        with open_store(url) as store:
            seed_sample(store)
            store.add_user("chief", "admin", by="chief", at=_now())
            store.add_user("ed", "editor", by="chief", at=_now())
            approvals.set_four_eyes(store, False, by="chief", at=_now())
        counts: Counter[str] = Counter()
        saved: list[int] = []
        lock = threading.Lock()
        until = time.perf_counter() + a.seconds
        start = time.perf_counter()
        threads = [
            threading.Thread(target=_client, args=(url, n, until, counts, saved, lock, a.think))
            for n in range(a.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        spent = time.perf_counter() - start
        total = sum(counts.values())
        print(f"{a.clients} clients for {spent:.1f} s on PostgreSQL: {total} operations, {total / spent:.1f} ops/s")
        for kind, n in sorted(counts.items()):
            print(f"  {kind:<20} {n:>6}  {n / spent:6.1f}/s")
        with open_store(url, upgrade=False) as store:
            problems = _prove(store, saved, counts)
            entries = len(store.audit())
        print(
            f"audit entries {entries}; "
            + ("no write lost, every approval bound to what it saw, chain verifies" if not problems else "PROBLEMS:")
        )
        for p in problems:
            print("  " + p)
        return 1 if problems else 0
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
