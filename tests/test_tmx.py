"""TMX both ways: the export leaves out pairs whose English is behind its French (and says how many), translate-
toolkit reads it, and `tracker tm import` stores a CAT tool's memory once, with where it came from."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from translate.storage import tmx as tt_tmx

from sources.tmx import left_out, read_tmx
from tests.test_xliff_return import SLUG, db, export  # noqa: F401  (db is a fixture)
from tracker.cli import main
from tracker.services.alignment import decide
from tracker.services.memory import matches_for
from tracker.services.views import load_view
from tracker.storage import open_store

CAT = Path(__file__).parent / "data" / "cat"
AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def confirm_all(url: str) -> None:
    """A person confirms every one-to-one link of the shown pair, the stale one included."""
    with open_store(url) as store:
        view = load_view(store, SLUG)
        for row in (r for r in view.rows if r.link.kind == "1-1"):
            decide(store, SLUG, "confirm", row.link.fr, row.link.en, by="editor", at=AT)


def test_the_stale_pair_goes_out_with_the_french_it_was_written_from(db: str) -> None:  # noqa: F811
    confirm_all(db)
    data = export(db, "tmx")
    pairs = {en: fr for fr, en in read_tmx(data, "x.tmx")}
    stale_en = next(en for en in pairs if en.startswith("The summit was held in Sochi"))
    # the English was written from French r2, before the attribution was added: never paired with r3's French
    assert "selon les bilans" not in pairs[stale_en] and "286 morts." in pairs[stale_en]
    assert left_out(data) == 0
    memory = tt_tmx.tmxfile(data)
    assert {u.source for u in memory.units} == set(pairs.values())
    assert len(memory.units) == len(pairs) == 11  # every 1-1 row, the stale one beside its older French


def test_export_says_how_many_pairs_were_left_out(
    db: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    confirm_all(db)
    assert main(["--db", db, "export", SLUG, str(tmp_path / "all"), "--format", "tmx"]) == 0
    assert "left out" not in capsys.readouterr().err  # every confirmed pair went out
    # a stale row whose French base cannot be recovered (test_sources_export builds such flags): left out, said
    import sources.tmx

    monkeypatch.setattr(sources.tmx, "_old_text", lambda change: None)
    assert main(["--db", db, "export", SLUG, str(tmp_path / "some"), "--format", "tmx"]) == 0
    assert f"{SLUG}: 1 confirmed pair(s) left out of the TMX: English not up to date" in capsys.readouterr().err
    data = (tmp_path / "some" / f"{SLUG}.tmx").read_bytes()
    assert left_out(data) == 1 and len(read_tmx(data, "x")) == 10


def test_a_cat_tools_memory_is_stored_once_with_its_origin(
    db: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = CAT / "trados-export.tmx"
    assert main(["--db", db, "tm", "import", str(path), "--format", "json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["files"]
    assert (result["read"], result["added"]) == (2, 2)  # the French-German unit is not ours
    assert result["origin"] == "tmx:trados-export.tmx (SDL Language Platform 8.1)"
    assert main(["--db", db, "tm", "import", str(path)]) == 0
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith("0 new pair(s) of 2 from tmx:trados-export.tmx (SDL Language Platform 8.1)")
    )
    with open_store(db) as store:
        assert store.memory_size() == 2
        (first,) = [m.entry for m in matches_for(store, "La guerre de l’automne 2020 a fait plus de 6.500 morts.")]
        (found,) = [m.entry for m in matches_for(store, "Bakou et Erevan se sont entendus.")]
    assert first.fr == "La guerre de l’automne 2020 a fait plus de 6.500 morts."  # inline codes carry no text
    assert first.en == "The autumn 2020 war killed more than 6,500 people."
    assert (first.by, first.at) == ("DESK\\ben", datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
    assert found.en == "Baku and Yerevan agreed." and found.origin.startswith("tmx:trados-export.tmx")


def test_a_file_that_is_not_tmx_is_refused(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    path = tmp_path / "x.tmx"
    path.write_text("<xliff/>", encoding="utf-8")
    assert main(["--db", db, "tm", "import", str(path)]) == 3
    assert "not a TMX file" in capsys.readouterr().err
