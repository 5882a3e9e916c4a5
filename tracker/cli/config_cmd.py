"""`tracker config`: the configuration file in use, every setting the tracker runs with, and where each came from."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, settings
from tracker.exitcodes import ExitCode


def _flat(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        if isinstance(value, Mapping):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _secret(key: str, value: Any) -> Any:
    return "(set)" if key.rsplit(".", 1)[-1] in ("api_key", "key", "password") else value


def _rows(path: Path, data: Mapping[str, Any]) -> list[tuple[str, Any, str]]:
    """(setting, value, where it came from): the database, the acting user, MT, then every key of the file."""
    from tracker.storage.engine import default_url

    chosen = settings()
    rows: list[tuple[str, Any, str]] = []
    if chosen.db:
        rows.append(("database", chosen.db, "--db or $TRACKER_DB"))
    else:
        rows.append(("database", default_url(), "$TRACKER_DB" if os.environ.get("TRACKER_DB") else "default"))
    user_from = "--as" if chosen.user else "$TRACKER_USER" if os.environ.get("TRACKER_USER") else "operating system"
    rows.append(("user", chosen.acting_user, user_from))
    mt = data.get("mt", {}) if isinstance(data.get("mt"), Mapping) else {}
    for key, env, default in (("provider", "TRACKER_MT_PROVIDER", "google"), ("timeout", "TRACKER_MT_TIMEOUT", 10)):
        if os.environ.get(env):
            rows.append((f"mt.{key}", os.environ[env], f"${env}"))
        elif key in mt:
            rows.append((f"mt.{key}", mt[key], str(path)))
        else:
            rows.append((f"mt.{key}", default, "default"))
    shown = {name for name, _, _ in rows}
    rows += [(k, _secret(k, v), str(path)) for k, v in _flat(data) if k not in shown]
    return rows


@click.command("config")
@FORMAT_OPTION
def config(fmt: str) -> ExitCode:
    """Show the configuration file in use, the settings the tracker runs with, and where each came from.

    The file is $TRACKER_CONFIG, else $XDG_CONFIG_HOME/tracker/config.toml (~/.config/tracker/config.toml).
    Unknown keys are listed (and warned about on every command): a misspelt key is never a setting.
    """
    from tracker.config import config_path, config_source, load_config, unknown_keys

    path = config_path()
    data = load_config(path)
    rows = _rows(path, data)
    unknown = list(unknown_keys(data))
    stray = [str(p) for p in (Path("tracker.config"), Path("tracker.toml")) if p.is_file()]
    if fmt == "json":
        emit_json(
            {
                "file": str(path),
                "file_from": config_source(),
                "exists": path.is_file(),
                "settings": [{"key": k, "value": v, "from": f} for k, v, f in rows],
                "unknown": unknown,
                "not_read": stray,
            }
        )
        return ExitCode.OK
    state = "" if path.is_file() else " (no such file: defaults apply)"
    click.echo(f"# file: {path}{state}, from {config_source()}")
    width = max(len(k) for k, _, _ in rows)
    for key, value, where in rows:
        click.echo(f"{key:<{width}} = {json.dumps(value, ensure_ascii=False)}  # {where}")
    for key in unknown:
        click.echo(f"# unknown key {key!r} in {path}: ignored")
    for name in stray:
        click.echo(f"# {name} here is not read: the configuration file is {path}")
    return ExitCode.OK
