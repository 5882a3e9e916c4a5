"""Flags and diffs of stored stories, and acknowledgements: what `tracker status`, `tracker ack` and
`tracker diff SLUG` ask of the database. Flags are derived from stored facts every time, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tracker.approvals import ApprovalVerdict, approval_verdict
from tracker.diff import diff
from tracker.errors import InputError, NotFoundError, RefusedError
from tracker.flags import needs_action
from tracker.model import AckKind, Acknowledgement, Change, Flag
from tracker.signals import WireSignal, WireState, wire_state
from tracker.storage import Store, open_store
from tracker.wire_flags import Withdrawal, ack_refusal, kill_revision, withdrawal_for


class NoteRequiredError(RefusedError):
    """An acknowledgement that needs a note was given none (a corrected French paragraph said to need no change)."""


@dataclass(frozen=True, slots=True)
class StoryStatus:
    """The flags of a story's latest English against its latest French, with the texts they point into."""

    story: str
    fr_rev: int
    en_rev: int | None
    based_on: int | None
    fr: tuple[str, ...]
    en: tuple[str, ...]
    flags: tuple[Flag, ...]
    verdict: ApprovalVerdict = ApprovalVerdict("none")
    wire: WireState = WireState(WireSignal("new"))
    # while the story stands killed: the kill's French revision, the English revisions to withdraw, and the
    # withdrawal an editor recorded (None until then)
    kill_rev: int | None = None
    en_revs: tuple[int, ...] = ()
    withdrawn: Withdrawal | None = None

    @property
    def publishable(self) -> str | None:
        """Why the English shown may not be published now (None when it may): the wire, then the approval."""
        if self.withdrawn is not None:
            w = self.withdrawn
            return f"killed by the agency; English withdrawn by {w.by}, {w.at:%Y-%m-%d %H:%M}: {w.note}"
        if self.wire.blocks_publishing:
            return self.wire.blocks_publishing
        if not self.verdict.publishable:
            return f"not approved as it stands (approval: {self.verdict.words()})"
        return None

    @property
    def needs_action(self) -> bool:
        return any(needs_action(f) for f in self.flags)


def stored_diff(store: Store, slug: str, lang: str, start: int | None, end: int | None) -> tuple[Change, ...]:
    """The diff of two stored revisions of one language; `end` None = the latest, `start` None = the one before."""
    if start is None:
        numbers = [r.number for r in store.revisions(slug, lang)]
        if not numbers:
            raise NotFoundError(f"{slug}: no {lang} revision")
        end = end if end is not None else numbers[-1]
        earlier = [n for n in numbers if n < end]
        if not earlier:
            raise InputError(slug, f"{lang} revision {end} has no earlier revision to diff with")
        start = earlier[-1]
    return diff(store.revision(slug, lang, start).texts, store.revision(slug, lang, end).texts)


def status_of(store: Store, slug: str, at: datetime | None = None) -> StoryStatus:
    """Flags of the latest English revision against the latest French one; each English paragraph is judged
    against the French it was written from (see `tracker.flags.history_flags`)."""
    from tracker.services.views import latest_flags, load_view

    fr, en, found = latest_flags(store, slug)
    french = store.revisions(slug, "fr")
    wire = wire_state(french, at or datetime.now(UTC))
    kill = kill_revision(french)
    kill_rev: int | None = None
    en_revs: tuple[int, ...] = ()
    withdrawn: Withdrawal | None = None
    if kill is not None:
        kill_rev, withdrawn = kill.number, withdrawal_for(kill, store.withdrawals(slug))
        en_revs = tuple(r.number for r in store.revisions(slug, "en"))
    if en is None:
        return StoryStatus(slug, fr.number, None, None, fr.texts, (), found, ApprovalVerdict("none"), wire, kill_rev)
    verdict = approval_verdict(load_view(store, slug, fr.number, en.number))
    return StoryStatus(
        slug, fr.number, en.number, en.based_on, fr.texts, en.texts, found, verdict, wire, kill_rev, en_revs, withdrawn
    )


def story_status(db: str | None, slug: str) -> StoryStatus:
    with open_store(db) as store:
        return status_of(store, slug)


def acknowledge(
    store: Store,
    slug: str,
    fr_index: int,
    kind: AckKind,
    note: str,
    *,
    by: str,
    at: datetime,
    fr_rev: int | None = None,
) -> tuple[Acknowledgement, int]:
    """Record that French paragraph `fr_index` (of the latest French revision, or `fr_rev`) needs no change in
    the English, or is left out on purpose; bound to that paragraph's text, it lapses when the text changes.
    Returns the acknowledgement and the French revision number it was made on. NoteRequiredError for "no change"
    on a paragraph the agency corrected, without a note."""
    from tracker.services.writers import require_member

    require_member(store, by, at=at)
    fr = store.revision(slug, "fr", fr_rev)
    if not 0 <= fr_index < len(fr.paragraphs):
        raise NotFoundError(f"{slug}: French revision {fr.number} has no paragraph {fr_index}")
    if kind == "no-change" and not note.strip() and fr.number == store.latest_number(slug, "fr"):
        from tracker.services.views import latest_flags

        refusal = ack_refusal(latest_flags(store, slug)[2], fr_index, kind, note)
        if refusal is not None:
            raise NoteRequiredError(f"{slug}: {refusal}")
    ack = Acknowledgement(slug, fr.paragraphs[fr_index].hash, kind, by, at, note)
    store.add_ack(ack)
    return ack, fr.number
