"""A declared encoding that lies (UTF-8 bytes declared ISO-8859-1) is warned about, and --encoding reads it right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sources.encoding import declared, lying_declaration, reencoded
from tracker.cli import main

BODY = """<?xml version="1.0" encoding="{declared}"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:20261201:fr-ete" version="1">
 <itemMeta><itemClass qcode="ninat:text"/></itemMeta>
 <contentMeta><language tag="fr"/><headline>Été précoce à Nîmes</headline></contentMeta>
 <contentSet><inlineData contenttype="text/plain">Il a fait très chaud cette année.</inlineData></contentSet>
</newsItem>"""


def lying() -> bytes:
    return BODY.format(declared="ISO-8859-1").encode("utf-8")  # the agency's encoder wrote UTF-8 anyway


def test_utf8_bytes_under_a_latin_declaration_are_recognised() -> None:
    warning = lying_declaration(lying())
    assert warning is not None and "'É' becomes 'Ã\\x89'" in warning and "--encoding utf-8" in warning
    assert declared(lying()) == "iso8859-1"


def test_honest_declarations_are_not_warned_about() -> None:
    assert lying_declaration(BODY.format(declared="ISO-8859-1").encode("latin-1")) is None
    assert lying_declaration(BODY.format(declared="UTF-8").encode("utf-8")) is None
    assert lying_declaration(BODY.format(declared="ISO-8859-1").encode("ascii", errors="ignore")) is None


def test_reencoded_bytes_declare_what_they_are() -> None:
    fixed = reencoded(lying(), "utf-8", "x.xml")
    assert fixed.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert "Été précoce" in fixed.decode("utf-8")


def test_import_warns_on_stderr_and_encoding_reads_it_right(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ete.xml"
    path.write_bytes(lying())
    assert main(["--db", sqlite_url, "import", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "tracker: warning:" in err and "ete.xml" in err and "--encoding utf-8" in err
    assert json.loads(out)["files"][0]["warning"].startswith("declares iso8859-1")
    assert main(["--db", sqlite_url, "show", "urn-newsml-example-org-20261201-fr-ete", "--lang", "fr"]) == 0
    assert "Ã" in capsys.readouterr().out  # as declared: what the warning said would happen
    path.write_bytes(lying().replace(b'version="1"', b'version="2"'))
    assert main(["--db", sqlite_url, "import", str(path), "--encoding", "utf-8"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["--db", sqlite_url, "show", "urn-newsml-example-org-20261201-fr-ete", "--lang", "fr"]) == 0
    assert "Été précoce à Nîmes" in capsys.readouterr().out


def test_an_unknown_or_wrong_encoding_is_refused(tmp_path: Path, sqlite_url: str) -> None:
    path = tmp_path / "ete.xml"
    path.write_bytes(BODY.format(declared="ISO-8859-1").encode("latin-1"))
    assert main(["--db", sqlite_url, "import", str(path), "--encoding", "klingon"]) == 3
    assert main(["--db", sqlite_url, "import", str(path), "--encoding", "utf-8"]) == 3
