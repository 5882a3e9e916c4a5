"""The core stays pure: importing it loads neither the UI nor the database (deferred imports included)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CORE = [
    "tracker.model",
    "tracker.segment",
    "tracker.errors",
    "tracker.exitcodes",
    "tracker.align",
    "tracker.diff",
    "tracker.flags",
    "tracker.qa",
    "tracker.facts",
    "tracker.approvals",
    "tracker.check",
    "tracker.reports",
    "tracker.view",
    "tracker.listing",
    "tracker.layout",
    "tracker.memory",
    "tracker.sentences",
    "tracker.signals",
    "tracker.wire_flags",
    "tracker.audit",
]


def _loaded_after(imports: list[str], run: str = "") -> set[str]:
    code = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys
        for name in {imports!r}:
            module = importlib.import_module(name)
            for sub in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
                importlib.import_module(sub.name)
        {run}
        print("\\n".join(sorted(m.split(".")[0] for m in sys.modules)))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_core_loads_neither_textual_nor_sqlmodel() -> None:
    loaded = _loaded_after(CORE)
    assert not loaded & {"textual", "sqlmodel", "sqlalchemy", "click", "deep_translator"}


def test_cli_help_loads_neither_textual_nor_sqlmodel() -> None:
    loaded = _loaded_after(["tracker.cli"], run="from tracker.cli import main; main(['--help'])")
    assert "textual" not in loaded
    assert "sqlmodel" not in loaded
