"""An editor's approval written into a story folder, signed with their SSH key over its content hashes, so the CI
gate can tell it from one typed into tracker.json by anyone (tracker.services.vetting)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from tracker.check import approve, judge
from tracker.check.sidecar import Decision, Sidecar, decision_key, decision_payload
from tracker.errors import RefusedError
from tracker.model import Approval
from tracker.services.check import folder_texts
from tracker.services.folders import save_sidecar
from tracker.services.signing import DECISION_NAMESPACE, sign

# an editor approves a withheld or embargoed story ahead of its release; the gate keeps it from going out meanwhile
_NOT_BLOCKING = (
    "approval-missing",
    "approval-outdated",
    "approval-unverified",
    "decision-unverified",
    "withheld",
    "embargoed",
)


def _signed(sidecar: Sidecar, by: str, key: Path) -> Sidecar:
    """The sidecar with every decision by `by` that has no signature yet signed with `key`."""
    decisions: list[Decision] = [*sidecar.approvals, *sidecar.acknowledgements, *sidecar.waivers]
    mine = [d for d in decisions if d.by == by]
    added = [
        (decision_key(d), sign(decision_payload(d).encode("utf-8"), key, DECISION_NAMESPACE))
        for d in mine
        if sidecar.signature_of(d) is None
    ]
    return replace(sidecar, signatures=(*sidecar.signatures, *added))


def approve_folder(
    path: Path, *, by: str, at: datetime, note: str = "", force: bool = False, key: Path | None = None
) -> Approval:
    """Approve a story folder's texts as `judge` sees them now, as `by`; with `key`, sign the approval (and `by`'s
    unsigned acknowledgements and waivers). Refused while findings need action, unless forced with a note."""
    texts = folder_texts(path)
    blocking = [f for f in judge(texts).findings if f.severity == "error" and f.rule not in _NOT_BLOCKING]
    if blocking and not force:
        shown = "; ".join(f"{f.rule}: {f.file}:{f.line}" for f in blocking[:5])
        raise RefusedError(
            f"{path}: {len(blocking)} finding(s) need action first ({shown}); fix, acknowledge or waive them, "
            "or --force with a note saying why"
        )
    if force and not note.strip():
        raise RefusedError(f"{path}: a forced approval needs a note saying why")
    sidecar = approve(texts, by=by, at=at, note=note)
    approval = replace(sidecar.approvals[-1], forced=force)
    sidecar = replace(sidecar, approvals=(*sidecar.approvals[:-1], approval))
    if key is not None:
        sidecar = _signed(sidecar, by, key)
    save_sidecar(path, sidecar)
    return approval
