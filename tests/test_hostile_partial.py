"""No partial results: `--errors replace` reads a file that is UTF-8 but for a few bytes, with one warning saying
what it cost; `tracker import` of many files and `import-folder` store all or nothing (on both databases)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.errors import InputError, StoreError
from tracker.exitcodes import ExitCode
from tracker.model import Document, Paragraph
from tracker.storage import Store, open_store

FRENCH = "Le président a déclaré à Erevan que l'accord était prêt."
ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:20261201:fr-gel" version="1"
  standard="NewsML-G2" xml:lang="fr">
 <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-12-01T08:00:00Z</versionCreated></itemMeta>
 <contentMeta><language tag="fr"/><headline>Gel sur les vignes</headline></contentMeta>
 <contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
  <body><body.content><p>BODY</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>"""


def broken(text: str = FRENCH, bad: bytes = b"\xff", times: int = 1) -> tuple[bytes, int]:
    """UTF-8 text with `times` invalid bytes before "accord", and the offset of the first."""
    data = text.encode()
    at = data.index(b"accord")
    return data[:at] + bad * times + data[at:], at


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("tracker:")]


def _files(tmp: Path, at: int) -> dict[str, bytes]:
    """One text per format, each with one invalid byte at byte `at` of its paragraph."""
    body, _ = broken()
    return {
        "fr.txt": body + b"\n\nDeux.\n",
        "fr.md": b"# Titre\n\n" + body + b"\n",
        "fr.html": b'<html><head><meta charset="utf-8"><title>T</title></head><body><p>' + body + b"</p></body></html>",
        "fr.json": b'{"uri": "u", "language": "fr", "headline": "H", "body_text": "' + body + b'"}',
        "fr.xml": ITEM.encode().replace(b"BODY", body),
    }


@pytest.mark.parametrize("name", ["fr.txt", "fr.md", "fr.html", "fr.json", "fr.xml"])
def test_a_few_bad_bytes_are_refused_with_their_offset_or_replaced_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str, name: str
) -> None:
    _, at = broken()
    data = _files(tmp_path, at)[name]
    offset = data.index(b"\xff")
    path = tmp_path / name
    path.write_bytes(data)
    code, _, err = _run(capsys, "--db", db_url, "import", "--story", "s", "--lang", "fr", str(path))
    assert code == ExitCode.DATA
    (line,) = _errors(err)
    assert name in line and f"invalid UTF-8 at byte {offset}" in line and "--errors replace" in line
    with open_store(db_url) as store:
        assert store.stories() == []  # never read as Windows-1252 behind the person's back

    code, _, err = _run(
        capsys, "--db", db_url, "import", "--errors", "replace", "--story", "s", "--lang", "fr", str(path)
    )
    assert code == ExitCode.OK, err
    (line,) = _errors(err)
    assert line.startswith(f"tracker: warning: {path}: 1 invalid UTF-8 byte sequence replaced by U+FFFD")
    assert f"the first at byte {offset}" in line
    with open_store(db_url) as store:
        assert any("\ufffdaccord" in t for t in store.revision("s", "fr").texts)


