"""People's alignment corrections as facts: replaying link decisions into the links an automatic run must keep.

Every action (confirm, unlink, relink, merge, split) records the links it leaves behind; a later decision replaces
any earlier confirmed link that shares a paragraph with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.model import Link, LinkDecision

ACTIONS = ("confirm", "unlink", "relink", "merge", "split")


def confirmed_links(decisions: Iterable[LinkDecision]) -> tuple[Link, ...]:
    """The confirmed links in force after these decisions, in the order they were taken."""
    kept: list[Link] = []
    for decision in decisions:
        fr = {i for link in decision.links for i in link.fr}
        en = {j for link in decision.links for j in link.en}
        kept = [link for link in kept if not (fr & set(link.fr) or en & set(link.en))]
        kept.extend(Link(link.fr, link.en, link.score, True) for link in decision.links)
    return tuple(kept)


def decision_links(action: str, fr: Sequence[int], en: Sequence[int], current: Sequence[Link]) -> tuple[Link, ...]:
    """The links an action on French paragraphs `fr` and English paragraphs `en` leaves confirmed.

    Raises ValueError when the action does not fit the paragraphs given (the message says why).
    """
    fr_t, en_t = tuple(sorted(set(fr))), tuple(sorted(set(en)))
    if not fr_t and not en_t:
        raise ValueError("name at least one paragraph")
    if action == "unlink":
        return tuple(Link((i,), (), 0.0, True) for i in fr_t) + tuple(Link((), (j,), 0.0, True) for j in en_t)
    if action == "relink" and not (fr_t and en_t):
        raise ValueError("relink needs paragraphs on both sides")
    if action == "merge" and (len(fr_t) + len(en_t) < 3 or not (fr_t and en_t)):
        raise ValueError("merge needs two or more paragraphs on one side and one or more on the other")
    if action == "split":
        whole = [link for link in current if set(fr_t) & set(link.fr) or set(en_t) & set(link.en)]
        if len(whole) != 1 or (whole[0].fr, whole[0].en) == (fr_t, en_t):
            raise ValueError("split needs part of exactly one current link")
        if not (set(fr_t) <= set(whole[0].fr) and set(en_t) <= set(whole[0].en)):
            raise ValueError("split keeps paragraphs of the link being split only")
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    return (Link(fr_t, en_t, 1.0, True),)
