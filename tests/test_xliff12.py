"""XLIFF 1.2 out and back (the CAT tools and TMS that speak only 1.2), memoQ's and Trados' flavours read, and
both XLIFF versions checked by real clients: the OASIS schemas and translate-toolkit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from sources.xliff12 import XLIFF12_NS, read_xliff12
from tests.schemas import errors
from tests.test_xliff_return import SLUG, db, export, give_back, refused, run  # noqa: F401  (db is a fixture)
from tracker.storage import open_store

NS = {"x": XLIFF12_NS}
CAT = Path(__file__).parent / "data" / "cat"
# shaped as memoQ 10 and Trados Studio 2024 write a returned file (see tests/data/cat/README.md)
MEMOQ = (CAT / "sochi.mqxliff").read_text(encoding="utf-8")
TRADOS = (CAT / "sochi.sdlxliff").read_text(encoding="utf-8")


def trans_unit(root: etree._Element, uid: str) -> etree._Element:
    (found,) = root.xpath(f"//x:trans-unit[@id='{uid}']", namespaces=NS)
    assert isinstance(found, etree._Element)
    return found


def french_only(url: str, tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("Premier paragraphe.\n\nDeuxième paragraphe, 6.500 morts.\n", encoding="utf-8")
    assert main_import(url, path, "--story", "brief", "--lang", "fr") == 0


def main_import(url: str, path: Path, *args: str) -> int:
    return run(url, str(path), *args)


def test_exports_are_valid_against_the_oasis_schemas(db: str, tmp_path: Path) -> None:  # noqa: F811
    assert errors("xliff-core-1.2-strict.xsd", export(db, "xliff12")) == []
    assert errors("xliff-core-2.0.xsd", export(db, "xliff")) == []
    french_only(db, tmp_path)
    with open_store(db) as store:
        from datetime import UTC, datetime

        from tracker.services.folder_store import exchange_file

        for fmt, schema in (("xliff12", "xliff-core-1.2-strict.xsd"), ("xliff", "xliff-core-2.0.xsd")):
            assert errors(schema, exchange_file(store, "brief", fmt, at=datetime.now(UTC), by="x")) == []


def test_a_broken_export_would_fail_the_schema_check() -> None:
    bad = f'<xliff xmlns="{XLIFF12_NS}" version="1.2"><file original="x" datatype="plaintext"/></xliff>'.encode()
    assert errors("xliff-core-1.2-strict.xsd", bad)  # source-language missing, no body


def test_translate_toolkit_reads_stale_as_fuzzy_and_omitted_as_not_work(db: str) -> None:  # noqa: F811
    store = tt_xliff.xlifffile(export(db, "xliff12"))
    units = {u.getid().rsplit("u", 1)[-1]: u for u in store.units}
    assert units["8"].isfuzzy() and not units["8"].istranslated()  # the stale row
    assert "{+, selon les bilans des deux pays+}" in units["8"].getnotes()
    assert units["3"].istranslated() and not units["3"].isfuzzy()
    assert not units["1"].istranslatable() and not units["1"].target  # the omitted headline
    assert sum(u.isfuzzy() for u in store.units) == 1
    two = tt_xliff2.Xliff2File(export(db, "xliff"))
    fuzzy = [u.getid() for u in two.units if u.isfuzzy()]
    assert fuzzy == ["u8::s8"]
    assert sum(not u.istranslatable() for u in two.units) == 3
    assert all(u.istranslated() for u in two.units if u.target and u.getid() != "u8::s8")


def test_untranslated_rows_are_needs_translation_without_english(db: str, tmp_path: Path) -> None:  # noqa: F811
    french_only(db, tmp_path)
    with open_store(db) as store:
        from datetime import UTC, datetime

        from tracker.services.folder_store import exchange_file

        data = exchange_file(store, "brief", "xliff12", at=datetime.now(UTC), by="x")
    root = etree.fromstring(data)
    targets = root.xpath("//x:target", namespaces=NS)
    assert [(t.get("state"), t.text) for t in targets] == [("needs-translation", None)] * 2
    assert not any(u.istranslated() or u.isfuzzy() for u in tt_xliff.xlifffile(data).units)


def test_a_translation_made_with_translate_toolkit_imports_cleanly(db: str, tmp_path: Path) -> None:  # noqa: F811
    store = tt_xliff.xlifffile(export(db, "xliff12"))
    stale = next(u for u in store.units if u.isfuzzy())
    stale.target = stale.target.replace("286 dead.", "286 dead, according to both countries.")
    stale.markfuzzy(False)
    stale.addnote("Toll attribution added", origin="translator")
    path = tmp_path / "back.xlf"
    path.write_bytes(bytes(store))
    assert run(db, str(path)) == 0
    with open_store(db) as store_:
        en = store_.revision(SLUG, "en")
    assert en.number == 3 and "286 dead, according to both countries. This is" in en.texts[6]
    assert [n["text"] for n in json.loads(dict(en.meta)["notes"])] == ["Toll attribution added"]
    assert dict(en.meta)["format"] == "xliff12"


def test_an_xliff2_round_trip_through_translate_toolkit_imports_cleanly(db: str, tmp_path: Path) -> None:  # noqa: F811
    store = tt_xliff2.Xliff2File(export(db, "xliff"))
    stale = next(u for u in store.units if u.isfuzzy())
    stale.target = stale.target.replace("286 dead.", "286 dead, both countries said.")
    stale.markfuzzy(False)
    path = tmp_path / "back.xlf"
    path.write_bytes(bytes(store))
    assert run(db, str(path)) == 0
    with open_store(db) as store_:
        assert "286 dead, both countries said." in store_.revision(SLUG, "en").texts[6]


def test_xliff12_returns_get_the_same_checks(
    db: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = etree.fromstring(export(db, "xliff12"))
    gone = trans_unit(root, "u4")
    gone.getparent().remove(gone)
    trans_unit(root, "u5").find("x:target", NS).text = "Edited in Trados."
    err = refused(db, give_back(tmp_path, root), capsys)
    assert "unit u4 missing" in err and "17 units returned, 18 exported" in err
    assert run(db, str(give_back(tmp_path, root)), "--force") == 0
    with open_store(db) as store:
        old, new = store.revision(SLUG, "en", 2), store.revision(SLUG, "en", 3)
    assert [i for i, (a, b) in enumerate(zip(old.texts, new.texts, strict=True)) if a != b] == [3]


def test_memoq_mqxliff_gives_sources_targets_states_and_comments() -> None:
    first, second = read_xliff12(MEMOQ.encode(), "sochi.mqxliff")
    assert first.source == "Le sommet s’est tenu à Sotchi."  # inline codes carry no text
    assert first.target == "The summit was held in Sochi."
    assert first.state == "mq:ManuallyConfirmed"
    assert first.notes == ("Spelling as in our style guide",)
    assert (second.target, second.state) == (None, "mq:NotStarted")
    assert not first.tracked  # memoQ dropped tracker's context


def test_trados_sdlxliff_joins_its_segments_and_finds_the_comment() -> None:
    first, structural = read_xliff12(TRADOS.encode(), "sochi.sdlxliff")
    assert first.source == "Le sommet s’est tenu à Sotchi. Il a fait 286 morts."
    assert first.target == "The summit was held in Sochi. It left 286 dead."  # the space between segments kept
    assert first.state == "sdl:Draft"  # the least advanced segment says how far the unit is
    assert first.notes == ("Check the toll against the Azerbaijani figure",)
    assert (structural.source, structural.target) == ("", None)


def test_a_trados_file_is_foreign_and_needs_force_and_a_story(
    db: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "sochi.sdlxliff"
    path.write_text(TRADOS, encoding="utf-8")
    assert "not an XLIFF tracker exported" in refused(db, path, capsys)
    assert run(db, str(path), "--force", "--story", "from-trados") == 0
    with open_store(db) as store:
        en = store.revision("from-trados", "en")
    assert en.texts == ("The summit was held in Sochi. It left 286 dead.",)
    assert json.loads(dict(en.meta)["notes"])[0]["text"] == "Check the toll against the Azerbaijani figure"


def test_forcing_a_return_whose_tool_renamed_every_unit_takes_its_targets_once(
    db: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """memoQ numbers trans-units anew and drops tracker's context: nothing to merge on, so nothing is doubled."""
    root = etree.fromstring(export(db, "xliff12"))
    for n, element in enumerate(root.xpath("//x:trans-unit", namespaces=NS), start=1):
        element.set("id", str(n))
        for group in element.xpath("x:context-group", namespaces=NS):
            element.remove(group)
    trans_unit(root, "5").find("x:target", NS).text = "Edited in memoQ."
    path = give_back(tmp_path, root, "sochi.mqxliff")
    assert "unit 1 was not in the export" in refused(db, path, capsys)
    assert run(db, str(path), "--force") == 0
    with open_store(db) as store:
        old, new = store.revision(SLUG, "en", 2), store.revision(SLUG, "en", 3)
    assert len(new.texts) == len(old.texts)  # every English paragraph once: none lost, none doubled
    assert [i for i, (a, b) in enumerate(zip(old.texts, new.texts, strict=True)) if a != b] == [3]
