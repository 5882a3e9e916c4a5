"""Run the real application on the fake backend (the tmux test uses it when no real desk is importable)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.tui.fake_backend import FakeBackend  # noqa: E402
from tracker.tui.app import TrackerApp  # noqa: E402

if __name__ == "__main__":
    story = sys.argv[1] if len(sys.argv) > 1 else None
    TrackerApp(FakeBackend.with_sample(), story=story).run()
