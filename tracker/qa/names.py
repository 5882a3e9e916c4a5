"""The names check: capitalised French names and acronyms appear in the English, transliterated or translated."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from tracker.model import Finding, Severity
from tracker.qa.pair import Pair


@lru_cache(maxsize=1)
def bundled() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The bundled names table (French -> English spellings) and the capitalised French words to ignore."""
    data = tomllib.loads(resources.files("tracker.qa").joinpath("names.toml").read_text("utf-8"))
    table = {fr: tuple(en) for fr, en in data["names"].items()}
    return table, frozenset(data["ignore"]["fr"])


def check_names(pair: Pair, severity: Severity) -> list[Finding]:
    """French names with no counterpart in the English (any part of a multi-word name is enough)."""
    missing = [n for n in pair.fr_names if pair.name_carried(n) is False and pair.kept(n.start)]
    if not missing:
        return []
    listed = ", ".join(dict.fromkeys(n.text for n in missing))
    return [
        pair.finding("names", severity, f"French {listed} not found in the English", tuple(n.text for n in missing))
    ]
