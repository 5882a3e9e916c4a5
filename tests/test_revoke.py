"""Decisions taken back: a revocation is a new fact (who, when, why) and the derived state returns exactly to what
it was without the decision; nothing is deleted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import ForbiddenError, RefusedError
from tracker.revocations import AnyDecision
from tracker.services import alignment, approvals
from tracker.services.imports import import_bytes
from tracker.services.qa import waive
from tracker.services.revoke import acks_on, link_decisions_on, own_verdicts, revoke, waivers_on
from tracker.services.seed import SAMPLE_SLUG, sample_bytes, seed_sample
from tracker.services.status import acknowledge
from tracker.services.summaries import summaries
from tracker.services.views import load_view
from tracker.storage import Store, open_store
from tracker.view import StorySummary, StoryView

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
Step = tuple[str, int, int]  # (kind of decision, a number picking what it is about, another)


def _state(store: Store) -> tuple[StoryView, StoryView, list[StorySummary]]:
    """The derived state people see: the latest view, an older pair's view, the story list's summary."""
    return load_view(store, SAMPLE_SLUG), load_view(store, SAMPLE_SLUG, 2, 1), summaries(store)


def _decide(store: Store, step: Step, at: datetime) -> AnyDecision:
    kind, a, b = step
    view = load_view(store, SAMPLE_SLUG)
    assert view.en is not None
    if kind == "ack":
        made, _ = acknowledge(
            store, SAMPLE_SLUG, a % len(view.fr.paragraphs), ("no-change", "omitted")[b % 2], "n", by="tina", at=at
        )
        return made
    if kind == "waiver":
        findings = [f for r in view.rows for f in r.findings if f.check != "coverage"]
        f = findings[a % len(findings)]
        return waive(store, SAMPLE_SLUG, f.check, f.fr, f.en, f"reason {b}", by="tina", at=at)[0]
    if kind == "link":
        rows = [r for r in view.rows if r.link.fr and r.link.en]
        link = rows[a % len(rows)].link
        action = ("confirm", "unlink")[b % 2]
        alignment.decide(store, SAMPLE_SLUG, action, link.fr, link.en, by="tina", at=at)
        return store.link_decisions(SAMPLE_SLUG, view.fr.number, view.en.number)[-1]
    paragraph = None if b % 2 else a % len(view.en.paragraphs)
    return approvals.decide(
        store, SAMPLE_SLUG, "approved", by="ed", at=at, note="seen", force=True, paragraph=paragraph
    )


def _wrong_english(store: Store) -> None:
    english = sample_bytes("en.r2.txt").decode().replace("286 dead", "268 dead").replace("6,600", "6,000")
    import_bytes(store, english.encode(), "en.r3", slug=SAMPLE_SLUG, lang="en", by="tom", at=T0, based_on=3)


def _fresh() -> Store:
    """The sample with an English r3 that gets two figures wrong (QA findings to waive)."""
    store = open_store("sqlite://")
    seed_sample(store)
    _wrong_english(store)
    store.add_user("ed", "editor", by="ed", at=T0)  # the first user: an admin; ed approves as an editor
    store.add_user("tina", "translator", by="ed", at=T0)
    return store


steps = st.tuples(st.sampled_from(["ack", "waiver", "link", "approval"]), st.integers(0, 40), st.integers(0, 3))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(steps, max_size=3), decision=steps)
def test_revoking_any_decision_restores_the_derived_state_of_before(before: list[Step], decision: Step) -> None:
    with _fresh() as store:
        clock = (T0 + timedelta(minutes=n) for n in count(1))
        for step in before:
            _decide(store, step, next(clock))
        expected = _state(store)
        taken = _decide(store, decision, next(clock))
        revoke(store, taken, "taken by mistake", by="ed" if decision[0] == "approval" else "tina", at=next(clock))
        assert _state(store) == expected


def test_a_revocation_is_a_new_fact_in_the_audit_chain(sample_store: Store) -> None:
    ack, _ = acknowledge(sample_store, SAMPLE_SLUG, 5, "no-change", "checked", by="tina", at=T0)
    entries = len(sample_store.audit())
    revoke(sample_store, ack, "the English does need the new figure", by="ana", at=T0 + timedelta(minutes=1))
    assert sample_store.acks(SAMPLE_SLUG) == [a for a in sample_store.acks(SAMPLE_SLUG) if a != ack]
    assert ack not in sample_store.acks(SAMPLE_SLUG)
    log = sample_store.audit()
    assert len(log) == entries + 1
    assert (log[-1].action, log[-1].by) == ("revoke", "ana")
    assert "the English does need the new figure" in log[-1].detail
    (revocation,) = sample_store.revocations(SAMPLE_SLUG)
    assert (revocation.kind, revocation.by, revocation.at) == ("ack", "ana", T0 + timedelta(minutes=1))


def test_taking_back_needs_a_reason_and_a_decision_in_force(sample_store: Store) -> None:
    ack, _ = acknowledge(sample_store, SAMPLE_SLUG, 5, "no-change", "", by="tina", at=T0)
    with pytest.raises(RefusedError, match="reason"):
        revoke(sample_store, ack, "  ", by="tina", at=T0)
    revoke(sample_store, ack, "wrong row", by="tina", at=T0)
    with pytest.raises(RefusedError, match="in force"):
        revoke(sample_store, ack, "again", by="tina", at=T0)


def test_deciding_again_after_a_revocation_counts_again(sample_store: Store) -> None:
    first, _ = acknowledge(sample_store, SAMPLE_SLUG, 5, "no-change", "", by="tina", at=T0)
    revoke(sample_store, first, "too quick", by="tina", at=T0 + timedelta(minutes=1))
    assert acks_on(sample_store, SAMPLE_SLUG, 5, None, None) == []
    again, _ = acknowledge(sample_store, SAMPLE_SLUG, 5, "no-change", "", by="tina", at=T0 + timedelta(minutes=2))
    assert acks_on(sample_store, SAMPLE_SLUG, 5, "no-change", None) == [again]


def test_only_the_editor_who_gave_a_verdict_withdraws_it(sample_store: Store) -> None:
    sample_store.add_user("boss", "admin", by="boss", at=T0)
    for name in ("ed", "eve"):
        sample_store.add_user(name, "editor", by="boss", at=T0)
    verdict = approvals.decide(sample_store, SAMPLE_SLUG, "approved", by="ed", at=T0, note="ok", force=True)
    with pytest.raises(ForbiddenError, match="only ed"):
        revoke(sample_store, verdict, "not mine", by="eve", at=T0)
    assert own_verdicts(sample_store, SAMPLE_SLUG, "ed", None) == [verdict]
    revoke(sample_store, verdict, "approved too early", by="ed", at=T0 + timedelta(minutes=1))
    assert own_verdicts(sample_store, SAMPLE_SLUG, "ed", None) == []
    status = load_view(sample_store, SAMPLE_SLUG).approval
    assert status is None or status.approval is None


def test_finders_name_waivers_and_links_by_their_paragraphs(sample_store: Store) -> None:
    _wrong_english(sample_store)
    view = load_view(sample_store, SAMPLE_SLUG)
    finding = next(f for r in view.rows for f in r.findings if f.check != "coverage")
    waiver, _ = waive(sample_store, SAMPLE_SLUG, finding.check, finding.fr, finding.en, "fine", by="tina", at=T0)
    assert waivers_on(sample_store, SAMPLE_SLUG, finding.check, finding.fr, None) == [waiver]
    link = next(r.link for r in view.rows if r.link.fr and r.link.en)
    alignment.decide(sample_store, SAMPLE_SLUG, "confirm", link.fr, link.en, by="tina", at=T0)
    (decision,) = link_decisions_on(sample_store, SAMPLE_SLUG, link.fr, link.en, None, None)
    revoke(sample_store, decision, "the aligner had it right", by="tina", at=T0 + timedelta(minutes=1))
    assert link_decisions_on(sample_store, SAMPLE_SLUG, link.fr, link.en, None, None) == []


def test_the_view_lists_every_decision_on_a_row_with_who_when_and_why(sample_store: Store) -> None:
    acknowledge(sample_store, SAMPLE_SLUG, 5, "no-change", "the figure is the same", by="tina", at=T0)
    row = next(r for r in load_view(sample_store, SAMPLE_SLUG).rows if any(p.index == 5 for p in r.fr))
    (decision,) = [d for d in row.decisions if d.at == T0]
    assert (decision.kind, decision.by, decision.why) == ("ack", "tina", "the figure is the same")
    assert "no change" in decision.what
