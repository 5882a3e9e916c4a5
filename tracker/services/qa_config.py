"""The QA configuration a desk works under: the configuration file's `[qa]` and `[names]` tables joined with the
stored termbase, and the key that tells derived results made under another configuration (or release) apart.

Apart from the QA service so that a story list, which only needs the key, imports neither the checks nor the aligner.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from tracker import __version__
from tracker.errors import InputError
from tracker.qa.config import QAConfig

if TYPE_CHECKING:
    from tracker.storage import Store


def load_qa_config(store: Store | None = None) -> QAConfig:
    """The `[qa]` and `[names]` tables of the configuration file, as a QA configuration; with a store, the desk's
    imported termbase (`tracker terms import`) joins `[names]`, which wins where both name a French term."""
    from tracker.config import config_path, section

    qa, names = section("qa"), section("names")
    if store is not None:
        names = {**termbase_names(store), **names}
    try:
        return QAConfig.from_table(qa, names)
    except InputError as exc:
        # the checks name the key; the person also needs the file that holds it
        raise InputError(str(config_path()), f"{exc.source} {exc.problem}") from exc


def termbase_names(store: Store) -> dict[str, list[str]]:
    """The stored termbase as a `[names]` table: French term -> the English spellings allowed for it (read here,
    not where a termbase is imported: that module pulls in every file format, half a second before a first view)."""
    table: dict[str, list[str]] = {}
    for term in store.terms():
        spellings = table.setdefault(term.fr, [])
        if term.en not in spellings:
            spellings.append(term.en)
    return table


def config_table(config: QAConfig) -> dict[str, Any]:
    """What QA findings depend on besides the texts: the configuration and the release (bundled name tables)."""
    return {
        "release": __version__,
        "disabled": sorted(config.disabled),
        "severity": dict(sorted(config.severity.items())),
        "length": [config.length_min, config.length_max],
        "coverage": config.min_coverage,
        "names": {k: list(v) for k, v in sorted(config.names.items())},
    }


def config_key(config: QAConfig) -> str:
    return hashlib.sha256(json.dumps(config_table(config), sort_keys=True).encode()).hexdigest()
