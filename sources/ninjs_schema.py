"""Which ninjs version an item is (1.x, 2.x, 3.x) and its validation against that version's official IPTC schema.

Every schema a validator may need (the three ninjs schemas and the GeoJSON schema 2.x/3.x reference) is
vendored in sources/schemas and held in one `referencing.Registry` whose retrieval refuses everything else,
so validating an item never opens a socket, whatever `$ref` a schema or an item carries.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import referencing.exceptions
from referencing import Registry, Resource

SCHEMAS = {1: "ninjs-schema_1.6.json", 2: "ninjs-schema_2.2.json", 3: "ninjs-schema_3.1.json"}
# Schemas the ninjs schemas reference by absolute URI, vendored under these names.
REFERENCED = {
    "https://geojson.org/schema/GeoJSON.json": "GeoJSON.json",
    "http://geojson.org/schema/GeoJSON.json": "GeoJSON.json",
}
_SCHEMA_URI = re.compile(r"ninjs-schema_(\d+)(?:\.\d+)*\.json")
_VERSION = re.compile(r"^\s*(\d+)(?:\.\d+)*\s*$")
# Properties that only one generation of ninjs has: 3.x moved to camelCase, 2.x made the 1.x singulars plural.
_ONLY_3 = frozenset(
    {
        "versionCreated", "firstCreated", "contentCreated", "pubStatus", "edNote", "copyrightHolder",
        "copyrightNotice", "usageTerms", "representationType", "mimeType", "infoSources", "trustIndicators",
        "altIds", "rightsInfo",
    }
)  # fmt: skip
_ONLY_1 = frozenset(
    {"headline", "byline", "subject", "person", "place", "organisation", "event", "object", "$standard"}
)
_ONLY_1_PREFIXES = ("headline_", "body_", "description_")
_ONLY_2 = frozenset(
    {
        "versioncreated", "firstcreated", "contentcreated", "pubstatus", "ednote", "copyrightholder",
        "copyrightnotice", "usageterms", "representationtype", "mimetype", "infosources", "trustindicators",
        "altids", "rightsinfo", "by", "subjects", "people", "places", "organisations", "events", "objects",
        "genres", "headlines", "bodies", "descriptions", "standard",
    }
)  # fmt: skip


_NESTED_LISTS = frozenset({"bodies", "headlines", "descriptions", "renditions"})
_NESTED_CAMEL = frozenset({"contentType", "sizeInBytes", "charCount", "wordCount"})


class SchemaProblem(Exception):
    """A schema could not be used (a reference outside the registry, a broken vendored file): refuse the item."""


def _text(name: str) -> Any:
    return json.loads(resources.files("sources.schemas").joinpath(name).read_text(encoding="utf-8"))


def _refuse(uri: str) -> Resource[Any]:
    raise SchemaProblem(f"schema reference {uri[:120]!r} is not vendored (tracker never fetches schemas)")


@cache
def registry() -> Registry[Any]:
    """Every schema the ninjs validators may reference, offline; retrieving any other URI fails."""
    pairs = [(uri, Resource.from_contents(_text(name))) for uri, name in REFERENCED.items()]
    return Registry(retrieve=_refuse).with_resources(pairs)  # type: ignore[call-arg]


@cache
def validator(major: int) -> jsonschema.protocols.Validator:
    """The validator of ninjs `major` (1, 2 or 3) over the offline registry."""
    schema = _text(SCHEMAS[major])
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry())


def declared_major(value: dict[str, Any]) -> int | None:
    """The major version an item names: `$schema`, `standard`/`$standard` (schema or version); None if none."""
    names: list[Any] = [value.get("$schema")]
    for key in ("standard", "$standard"):
        standard = value.get(key)
        if isinstance(standard, dict):
            names += [standard.get("schema"), standard.get("version")]
    for name in names:
        if not isinstance(name, str):
            continue
        found = _SCHEMA_URI.search(name) or _VERSION.match(name)
        if found and int(found.group(1)) in SCHEMAS:
            return int(found.group(1))
    return None


def detect_major(value: dict[str, Any]) -> int:
    """The ninjs major version of an item: what it declares, else what its property names belong to."""
    declared = declared_major(value)
    if declared is not None:
        return declared
    keys = set(value)
    if not _ONLY_3.isdisjoint(keys) or _camel_bodies(value):
        return 3
    if not _ONLY_1.isdisjoint(keys) or any(k.startswith(_ONLY_1_PREFIXES) for k in keys):
        return 1
    if not _ONLY_2.isdisjoint(keys):
        return 2
    return 3


def _camel_bodies(value: dict[str, Any]) -> bool:
    """Whether a body, headline or rendition carries a 3.x camelCase property (`contentType`, `sizeInBytes`)."""
    lists = [v for k, v in value.items() if k in _NESTED_LISTS and isinstance(v, list)]
    return any(isinstance(e, dict) and not _NESTED_CAMEL.isdisjoint(e) for v in lists for e in v)


def first_error(value: dict[str, Any], major: int) -> str:
    """The most relevant schema violation of an item as one line, '' when it is valid."""
    if isinstance(value.get("$schema"), str) and _SCHEMA_URI.search(value["$schema"]):
        # a pointer to the schema, which no ninjs schema lists among its properties: not content to validate
        value = {k: v for k, v in value.items() if k != "$schema"}
    try:
        error = jsonschema.exceptions.best_match(validator(major).iter_errors(value))
    except RecursionError:
        return "nested too deeply"
    except (SchemaProblem, referencing.exceptions.Unresolvable, jsonschema.exceptions.SchemaError) as exc:
        return f"cannot validate: {_reason(exc)}"
    if error is None:
        return ""
    where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
    return f"{where}: {' '.join(error.message.split())[:200]}"


def _reason(exc: BaseException) -> str:
    """The innermost message of a referencing error (it wraps the retrieval refusal)."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return " ".join(str(exc).split())[:200] or type(exc).__name__
