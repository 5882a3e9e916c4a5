"""The CI gate's trust in a story folder's decisions: an approval counts only when its SSH signature verifies
against the allowed signers of the base revision (never the change's own copy) and names its signer; an
acknowledgement or waiver added in the change is a finding to review unless signed the same way."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from tracker.check import finding
from tracker.check.result import CheckFinding
from tracker.check.sidecar import Decision, Sidecar, decision_payload
from tracker.errors import InputError
from tracker.model import Acknowledgement, Approval
from tracker.services.git import RepositoryError, run_git
from tracker.services.signing import DECISION_NAMESPACE, signer_in

DEFAULT_SIGNERS = ".tracker/allowed_signers"


@dataclass(frozen=True)
class Signers:
    """The allowed-signers file a check trusts: its text and where it was read (for messages)."""

    text: str
    source: str


def signers_at(root: Path, rev: str, rel: str, *, required: bool) -> Signers | None:
    """The allowed-signers file `rel` as it is at revision `rev` (None when absent there and not `required`)."""
    try:
        data = run_git(root, "show", f"{rev}:{rel}")
    except RepositoryError as exc:
        if required:
            raise InputError(f"{rev}:{rel}", "no allowed-signers file at the base revision") from exc
        return None
    return Signers(data.decode("utf-8", "replace"), f"{rev}:{rel}")


def signers_file(path: Path) -> Signers:
    """An allowed-signers file read from disk (a check without a git base)."""
    try:
        return Signers(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot be read") from exc


def why_unverified(sidecar: Sidecar, decision: Decision, signers: Signers) -> str | None:
    """Why a decision's signature does not vouch for it (None when it does)."""
    signature = sidecar.signature_of(decision)
    if signature is None:
        return "it is not signed"
    payload = decision_payload(decision).encode("utf-8")
    principal = signer_in(payload, signature, signers.text, DECISION_NAMESPACE, decision.by)
    if principal is None:
        return f"its signature does not verify against {signers.source}"
    if principal != decision.by:
        return f"it is signed by {principal}, not {decision.by}"
    return None


def _what(decision: Decision) -> str:
    if isinstance(decision, Approval):
        return f"{decision.verdict} by {decision.by} on {decision.at:%Y-%m-%d %H:%M}"
    if isinstance(decision, Acknowledgement):
        return f"acknowledged in this change by {decision.by} (fr {decision.fr_hash[:12]}, {decision.kind})"
    return f"waived in this change by {decision.by} ({decision.check})"


def vet(
    sidecar: Sidecar, base: Sidecar | None, signers: Signers, story: str, file: str
) -> tuple[Sidecar, list[CheckFinding]]:
    """The sidecar with only verified approvals, and findings for the approvals dropped and for acknowledgements
    and waivers the change adds without a good signature."""
    findings: list[CheckFinding] = []
    kept: list[tuple[Approval, str | None]] = []
    dropped: list[tuple[Approval, str | None]] = []
    for approval in sidecar.approvals:
        why = why_unverified(sidecar, approval, signers)
        (kept if why is None else dropped).append((approval, why))
    for approval, why in dropped:
        # only the verdict that would have counted, the newest on its text, is worth a finding
        if any(a.paragraph == approval.paragraph and a.at > approval.at for a, _ in (*kept, *dropped)):
            continue
        message = f"{_what(approval)} not counted: {why} (allowed signers: {signers.source})"
        findings.append(finding("approval-unverified", story, file, 1, message))
    before: set[object] = set() if base is None else {*base.acknowledgements, *base.waivers}
    candidates: list[Decision] = [*sidecar.acknowledgements, *sidecar.waivers]
    added = [d for d in candidates if d not in before]
    for decision in added:
        why = why_unverified(sidecar, decision, signers)
        if why is not None:
            message = f"{_what(decision)}: {why}; review it (allowed signers: {signers.source})"
            findings.append(finding("decision-unverified", story, file, 1, message))
    return replace(sidecar, approvals=tuple(a for a, _ in kept)), findings
