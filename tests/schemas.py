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


# XLIFF 2.1 is the 2.0 core namespace plus modules; its core schema lets module elements through laxly, so a
# schema that knows the metadata module checks our `mda:` elements strictly.
_XLIFF21 = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:tracker:tests:xliff21">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="xliff-core-2.0.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" schemaLocation="xliff-metadata-2.1.xsd"/>
</xs:schema>"""


@cache
def _xliff21() -> etree.XMLSchema:
    root = etree.fromstring(_XLIFF21, _parser(), base_url=str(SCHEMAS / "xliff-2.1.xsd"))
    return etree.XMLSchema(root)


def xliff21_errors(data: bytes) -> list[str]:
    """Validation errors of an XLIFF 2.1 file against the core schema and the metadata module's."""
    schema = _xliff21()
    if schema.validate(etree.fromstring(data, _parser())):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def dtd_errors(name: str, data: bytes) -> list[str]:
    """Validation errors of `data` against a vendored DTD (TMX 1.4), whatever DOCTYPE the file names."""
    dtd = etree.DTD(str(SCHEMAS / name))
    if dtd.validate(etree.fromstring(data, _parser())):
        return []
    return [f"{e.line}: {e.message}" for e in dtd.error_log]
