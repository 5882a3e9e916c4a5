"""One bad story never breaks the list or another story: its row says "error: <one line>", the rest as ever
(damaged stored data, a figure or a derivation that fails), on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from isolation import with_a_damaged_story
from sqlalchemy import text

from tracker.cli import main
from tracker.exitcodes import ExitCode
from tracker.services import summaries
from tracker.storage import Store


def _stories(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str]:
    code = main(["--db", url, "stories", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out


def test_a_story_with_damaged_data_is_one_error_row(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with_a_damaged_story(store)
    code, out = _stories(capsys, db_url)
    assert code == ExitCode.OK
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert set(rows) == {"good", "damaged", "other"}
    assert "error: damaged fr r1: its stored metadata is damaged" in rows["damaged"]
    assert "up to date" in rows["good"] and "no English" in rows["other"]
    assert len(out.splitlines()) == 4  # one line per story: the error is one line too

    code, out = _stories(capsys, db_url, "--format", "json")
    by_slug = {s["slug"]: s for s in json.loads(out)["stories"]}
    assert by_slug["damaged"]["state"] == "error" and "damaged" in by_slug["damaged"]["error"]
    assert (by_slug["damaged"]["fr_rev"], by_slug["damaged"]["en_rev"]) == (1, 1)  # what can still be read
    assert by_slug["good"]["state"] == "up-to-date" and by_slug["good"]["error"] is None

    assert main(["--db", db_url, "status", "good"]) == ExitCode.OK  # another story reads as ever
    assert main(["--db", db_url, "status", "damaged"]) == ExitCode.DATA  # the damaged one: one line, exit 3
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("tracker:")] == [
        line for line in err.splitlines() if "damaged fr r1" in line
    ]


def test_a_derivation_that_fails_for_one_story_is_that_storys_error_only(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_a_damaged_story(store)
    real = summaries.summarize

    def summarize(view: object) -> object:  # a figure no parser foresaw, a bug in a derivation
        if view.story.slug == "good":  # type: ignore[attr-defined]
            raise OverflowError("int too large to convert to float\nsecond line")
        return real(view)  # type: ignore[arg-type]

    monkeypatch.setattr(summaries, "summarize", summarize)
    found = {s.slug: s for s in summaries.summaries(store)}
    assert found["good"].error == "OverflowError: int too large to convert to float"
    assert found["other"].error == "" and found["other"].fr_rev == 1
    monkeypatch.undo()
    found = {s.slug: s for s in summaries.summaries(store)}  # an error is never cached: fixed, it reads again
    assert found["good"].error == "" and found["good"].up_to_date


def test_a_damaged_cached_summary_is_derived_again(store: Store) -> None:
    with_a_damaged_story(store)
    summaries.summaries(store)  # fills the database's summary cache
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE summary_cache SET summary = '{not json'"))
    found = {s.slug: s for s in summaries.summaries(store)}
    assert found["good"].up_to_date and found["other"].error == ""
