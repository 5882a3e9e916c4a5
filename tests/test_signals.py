"""Wire signals decide what the English must do: each French revision's kind from its importer's meta, the story's
standing (a kill until a reissue, an embargo until its time or a lift), and the publish gate that obeys them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.model import Revision
from tracker.services import approvals
from tracker.services.desk import Desk
from tracker.services.views import load_view
from tracker.signals import signal_of, wire_state
from tracker.storage import open_store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def rev(number: int, **meta: str) -> Revision:
    return Revision("s", "fr", number, T, "AFP", "h", meta=tuple(meta.items()))


def test_each_kind_is_read_from_the_stored_signals() -> None:
    assert signal_of(rev(1), first=True).kind == "new"
    assert signal_of(rev(2)).kind == "update"
    correction = signal_of(rev(3, signals="update,correction", correctionNote="CORRECTS toll in para 3"))
    assert (correction.kind, correction.note) == ("correction", "CORRECTS toll in para 3")
    assert signal_of(rev(4, pubStatus="canceled", edNote="KILL: legal")).kind == "kill"
    assert signal_of(rev(5, pubStatus="withheld")).kind == "withheld"
    embargoed = signal_of(rev(6, embargoed="2026-11-03T06:00:00Z", urgency="2"))
    assert embargoed.kind == "embargoed" and embargoed.embargo == datetime(2026, 11, 3, 6, tzinfo=UTC)
    assert embargoed.urgency == 2
    assert signal_of(rev(7, urgency="99999"), first=True).urgency is None  # absurd urgencies are none
    assert signal_of(rev(8, embargoed="20261103T060000+0000")).embargo == datetime(2026, 11, 3, 6, tzinfo=UTC)


def test_a_kill_stands_until_a_later_version_reissues_the_story() -> None:
    killed = wire_state([rev(1), rev(2, pubStatus="canceled", edNote="withdrawn")], T)
    assert killed.killed is not None and killed.blocks_publishing == "killed by the agency: withdrawn"
    reissued = wire_state([rev(1), rev(2, pubStatus="canceled"), rev(3)], T)
    assert reissued.killed is None and reissued.blocks_publishing is None


def test_an_embargo_holds_until_its_time_or_a_version_that_lifts_it() -> None:
    until = T + timedelta(hours=2)
    history = [rev(1, embargoed=until.isoformat())]
    assert wire_state(history, T).embargo == until and "embargoed until" in str(
        wire_state(history, T).blocks_publishing
    )
    assert wire_state(history, until + timedelta(minutes=1)).blocks_publishing is None
    lifted = wire_state([*history, rev(2)], T)
    assert lifted.embargo is None and lifted.embargo_lifted


G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:20261102:kill-test" version="{v}"
  standard="NewsML-G2" standardversion="2.29">
 <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-02T0{v}:00:00Z</versionCreated>
  <pubStatus qcode="stat:{status}"/>{extra}</itemMeta>
 <contentMeta><urgency>{urgency}</urgency><headline>Le conseil vote le budget</headline>
  <language tag="fr"/></contentMeta>
 <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
  <p>Le conseil municipal a voté un budget de {n} millions d'euros lundi soir.</p>
  <p>L'opposition a dénoncé une hausse des impôts.</p></body></html></inlineXML></contentSet>
</newsItem>
"""


def _item(tmp: Path, v: int, *, status: str = "usable", extra: str = "", urgency: int = 4, n: int = 12) -> str:
    path = tmp / f"item-v{v}.xml"
    path.write_text(G2.format(v=v, status=status, extra=extra, urgency=urgency, n=n), encoding="utf-8")
    return str(path)


def _state(url: str, capsys: pytest.CaptureFixture[str], slug: str) -> tuple[int, dict[str, object]]:
    capsys.readouterr()
    gate = main(["--db", url, "status", slug, "--require", "approved"])
    capsys.readouterr()
    main(["--db", url, "status", slug, "--format", "json"])
    return gate, json.loads(capsys.readouterr().out)


