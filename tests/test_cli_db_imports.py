"""Database commands that only read start on the storage layer alone: `tracker stories` (summaries cached) and
`tracker log` import no QA check, aligner, diff, scorer, UI, machine translation or migration tool (issues 17, 23).

Each runs in a fresh interpreter on a seeded database whose summaries an earlier process derived and cached; the
modules it imported are read from `sys.modules` after it ran, so imports deferred into functions count too.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# What a read from the database must not import (deferred imports included).
HEAVY = (
    "tracker.qa.links",  # the per-link checks and everything they parse with
    "tracker.qa.figures",
    "tracker.qa.names",
    "tracker.facts",
    "tracker.align",
    "tracker.diff",
    "tracker.services.views",
    "rapidfuzz",
    "numpy",
    "textual",
    "deep_translator",
    "alembic",
    "lxml",
)


def _loaded(args: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    """Exit code of `tracker ARGS` in a fresh interpreter, and which of HEAVY (or their submodules) it imported."""
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        f"code = main({args!r})\n"
        f"heavy = sorted(h for h in {HEAVY!r} if any(m == h or m.startswith(h + '.') for m in sys.modules))\n"
        "print(code, ' '.join(heavy), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    status, _, heavy = run.stderr.strip().splitlines()[-1].partition(" ")
    return int(status), heavy.split()


@pytest.fixture(scope="module")
def desk_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a desk on the default database, seeded and with its summaries cached."""
    home = tmp_path_factory.mktemp("desk")
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "TRACKER_CONFIG": str(home / "none.toml")}
    for name in ("TRACKER_DB", "TRACKER_USER"):
        env.pop(name, None)
    status, heavy = _loaded(["stories"], env)  # creates, seeds, derives and caches the summaries
    assert status == 0 and "tracker.diff" in heavy  # deriving did need the diff: the check below can tell
    return env


@pytest.mark.parametrize(
    "args",
    [
        ["stories"],
        ["stories", "--format", "json"],
        ["stories", "--filter", "needs-work", "--sort", "name"],
        ["log", "sochi-summit"],
        ["log", "sochi-summit", "--format", "json"],
    ],
    ids=" ".join,
)
def test_a_read_from_the_database_imports_no_checks_aligner_diff_ui_or_mt(
    args: list[str], desk_env: dict[str, str]
) -> None:
    status, heavy = _loaded(args, desk_env)
    assert status == 0  # it ran, so every import it needed happened
    assert heavy == []
