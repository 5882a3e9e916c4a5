"""The tracker's configuration file: `$TRACKER_CONFIG`, else `$XDG_CONFIG_HOME/tracker/config.toml`.

Sections belong to their areas (`[qa]`, `[mt]`, `[names]`, ...); each area validates its own table.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tracker.errors import InputError


def config_path() -> Path:
    """Where the configuration file is looked for."""
    explicit = os.environ.get("TRACKER_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "tracker" / "config.toml"


def data_dir() -> Path:
    """The user's data folder for the tracker (`$XDG_DATA_HOME/tracker`)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tracker"


# The keys each area reads (None: any key, like the names table). A key outside them would be silently ignored,
# so it is reported; an area adding a table or key adds it here.
_QA_CHECKS = ("numbers", "dates", "identifiers", "quotes", "names", "untranslated", "length", "coverage")
_LIMITS = ("paragraphs", "paragraph_chars")
_MT_PROVIDERS = ("google", "mymemory", "libre", "deepl", "microsoft")
KNOWN_KEYS: dict[str, Mapping[str, Any] | None] = {
    "qa": {
        "disable": None, "enable": None, "severity": None, "length_min": None, "length_max": None,
        **{check: {"enabled": None, "severity": None} for check in _QA_CHECKS},
        "length": {"enabled": None, "severity": None, "min": None, "max": None},
        "coverage": {"enabled": None, "severity": None, "min": None},
    },
    "names": None,
    "mt": {"provider": None, "timeout": None, "attempts": None, **dict.fromkeys(_MT_PROVIDERS)},
    "limits": dict.fromkeys(_LIMITS),
}  # fmt: skip
_warned: set[str] = set()


def unknown_keys(data: Mapping[str, Any], known: Mapping[str, Any] | None = None, prefix: str = "") -> Iterator[str]:
    """Dotted names of the keys of `data` no area reads (`qa.lenght`, `colour`)."""
    known = KNOWN_KEYS if known is None else known
    for key, value in data.items():
        if key not in known:
            yield f"{prefix}{key}"
        elif known[key] is not None and isinstance(value, Mapping):
            yield from unknown_keys(value, known[key], f"{prefix}{key}.")


def config_source() -> str:
    """Where the configuration path came from, for `tracker config`."""
    if os.environ.get("TRACKER_CONFIG"):
        return "$TRACKER_CONFIG"
    return "$XDG_CONFIG_HOME" if os.environ.get("XDG_CONFIG_HOME") else "default (~/.config)"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed configuration (empty when there is no file); a malformed file is an input error naming it.

    Unknown keys are reported once per file on stderr: a misspelt key must not pass for a setting.
    """
    path = path or config_path()
    parsed = _parse(path)
    if str(path) not in _warned:
        _warned.add(str(path))
        for key in unknown_keys(parsed):
            sys.stderr.write(f"tracker: warning: {path}: unknown key {key!r} ignored (see `tracker config`)\n")
    return parsed


def _parse(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    import tomllib  # only with a file to parse: its regexes cost a desk without one a few ms on every command

    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"invalid TOML: {exc}") from exc


def section(name: str, path: Path | None = None) -> dict[str, Any]:
    """One table of the configuration (empty when absent)."""
    value = load_config(path).get(name, {})
    if not isinstance(value, dict):
        raise InputError(str(path or config_path()), f"[{name}] must be a table")
    return value
