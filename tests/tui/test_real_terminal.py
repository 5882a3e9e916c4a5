"""The real program in a real terminal: tmux runs `python tui.py`, we press keys and read the screen back."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _wait_for(session: str, pattern: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-t", session, "-p")
        if re.search(pattern, screen, re.MULTILINE):
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{pattern!r} never appeared; the screen was:\n{screen}")


def _command(tmp_path: Path) -> list[str]:
    """The real launcher on a fresh database when the desk exists; else the same app on the fake backend."""
    if importlib.util.find_spec("tracker.services.desk") is not None:
        # the default database of a fresh data folder: the one the sample story is seeded into
        return [sys.executable, str(ROOT / "tui.py"), "--as", "ana"]
    return [sys.executable, str(ROOT / "tests" / "tui" / "run_fake.py")]


def test_the_program_shows_french_english_and_a_flag_in_a_real_terminal(tmp_path: Path) -> None:
    session = f"tracker-{uuid.uuid4().hex[:8]}"
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm-256color", "XDG_DATA_HOME": str(tmp_path)}
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = " ".join(_command(tmp_path))
    # the program starts a moment later, after the window has its size (a running tmux server may impose its own)
    script = f"sleep 0.5; cd {ROOT} && {exports} {command}"
    _tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", script)
    try:
        subprocess.run(["tmux", "resize-window", "-t", session, "-x", "140", "-y", "40"], capture_output=True)
        _wait_for(session, r"sochi-summit", timeout=90)
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, r"Français", timeout=60)
        # the rows arrive from a worker after the frame: wait for the story bar's count before moving
        _wait_for(session, r"to do|up to date", timeout=60)
        _tmux("send-keys", "-t", session, "n")
        screen = _wait_for(session, r"^▶ [SUOcQ]", timeout=30)
        assert "Arménie" in screen or "Azerbaïdjan" in screen
        assert "Armenia" in screen or "Azerbaijan" in screen
        _tmux("send-keys", "-t", session, "q")
        _wait_for(session, r"Stories", timeout=30)
        _tmux("send-keys", "-t", session, "q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
