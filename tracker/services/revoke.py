"""Taking decisions back: acknowledgements, waivers, confirmed links and approvals, each revoked by a new fact
(who, when, why) in the audit chain; the decision stays stored and stops counting.

Anyone who may take a decision may take one back, with a reason; an approval only by the editor who gave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tracker.errors import ForbiddenError, NotFoundError, RefusedError
from tracker.model import AckKind, Acknowledgement, Approval, LinkDecision, Waiver, text_hash
from tracker.revocations import AnyDecision, Revocation, decision_id, kind_of
from tracker.services.alignment import align_revisions
from tracker.services.approvals import acting_user
from tracker.storage import Store


def describe(decision: AnyDecision) -> str:
    """The decision in a few words, for the audit log and messages."""
    if isinstance(decision, Acknowledgement):
        return f"{decision.kind} acknowledgement of fr {decision.fr_hash[:12]} by {decision.by}"
    if isinstance(decision, Waiver):
        return f"waiver of {decision.check} by {decision.by}"
    if isinstance(decision, LinkDecision):
        shown = " ".join(f"{','.join(map(str, k.fr)) or '-'}>{','.join(map(str, k.en)) or '-'}" for k in decision.links)
        return f"{decision.action} fr r{decision.fr_rev} en r{decision.en_rev}: {shown} by {decision.by}"
    where = f" of paragraph {decision.paragraph[:12]}" if decision.paragraph else ""
    return f"{decision.verdict} verdict{where} on fr r{decision.fr_rev} en r{decision.en_rev} by {decision.by}"


def _in_force(store: Store, decision: AnyDecision) -> bool:
    current: Sequence[AnyDecision]
    if isinstance(decision, Acknowledgement):
        current = store.acks(decision.story)
    elif isinstance(decision, Waiver):
        current = store.waivers(decision.story)
    elif isinstance(decision, LinkDecision):
        current = store.link_decisions(decision.story, decision.fr_rev, decision.en_rev)
    else:
        current = store.approvals(decision.story)
    target = decision_id(decision)
    return any(decision_id(d) == target for d in current)


def revoke(store: Store, decision: AnyDecision, reason: str, *, by: str, at: datetime) -> Revocation:
    """Take `decision` back. RefusedError with no reason or when it is not in force (revoked already, or never
    taken); ForbiddenError for someone else's approval."""
    slug = decision.story
    if not reason.strip():
        raise RefusedError(f"{slug}: taking a decision back needs a reason")
    from tracker.services.writers import require_member

    require_member(store, by, at=at)
    if isinstance(decision, Approval) and decision.by != by:
        user = acting_user(store, by, at=at)
        if user is None or user.role != "admin":
            raise ForbiddenError(f"{slug}: only {decision.by} (or an admin) may withdraw their verdict")
    if not _in_force(store, decision):
        raise RefusedError(f"{slug}: no such decision in force ({describe(decision)})")
    revocation = Revocation(slug, kind_of(decision), decision_id(decision), by, at, reason.strip())
    store.add_revocation(revocation, describe(decision))
    if isinstance(decision, LinkDecision):
        # the cached alignment was made around the confirmed link: made again without it
        align_revisions(store, slug, fr_number=decision.fr_rev, en_number=decision.en_rev)
    return revocation


def acks_on(store: Store, slug: str, fr_index: int, kind: AckKind | None, fr_rev: int | None) -> list[Acknowledgement]:
    """The acknowledgements in force on French paragraph `fr_index`'s text (of `fr_rev`, None = latest)."""
    fr = store.revision(slug, "fr", fr_rev)
    if not 0 <= fr_index < len(fr.paragraphs):
        raise NotFoundError(f"{slug}: French revision {fr.number} has no paragraph {fr_index}")
    wanted = fr.paragraphs[fr_index].hash
    return [a for a in store.acks(slug) if a.fr_hash == wanted and kind in (None, a.kind)]


def waivers_on(store: Store, slug: str, check: str, fr: Sequence[int], en: Sequence[int] | None) -> list[Waiver]:
    """The waivers in force of `check` on these paragraphs of the latest revisions (any English when None)."""
    fr_texts = store.revision(slug, "fr").texts
    en_texts = store.revision(slug, "en").texts
    for side, texts, wanted in (("French", fr_texts, fr), ("English", en_texts, en or ())):
        for k in wanted:
            if not 0 <= k < len(texts):
                raise NotFoundError(f"{slug}: the latest {side} revision has no paragraph {k}")
    fr_hashes = tuple(text_hash(fr_texts[i]) for i in fr)
    en_hashes = tuple(text_hash(en_texts[j]) for j in en) if en is not None else None
    return [
        w
        for w in store.waivers(slug)
        if w.check == check and w.fr_hashes == fr_hashes and en_hashes in (None, w.en_hashes)
    ]


def link_decisions_on(
    store: Store, slug: str, fr: Sequence[int], en: Sequence[int], fr_rev: int | None, en_rev: int | None
) -> list[LinkDecision]:
    """The link decisions in force on a revision pair (None = latest) that link exactly `fr` to `en`."""
    fr_number = store.revision(slug, "fr", fr_rev).number
    en_number = store.revision(slug, "en", en_rev).number
    wanted = (tuple(sorted(fr)), tuple(sorted(en)))
    return [d for d in store.link_decisions(slug, fr_number, en_number) if any((k.fr, k.en) == wanted for k in d.links)]


def own_verdicts(store: Store, slug: str, by: str, paragraph: int | None) -> list[Approval]:
    """`by`'s verdicts in force on the latest English revision (on its paragraph `paragraph`, when given)."""
    en = store.revision(slug, "en")
    bound = None
    if paragraph is not None:
        if not 0 <= paragraph < len(en.paragraphs):
            raise NotFoundError(f"{slug}: English revision {en.number} has no paragraph {paragraph}")
        bound = en.paragraphs[paragraph].hash
    return [a for a in store.approvals(slug) if a.by == by and a.en_rev == en.number and a.paragraph == bound]
