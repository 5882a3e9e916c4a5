"""The tracker's configuration file: `$TRACKER_CONFIG`, else `$XDG_CONFIG_HOME/tracker/config.toml`.

Sections belong to their areas (`[qa]`, `[mt]`, `[names]`, ...); each area validates its own table.
"""

from __future__ import annotations

import os
import tomllib
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


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed configuration (empty when there is no file); a malformed file is an input error naming it."""
    path = path or config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
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
