"""Importing never opens a socket, whatever the format; a schema reference outside the vendored set is refused."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sources import ninjs_schema
from sources.detect import load
from sources.ninjs import from_value
from sources.xliff import write_xliff
from tracker.cli import main
from tracker.errors import InputError
from tracker.model import Link, Paragraph, Revision, Story
from tracker.view import StoryView, build_rows

GEO_ITEM: dict[str, Any] = {
    "uri": "urn:newsml:example.org:20261201:fr-crue",
    "version": "1",
    "versionCreated": "2026-12-01T08:00:00Z",
    "language": "fr",
    "headlines": [{"role": "main", "value": "Crue de la Loire à Orléans"}],
    "bodies": [{"role": "main", "contentType": "text/plain", "value": "Le fleuve monte.\n\nLes quais sont fermés."}],
    "places": [
        {
            "name": "Orléans",
            "geoJSON": {"type": "Point", "coordinates": [1.909, 47.902]},
        }
    ],
}

G2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:1:fr-g2" version="1">
  <itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><language tag="fr"/><headline>Titre du G2</headline></contentMeta>
  <contentSet><inlineXML><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
    <p>Premier paragraphe du G2.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>"""
NEWSML1 = b"""<?xml version="1.0" encoding="UTF-8"?>
<NewsML><NewsItem><Identification><NewsIdentifier><NewsItemId>n1</NewsItemId><RevisionId>1</RevisionId>
<PublicIdentifier>urn:newsml:example.org:1:n1:1</PublicIdentifier></NewsIdentifier></Identification>
<NewsComponent><DescriptiveMetadata><Language FormalName="fr"/></DescriptiveMetadata>
<NewsLines><HeadLine>Titre NewsML 1</HeadLine></NewsLines>
<ContentItem><MediaType FormalName="Text"/><DataContent><nitf><body><body.content><p>Texte du NewsML 1.</p>
</body.content></body></nitf></DataContent></ContentItem></NewsComponent></NewsItem></NewsML>"""
NINJS1 = {"uri": "urn:x:n1", "language": "fr", "headline": "Titre ninjs 1", "body_text": "Texte ninjs un."}
NINJS2 = {
    "uri": "urn:x:n2",
    "language": "fr",
    "headlines": [{"role": "main", "value": "Titre ninjs 2"}],
    "bodies": [{"role": "main", "contenttype": "text/plain", "value": "Texte ninjs deux."}],
    "places": [{"name": "Tours", "geojson": {"type": "Point", "coordinates": [0.68, 47.39]}}],
}
FILES = {
    "story.txt": b"Un paragraphe.\n\nUn autre paragraphe.\n",
    "story.md": b"# Titre\n\nUn paragraphe en *Markdown*.\n",
    "page.html": b"<!doctype html><html lang=fr><body><article><h1>Titre</h1><p>Une page.</p></article></body></html>",
    "g2.xml": G2,
    "newsml1.xml": NEWSML1,
    "nitf.xml": b"<nitf><body><body.content><p>Un NITF nu.</p></body.content></body></nitf>",
    "n1.json": json.dumps(NINJS1).encode(),
    "n2.json": json.dumps(NINJS2).encode(),
    "n3.json": json.dumps(GEO_ITEM).encode(),
}


def _xliff() -> bytes:
    """A returned XLIFF 2.1 (tracker's own export), the one format that comes back from CAT tools."""
    at = datetime(2026, 12, 1, tzinfo=UTC)
    fr = Revision("s", "fr", 1, at, "x", "h", (Paragraph(0, "Un paragraphe."),))
    en = Revision("s", "en", 1, at, "x", "h", (Paragraph(0, "A paragraph."),))
    rows = build_rows(fr.paragraphs, en.paragraphs, [Link((0,), (0,), confirmed=True)])
    return write_xliff(StoryView(Story("s"), fr, en, fr, rows))


