"""Derived state kept by content: the cached view is the uncached one, a save derives only what it touched, and a
second desk on the same database finds what the first derived."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.bigstory import build_story
from tracker.diff import diff
from tracker.model import Link
from tracker.services.derived import DerivedCache, _changes_from_json, _changes_to_json
from tracker.services.desk import Desk
from tracker.services.edits import edited_links
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.services.views import load_view
from tracker.storage import Store

T = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
_STORIES = itertools.count()


def _edit_rows(desk: Desk, slug: str, rows: list[int]) -> None:
    for n in rows:
        view = desk.view(slug)
        assert view.en is not None
        row = next(r for r in view.rows[n:] if r.en and r.fr)
        text = row.en[0].text.replace("the", "a") + " It said 12 words."
        desk.save_english(
            slug, row.link.en, text, fr_rev=view.fr.number, expected_en_rev=view.en.number, fr=row.link.fr
        )


def test_a_cached_view_is_the_uncached_view_of_the_sample_after_edits(store: Store) -> None:
    seed_sample(store)
    desk = Desk(store, "tina", clock=lambda: T)
    assert desk.view(SAMPLE_SLUG) == load_view(store, SAMPLE_SLUG)
    _edit_rows(desk, SAMPLE_SLUG, [2, 7])
    desk.ack(SAMPLE_SLUG, 5, "no-change", "checked", fr_rev=3)
    for fr_rev, en_rev in ((None, None), (2, 1), (3, 2), (1, 3)):
        assert desk.view(SAMPLE_SLUG, fr_rev, en_rev) == load_view(store, SAMPLE_SLUG, fr_rev, en_rev)


def test_a_cached_view_is_the_uncached_view_of_a_long_story(memory_store: Store) -> None:
    build_story(memory_store, "long", 120)
    desk = Desk(memory_store, "tina", clock=lambda: T)
    _edit_rows(desk, "long", [3, 40, 90])
    cached = desk.view("long")
    assert cached == load_view(memory_store, "long")
    assert any(r.findings for r in cached.rows) and any(r.flags for r in cached.rows)


def test_a_save_derives_again_only_the_links_it_touched(memory_store: Store) -> None:
    build_story(memory_store, "long", 120)
    desk = Desk(memory_store, "tina", clock=lambda: T)
    desk.view("long")
    before = desk.derived.computed
    _edit_rows(desk, "long", [50])
    desk.view("long")
    # the edited link's findings, the new English revision's diff from the one before (and nothing else)
    assert 1 <= desk.derived.computed - before <= 3


def test_another_desk_on_the_same_database_finds_what_the_first_derived(store: Store) -> None:
    build_story(store, "long", 60)
    first = Desk(store, "tina", clock=lambda: T)
    first.view("long")
    assert first.derived.computed > 0
    second = Desk(store, "ed", clock=lambda: T)
    assert second.view("long") == first.view("long")
    assert second.derived.computed == 0


def test_a_cache_that_cannot_be_read_is_derived_again(memory_store: Store) -> None:
    build_story(memory_store, "long", 30)
    with memory_store._write() as conn:  # a schema whose cache table went missing
        conn.exec_driver_sql("DROP TABLE derived_cache")
    cache = DerivedCache(memory_store)
    assert load_view(memory_store, "long", cache=cache) == load_view(memory_store, "long")


def _links(n_fr: int, n_en: int, cuts: list[int]) -> tuple[Link, ...]:
    """A monotone alignment covering both sides once, some links one-sided."""
    links, i, j = [], 0, 0
    for c in cuts:
        if i < n_fr and j < n_en:
            take = c % 3
            if take == 0:
                links.append(Link((i,), ()))
                i += 1
            elif take == 1:
                links.append(Link((), (j,)))
                j += 1
            else:
                links.append(Link((i,), (j,), 0.8))
                i, j = i + 1, j + 1
    links += [Link((k,), ()) for k in range(i, n_fr)] + [Link((), (k,)) for k in range(j, n_en)]
    return tuple(links)


@settings(max_examples=200, deadline=None)
@given(
    n_fr=st.integers(1, 12),
    n_en=st.integers(1, 12),
    cuts=st.lists(st.integers(0, 8), max_size=30),
    data=st.data(),
)
def test_an_edit_keeps_every_paragraph_in_exactly_one_link(
    n_fr: int, n_en: int, cuts: list[int], data: st.DataObject
) -> None:
    links = _links(n_fr, n_en, cuts)
    start = data.draw(st.integers(0, n_en))
    end = data.draw(st.integers(start - 1, n_en - 1))
    n_new = data.draw(st.integers(0, 3))
    fr = data.draw(st.lists(st.integers(0, n_fr - 1), max_size=2, unique=True))
    out = edited_links(links, start, end, n_new, fr)
    n_after = n_en - (end - start + 1) + n_new
    assert sorted(i for k in out for i in k.fr) == list(range(n_fr))
    assert sorted(j for k in out for j in k.en) == list(range(n_after))
    assert all(k.fr or k.en for k in out)
    if fr and n_new:
        assert Link(tuple(sorted(fr)), tuple(range(start, start + n_new)), 1.0, True) in out
    # links that touched neither the edit nor its French are carried as they were, shifted
    for k in links:
        if set(k.fr) & set(fr) or any(start <= j <= end for j in k.en) or (not fr and start in k.en):
            continue
        shifted = tuple(j if j < start else j + n_new - (end - start + 1) for j in k.en)
        assert Link(k.fr, shifted, k.score, k.confirmed) in out


@settings(max_examples=60, deadline=None)
@given(
    old=st.lists(
        st.sampled_from(["Le sommet.", "Il a dit 12 mots.", "Bakou.", "", "Erevan, lundi.", "Fin."]), max_size=9
    ),
    edits=st.lists(
        st.tuples(
            st.integers(0, 9),
            st.sampled_from(["", "Le sommet !", "Il a dit 13 mots.", "Bakou."]),
            st.sampled_from(["replace", "insert", "remove"]),
        ),
        max_size=4,
    ),
)
def test_a_stored_diff_reads_back_as_computed(old: list[str], edits: list[tuple[int, str, str]]) -> None:
    """Runs of unchanged paragraphs are stored as index runs: an insertion, a removal or a move ends a run."""
    new = list(old)
    for at, text, how in edits:
        at = min(at, len(new))
        if how == "insert":
            new.insert(at, text)
        elif how == "remove" and at < len(new):
            del new[at]
        elif at < len(new):
            new[at] = text
    changes = diff(old, new)
    assert _changes_from_json(_changes_to_json(changes, old), old) == changes


def _change_story(desk: Desk, slug: str, op: str, pick: int) -> None:
    """One step a translator takes: rewrite a row, split it in two, empty it, translate a French-only row, or
    acknowledge a French paragraph."""
    view = desk.view(slug)
    assert view.en is not None
    paired = [r for r in view.rows if r.en and r.fr and max(r.link.en) - min(r.link.en) == len(r.link.en) - 1]
    row = paired[pick % len(paired)]
    other = paired[(pick * 7 + 3) % len(paired)]
    text = {
        "rewrite": row.en[0].text.replace("the", "a") + f" It said {pick} words.",
        "split": f"{row.en[0].text}\n\nA paragraph of its own ({pick}).",
        "copy": other.en[0].text,  # the same text as another row: a diff may see it moved
        "french": row.fr[0].text,  # untranslated French: the QA checks find plenty
        "empty": "",
    }.get(op)
    if op == "translate":
        alone = [r for r in view.rows if r.fr and not r.en]
        if alone:
            target = alone[pick % len(alone)]
            desk.save_english(
                slug,
                (),
                f"Translated {pick}.",
                fr_rev=view.fr.number,
                expected_en_rev=view.en.number,
                fr=target.link.fr,
            )
        return
    if op == "ack":
        desk.ack(slug, row.fr[0].index, "no-change", "checked", fr_rev=view.fr.number)
        return
    assert text is not None
    if op == "empty" and len(view.en.paragraphs) <= len(row.en):
        return
    desk.save_english(slug, row.link.en, text, fr_rev=view.fr.number, expected_en_rev=view.en.number, fr=row.link.fr)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["rewrite", "split", "copy", "french", "empty", "translate", "ack"]), st.integers(0, 99)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_after_any_saves_the_desk_shows_what_a_full_derivation_shows(
    store: Store, steps: list[tuple[str, int]]
) -> None:
    """The derived state a desk keeps up to date save by save (cached findings, diffs, flags, carried links,
    the saved revision kept in memory) is exactly what deriving everything again from the facts gives, and what
    another desk reading the database's cache finds."""
    slug = f"story-{next(_STORIES)}"
    build_story(store, slug, 40)
    desk = Desk(store, "tina", clock=lambda: T)
    desk.view(slug)
    for op, pick in steps:
        _change_story(desk, slug, op, pick)
        cached = desk.view(slug)
        assert cached == load_view(store, slug)
        assert Desk(store, "ed", clock=lambda: T).view(slug) == cached
    view = desk.view(slug)
    assert view.en is not None
    for fr_rev, en_rev in ((1, view.en.number), (view.fr.number, 1)):
        assert desk.view(slug, fr_rev, en_rev) == load_view(store, slug, fr_rev, en_rev)


def test_the_collector_pause_nests_and_ends_with_the_last_one() -> None:
    import gc
    import threading

    from tracker.services.derived import collections_paused

    assert gc.isenabled()
    inside: list[bool] = []
    with collections_paused():
        worker = threading.Thread(target=lambda: inside.append(_paused_twice()))
        worker.start()
        worker.join()
        assert not gc.isenabled()  # the other thread's pause ended, this one holds
    assert inside == [True]
    assert gc.isenabled()
    try:
        with collections_paused():
            raise ValueError
    except ValueError:
        pass
    assert gc.isenabled()


def _paused_twice() -> bool:
    import gc

    from tracker.services.derived import collections_paused

    with collections_paused(), collections_paused():
        return not gc.isenabled()
