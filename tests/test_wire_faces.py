"""Wire signals from each format (NewsML-G2, NewsML 1.2, ninjs) through import, `tracker status`, `tracker
stories` and the publish gate, on SQLite and PostgreSQL: a correction flags the corrected paragraph's English, a
kill asks for the English to be withdrawn until an editor records it, an embargo shows until it is lifted."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.wire_items import ENGLISH, FORMATS, write
from tracker.cli import main
from tracker.services import approvals
from tracker.services.desk import Desk
from tracker.storage import open_store

T = datetime.now(UTC).replace(microsecond=0)
KILL_NOTE = "KILL: story withdrawn, legal"


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    main([*args, "--format", "json"])
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _gate(capsys: pytest.CaptureFixture[str], url: str, slug: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", url, "status", slug, "--require", "approved"])
    return code, capsys.readouterr().err


def _desk(url: str) -> tuple[str, str]:
    """The story's slug and the name the CLI's editor acts as (the connection's role on PostgreSQL)."""
    with open_store(url) as store:
        slug = store.stories()[0].slug
        store.add_user("chief", "admin", by="chief", at=T)
        store.add_user("tina", "translator", by="chief", at=T)
        editor = store.db_user() or "ed"
        store.add_user(editor, "editor", by="chief", at=T)
        fr = store.revision(slug, "fr")
        Desk(store, "tina", clock=lambda: T).save_english(slug, (), ENGLISH, fr_rev=fr.number, expected_en_rev=None)
        approvals.decide(store, slug, "approved", by=editor, at=T, note="ok")
    return slug, editor


def _state(capsys: pytest.CaptureFixture[str], url: str, slug: str) -> str:
    stories = _json(capsys, "--db", url, "stories")["stories"]
    capsys.readouterr()
    main(["--db", url, "stories"])
    table = capsys.readouterr().out
    assert stories  # type: ignore[truthy-bool]
    return next(line for line in table.splitlines() if line.startswith(slug))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_correction_then_a_kill_from_each_format(
    db_url: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "import", write(tmp_path, fmt, 1, urgency=1)]) == 0
    slug, editor = _desk(db_url)
    assert _gate(capsys, db_url, slug)[0] == 0

    note = "CORRECTS budget figure in para 1"
    assert main(["--db", db_url, "import", write(tmp_path, fmt, 2, "correction", note, n=15)]) == 0
    status = _json(capsys, "--db", db_url, "status", slug)
    flags = status["flags"]
    assert [(f["kind"], f["fr"], f["en"], f["note"]) for f in flags] == [("correction", [1], [1], note)]  # type: ignore[attr-defined]
    assert "correction 1" in _state(capsys, db_url, slug)
    capsys.readouterr()
    main(["--db", db_url, "status", slug])
    text = capsys.readouterr().out
    assert f"correction   fr 1 → en 1: corrected by the agency in fr r2: {note}" in text and "{+15+}" in text
    assert main(["--db", db_url, "--as", editor, "ack", slug, "1", "--kind", "no-change"]) == 2
    capsys.readouterr()
    main(["--db", db_url, "show", slug, "--side-by-side"])
    assert f"↳ correction: corrected by the agency in fr r2: {note}" in capsys.readouterr().out
    # a CAT tool is told the corrected row is not done
    assert main(["--db", db_url, "export", slug, str(tmp_path / "out"), "--format", "xliff12"]) == 0
    (exported,) = (tmp_path / "out").iterdir()
    assert exported.read_text(encoding="utf-8").count('state="needs-review-translation"') == 1

    assert main(["--db", db_url, "import", write(tmp_path, fmt, 3, "kill", KILL_NOTE)]) == 0
    status = _json(capsys, "--db", db_url, "status", slug)
    assert [f["kind"] for f in status["flags"]] == ["withdraw"]  # type: ignore[attr-defined]
    assert status["approval"]["state"] == "void"  # type: ignore[index]
    code, err = _gate(capsys, db_url, slug)
    assert code == 1 and KILL_NOTE in err
    assert "KILLED, withdraw" in _state(capsys, db_url, slug)
    assert main(["--db", db_url, "--as", editor, "withdraw", slug, "--note", "taken off the site at 09:12"]) == 0
    assert "KILLED, withdrawn" in _state(capsys, db_url, slug)
    code, err = _gate(capsys, db_url, slug)
    assert code == 1 and "withdrawn by" in err  # withdrawn is not publishable

    assert main(["--db", db_url, "import", write(tmp_path, fmt, 4, n=16)]) == 0
    status = _json(capsys, "--db", db_url, "status", slug)
    assert status["withdraw"] is None and "withdraw" not in [f["kind"] for f in status["flags"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_embargo_shows_in_every_face_until_a_later_version_lifts_it(
    db_url: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    until = (T + timedelta(days=3)).replace(minute=0, second=0)
    stamp = until.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert main(["--db", db_url, "import", write(tmp_path, fmt, 1, until=stamp)]) == 0
    slug, _ = _desk(db_url)
    words = f"embargoed until {until:%Y-%m-%d %H:%M} UTC"
    code, err = _gate(capsys, db_url, slug)
    assert code == 1 and words in err  # approved, but not before its time
    assert words in _state(capsys, db_url, slug)
    listed = _json(capsys, "--db", db_url, "stories")["stories"][0]  # type: ignore[index]
    assert listed["embargoed_until"] == until.isoformat()
    capsys.readouterr()
    main(["--db", db_url, "status", slug])
    assert words in capsys.readouterr().out

    assert main(["--db", db_url, "import", write(tmp_path, fmt, 2, n=13)]) == 0
    assert "embargo lifted" in _state(capsys, db_url, slug)
    wire = _json(capsys, "--db", db_url, "status", slug)["wire"]
    assert wire["embargo_lifted"] and wire["blocks_publishing"] is None  # type: ignore[index]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_withheld_item_is_refused_by_the_publish_gate(
    sqlite_url: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "import", write(tmp_path, fmt, 1)]) == 0
    slug, _ = _desk(sqlite_url)
    assert main(["--db", sqlite_url, "import", write(tmp_path, fmt, 2, "withheld", "HOLD: checking the figure")]) == 0
    code, err = _gate(capsys, sqlite_url, slug)
    assert code == 1 and "withheld by the agency: HOLD: checking the figure" in err
    assert "withheld" in _state(capsys, sqlite_url, slug)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_version_that_changes_only_the_signal_is_stored_and_reimporting_stores_nothing(
    sqlite_url: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # agencies resend the same text to kill, withhold, reissue or lift an embargo: each is a version of its own
    until = (T + timedelta(days=1)).strftime("%Y-%m-%dT%H:00:00Z")
    versions = [{}, {"kind": "kill", "note": KILL_NOTE}, {}, {"until": until}, {}, {"kind": "withheld"}]
    for v, options in enumerate(versions, start=1):
        assert main(["--db", sqlite_url, "import", write(tmp_path, fmt, v, **options)]) == 0  # type: ignore[arg-type]
    with open_store(sqlite_url) as store:
        slug = store.stories()[0].slug
        assert [r.number for r in store.revisions(slug, "fr")] == [1, 2, 3, 4, 5, 6]
    capsys.readouterr()
    assert main(["--db", sqlite_url, "import", str(tmp_path / fmt)]) == 0
    assert "0 imported, 6 skipped" in capsys.readouterr().err
