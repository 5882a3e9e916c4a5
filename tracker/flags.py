"""Flags on an adaptation, derived from facts: which English paragraphs are stale, which French ones are
untranslated, which English ones lost their source, and which sources changed only cosmetically.

Nothing here is stored: flags are recomputed from the revisions, the alignment and the acknowledgements,
so they can never drift out of date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tracker.diff import diff
from tracker.diff.lexicon import is_signature
from tracker.model import AckKind, Acknowledgement, Change, Flag, FlagKind, Link, text_hash

# what a flag that needs action can be; correction outranks every other (see FLAG_RANK)
ACTION_KINDS = frozenset({"withdraw", "correction", "stale", "untranslated", "orphaned"})
FLAG_RANK = {"withdraw": 0, "correction": 1, "stale": 2, "orphaned": 3, "untranslated": 4, "cosmetic": 5}

__all__ = [
    "ACTION_KINDS",
    "FLAG_RANK",
    "Adaptation",
    "carry_links",
    "flags",
    "history_flags",
    "needs_action",
    "written_in",
]


def needs_action(flag: Flag) -> bool:
    """True for flags someone must deal with: stale, correction, untranslated, orphaned or withdraw, and not
    acknowledged."""
    return flag.kind in ACTION_KINDS and not flag.acknowledged


def _text_changed(change: Change) -> bool:
    return change.kind != "unchanged" and not (change.kind == "moved" and change.reasons == ("moved",))


def _acked(acks: Sequence[Acknowledgement], kind: AckKind, texts: Sequence[str]) -> bool:
    """True when every one of these French texts carries an acknowledgement of `kind` for exactly that text."""
    hashes = {a.fr_hash for a in acks if a.kind == kind}
    return bool(texts) and all(text_hash(t) in hashes for t in texts)


def _reasons(changes: Sequence[Change]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for c in changes for r in c.reasons))


def flags(
    base_fr: Sequence[str],
    current_fr: Sequence[str],
    en: Sequence[str],
    links: Sequence[Link],
    acks: Sequence[Acknowledgement] = (),
    changes: Sequence[Change] | None = None,
) -> tuple[Flag, ...]:
    """Flags of English `en`, adapted from French `base_fr` through `links`, now that the French is `current_fr`.

    Flags carry current French indices and English indices; a stale flag carries every French change since
    `base_fr` (`changes` is `diff(base_fr, current_fr)`, computed when not given). Acknowledged flags are
    returned with `acknowledged=True`: "no-change" clears a stale flag, "omitted" an untranslated one, each only
    while the French paragraph's text is the one acknowledged. Desk signatures are never untranslated.
    """
    lineage = diff(base_fr, current_fr) if changes is None else changes
    by_old = {i: c for c in lineage for i in c.old}
    by_new = {j: c for c in lineage for j in c.new}
    out: list[Flag] = []
    covered: set[int] = set()
    for link in links:
        if not link.en or not link.fr:
            continue
        link_changes = list({id(c): c for i in link.fr if (c := by_old.get(i)) is not None}.values())
        current = tuple(sorted({j for c in link_changes for j in c.new}))
        covered.update(current)
        if not current:
            out.append(Flag("orphaned", (), link.en, ("French source removed",), tuple(link_changes)))
            continue
        # A flag names only the French paragraphs whose text changed: a paragraph the link also holds but that
        # did not change would show the flag (and its neighbour's reasons) on its own row once a split or a
        # relink gives it one, and count it twice in what is left to do.
        substantive = [c for c in link_changes if c.substantive]
        kind: FlagKind = "stale" if substantive else "cosmetic"
        cause = substantive or [c for c in link_changes if _text_changed(c)]
        if cause:
            fr = tuple(sorted({j for c in cause for j in c.new}))
            acked = _acked(acks, "no-change", [current_fr[j] for j in fr])
            out.append(Flag(kind, fr, link.en, _reasons(cause), tuple(cause), acked))
    for j, text in enumerate(current_fr):
        if j in covered or is_signature(text) or not text.strip():
            continue
        change = by_new.get(j)
        reason = "new French paragraph" if change is None or change.kind == "added" else "no English counterpart"
        acked = _acked(acks, "omitted", [text])
        out.append(Flag("untranslated", (j,), (), (reason,), (change,) if change else (), acked))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Adaptation:
    """One English revision as adapted: the French revision it was based on, its paragraphs, their alignment."""

    base_fr: tuple[str, ...]
    en: tuple[str, ...]
    links: tuple[Link, ...]
    base: int | None = None  # the number of that French revision, when known


Differ = Callable[[Sequence[str], Sequence[str]], tuple[Change, ...]]


def written_in(adaptations: Sequence[Adaptation], differ: Differ = diff) -> dict[int, tuple[int, int]]:
    """For each paragraph of the latest English: (adaptation index, paragraph index there) where its exact
    text was first written, following it back through the English revisions while it stays word for word."""
    latest = len(adaptations) - 1
    origin = {e: (latest, e) for e in range(len(adaptations[latest].en))}
    for k in range(latest - 1, -1, -1):
        back = {
            c.new[0]: c.old[0]
            for c in differ(adaptations[k].en, adaptations[k + 1].en)
            if c.kind == "unchanged" or (c.kind == "moved" and c.reasons == ("moved",))
        }
        for e, (at, idx) in origin.items():
            if at == k + 1 and idx in back:
                origin[e] = (k, back[idx])
    return origin


def history_flags(
    current_fr: Sequence[str],
    adaptations: Sequence[Adaptation],
    acks: Sequence[Acknowledgement] = (),
    differ: Differ = diff,
    flagger: Callable[..., tuple[Flag, ...]] | None = None,
) -> tuple[Flag, ...]:
    """Flags of the latest English revision (last of `adaptations`, oldest first) against `current_fr`.

    An English revision's stored base says which French the translator last worked from, but a paragraph
    carried over word for word from an earlier English revision was written against that earlier French.
    So each English paragraph is judged against the base of the revision where its text was last written:
    if its source changed substantively since then, it is stale until it is rewritten or acknowledged
    ("no-change"), whatever later revisions were based on. Untranslated French paragraphs follow the latest
    alignment only (they have no English text to trace back). `differ` and `flagger` stand for
    `diff` and `flags` (a caller may pass ones that remember).
    """
    if not adaptations:
        return ()
    latest = len(adaptations) - 1
    origin = written_in(adaptations, differ)
    out: list[Flag] = []
    for k, adaptation in enumerate(adaptations):
        mine = {idx: e for e, (at, idx) in origin.items() if at == k}
        if not mine and k != latest:
            continue
        changes = differ(adaptation.base_fr, current_fr)
        for flag in (flagger or flags)(adaptation.base_fr, current_fr, adaptation.en, adaptation.links, acks, changes):
            if flag.kind == "untranslated":
                if k == latest:
                    out.append(flag)
                continue
            en = tuple(mine[i] for i in flag.en if i in mine)
            if en:
                out.append(Flag(flag.kind, flag.fr, en, flag.reasons, flag.changes, flag.acknowledged, adaptation.base))
    return tuple(sorted(out, key=lambda f: (min(f.en, default=-1), min(f.fr, default=-1), f.kind)))


def carry_links(links: Sequence[Link], changes: Sequence[Change], n_current_fr: int, n_en: int) -> tuple[Link, ...]:
    """The base alignment restated on the current French: each link's French paragraphs replaced by what they
    became (`changes` is the base -> current lineage); links whose sources merged are joined; new French
    paragraphs get links of their own with no English; every paragraph of both sides appears exactly once."""
    by_old = {i: c for c in changes for i in c.old}
    groups: list[tuple[set[int], set[int], Link]] = []
    owner: dict[int, int] = {}
    for link in links:
        fr = {j for i in link.fr if i in by_old for j in by_old[i].new if j < n_current_fr}
        en = {e for e in link.en if e < n_en}
        if not fr and not en:
            continue
        joined = sorted({owner[j] for j in fr if j in owner})
        if joined:
            target = joined[0]
            for other in joined[1:]:
                groups[target][0].update(groups[other][0])
                groups[target][1].update(groups[other][1])
                groups[other] = (set(), set(), groups[other][2])
            groups[target][0].update(fr)
            groups[target][1].update(en)
        else:
            target = len(groups)
            groups.append((fr, en, link))
        for j in groups[target][0]:
            owner[j] = target
    carried = [
        Link(tuple(sorted(fr)), tuple(sorted(en)), link.score, link.confirmed) for fr, en, link in groups if fr or en
    ]
    seen_fr = {j for link in carried for j in link.fr}
    seen_en = {e for link in carried for e in link.en}
    carried += [Link((j,), ()) for j in range(n_current_fr) if j not in seen_fr]
    carried += [Link((), (e,)) for e in range(n_en) if e not in seen_en]
    return _reading_order(carried)


def _reading_order(links: list[Link]) -> tuple[Link, ...]:
    """French order; a link with no French sits right after the link holding the English paragraph before it."""
    key: dict[int, float] = {}
    for n, link in enumerate(links):
        if link.fr:
            key[n] = min(link.fr)
    by_en = {e: n for n, link in enumerate(links) for e in link.en}
    for n, link in sorted(enumerate(links), key=lambda item: min(item[1].en, default=0)):
        if n not in key:
            before = by_en.get(min(link.en) - 1)
            key[n] = key.get(before, -1.0) + 0.01 if before is not None else -0.99
    order = sorted(range(len(links)), key=lambda n: (key[n], min(links[n].en, default=-1)))
    return tuple(links[n] for n in order)
