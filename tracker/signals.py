"""What the agency says a French version means, read from the signals the importers stored: new, update,
correction, kill, withheld or embargoed until a time, with its note and urgency; and what that means for the
story as a whole (a kill stands until a later version reissues the story; an embargo until its time or a lift).

Pure: the formats' words become these facts in `sources/`; the faces show them and the publish gate obeys them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from tracker.model import Revision

WireKind = Literal["new", "update", "correction", "kill", "withheld", "embargoed"]
# a correction outranks an update: what the desk must do first when several stories changed
RANK: dict[WireKind, int] = {"kill": 0, "correction": 1, "withheld": 2, "embargoed": 3, "update": 4, "new": 5}


@dataclass(frozen=True, slots=True)
class WireSignal:
    """One French revision's meaning as the agency sent it."""

    kind: WireKind
    note: str = ""
    urgency: int | None = None  # 1 = flash ... 8
    embargo: datetime | None = None


@dataclass(frozen=True, slots=True)
class WireState:
    """The story's standing on the wire: the latest version's signal, whether the story stands killed, and the
    embargo in force (None when there is none, or it was lifted by a later version or by time)."""

    latest: WireSignal
    killed: WireSignal | None = None
    embargo: datetime | None = None
    embargo_lifted: bool = False

    @property
    def blocks_publishing(self) -> str | None:
        """Why nothing may go out now (None when the wire allows it)."""
        if self.killed is not None:
            return "killed by the agency" + (f": {self.killed.note}" if self.killed.note else "")
        if self.latest.kind == "withheld":
            return "withheld by the agency" + (f": {self.latest.note}" if self.latest.note else "")
        if self.embargo is not None:
            return f"embargoed until {self.embargo:%Y-%m-%d %H:%M %Z}"
        return None


def _parse_time(text: str) -> datetime | None:
    raw = text.strip()
    if not raw:
        return None
    for candidate in (raw.replace("Z", "+00:00"), raw):
        try:
            parsed = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:  # NewsML 1.2's basic form: 20260517T080000+0000
        return datetime.strptime(raw, "%Y%m%dT%H%M%S%z")
    except ValueError:
        return None


def _urgency(text: str) -> int | None:
    value = text.strip()
    return int(value) if value.isdigit() and 0 < len(value) <= 2 and 1 <= int(value) <= 9 else None


def signal_of(revision: Revision, first: bool = False) -> WireSignal:
    """A French revision's signal, from what its importer stored (`pubStatus`, `signals`, `edNote`, advisory)."""
    meta = dict(revision.meta)
    status = (meta.get("pubStatus") or revision.status or "usable").lower()
    signals = {s.strip().lower() for s in meta.get("signals", "").split(",") if s.strip()}
    note = meta.get("correctionNote") or meta.get("edNote") or meta.get("advisory") or ""
    urgency, embargo = _urgency(meta.get("urgency", "")), _parse_time(meta.get("embargoed", ""))
    kind: WireKind
    if status == "canceled":
        kind = "kill"
    elif status == "withheld":
        kind = "withheld"
    elif embargo is not None:
        kind = "embargoed"
    elif "correction" in signals:
        kind = "correction"
    elif first:
        kind = "new"
    else:
        kind = "update"
    return WireSignal(kind, note.strip(), urgency, embargo)


def wire_state(french: Sequence[Revision], at: datetime) -> WireState:
    """The story's standing from its French revisions (oldest first) at time `at`: a kill stands until a later
    version (a reissue); an embargo holds until its time, or until a later version without one lifts it."""
    if not french:
        return WireState(WireSignal("new"))
    signals = [signal_of(r, n == 0) for n, r in enumerate(french)]
    latest = signals[-1]
    killed = latest if latest.kind == "kill" else None
    embargo = latest.embargo if latest.embargo is not None and latest.embargo > at else None
    lifted = latest.embargo is None and any(s.embargo is not None for s in signals[:-1])
    if latest.embargo is not None and embargo is None:
        lifted = True
    return WireState(latest, killed, embargo, lifted)
