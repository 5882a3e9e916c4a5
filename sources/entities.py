"""Internal entity declarations of a DOCTYPE, accepted only within strict limits (real Belga/ATS/Kyodo feeds).

A conforming reader expands `<!ENTITY eacute "&#233;">`; an attacker declares external entities (XXE) or nests
references so that a few bytes expand to gigabytes ("billion laughs"). The internal subset is read here, before
the parser sees it: only literal general entities, few, short, shallowly nested, with a bounded total expansion.
"""

from __future__ import annotations

import re

from tracker.errors import InputError

MAX_DECLARATIONS = 256
MAX_VALUE = 1024  # characters of one entity's replacement text, after expansion
MAX_DEPTH = 2  # an entity may name another one that names another one, no deeper
MAX_EXPANSION = 4 * 1024 * 1024  # characters all references in the document may add

_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^\[>]*\[(?P<subset>.*?)\]\s*>", re.DOTALL)
_ENTITY = re.compile(
    rb"""<!ENTITY\s+(?P<name>[A-Za-z_][\w.-]{0,63})\s+(?P<quote>["'])(?P<value>.*?)(?P=quote)\s*>""", re.S
)
_OTHER_DECL = re.compile(rb"<!(?:ELEMENT|ATTLIST|NOTATION)\b[^>]*>|<!--.*?-->|\s+", re.S)
_REFERENCE = re.compile(rb"&([A-Za-z_][\w.-]*);")
_PREDEFINED = frozenset({b"lt", b"gt", b"amp", b"apos", b"quot"})
REFUSED = "XML declares entities (<!ENTITY>): refused (possible XXE or entity-expansion attack)"


def internal_subset(data: bytes) -> bytes | None:
    """The internal DTD subset of a document (between `[` and `]` of its DOCTYPE), None when it has none."""
    head = data[: 256 * 1024]
    start = head.find(b"<!DOCTYPE")
    if start < 0:
        return None
    match = _DOCTYPE.match(head, start)
    return match.group("subset") if match else None


def check_entities(data: bytes, source: str) -> bool:
    """Whether the document declares internal entities that are safe to expand; InputError for anything else
    (external or parameter entities, too many, too long, too deep, or expanding the document too much)."""
    subset = internal_subset(data)
    if subset is None:
        if b"<!ENTITY" in data.upper():
            raise InputError(source, REFUSED)
        return False
    values: dict[bytes, bytes] = {}
    position = 0
    while position < len(subset):
        match = _ENTITY.match(subset, position) or _OTHER_DECL.match(subset, position)
        if match is None:
            raise InputError(source, f"{REFUSED}: only internal entities with a literal value are accepted")
        position = match.end()
        if match.re is _ENTITY:
            if b"%" in match.group("value"):
                raise InputError(source, f"{REFUSED}: parameter entity references")
            values[match.group("name")] = match.group("value")
    if len(values) > MAX_DECLARATIONS:
        raise InputError(source, f"{REFUSED}: {len(values)} declarations (limit {MAX_DECLARATIONS})")
    sizes = {name: _size(name, values, source, depth=0) for name in values}
    body = data[data.find(b"]", data.find(b"<!DOCTYPE")) :]
    added = sum(sizes.get(m.group(1), 0) for m in _REFERENCE.finditer(body))
    if added > MAX_EXPANSION:
        raise InputError(source, f"{REFUSED}: entities would add {added} characters (limit {MAX_EXPANSION})")
    return bool(values)


def _size(name: bytes, values: dict[bytes, bytes], source: str, depth: int) -> int:
    """Length of an entity's replacement text, refusing nesting deeper than MAX_DEPTH or longer than MAX_VALUE."""
    if depth > MAX_DEPTH:
        raise InputError(source, f"{REFUSED}: entities nested deeper than {MAX_DEPTH}")
    value = values[name]
    size = len(value)
    for reference in _REFERENCE.finditer(value):
        target = reference.group(1)
        if target in _PREDEFINED:
            continue
        if target not in values:
            raise InputError(source, f"{REFUSED}: entity {name.decode()!r} names undeclared {target.decode()!r}")
        size += _size(target, values, source, depth + 1) - len(reference.group(0))
    if size > MAX_VALUE:
        raise InputError(source, f"{REFUSED}: entity {name.decode()!r} expands to {size} characters")
    return size
