"""The desk's suggestion action on the real Desk and MT client: a slow provider never freezes the terminal UI."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from mt_servers import MTServer

from tracker.mt.breaker import BREAKER

pytest.importorskip("textual")


@pytest.fixture
def slow_libre(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> Iterator[MTServer]:
    BREAKER.reset()
    with MTServer(slow_seconds=5.0) as server:
        server.script = ["slow"]
        monkeypatch.setenv("TRACKER_CONFIG", f"{tmp_path}/none.toml")
        monkeypatch.setenv("TRACKER_MT_PROVIDER", "libre")
        monkeypatch.setenv("TRACKER_MT_LIBRE_URL", server.url)
        monkeypatch.setenv("TRACKER_MT_TIMEOUT", "1")
        yield server
    BREAKER.reset()


@pytest.mark.slow
async def test_a_slow_provider_leaves_the_ui_answering_and_ends_in_one_sentence(slow_libre: MTServer) -> None:
    from tracker.services.desk import Desk
    from tracker.services.seed import SAMPLE_SLUG, seed_sample
    from tracker.storage import open_store
    from tracker.tui.app import TrackerApp
    from tracker.tui.screens.story import StoryScreen
    from tracker.tui.widgets.sidebyside import SideBySide

    with open_store("sqlite://") as store:
        seed_sample(store)
        app = TrackerApp(Desk(store, "ana"), story=SAMPLE_SLUG)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(3):
                await pilot.pause()
                await app.workers.wait_for_complete()
            assert isinstance(app.screen, StoryScreen)
            sbs = app.screen.query_one(SideBySide)
            started = time.monotonic()
            await pilot.press("t")
            while slow_libre.requests == 0 and time.monotonic() - started < 5:
                await pilot.pause(0.02)
            assert slow_libre.requests == 1  # the provider is now sitting on the request
            asked = time.monotonic()
            before = sbs.cursor
            await pilot.press("down")
            assert sbs.cursor == before + 1
            assert any(w.is_running for w in app.workers)  # the key was handled while the request was pending
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert time.monotonic() - asked < 3.0  # the 1 s timeout, not the server's 5 s
            messages = [str(n.message) for n in app._notifications]
            assert any("did not answer within 1 s" in m for m in messages), messages
