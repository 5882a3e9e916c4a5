"""Commands on files load neither the database nor the UI nor machine translation: `align`, `diff`, `qa` and
`check` on files start in a fraction of the time `import sqlmodel` alone takes, and stay so."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"
# What a file-only command must never import (deferred imports included): storage, UI, MT client.
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "pydantic", "textual", "deep_translator")


def _loaded(args: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Exit code of `tracker ARGS` run in a fresh interpreter, and the heavy packages it imported."""
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        f"code = main({args!r})\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "print(code, ' '.join(heavy), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    status, _, heavy = run.stderr.strip().splitlines()[-1].partition(" ")
    return int(status), heavy.split()


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    shutil.copy(SAMPLE / "fr.r2.txt", folder / "fr.txt")
    shutil.copy(SAMPLE / "en.r1.txt", folder / "en.txt")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["align", "story/fr.txt", "story/en.txt"],
        ["align", "story/fr.txt", "story/en.txt", "--format", "json"],
        ["diff", "old.txt", "story/fr.txt"],
        ["diff", "old.txt", "story/fr.txt", "--format", "json"],
        ["qa", "story/fr.txt", "story/en.txt"],
        ["qa", "story/fr.txt", "story/en.txt", "--format", "json"],
        ["check", "story"],
        ["check", "story", "--format", "json"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_command_on_files_imports_no_database_ui_or_mt(args: list[str], story: Path) -> None:
    shutil.copy(SAMPLE / "fr.r1.txt", story.parent / "old.txt")
    status, heavy = _loaded(args, story.parent)
    assert status in (0, 1)  # it ran (findings exit 1), so every import it needed happened
    assert heavy == []
