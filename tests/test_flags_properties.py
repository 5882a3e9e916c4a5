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


@st.composite
def edited_adaptation(draw: st.DrawFn) -> tuple[list[str], list[str], tuple[Link, ...], set[int]]:
    """A French base, the same French with some paragraphs rewritten, links grouping neighbours onto one English
    paragraph each, and which current paragraphs changed."""
    n = draw(st.integers(min_value=2, max_value=9))
    base = [f"Paragraphe {i} : {draw(SENTENCES)}" for i in range(n)]
    changed = set(draw(st.sets(st.integers(min_value=0, max_value=n - 1), min_size=1)))
    now = [f"{text} Le bilan est passé à {7000 + i} morts." if i in changed else text for i, text in enumerate(base)]
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=n - 1))))
    bounds = [0, *cuts, n]
    links = tuple(Link(tuple(range(a, b)), (k,)) for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)))
    return base, now, links, changed


@given(edited_adaptation())
def test_a_flag_names_only_the_french_paragraphs_whose_text_changed(
    case: tuple[list[str], list[str], tuple[Link, ...], set[int]],
) -> None:
    base, now, links, changed = case
    found = flags(base, now, [f"EN {k}" for k in range(len(links))], links)
    for flag in found:
        if flag.kind in ("stale", "cosmetic"):
            assert set(flag.fr) <= changed
    assert {j for f in found if f.kind == "stale" for j in f.fr} == changed  # every change is flagged once


@given(edited_adaptation())
def test_after_a_split_an_unchanged_french_only_row_is_never_stale(
    case: tuple[list[str], list[str], tuple[Link, ...], set[int]],
) -> None:
    from tracker.model import Paragraph
    from tracker.view import build_rows

    base, now, links, changed = case
    en = [f"EN {k}" for k in range(len(links))]
    found = flags(base, now, en, links)
    # the person splits every link after its first paragraph: the rest stand alone, French only
    shown = [Link(link.fr[:1], link.en) for link in links] + [Link((j,), ()) for link in links for j in link.fr[1:]]
    rows = build_rows(
        [Paragraph(i, t, i, i) for i, t in enumerate(now)],
        [Paragraph(k, t, k, k) for k, t in enumerate(en)],
        shown,
        found,
    )
    for row in rows:
        if row.fr and not row.en and row.fr[0].index not in changed:
            assert not [f for f in row.flags if f.kind in ("stale", "cosmetic")], row
