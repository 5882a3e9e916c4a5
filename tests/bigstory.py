"""A long story made of the sample's paragraphs, numbered apart: real French and English, aligned, stale in places."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.services.imports import import_bytes
from tracker.services.seed import sample_bytes
from tracker.storage import Store

T0 = datetime(2022, 10, 31, tzinfo=UTC)


def _repeated(name: str, n: int) -> bytes:
    paragraphs = [p for p in sample_bytes(name).decode().split("\n\n") if p.strip()]
    out = [f"{paragraphs[k % len(paragraphs)]} ({k // len(paragraphs)})" for k in range(n)]
    return "\n\n".join(out).encode()


def build_story(store: Store, slug: str, n: int) -> None:
    """French r1 and r2 of about `n` paragraphs each, and an English r1 adapted from French r1."""
    store.ensure_story(slug, f"A {n}-paragraph story", at=T0)
    steps = (("fr.r2.txt", "fr", None, 0), ("en.r2.txt", "en", 1, 1), ("fr.r3.txt", "fr", None, 2))
    for name, lang, based_on, hours in steps:
        data = _repeated(name, n)
        at = T0 + timedelta(hours=hours)
        import_bytes(
            store, data, name, slug=slug, lang=lang, by="afp" if lang == "fr" else "tom", at=at, based_on=based_on
        )
