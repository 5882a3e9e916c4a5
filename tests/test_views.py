"""The stored sample story, viewed as a translator sees it, gives exactly the flags of expected.json."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.services.summaries import summarize
from tracker.services.views import load_view
from tracker.storage import Store

EXPECTED = json.loads((Path(__file__).parent / "data" / "sochi-expected.json").read_text(encoding="utf-8"))


def _open_flags(store: Store, en_rev: int) -> set[tuple[str, str, int]]:
    view = load_view(store, SAMPLE_SLUG, en_rev=en_rev)
    found: set[tuple[str, str, int]] = set()
    for row in view.rows:
        for flag in row.flags:
            if flag.kind in ("stale", "untranslated") and not flag.acknowledged:
                side, index = ("en", flag.en[0]) if flag.en else ("fr", flag.fr[0])
                found.add((flag.kind, side, index))
        for finding in row.findings:
            if finding.check == "numbers":
                found.add(("number-mismatch", "en", finding.en[0]))
    return found


def _expected(key: str) -> set[tuple[str, str, int]]:
    out = set()
    for item in EXPECTED[key]:
        side = "en" if "en" in item else "fr"
        out.add((item["flag"], side, item[side]))
    return out


def test_the_seeded_sample_flags_en_r1_exactly_as_expected(store: Store) -> None:
    seed_sample(store)
    assert _open_flags(store, en_rev=1) == _expected("flags_on_en.r1_after_fr.r3")


def test_the_seeded_sample_flags_en_r2_exactly_as_expected(store: Store) -> None:
    seed_sample(store)
    assert _open_flags(store, en_rev=2) == _expected("flags_on_en.r2_after_fr.r3")
    summary = summarize(load_view(store, SAMPLE_SLUG))
    assert (summary.stale, summary.untranslated, summary.qa, summary.approval) == (1, 0, 0, "none")


def test_rows_cover_every_paragraph_of_the_shown_revisions_once(store: Store) -> None:
    seed_sample(store)
    view = load_view(store, SAMPLE_SLUG, fr_rev=2, en_rev=1)
    assert view.en is not None
    assert sorted(i for row in view.rows for i in row.link.fr) == list(range(len(view.fr.paragraphs)))
    assert sorted(j for row in view.rows for j in row.link.en) == list(range(len(view.en.paragraphs)))


def test_a_story_with_no_french_yet_is_listed_not_fatal(store: Store) -> None:
    from datetime import UTC, datetime

    from tracker.model import Document, Paragraph
    from tracker.services.summaries import summaries

    seed_sample(store)
    doc = Document((Paragraph(0, "An English wire item."),))
    store.add_revision("wire-en", "en", doc, by="AFP", at=datetime(2026, 1, 1, tzinfo=UTC))
    listed = {s.slug: s for s in summaries(store)}
    assert set(listed) == {SAMPLE_SLUG, "wire-en"}
    assert (listed["wire-en"].fr_rev, listed["wire-en"].en_rev) == (0, 1)


def test_a_stale_flag_names_the_french_its_english_was_written_from(store: Store) -> None:
    seed_sample(store)
    view = load_view(store, SAMPLE_SLUG)  # English r2, based on French r3; paragraph 6 carried over from r1
    assert view.base is not None and view.base.number == 3
    stale = [f for row in view.rows for f in row.flags if f.kind == "stale"]
    assert stale and {f.since for f in stale} == {2}  # English r1 was written from French r2