def _flags(data: dict[str, object]) -> list[tuple[str, bool]]:
    return [(f["kind"], f["acknowledged"]) for f in data["flags"]]  # type: ignore[attr-defined,index]


def test_a_storys_life_urgent_update_correction_kill_reissue(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "import", _item(tmp_path, 1, urgency=1)]) == 0
    with open_store(db_url) as store:
        slug = store.stories()[0].slug
        store.add_user("chief", "admin", by="chief", at=T)
        store.add_user("ed", "editor", by="chief", at=T)
        store.add_user("tina", "translator", by="chief", at=T)
        # on PostgreSQL the CLI acts as the connection's role: that role is the desk's editor here
        roles = store.db_user() is not None
        editor = store.db_user() or "ed"
        if store.user(editor) is None:
            store.add_user(editor, "editor", by="chief", at=T)
        view = load_view(store, slug)
        english = (
            "Council passes the budget\n\nThe city council passed a 12 million euro budget on Monday evening."
            "\n\nThe opposition decried a tax rise."
        )
        Desk(store, "tina", clock=lambda: T).save_english(
            slug, (), english, fr_rev=view.fr.number, expected_en_rev=None
        )
        approvals.decide(store, slug, "approved", by="ed", at=T + timedelta(minutes=5), note="ok")
    gate, data = _state(db_url, capsys, slug)
    assert gate == 0 and data["wire"]["kind"] == "new" and data["wire"]["urgency"] == 1  # type: ignore[index]
    assert _flags(data) == [] and data["withdraw"] is None

    signal = '<signal qcode="sig:correction"/><edNote>CORRECTS figure in para 1</edNote>'
    assert main(["--db", db_url, "import", _item(tmp_path, 2, extra=signal, n=15)]) == 0
    gate, data = _state(db_url, capsys, slug)
    assert data["wire"]["kind"] == "correction" and "para 1" in data["wire"]["note"]  # type: ignore[index]
    assert gate == 1  # the French changed under the approval
    # the corrected paragraph's English is flagged correction, with the French diff and the agency's note
    assert _flags(data) == [("correction", False)]
    corrected = data["flags"][0]  # type: ignore[index]
    assert corrected["fr"] == [1] and corrected["en"] == [1] and corrected["note"] == "CORRECTS figure in para 1"
    assert any(["+", "15"] in c["words"] for c in corrected["changes"])
    # "no change needed" on a corrected paragraph takes a note: refused without one (exit 2, one line)
    capsys.readouterr()
    assert main(["--db", db_url, "--as", editor, "ack", slug, "1", "--kind", "no-change"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "corrected" in err and "note" in err
    ack = ["--db", db_url, "--as", editor, "ack", slug, "1", "--kind", "no-change", "--note", "we ran 15 already"]
    assert main(ack) == 0
    _, data = _state(db_url, capsys, slug)
    assert _flags(data) == [("correction", True)]

    assert main(["--db", db_url, "import", _item(tmp_path, 3, status="canceled", extra="<edNote>KILL</edNote>")]) == 0
    gate, data = _state(db_url, capsys, slug)
    assert gate == 1 and data["wire"]["killed"] is True  # type: ignore[index]
    # every English paragraph must be withdrawn; the approval no longer counts
    assert _flags(data) == [("withdraw", False)] and data["flags"][0]["en"] == [0, 1, 2]  # type: ignore[index]
    assert data["withdraw"] == {"kill_rev": 3, "en_revs": [1], "recorded": None}
    assert data["approval"]["state"] == "void" and not data["approval"]["publishable"]  # type: ignore[index]
    main(["--db", db_url, "status", slug, "--require", "approved"])
    assert "killed by the agency: KILL" in capsys.readouterr().err
    assert main(["--db", db_url, "status", slug]) == 1  # the withdrawal is work left to do
    main(["--db", db_url, "log", slug])
    assert "[KILL]" in capsys.readouterr().out
    # an editor records the withdrawal, with a note; a translator may not, nor may anyone without a note
    if not roles:  # (on PostgreSQL the database's trigger refuses a translator: tests/test_trust_database.py)
        assert main(["--db", db_url, "--as", "tina", "withdraw", slug, "--note", "down"]) == 1
    assert main(["--db", db_url, "--as", editor, "withdraw", slug, "--note", " "]) == 1
    assert main(["--db", db_url, "--as", editor, "withdraw", slug, "--note", "unpublished from the site"]) == 0
    assert main(["--db", db_url, "--as", editor, "withdraw", slug, "--note", "again"]) == 1  # recorded already
    gate, data = _state(db_url, capsys, slug)
    assert _flags(data) == [("withdraw", True)]
    assert data["withdraw"]["recorded"]["note"] == "unpublished from the site"  # type: ignore[index]
    assert data["withdraw"]["recorded"]["by"] == editor  # type: ignore[index]
    assert gate == 1 and main(["--db", db_url, "status", slug]) == 0  # nothing left to do, nothing to publish
    main(["--db", db_url, "status", slug, "--require", "approved"])
    assert f"withdrawn by {editor}" in capsys.readouterr().err
    main(["--db", db_url, "audit", slug])
    assert "unpublished from the site" in capsys.readouterr().out
    assert main(["--db", db_url, "audit", "--verify"]) == 0

    assert main(["--db", db_url, "import", _item(tmp_path, 4, n=16)]) == 0
    _, data = _state(db_url, capsys, slug)
    assert data["wire"]["killed"] is False and data["wire"]["kind"] == "update"  # type: ignore[index]
    # the reissue starts the story again: no withdraw flag; the English never took the correction in, and the
    # acknowledgement lapsed with the text it was given on
    assert _flags(data) == [("correction", False)] and data["withdraw"] is None
    assert data["approval"]["state"] == "outdated"  # type: ignore[index]
    assert main(["--db", db_url, "--as", editor, "withdraw", slug, "--note", "late"]) == 1  # not killed now


def test_the_stories_list_puts_corrections_first_and_sorts_by_urgency(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calm, urgent = tmp_path / "calm", tmp_path / "urgent"
    calm.mkdir()
    urgent.mkdir()
    body = G2.replace("kill-test", "{slug}")
    (calm / "a.xml").write_text(body.format(v=1, status="usable", extra="", urgency=6, n=3, slug="calm"), "utf-8")
    (urgent / "b.xml").write_text(body.format(v=1, status="usable", extra="", urgency=1, n=4, slug="flash"), "utf-8")
    for folder in (calm, urgent):
        assert main(["--db", sqlite_url, "import", str(next(folder.iterdir()))]) == 0
    capsys.readouterr()
    main(["--db", sqlite_url, "stories", "--sort", "urgency", "--format", "json"])
    listed = json.loads(capsys.readouterr().out)["stories"]
    assert [s["urgency"] for s in listed] == [1, 6]


def _texts(number: int, texts: tuple[str, ...], **meta: str) -> Revision:
    from tracker.model import Paragraph

    paragraphs = tuple(Paragraph(i, t) for i, t in enumerate(texts))
    return Revision("s", "fr", number, T, "AFP", f"h{number}", paragraphs, meta=tuple(meta.items()))


def test_a_correction_marks_only_the_stale_flags_whose_french_it_changed_after_the_english() -> None:
    from tracker.diff import diff
    from tracker.model import Flag
    from tracker.wire_flags import corrections, mark_corrections

    v1 = _texts(1, ("Le bilan est de 12 morts.", "La pluie continue."))
    v2 = _texts(2, ("Le bilan est de 15 morts.", "La pluie continue."), signals="correction", edNote="CORRECTS toll")
    v3 = _texts(3, ("Un nouveau paragraphe en tête.", "Le bilan est de 15 morts.", "La pluie cesse."))
    made = corrections([v1, v2, v3], diff)
    # the corrected paragraph is followed onto the latest French, where it moved down one
    assert [(c.fr_rev, c.note, sorted(c.fr)) for c in made] == [(2, "CORRECTS toll", [1])]
    stale_toll, stale_rain = Flag("stale", (1,), (0,), since=1), Flag("stale", (2,), (1,), since=1)
    marked = mark_corrections([stale_toll, stale_rain, Flag("stale", (1,), (0,), since=2)], made)
    assert [f.kind for f in marked] == ["correction", "stale", "stale"]  # English written after it: plain stale
    assert marked[0].note == "CORRECTS toll"
    assert marked[0].reasons[0] == "corrected by the agency in fr r2: CORRECTS toll"


def test_no_change_on_a_corrected_paragraph_takes_a_note() -> None:
    from tracker.model import Flag
    from tracker.wire_flags import ack_refusal

    found = [Flag("correction", (1,), (1,), note="CORRECTS toll")]
    assert "CORRECTS toll" in str(ack_refusal(found, 1, "no-change", ""))
    assert ack_refusal(found, 1, "no-change", "the English had 15 already") is None
    assert ack_refusal(found, 0, "no-change", "") is None and ack_refusal(found, 1, "omitted", "") is None


def test_a_kill_leaves_one_withdraw_flag_until_its_withdrawal_and_a_reissue_ends_it() -> None:
    from tracker.diff import diff
    from tracker.model import Flag
    from tracker.wire_flags import Withdrawal, wire_flags

    v1, killed = _texts(1, ("Texte.",)), _texts(2, ("Texte.",), pubStatus="canceled", edNote="KILL")
    stale = (Flag("stale", (0,), (0,), since=1),)
    (flag,) = wire_flags(stale, [v1, killed], 2, (), diff)
    assert (flag.kind, flag.en, flag.acknowledged, flag.note) == ("withdraw", (0, 1), False, "KILL")
    done = Withdrawal("s", 2, killed.content_hash, "ed", T, "off the site")
    assert wire_flags(stale, [v1, killed], 2, [done], diff)[0].acknowledged
    # a withdrawal answers its own kill only: an older one, or one of other text, leaves the flag open
    assert not wire_flags(stale, [v1, killed], 2, [Withdrawal("s", 1, "x", "ed", T, "n")], diff)[0].acknowledged
    assert wire_flags(stale, [v1, killed], 0, (), diff) == ()  # no English: nothing to withdraw
    assert wire_flags(stale, [v1, killed, _texts(3, ("Texte.",))], 2, [done], diff) == stale


def test_the_list_puts_open_kills_then_open_corrections_first_and_words_the_embargo() -> None:
    from tracker.listing import listed, state_parts
    from tracker.view import StorySummary

    def summary(slug: str, **fields: object) -> StorySummary:
        counts: dict[str, object] = {"stale": 0, "untranslated": 0, "qa": 0} | fields
        return StorySummary(slug, slug, 2, 1, approval="none", updated_at=T, **counts)  # type: ignore[arg-type]

    busy = summary("busy", stale=9)
    corrected = summary("corrected", corrections=1)
    killed = summary("killed", wire="kill", withdraw="open")
    settled = summary("settled", wire="kill", withdraw="done")
    order = [s.slug for s in listed([settled, busy, corrected, killed])]
    assert order == ["killed", "corrected", "busy", "settled"]
    assert [w for w, _ in state_parts(killed)] == ["KILLED", "withdraw"]
    assert [w for w, _ in state_parts(corrected)] == ["correction 1"]
    until = (T + timedelta(hours=3)).isoformat()
    embargoed = summary("e", wire="embargoed", embargo=until)
    assert state_parts(embargoed, T)[0][0] == "embargoed until 2026-11-02 11:00 UTC"
    assert state_parts(embargoed, T + timedelta(hours=4))[0][0] == "embargo lifted"
    assert state_parts(summary("l", embargo_lifted=True), T)[0][0] == "embargo lifted"
