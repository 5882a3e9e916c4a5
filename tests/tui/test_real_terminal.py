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


def test_at_80x24_without_colour_the_details_sit_below_and_the_flags_are_in_reverse_video(tmp_path: Path) -> None:
    session = f"tracker-{uuid.uuid4().hex[:8]}"
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm-256color", "XDG_DATA_HOME": str(tmp_path)}
    exports = " ".join(f"{k}={v}" for k, v in {**env, "NO_COLOR": "1"}.items())
    script = f"sleep 0.5; cd {ROOT} && {exports} {' '.join(_command(tmp_path))}"
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", script)
    try:
        subprocess.run(["tmux", "resize-window", "-t", session, "-x", "80", "-y", "24"], capture_output=True)
        _wait_for(session, r"sochi-summit", timeout=90)
        # Enter and `n` at once, as a translator types them: `n` waits for the story's rows, then acts on them
        _tmux("send-keys", "-t", session, "Enter", "n")
        _wait_for(session, r"^▶ [SUOcQ]", timeout=60)
        _tmux("send-keys", "-t", session, "Enter")  # the details panel: below the rows at this width
        # the panel's heading on a line of its own: a capture taken while the panel was still being painted had
        # "Flags" with more on its line (once in a loaded run of the suite)
        screen = _wait_for(session, r"^ ?Flags *$", timeout=30)
        lines = screen.splitlines()
        cursor = next(n for n, line in enumerate(lines) if line.startswith("▶"))
        flags = next(n for n, line in enumerate(lines) if line.strip() == "Flags")
        assert cursor < flags  # the cursor row in sight, above the panel
        painted = _tmux("capture-pane", "-t", session, "-p", "-e")  # with the attributes the terminal was sent
        assert re.search(r"\x1b\[[0-9;]*\b7m[^\x1b]*\d+ to do", painted), "the to-do count is not in reverse video"
        _tmux("send-keys", "-t", session, "q")
        _wait_for(session, r"Stories", timeout=30)
        _tmux("send-keys", "-t", session, "q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)


def _start(session: str, tmp_path: Path, user: str) -> None:
    """The real launcher as `user` on the shared SQLite file, opened on the sample story, in its own tmux session."""
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"{sys.executable} {ROOT / 'tui.py'} --db {tmp_path / 'desk.db'} --as {user} tui --story sochi-summit"
    _tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", f"sleep 0.5; cd {ROOT} && {exports} {command}")
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "140", "-y", "40"], capture_output=True)
    _wait_for(session, r"to do|up to date", timeout=120)


def _type(session: str, *keys: str, literal: bool = False) -> None:
    _tmux("send-keys", "-t", session, *(["-l"] if literal else []), *keys)


@pytest.mark.skipif(importlib.util.find_spec("tracker.services.desk") is None, reason="needs the real desk")
def test_two_terminals_on_one_file_save_one_row_and_both_texts_survive(tmp_path: Path) -> None:
    from tracker.services.seed import seed_sample
    from tracker.storage import open_store

    with open_store(f"sqlite:///{tmp_path / 'desk.db'}") as store:  # a named database is never seeded by itself
        seed_sample(store)
    ana, tom = (f"tracker-{name}-{uuid.uuid4().hex[:6]}" for name in ("ana", "tom"))
    try:
        _start(ana, tmp_path, "ana")  # the first user of the new database: its admin
        add = [sys.executable, str(ROOT / "tui.py"), "--db", str(tmp_path / "desk.db"), "--as", "ana", "users", "add"]
        subprocess.run([*add, "tom", "--role", "translator"], check=True, capture_output=True, cwd=ROOT)
        _start(tom, tmp_path, "tom")
        for session, words in ((ana, " Ana was here."), (tom, " Tom was here.")):
            _type(session, "n")
            _wait_for(session, r"^▶ ", timeout=30)
            _type(session, "e")
            _wait_for(session, r"Ctrl\+S save", timeout=30)
            _type(session, "C-End")  # the cursor starts where the French changed: the words go at the end
            _type(session, words, literal=True)
        _type(ana, "C-s")
        _wait_for(ana, r"English saved as r\d", timeout=60)
        _type(tom, "C-s")
        _wait_for(tom, r"saved English r\d+ while you were editing", timeout=60)
        _type(tom, "o")  # save mine over theirs
        _wait_for(tom, r"English saved as r\d", timeout=60)
        # Ctrl+Q with changed text asks first; d discards and quits
        _type(ana, "e")
        _wait_for(ana, r"Ctrl\+S save", timeout=30)
        _type(ana, " Not kept.", literal=True)
        _type(ana, "C-q")
        _wait_for(ana, r"is not saved\. Quit\?", timeout=30)
        _type(ana, "k")  # keep editing: the editor is back with the text typed
        _wait_for(ana, r"Not kept\.", timeout=30)
        _wait_for(ana, r"Ctrl\+S save", timeout=30)
        _type(ana, "C-q")
        _wait_for(ana, r"is not saved\. Quit\?", timeout=30)
        _type(ana, "d")
    finally:
        for session in (ana, tom):
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    with open_store(f"sqlite:///{tmp_path / 'desk.db'}") as store:
        revisions = [store.revision("sochi-summit", "en", r.number) for r in store.revisions("sochi-summit", "en")]
    anas, toms = revisions[-2], revisions[-1]
    assert (anas.author, toms.author) == ("ana", "tom")
    assert any(t.endswith(" Ana was here.") for t in anas.texts)
    assert any(t.endswith(" Tom was here.") for t in toms.texts)
    assert not any("Not kept." in t for r in revisions for t in r.texts)
