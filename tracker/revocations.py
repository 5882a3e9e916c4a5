"""Decisions taken back: a revocation is a fact of its own (who, when, why) naming one earlier decision, which then
stops counting; nothing is deleted, and deriving without the decision gives what was derived before it.

A decision is named by its kind, its story, who took it, when, and what it was about (`decision_id`), so a
revocation names exactly one decision, and deciding the same again later is a new decision, in force again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

from tracker.audit import utc
from tracker.model import Acknowledgement, Approval, LinkDecision, Waiver

DecisionKind = Literal["ack", "waiver", "link", "approval"]
AnyDecision = Acknowledgement | Waiver | LinkDecision | Approval
D = TypeVar("D", Acknowledgement, Waiver, LinkDecision, Approval)


@dataclass(frozen=True, slots=True)
class Revocation:
    """A person's word that an earlier decision (named by `target`, its `decision_id`) no longer stands."""

    story: str
    kind: DecisionKind
    target: str
    by: str
    at: datetime
    reason: str


def kind_of(decision: AnyDecision) -> DecisionKind:
    if isinstance(decision, Acknowledgement):
        return "ack"
    if isinstance(decision, Waiver):
        return "waiver"
    if isinstance(decision, LinkDecision):
        return "link"
    return "approval"


def _about(decision: AnyDecision) -> list[object]:
    if isinstance(decision, Acknowledgement):
        return [decision.fr_hash, decision.kind]
    if isinstance(decision, Waiver):
        return [decision.check, list(decision.fr_hashes), list(decision.en_hashes)]
    if isinstance(decision, LinkDecision):
        links = [[list(k.fr), list(k.en)] for k in decision.links]
        return [decision.fr_rev, decision.en_rev, decision.action, links]
    return [decision.fr_rev, decision.en_rev, decision.verdict, decision.en_hash, decision.paragraph]


def decision_id(decision: AnyDecision) -> str:
    """The name of one decision: its kind, story, author, time and subject, hashed."""
    table = [kind_of(decision), decision.story, decision.by, utc(decision.at).isoformat(), _about(decision)]
    return hashlib.sha256(json.dumps(table, ensure_ascii=False).encode("utf-8")).hexdigest()


def in_force(decisions: Sequence[D], revoked: Iterable[str]) -> list[D]:
    """The decisions no revocation names, in their order."""
    gone = set(revoked)
    if not gone:
        return list(decisions)
    return [d for d in decisions if decision_id(d) not in gone]
