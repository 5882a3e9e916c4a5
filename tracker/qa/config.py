"""What a user can tune about the QA checks: which run, how severe each is, the length bounds, extra names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from tracker.errors import InputError
from tracker.model import Severity

CHECKS: tuple[str, ...] = ("numbers", "dates", "identifiers", "quotes", "names", "untranslated", "length", "coverage")
DEFAULT_SEVERITY: dict[str, Severity] = {
    "numbers": "error",
    "dates": "error",
    "identifiers": "error",
    "quotes": "warning",
    "names": "warning",
    "untranslated": "error",
    "length": "warning",
    "coverage": "warning",
}
_SEVERITIES = ("error", "warning", "info")
_SOURCE = "[qa]"
_LENGTH_MIN, _LENGTH_MAX, _MIN_COVERAGE = 0.3, 2.2, 0.5


@dataclass(frozen=True, slots=True)
class QAConfig:
    """Settings of one QA run; the defaults are what a user gets with no configuration file."""

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    length_min: float = _LENGTH_MIN
    length_max: float = _LENGTH_MAX
    min_coverage: float = _MIN_COVERAGE
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def enabled(self, check: str) -> bool:
        return check not in self.disabled

    def severity_of(self, check: str) -> Severity:
        return self.severity.get(check, DEFAULT_SEVERITY[check])

    @classmethod
    def from_table(cls, table: Mapping[str, Any], names: Mapping[str, Any] | None = None) -> QAConfig:
        """From the `[qa]` table (and the `[names]` table: French name = English spelling or list of spellings).

        `[qa]` accepts `disable = [...]`, `enable = [...]`, `[qa.severity] check = "warning"`, per-check tables
        `[qa.numbers] enabled = false, severity = "info"`, `[qa.length] min = 0.5, max = 1.8` and
        `[qa.coverage] min = 0.5`. Unknown checks or severities are input errors naming the key.
        """
        disabled: set[str] = set(_checks(table.get("disable", []), "disable"))
        disabled -= set(_checks(table.get("enable", []), "enable"))
        severity: dict[str, Severity] = {}
        for check, value in _table(table.get("severity", {}), "severity").items():
            severity[_check(check, "severity")] = _severity(value, f"severity.{check}")
        for check in CHECKS:
            sub = _table(table.get(check, {}), check)
            if "enabled" in sub:
                if not isinstance(sub["enabled"], bool):
                    raise InputError(_SOURCE, f"{check}.enabled must be true or false")
                (disabled.discard if sub["enabled"] else disabled.add)(check)
            if "severity" in sub:
                severity[check] = _severity(sub["severity"], f"{check}.severity")
        length = _table(table.get("length", {}), "length")
        coverage = _table(table.get("coverage", {}), "coverage")
        config = cls(
            disabled=frozenset(disabled),
            severity=severity,
            length_min=_ratio(length.get("min", table.get("length_min", _LENGTH_MIN)), "length.min"),
            length_max=_ratio(length.get("max", table.get("length_max", _LENGTH_MAX)), "length.max"),
            min_coverage=_ratio(coverage.get("min", _MIN_COVERAGE), "coverage.min"),
            names=_names(names or {}),
        )
        if config.length_min >= config.length_max:
            raise InputError(_SOURCE, "length.min must be below length.max")
        return config


def _table(value: Any, key: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(_SOURCE, f"{key} must be a table")
    return cast(Mapping[str, Any], value)


def _check(name: Any, key: str) -> str:
    if name not in CHECKS:
        raise InputError(_SOURCE, f"{key}: unknown check {name!r} (known: {', '.join(CHECKS)})")
    return str(name)


def _checks(value: Any, key: str) -> list[str]:
    if not isinstance(value, list):
        raise InputError(_SOURCE, f"{key} must be a list of check names")
    return [_check(item, key) for item in value]


def _severity(value: Any, key: str) -> Severity:
    if value not in _SEVERITIES:
        raise InputError(_SOURCE, f"{key} must be one of {', '.join(_SEVERITIES)}")
    return cast(Severity, value)


def _ratio(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InputError(_SOURCE, f"{key} must be a positive number")
    return float(value)


def _names(table: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for french, english in table.items():
        spellings = [english] if isinstance(english, str) else english
        if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
            raise InputError("[names]", f"{french} must be a name or a list of names")
        out[str(french)] = tuple(spellings)
    return out