FILES["story.xlf"] = _xliff()


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every attempt to reach the network fails loudly and is recorded."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise NetworkUsed(f"network used: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_the_fixture_really_blocks_sockets(no_network: list[Any]) -> None:
    with pytest.raises(NetworkUsed), socket.socket() as s:
        s.connect(("127.0.0.1", 9))
    assert no_network


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_format_reads_without_a_socket(no_network: list[Any], name: str) -> None:
    documents = load(FILES[name], name)
    assert documents and documents[0].paragraphs
    assert not no_network


def test_import_of_every_format_into_a_database_opens_no_socket(
    no_network: list[Any], tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    returns = {name for name in FILES if name.endswith(".xlf")}  # a CAT tool's return: checked against its export
    for name, data in FILES.items():
        (tmp_path / name if name in returns else folder / name).write_bytes(data)
    code = main(["--db", sqlite_url, "import", str(folder), "--lang", "fr", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out
    assert out["imported"] == len(FILES) - len(returns)
    for name in returns:  # it names an export this database never made: refused, read without a socket all the same
        assert main(["--db", sqlite_url, "import", str(tmp_path / name)]) == 3
        assert "names an export tracker cannot find" in capsys.readouterr().err
    assert not no_network


def test_ninjs_3_with_geojson_place_validates_offline(no_network: list[Any]) -> None:
    document = from_value(GEO_ITEM, "crue.json")
    assert document.texts == ("Crue de la Loire à Orléans", "Le fleuve monte.", "Les quais sont fermés.")
    assert not no_network


def test_ninjs_3_with_invalid_geojson_is_a_schema_violation(no_network: list[Any]) -> None:
    item = json.loads(json.dumps(GEO_ITEM))
    item["places"][0]["geoJSON"] = {"type": "Pointy", "coordinates": "nowhere"}
    with pytest.raises(InputError, match=r"ninjs 3\.x schema violation: places/0/geoJSON"):
        from_value(item, "crue.json")
    assert not no_network


def test_a_reference_outside_the_vendored_schemas_is_refused_not_fetched(
    no_network: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = {"$ref": "https://schemas.example.org/ninjs-extension.json"}
    broken = jsonschema.Draft202012Validator(remote, registry=ninjs_schema.registry())  # type: ignore[call-arg]
    monkeypatch.setattr(ninjs_schema, "validator", lambda major: broken)
    with pytest.raises(InputError, match="cannot validate: .*not vendored"):
        from_value(GEO_ITEM, "crue.json")
    assert not no_network


def test_cli_refuses_an_unvalidatable_item_in_one_line_with_exit_3(
    no_network: list[Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    remote = {"$ref": "https://schemas.example.org/other.json"}
    broken = jsonschema.Draft202012Validator(remote, registry=ninjs_schema.registry())  # type: ignore[call-arg]
    monkeypatch.setattr(ninjs_schema, "validator", lambda major: broken)
    path = tmp_path / "item.json"
    path.write_text(json.dumps(GEO_ITEM), encoding="utf-8")
    assert main(["--db", sqlite_url, "import", str(path)]) == 3
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("tracker: error")]
    assert len(errors) == 1 and "item.json" in errors[0] and "not vendored" in errors[0]
    assert not no_network


@pytest.mark.parametrize(("item", "key"), [(NINJS2, "geojson"), (GEO_ITEM, "geoJSON")], ids=["2.x", "3.x"])
def test_the_geojson_reference_of_2x_and_3x_is_followed_offline(
    no_network: list[Any], item: dict[str, Any], key: str
) -> None:
    major = ninjs_schema.detect_major(item)
    assert ninjs_schema.first_error(item, major) == ""
    broken = json.loads(json.dumps(item))
    broken["places"][0][key] = {"type": "Point", "coordinates": ["east", "north"]}
    assert ninjs_schema.first_error(broken, major).startswith(f"places/0/{key}")
    assert not no_network