def test_the_warning_counts_every_replacement(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data, at = broken(bad=b"\xfe \xc3", times=3)  # three separate invalid sequences (and their spaces)
    (tmp_path / "fr.txt").write_bytes(data + b"\n\nLe sommet.\n")
    code, out, err = _run(capsys, "diff", "--errors", "replace", str(tmp_path / "fr.txt"), str(tmp_path / "fr.txt"))
    assert code == ExitCode.OK
    lines = _errors(err)
    assert len(lines) == 2  # each file read says so
    assert all("6 invalid UTF-8 byte sequences" in line and f"the first at byte {at}" in line for line in lines)


def test_a_windows_1252_file_is_read_as_ever_under_errors_replace(tmp_path: Path) -> None:
    from tracker.services.reading import read_document

    (tmp_path / "fr.txt").write_bytes((FRENCH + "\n").encode("cp1252"))
    warnings: list[str] = []
    document = read_document(tmp_path / "fr.txt", errors="replace", warn=lambda n, w: warnings.append(w))
    assert document.texts == (FRENCH,) and warnings == []


def test_replacing_is_never_silent() -> None:
    from tracker.services.reading import mended

    data, _ = broken()
    with pytest.raises(ValueError, match="warn"):
        mended(data, "fr.txt", "replace")
    assert mended(data, "fr.txt", "strict") == data


def test_an_html_page_declaring_its_charset_is_no_longer_replaced_silently(tmp_path: Path) -> None:
    from tracker.services.reading import read_document

    page = b'<html><head><meta charset="iso-8859-15"></head><body><p>Le sommet \x81 de Sotchi.</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.replace(b"iso-8859-15", b"cp1252"))
    with pytest.raises(InputError, match="invalid cp1252 at byte"):
        read_document(tmp_path / "p.html")
    warnings: list[str] = []
    document = read_document(tmp_path / "p.html", errors="replace", warn=lambda n, w: warnings.append(w))
    assert document.texts == ("Le sommet \ufffd de Sotchi.",) and "1 invalid cp1252 byte sequence" in warnings[0]


@pytest.mark.parametrize("command", ["align", "qa", "diff"])
def test_the_reading_commands_take_errors_replace(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    data, at = broken()
    (tmp_path / "fr.txt").write_bytes(data + b"\n")
    (tmp_path / "en.txt").write_text("The president said in Yerevan that the agreement was ready.\n")
    other = "fr.txt" if command == "diff" else "en.txt"
    code, _, err = _run(capsys, command, str(tmp_path / "fr.txt"), str(tmp_path / other))
    assert code == ExitCode.DATA and f"byte {at}" in err
    code, _, err = _run(capsys, command, "--errors", "replace", str(tmp_path / "fr.txt"), str(tmp_path / other))
    assert code in (ExitCode.OK, ExitCode.FINDINGS)
    assert f"fr.txt: 1 invalid UTF-8 byte sequence replaced by U+FFFD, the first at byte {at}" in err


def test_import_folder_takes_errors_replace(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    data, at = broken()
    (folder / "fr.txt").write_bytes(data + b"\n")
    (folder / "en.txt").write_text("The president said in Yerevan that the agreement was ready.\n")
    db = str(tmp_path / "t.db")
    code, _, err = _run(capsys, "--db", db, "import-folder", str(folder))
    assert code == ExitCode.DATA and f"byte {at}" in err
    code, _, err = _run(capsys, "--db", db, "import-folder", "--errors", "replace", str(folder))
    assert code == ExitCode.OK and "1 invalid UTF-8 byte sequence" in err and "fr.txt" in err


# ---------------------------------------------------------------- all or nothing


def test_importing_a_good_and_a_bad_file_stores_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str
) -> None:
    (tmp_path / "ok.txt").write_text("Le sommet s'ouvre.\n\nDeux paragraphes.\n")
    (tmp_path / "bad.xml").write_text("<x>")
    for story in ([], ["--story", "s"]):
        args = ["--db", db_url, "import", "--lang", "fr", *story]
        code, out, err = _run(capsys, *args, str(tmp_path / "ok.txt"), str(tmp_path / "bad.xml"))
        assert code == ExitCode.DATA and out == ""
        (line,) = _errors(err)
        assert "bad.xml" in line and "nothing stored" in line and "ok.txt" not in line
        assert "1 read fine but not stored" in err
        with open_store(db_url) as store:
            assert store.stories() == []
    code, out, _ = _run(capsys, "--db", db_url, "import", "--lang", "fr", "--format", "json",
                        str(tmp_path / "ok.txt"), str(tmp_path / "bad.xml"))  # fmt: skip
    outcomes = {Path(f["file"]).name: f["outcome"] for f in json.loads(out)["files"]}
    assert code == ExitCode.DATA and outcomes == {"ok.txt": "unstored", "bad.xml": "refused"}


def test_a_conflict_found_while_storing_rolls_back_the_files_stored_before_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str
) -> None:
    # same guid and version, other text: b.xml is refused only once a.xml is stored in the same transaction
    (tmp_path / "a.xml").write_text(ITEM.replace("BODY", "Les vignes ont gelé."))
    (tmp_path / "b.xml").write_text(ITEM.replace("BODY", "Les vignes ont brûlé."))
    (tmp_path / "c.txt").write_text("Un autre sujet.\n")
    args = ["--db", db_url, "import", "--lang", "fr"]
    code, out, err = _run(capsys, *args, *(str(tmp_path / n) for n in ("a.xml", "b.xml", "c.txt")))
    assert code == ExitCode.DATA and out == ""
    (line,) = _errors(err)
    assert "b.xml: conflict" in line
    with open_store(db_url) as store:
        assert store.stories() == []
        assert store.audit() == []


def test_the_service_still_imports_a_drop_folder_file_by_file(memory_store: Store, tmp_path: Path) -> None:
    from tracker.services.formats import import_paths

    (tmp_path / "ok.txt").write_text("Le sommet.\n")
    (tmp_path / "bad.xml").write_text("<x>")
    results = import_paths(memory_store, [tmp_path], by="desk", at=datetime.now(UTC), lang="fr")
    assert sorted(r.outcome for r in results) == ["imported", "refused"]  # `tracker watch` sets aside the bad one


def _folder(tmp: Path) -> Path:
    folder = tmp / "sochi"
    folder.mkdir()
    (folder / "fr.txt").write_text("Le sommet s'ouvre à Sotchi.\n\nPoutine reçoit Pachinian.\n")
    (folder / "en.txt").write_text("The summit opens in Sochi.\n\nPutin receives Pashinian.\n")
    return folder


def test_a_story_folder_failing_part_way_stores_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services import folder_store

    def failing(*args: object, **kwargs: object) -> list[str]:
        # after both texts are stored: the database refuses the next write (busy past its timeout, say)
        assert store.latest_number("sochi", "en") == 1  # the block sees its own writes
        raise StoreError("the database refused the folder's waivers")

    monkeypatch.setattr(folder_store, "carry_waivers", failing)
    with pytest.raises(StoreError):
        folder_store.import_folder(store, _folder(tmp_path), by="ana", at=datetime.now(UTC))
    assert store.stories() == [] and store.audit() == []
    monkeypatch.undo()
    lines = folder_store.import_folder(store, tmp_path / "sochi", by="ana", at=datetime.now(UTC))
    assert any("stored sochi en r1" in line for line in lines)
    assert [r.number for r in store.revisions("sochi")] == [1, 1]


def test_a_write_refused_inside_a_transaction_never_leaves_half_of_itself(store: Store) -> None:
    at = datetime.now(UTC)
    doc = Document((Paragraph(0, "Le sommet."),))
    with store.atomic():
        store.add_revision("s", "fr", doc, by="ana", at=at)
        with pytest.raises(InputError):  # refused before it writes anything: the block goes on, on both
            store.add_revision("s", "fr", doc, by="ana", at=at, based_on=1)
        store.add_revision("s", "fr", Document((Paragraph(0, "Le sommet s'ouvre."),)), by="ana", at=at)
    assert [r.number for r in store.revisions("s", "fr")] == [1, 2]

    def refused_midway() -> None:
        with pytest.raises(StoreError), store._write() as conn:  # a statement the database itself refuses
            conn.exec_driver_sql("SELECT * FROM no_such_table")

    if store.dialect == "sqlite":  # a savepoint: the refused write alone is rolled back
        with store.atomic():
            refused_midway()
            store.add_revision("s", "fr", Document((Paragraph(0, "Trois."),)), by="ana", at=at)
        assert [r.number for r in store.revisions("s", "fr")] == [1, 2, 3]
    else:  # no savepoint on PostgreSQL: the block is spoiled, and says why whenever it is used again
        with pytest.raises(StoreError, match="no_such_table"), store.atomic():
            store.add_revision("s", "fr", Document((Paragraph(0, "Trois."),)), by="ana", at=at)
            refused_midway()
            with pytest.raises(StoreError, match="no_such_table"):
                store.revisions("s", "fr")
        assert [r.number for r in store.revisions("s", "fr")] == [1, 2]


def test_an_unlistable_story_folder_is_named_never_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services import folders

    folder = _folder(tmp_path)
    real = folders.os.listdir

    def listdir(path: object) -> list[str]:  # root lists every folder: the OS's refusal is simulated
        if Path(str(path)) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(folders.os, "listdir", listdir)
    code, _, err = _run(capsys, "--db", str(tmp_path / "t.db"), "import-folder", str(folder))
    (line,) = _errors(err)
    assert code == ExitCode.DATA and f"{folder}: cannot list this folder (Permission denied)" in line
