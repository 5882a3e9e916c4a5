"""`tracker terms import`: a TBX termbase (TBX-Basic and TBX v3) feeds the names check beside `[names]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sources.tbx import read_tbx
from tracker.cli import main
from tracker.services.views import load_view
from tracker.storage import open_store

CAT = Path(__file__).parent / "data" / "cat"


def test_tbx_basic_gives_each_french_term_its_allowed_english() -> None:
    terms, skipped = read_tbx((CAT / "desk-basic.tbx").read_bytes(), "desk.tbx", "tbx:desk.tbx")
    pairs = {(t.fr, t.en, t.status) for t in terms}
    assert pairs == {
        ("Ratisbonne", "Regensburg", "preferredTerm"),  # the deprecated "Ratisbon" is never allowed
        ("OTSC", "CSTO", "admittedTerm"),
        ("Organisation du traité de sécurité collective", "CSTO", "admittedTerm"),
    }
    assert skipped == 1  # the French-only concept
    assert {t.concept for t in terms} == {"c-ratisbonne", "c-otsc"}


def test_tbx_v3_reads_the_same_way() -> None:
    terms, skipped = read_tbx((CAT / "desk-v3.tbx").read_bytes(), "v3.tbx", "tbx:v3.tbx")
    assert [(t.fr, t.en) for t in terms] == [("Mayence", "Mainz")] and skipped == 0


def test_a_file_that_is_not_tbx_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.tbx"
    path.write_text("<tmx/>", encoding="utf-8")
    assert main(["--db", str(tmp_path / "d.db"), "terms", "import", str(path)]) == 3
    assert "not a TBX file" in capsys.readouterr().err


def test_the_termbase_feeds_the_names_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "desk.db")
    fr, en = tmp_path / "fr.txt", tmp_path / "en.txt"
    fr.write_text("Le sommet se tiendra à Ratisbonne, a annoncé le ministre.\n", encoding="utf-8")
    en.write_text("The summit will be held in Regensburg, the minister announced.\n", encoding="utf-8")
    assert main(["--db", db, "import", str(fr), "--story", "summit", "--lang", "fr"]) == 0
    assert main(["--db", db, "import", str(en), "--story", "summit", "--lang", "en"]) == 0

    def names_findings() -> list[str]:
        with open_store(db) as store:
            return [f.message for r in load_view(store, "summit").rows for f in r.findings if f.check == "names"]

    assert names_findings() == ["French Ratisbonne not found in the English"]
    capsys.readouterr()
    assert main(["--db", db, "terms", "import", str(CAT / "desk-basic.tbx"), "--format", "json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["files"]
    assert (result["read"], result["added"], result["skipped"]) == (3, 3, 1)
    assert names_findings() == []
    assert main(["--db", db, "terms", "import", str(CAT / "desk-basic.tbx")]) == 0
    assert "0 new term pair(s) of 3" in capsys.readouterr().out
