"""What the wire's corrections and kills ask of the English, as flags derived from the French revisions.

A correction: the English paragraphs linked to French that a correction revision changed (and that the English
has not caught up with) are flagged `correction` instead of `stale`, with the agency's note. A kill: while the
story stands killed, its English has one thing left to do, be withdrawn; every English paragraph carries one
`withdraw` flag until an editor records the withdrawal (a stored fact, bound to the kill revision). A reissue
(a later French version) ends the kill, and the flags are the ordinary ones again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from tracker.model import Change, Flag, Revision
from tracker.signals import WireSignal, signal_of, wire_state

__all__ = [
    "Correction",
    "Withdrawal",
    "ack_refusal",
    "corrections",
    "kill_revision",
    "mark_corrections",
    "withdraw_flag",
    "wire_key",
    "wire_words",
    "withdrawal_for",
]

# what a wire version says besides its text and status (a kill, a withhold): a version that changes only these
# (an embargo lifted, a correction of the metadata) is news, and is stored even when its paragraphs are the same
WIRE_META = ("signals", "embargoed")


def wire_key(meta: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The part of a revision's metadata that carries the wire's signal (see WIRE_META)."""
    found = dict(meta)
    return tuple(found.get(k, "") for k in WIRE_META)


Differ = Callable[[Sequence[str], Sequence[str]], tuple[Change, ...]]


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """An editor's word that the English of a killed story was withdrawn: bound to the kill (its French revision
    and content hash), with who, when and why."""

    story: str
    fr_rev: int
    fr_hash: str
    by: str
    at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class Correction:
    """A French revision the agency sent as a correction: its number, its note, and the paragraphs it changed in
    substance, as indices of the latest French (paragraphs removed since are gone from `fr`)."""

    fr_rev: int
    note: str
    fr: frozenset[int]


def corrections(french: Sequence[Revision], differ: Differ) -> tuple[Correction, ...]:
    """Every correction revision of the story (French revisions oldest first), mapped onto the latest French."""
    if not french:
        return ()
    latest = french[-1]
    out: list[Correction] = []
    for n in range(1, len(french)):
        revision = french[n]
        signal = signal_of(revision)
        if signal.kind != "correction":
            continue
        changed = {j for c in differ(french[n - 1].texts, revision.texts) if c.substantive for j in c.new}
        if revision.number != latest.number:
            onto = {i: c.new for c in differ(revision.texts, latest.texts) for i in c.old}
            changed = {j for i in changed for j in onto.get(i, ())}
        if changed:
            out.append(Correction(revision.number, signal.note, frozenset(changed)))
    return tuple(out)


def mark_corrections(found: Sequence[Flag], made: Sequence[Correction]) -> tuple[Flag, ...]:
    """The flags with every stale one whose French a correction changed after the English was written (after the
    flag's `since`) turned into a `correction` flag carrying the agency's note (the French diff stays)."""
    if not made:
        return tuple(found)
    out: list[Flag] = []
    for flag in found:
        hits = [c for c in made if flag.kind == "stale" and (flag.since is None or c.fr_rev > flag.since)]
        hits = [c for c in hits if c.fr & set(flag.fr)]
        if not hits:
            out.append(flag)
            continue
        notes = "; ".join(dict.fromkeys(c.note for c in hits if c.note))
        said = tuple(f"corrected by the agency in fr r{c.fr_rev}" + (f": {c.note}" if c.note else "") for c in hits)
        out.append(replace(flag, kind="correction", reasons=(*said, *flag.reasons), note=notes))
    return tuple(out)


def kill_revision(french: Sequence[Revision]) -> Revision | None:
    """The French revision that killed the story, while the kill stands (None: not killed, or reissued since)."""
    if french and signal_of(french[-1], len(french) == 1).kind == "kill":
        return french[-1]
    return None


def withdrawal_for(kill: Revision, withdrawals: Sequence[Withdrawal]) -> Withdrawal | None:
    """The withdrawal recorded for this kill (the latest, if several), None when nobody recorded one."""
    mine = [w for w in withdrawals if w.fr_rev == kill.number and w.fr_hash == kill.content_hash]
    return max(mine, key=lambda w: w.at) if mine else None


def withdraw_flag(kill: Revision, n_en: int, withdrawals: Sequence[Withdrawal]) -> Flag | None:
    """The one flag a killed story's English carries, on every English paragraph: withdraw it (acknowledged once
    an editor recorded the withdrawal). None when there is no English to withdraw."""
    if n_en == 0:
        return None
    signal: WireSignal = signal_of(kill)
    reason = f"killed by the agency in fr r{kill.number}" + (f": {signal.note}" if signal.note else "")
    done = withdrawal_for(kill, withdrawals)
    reasons = (reason,) if done is None else (reason, f"withdrawn by {done.by}, {done.at:%Y-%m-%d %H:%M}: {done.note}")
    return Flag("withdraw", (), tuple(range(n_en)), reasons, (), done is not None, None, signal.note)


def wire_flags(
    found: Sequence[Flag],
    french: Sequence[Revision],
    n_en: int,
    withdrawals: Sequence[Withdrawal],
    differ: Differ,
) -> tuple[Flag, ...]:
    """The flags once the wire has spoken: while the story stands killed, only the withdraw flag (no other work
    is worth doing on a killed story); otherwise the flags with corrections marked."""
    kill = kill_revision(french)
    if kill is not None:
        flag = withdraw_flag(kill, n_en, withdrawals)
        return (flag,) if flag is not None else ()
    return mark_corrections(found, corrections(french, differ))


def ack_refusal(found: Sequence[Flag], fr_index: int, kind: str, note: str) -> str | None:
    """Why saying "no change needed" to French paragraph `fr_index` is refused (None when it is not): the agency
    corrected that French, so whoever says the English needs no change must say why."""
    if kind != "no-change" or note.strip():
        return None
    hit = next((f for f in found if f.kind == "correction" and fr_index in f.fr), None)
    if hit is None:
        return None
    said = f" ({hit.note})" if hit.note else ""
    return f"the agency corrected French paragraph {fr_index}{said}: saying no change is needed takes a note saying why"


def wire_words(french: Sequence[Revision], at: datetime) -> str:
    """The wire's word on a story in a few words, for a story bar ('' when it says nothing out of the ordinary):
    KILLED and its note, withheld, correction and its note, embargoed until T or embargo lifted."""
    state = wire_state(french, at)
    latest = state.latest
    said = f": {latest.note}" if latest.note else ""
    parts = []
    if state.killed is not None:
        parts.append(f"KILLED{said}")
    elif latest.kind in ("withheld", "correction"):
        parts.append(f"{latest.kind}{said}")
    if state.embargo is not None:
        parts.append(f"embargoed until {state.embargo:%Y-%m-%d %H:%M %Z}".rstrip())
    elif state.embargo_lifted:
        parts.append("embargo lifted")
    return "; ".join(parts)
