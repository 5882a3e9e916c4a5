"""Properties of flags and carried links for any revision pair: coverage, identity, no flag without a cause."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.diff import diff
from tracker.flags import carry_links, flags
from tracker.model import Link

SENTENCES = st.sampled_from(
    [
        "Le sommet s'est tenu lundi à Sotchi.",
        "Le bilan est de 6.500 morts.",
        "Bakou et Erevan n'ont pas signé d'accord.",
        "« Nous resterons en contact », a-t-il promis.",
        "La Russie veut rester l'arbitre de la région.",
        "bur-mba/cf/ial",
    ]
)
PARAGRAPH = st.lists(SENTENCES, min_size=1, max_size=3, unique=True).map(" ".join)
REVISION = st.lists(PARAGRAPH, min_size=1, max_size=8)


def one_to_one(n: int) -> tuple[Link, ...]:
    return tuple(Link((i,), (i,)) for i in range(n))


@given(REVISION)
def test_an_adaptation_of_the_current_french_has_no_flag(fr: list[str]) -> None:
    assert flags(fr, fr, fr, one_to_one(len(fr))) == ()


@given(REVISION, REVISION)
def test_carried_links_cover_every_current_french_and_english_paragraph_once(base: list[str], now: list[str]) -> None:
    carried = carry_links(one_to_one(len(base)), diff(base, now), len(now), len(base))
    assert sorted(j for link in carried for j in link.fr) == list(range(len(now)))
    assert sorted(e for link in carried for e in link.en) == list(range(len(base)))


@given(REVISION, REVISION)
def test_flags_point_at_current_french_and_existing_english(base: list[str], now: list[str]) -> None:
    for flag in flags(base, now, base, one_to_one(len(base))):
        assert all(0 <= j < len(now) for j in flag.fr)
        assert all(0 <= e < len(base) for e in flag.en)
        if flag.kind == "stale":
            assert any(c.substantive for c in flag.changes)
        if flag.kind == "orphaned":
            assert flag.fr == () and all(c.kind == "removed" for c in flag.changes)


@given(REVISION, REVISION)
def test_a_history_of_one_adaptation_flags_exactly_as_flags_does(base: list[str], now: list[str]) -> None:
    from tracker.flags import Adaptation, history_flags

    links = one_to_one(len(base))
    plain = flags(base, now, base, links)
    traced = history_flags(now, [Adaptation(tuple(base), tuple(base), links)])
    assert sorted(plain, key=repr) == sorted(traced, key=repr)
