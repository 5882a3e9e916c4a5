"""Which decisions in force stand on each row of a view: acknowledgements of its French, waivers of its findings,
the confirmation of its link and approvals of its English paragraphs, each with who, when and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tracker.model import Acknowledgement, Approval, LinkDecision, Waiver
from tracker.view import Row, RowDecision

_ACK_WORDS = {"no-change": "acknowledged: no change needed", "omitted": "acknowledged: omitted on purpose"}


_LINK_WORDS = {"confirm": "confirmed", "relink": "relinked", "unlink": "unlinked", "merge": "merged", "split": "split"}


def _on_row(
    row: Row,
    fr: set[str],
    en: set[str],
    acks: Sequence[Acknowledgement],
    waivers: Sequence[Waiver],
    links: Sequence[LinkDecision],
    approvals: Sequence[Approval],
) -> tuple[RowDecision, ...]:
    out = [RowDecision("ack", _ACK_WORDS[a.kind], a.by, a.at, a.note, a) for a in acks if a.fr_hash in fr]
    out += [
        RowDecision("waiver", f"waived {w.check}", w.by, w.at, w.reason, w)
        for w in waivers
        if (w.fr_hashes or w.en_hashes) and set(w.fr_hashes) <= fr and set(w.en_hashes) <= en
    ]
    out += [
        RowDecision("link", f"link {_LINK_WORDS.get(d.action, d.action)}", d.by, d.at, "", d)
        for d in links
        if any((k.fr, k.en) == (row.link.fr, row.link.en) for k in d.links)
    ]
    out += [
        RowDecision("approval", f"paragraph {a.verdict}", a.by, a.at, a.note, a)
        for a in approvals
        if a.paragraph is not None and a.paragraph in en
    ]
    return tuple(sorted(out, key=lambda d: d.at))


def with_decisions(
    rows: Sequence[Row],
    acks: Sequence[Acknowledgement],
    waivers: Sequence[Waiver],
    links: Sequence[LinkDecision],
    approvals: Sequence[Approval],
) -> tuple[Row, ...]:
    """The rows, each carrying the decisions that stand on it (only rows a decision names are looked at)."""
    hashes = {a.fr_hash for a in acks} | {a.paragraph for a in approvals if a.paragraph}
    hashes |= {h for w in waivers for h in (*w.fr_hashes, *w.en_hashes)}
    linked = {(k.fr, k.en) for d in links for k in d.links}
    if not (hashes or linked):
        return tuple(rows)
    out = []
    for row in rows:
        fr, en = {p.hash for p in row.fr}, {p.hash for p in row.en}
        if (fr | en) & hashes or (row.link.fr, row.link.en) in linked:
            found = _on_row(row, fr, en, acks, waivers, links, approvals)
            row = replace(row, decisions=found) if found else row
        out.append(row)
    return tuple(out)
