"""Every exchange file we write is valid against its official schema, vendored in tests/data/schemas (never fetched):
XLIFF 1.2 strict and transitional, XLIFF 2.1 core with the metadata module, TMX 1.4's DTD."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources.tmx import write_tmx
from tests.schemas import dtd_errors, errors, xliff21_errors
from tests.test_sources_export import AT, view
from tests.test_xliff_return import db, export  # noqa: F401  (db is a fixture)


@pytest.mark.parametrize("schema", ["xliff-core-1.2-strict.xsd", "xliff-core-1.2-transitional.xsd"])
def test_xliff12_export_is_valid_strict_and_transitional(db: str, schema: str) -> None:  # noqa: F811
    assert errors(schema, export(db, "xliff12")) == []


def test_xliff21_export_is_valid_with_its_metadata_module(db: str) -> None:  # noqa: F811
    data = export(db, "xliff")
    assert b"mda:metadata" in data  # what the module schema checks is there to check
    assert xliff21_errors(data) == []


def test_a_metadata_block_out_of_shape_fails_the_module_schema(db: str) -> None:  # noqa: F811
    # a meta without its required type: lax core validation alone would let it through
    data = export(db, "xliff")
    broken = data.replace(b"<mda:meta type=", b"<mda:meta kind=", 1)
    assert broken != data and errors("xliff-core-2.0.xsd", broken) == []
    assert xliff21_errors(broken)


def test_tmx_export_is_valid_against_the_tmx14_dtd() -> None:
    data = write_tmx([view(flags=())], at=AT, by="tester")
    assert b"<tu " in data
    assert dtd_errors("tmx14.dtd", data) == []
    assert dtd_errors("tmx14.dtd", data.replace(b"<header", b"<head", 1).replace(b"</header>", b"</head>"))


def test_the_vendored_schemas_are_listed_with_their_licences() -> None:
    folder = Path(__file__).parent / "data" / "schemas"
    listing = (folder / "README.md").read_text(encoding="utf-8")
    for path in folder.iterdir():
        if path.suffix in {".xsd", ".dtd", ".json", ".rng"}:
            assert f"`{path.name}`" in listing, path.name
