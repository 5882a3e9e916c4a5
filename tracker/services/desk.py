"""The Desk: everything a face (the terminal UI) asks of the tracker, over one store and one acting user.

It implements `tracker.tui.backend.Backend` structurally; each call opens no connection of its own beyond the
store's pool, so worker threads may call it concurrently.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from tracker.errors import RefusedError
from tracker.model import (
    AckKind,
    Acknowledgement,
    Approval,
    Change,
    Document,
    Finding,
    Link,
    LinkDecision,
    Paragraph,
    Revision,
    User,
    Waiver,
)
from tracker.mt.suggestion import Suggestion
from tracker.revocations import AnyDecision
from tracker.segment import segment
from tracker.services import alignment, approvals, identity
from tracker.services import revoke as revocation
from tracker.services.derived import DerivedCache, collections_paused
from tracker.services.edits import edited_links
from tracker.services.status import acknowledge, stored_diff
from tracker.services.summaries import SummaryCache
from tracker.services.views import load_view, shown_links
from tracker.services.writers import require_english_writer, require_member
from tracker.storage import Store
from tracker.storage.notify import ChangeListener
from tracker.view import StorySummary, StoryView


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Desk:
    """One person's desk on one database: reads views, records decisions as that person."""

    def __init__(self, store: Store, user: str, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self.store = store
        self.name = identity.writer(store, user)  # on PostgreSQL a desk acts as its connection's role, never another
        self.clock = clock
        self._summaries = SummaryCache(store)
        # each link's QA findings and each revision pair's diff, derived once per content for the whole desk
        self.derived = DerivedCache(store)
        self._listeners = threading.local()

    # ------------------------------------------------------------------ reading
    def user(self) -> User | None:
        """The acting user; reading only: opening the UI registers nobody. On a laptop database with no users
        yet, the person acting is shown as the admin they become with their first write or decision (as
        `require_english_writer` and the CLI's first `users`/`approve` make them), so one person on their own
        file is never told they may not write."""
        found = self.store.user(self.name)
        if found is None and self.store.db_user() is None and not self.store.users():
            return User(self.name, "admin", self.clock())
        return found

    def stories(self) -> list[StorySummary]:
        # the list is shown again each time a person comes back to it: unchanged stories are not re-derived
        return self._summaries.summaries()

    def view(self, slug: str, fr_rev: int | None = None, en_rev: int | None = None) -> StoryView:
        with collections_paused():
            return load_view(self.store, slug, fr_rev, en_rev, cache=self.derived)

    def history(self, slug: str) -> list[Revision]:
        return [self.store.revision(slug, r.lang, r.number) for r in self.store.revisions(slug)]

    def diff(self, slug: str, lang: str, a: int, b: int) -> tuple[Change, ...]:
        return stored_diff(self.store, slug, lang, a, b)

    def change_token(self) -> str:
        # every write appends an audit entry in its own transaction, so the newest entry names the state
        seq, digest = self.store.audit_head()
        return f"{seq}:{digest}"

    def changed_since(self, token: str) -> bool:
        return self.change_token() != token

    def wait_for_change(self, token: str, timeout: float) -> bool:
        """True once the database moved on from `token`. On PostgreSQL it waits up to `timeout` seconds and
        answers as soon as a write commits (LISTEN/NOTIFY); on SQLite it answers at once (the caller polls)."""
        if self.store.dialect != "postgresql":
            return self.changed_since(token)
        listener = getattr(self._listeners, "listener", None)
        if listener is None:
            # one listening connection per waiting thread (the UI's poll worker): psycopg connections are not shared
            listener = self._listeners.listener = ChangeListener(self.store)
        # listening before this check: a write committed in between is both seen here and queued for the wait
        if self.changed_since(token):
            return True
        listener.wait(timeout)
        return self.changed_since(token)

    # ------------------------------------------------------------------ translating
    def save_english(
        self,
        slug: str,
        en: tuple[int, ...],
        text: str,
        *,
        fr_rev: int,
        expected_en_rev: int | None,
        fr: tuple[int, ...] = (),
    ) -> Revision:
        with collections_paused():
            return self._save_english(slug, en, text, fr_rev=fr_rev, expected_en_rev=expected_en_rev, fr=fr)

    def _save_english(
        self,
        slug: str,
        en: tuple[int, ...],
        text: str,
        *,
        fr_rev: int,
        expected_en_rev: int | None,
        fr: tuple[int, ...],
    ) -> Revision:
        require_english_writer(self.store, self.name, at=self.clock())
        current = self.store.revision(slug, "en", expected_en_rev).texts if expected_en_rev is not None else ()
        new = segment(text).texts if text.strip() else ()
        texts = list(current)
        if en:
            start, end = min(en), max(en)
            if end >= len(texts) or sorted(en) != list(range(start, end + 1)):
                raise RefusedError(
                    f"{slug}: English paragraphs {list(en)} are not contiguous paragraphs of r{expected_en_rev}"
                )
        else:
            start = end = self._insertion_point(slug, fr, fr_rev, expected_en_rev)
            end -= 1
        texts[start : end + 1] = new
        if not texts:
            raise RefusedError(f"{slug}: an English revision needs at least one paragraph")
        # the rows the translator saw, carried onto the new revision: only the edited one changes
        carried = None
        if expected_en_rev is not None:
            seen = shown_links(self.store, slug, fr_rev, expected_en_rev, self.derived)
            carried = edited_links(seen, start, end, len(new), fr)
            if not set(fr) <= {i for link in seen for i in link.fr}:
                raise RefusedError(f"{slug}: French r{fr_rev} has no paragraphs {list(fr)}")
        document = Document(tuple(Paragraph(i, t, 2 * i + 1, 2 * i + 1) for i, t in enumerate(texts)))
        at = self.clock()
        revision, created = self.store.add_revision(
            slug, "en", document, by=self.name, at=at, based_on=fr_rev, origin="tui", expected_latest=expected_en_rev
        )
        if created:
            self.derived.remember_revision(revision)  # the view that follows reads it from here, not the database
        if created and carried is not None:
            if fr and new:
                relinked = (Link(tuple(sorted(set(fr))), tuple(range(start, start + len(new))), 1.0, True),)
                self.store.add_link_decision(
                    LinkDecision(slug, fr_rev, revision.number, relinked, self.name, at, "relink")
                )
            self.store.save_alignment(slug, fr_rev, revision.number, carried)
        elif created and fr and new:
            self._decide(slug, "relink", fr, tuple(range(start, start + len(new))), fr_rev, revision.number)
        return revision

    def _insertion_point(self, slug: str, fr: Sequence[int], fr_rev: int, en_rev: int | None) -> int:
        """After the English of the nearest preceding French paragraph that has some, else at the top."""
        if en_rev is None or not fr:
            return 0
        best, point = -1, 0
        for link in shown_links(self.store, slug, fr_rev, en_rev):
            if link.fr and link.en and best < max(link.fr) < min(fr):
                best, point = max(link.fr), max(link.en) + 1
        return point

    def suggest(self, slug: str, fr_index: int, *, fr_rev: int) -> Suggestion:
        """The desk's own memory first (offline, in house style), machine translation when it has no near match."""
        remembered = self._remembered(slug, fr_index, fr_rev)
        if remembered is not None:
            return remembered
        from tracker.mt.providers import default_provider, load
        from tracker.services.translate import suggest_paragraphs

        config = load(default_provider())
        return suggest_paragraphs(self.store, slug, config, paras=[fr_index], fr_number=fr_rev)[0].suggestion

    def _remembered(self, slug: str, fr_index: int, fr_rev: int) -> Suggestion | None:
        from tracker.memory import NEAR
        from tracker.services.memory import matches_for, take_in

        paragraph = self.store.revision(slug, "fr", fr_rev).paragraphs[fr_index]
        take_in(self.store)
        found = [m for m in matches_for(self.store, paragraph.text, limit=1) if m.score >= NEAR]
        if not found:
            return None
        m = found[0]
        where = m.entry.story or m.entry.origin
        figures = "; ".join(f"{old or '-'} -> {new or '-'}" for old, new in m.figures)
        label = f"memory {m.score}% ({where})" + (f", figures differ: {figures}" if figures else "")
        return Suggestion(m.entry.en, label, self.clock(), paragraph.hash)

    def ack(self, slug: str, fr_index: int, kind: AckKind, note: str, *, fr_rev: int) -> Acknowledgement:
        return acknowledge(self.store, slug, fr_index, kind, note, by=self.name, at=self.clock(), fr_rev=fr_rev)[0]

    # ------------------------------------------------------------------ alignment corrections
    def _decide(self, slug: str, action: str, fr: Sequence[int], en: Sequence[int], fr_rev: int, en_rev: int) -> None:
        try:
            alignment.decide(
                self.store, slug, action, fr, en, by=self.name, at=self.clock(), fr_number=fr_rev, en_number=en_rev
            )
        except ValueError as exc:
            raise RefusedError(f"{slug}: {exc}") from exc

    def relink(self, slug: str, fr: tuple[int, ...], en: tuple[int, ...], *, fr_rev: int, en_rev: int) -> None:
        self._decide(slug, "relink", fr, en, fr_rev, en_rev)

    def unlink(self, slug: str, link: Link, *, fr_rev: int, en_rev: int) -> None:
        self._decide(slug, "unlink", link.fr, link.en, fr_rev, en_rev)

    def merge(self, slug: str, a: Link, b: Link, *, fr_rev: int, en_rev: int) -> None:
        self._decide(slug, "merge", a.fr + b.fr, a.en + b.en, fr_rev, en_rev)

    def split(self, slug: str, link: Link, *, fr_at: int, en_at: int, fr_rev: int, en_rev: int) -> None:
        self._decide(slug, "split", link.fr[:fr_at], link.en[:en_at], fr_rev, en_rev)
        rest_fr, rest_en = link.fr[fr_at:], link.en[en_at:]
        if rest_fr or rest_en:
            self._decide(slug, "confirm", rest_fr, rest_en, fr_rev, en_rev)

    # ------------------------------------------------------------------ review
    def waive(self, slug: str, finding: Finding, reason: str, *, fr_rev: int, en_rev: int) -> Waiver:
        if not reason.strip():
            raise RefusedError(f"{slug}: a waiver needs a reason")
        require_member(self.store, self.name, at=self.clock())
        fr = self.store.revision(slug, "fr", fr_rev).paragraphs
        en = self.store.revision(slug, "en", en_rev).paragraphs
        waiver = Waiver(
            slug,
            finding.check,
            tuple(fr[i].hash for i in finding.fr),
            tuple(en[j].hash for j in finding.en),
            self.name,
            self.clock(),
            reason,
        )
        self.store.add_waiver(waiver)
        return waiver

    def approve(
        self, slug: str, note: str, *, fr_rev: int, en_rev: int, force: bool = False, paragraph: int | None = None
    ) -> Approval:
        return approvals.decide(
            self.store,
            slug,
            "approved",
            by=self.name,
            at=self.clock(),
            note=note,
            force=force,
            fr_rev=fr_rev,
            en_rev=en_rev,
            paragraph=paragraph,
        )

    def reject(self, slug: str, note: str, *, fr_rev: int, en_rev: int) -> Approval:
        return approvals.decide(
            self.store, slug, "rejected", by=self.name, at=self.clock(), note=note, fr_rev=fr_rev, en_rev=en_rev
        )

    def withdraw(self, slug: str, note: str) -> None:
        from tracker.services.withdraw import withdraw

        withdraw(self.store, slug, note, by=self.name, at=self.clock())

    def revoke(self, slug: str, decision: AnyDecision, reason: str) -> None:
        if decision.story != slug:
            raise RefusedError(f"{slug}: that decision is on {decision.story}")
        revocation.revoke(self.store, decision, reason, by=self.name, at=self.clock())
