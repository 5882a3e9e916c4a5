"""Validators for the exchange formats, from the schemas vendored in tests/data/schemas, never the network:
the imports a schema names by URL are pointed at the vendored copies, and parsers refuse network access."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "data" / "schemas"
# what the vendored schemas import, by the location they name -> the local copy
_LOCAL = {
    b'"http://www.w3.org/2001/xml.xsd"': b'"xml.xsd"',
    b'"informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"': b'"xml.xsd"',
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)


@cache
def xml_schema(name: str) -> etree.XMLSchema:
    text = (SCHEMAS / name).read_bytes()
    for location, local in _LOCAL.items():
        text = text.replace(location, local)
    root = etree.fromstring(text, _parser(), base_url=str(SCHEMAS / name))
    return etree.XMLSchema(root)


def errors(schema_name: str, data: bytes) -> list[str]:
    """Validation errors of `data` against a vendored schema (empty when valid)."""
    schema = xml_schema(schema_name)
    if schema.validate(etree.fromstring(data, _parser())):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]
