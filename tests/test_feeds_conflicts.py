"""The same wire guid and version with different text is a conflict naming both files, never a silent skip."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.services.formats import import_paths
from tracker.storage import Store, open_store

AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ITEM = """<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:20261201:fr-gel"
 version="{version}"><itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:usable"/></itemMeta>
 <contentMeta><language tag="fr"/><headline>Gel sur les vignes</headline></contentMeta>
 <contentSet><inlineData contenttype="text/plain">{text}</inlineData></contentSet></newsItem>"""
STORY = "urn-newsml-example-org-20261201-fr-gel"


def write(folder: Path, name: str, text: str, version: int = 1) -> Path:
    path = folder / name
    path.write_text(ITEM.format(version=version, text=text), encoding="utf-8")
    return path


def test_a_second_file_with_the_same_version_and_other_text_is_a_conflict(memory_store: Store, tmp_path: Path) -> None:
    first = write(tmp_path, "a.xml", "Les vignes ont gelé.")
    second = write(tmp_path, "b.xml", "Les vignes ont brûlé.")
    results = import_paths(memory_store, [first, second], by="desk", at=AT)
    assert [r.outcome for r in results] == ["imported", "refused"]
    assert "version 1 is stored as" in results[1].problem and "a.xml" in results[1].problem
    assert len(memory_store.revisions(STORY, "fr")) == 1


def test_a_conflict_across_imports_exits_3_and_stores_nothing(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "import", str(write(tmp_path, "a.xml", "Les vignes ont gelé."))]) == 0
    assert main(["--db", sqlite_url, "import", str(write(tmp_path, "b.xml", "Les vignes ont brûlé."))]) == 3
    err = capsys.readouterr().err
    assert "b.xml: conflict: urn:newsml:example.org:20261201:fr-gel version 1" in err and "a.xml" in err
    with open_store(sqlite_url) as store:
        assert store.revision(STORY, "fr").texts == ("Gel sur les vignes", "Les vignes ont gelé.")
        assert len(store.revisions(STORY, "fr")) == 1


def test_the_same_text_again_or_a_new_version_is_no_conflict(memory_store: Store, tmp_path: Path) -> None:
    first = write(tmp_path, "a.xml", "Les vignes ont gelé.")
    again = write(tmp_path, "copy.xml", "Les vignes ont gelé.")
    newer = write(tmp_path, "v2.xml", "Les vignes ont gelé, puis brûlé.", version=2)
    results = import_paths(memory_store, [first, again, newer], by="desk", at=AT)
    assert [r.outcome for r in results] == ["imported", "skipped", "imported"]


def test_the_same_file_read_again_is_no_conflict(memory_store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "a.xml", "Les vignes ont gelé.")
    import_paths(memory_store, [path], by="desk", at=AT)
    write(tmp_path, "a.xml", "Les vignes ont gelé cette nuit.")  # a reader that changed how it reads the file
    (result,) = import_paths(memory_store, [path], by="desk", at=AT)
    assert result.outcome == "skipped"
