"""Fixtures for the UI tests: a fake backend over the real sample story, and an app built on it."""

from __future__ import annotations

import pytest

from tests.tui.fake_backend import FakeBackend
from tracker.model import User
from tracker.tui.app import TrackerApp

SLUG = "sochi-summit"


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend.with_sample()


@pytest.fixture
def editor_backend() -> FakeBackend:
    fake = FakeBackend.with_sample()
    fake.acting = User("eve", "editor", fake.acting.created_at if fake.acting else None)  # type: ignore[arg-type]
    return fake


def story_app(backend: FakeBackend, slug: str = SLUG) -> TrackerApp:
    return TrackerApp(backend, story=slug)


async def settle(pilot: object) -> None:
    """Let workers finish and their messages land (workers post, then the screen repaints)."""
    from textual.pilot import Pilot
    from textual.worker import WorkerCancelled

    assert isinstance(pilot, Pilot)
    for _ in range(3):
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            # an exclusive worker replaced by a newer one of its group while we waited (on a busy machine the
            # 3-second poll comes round again): the newer one is waited for in the next round
            continue
    await pilot.pause()


def toasts(app: TrackerApp) -> list[str]:
    """Every notification shown so far, as text."""
    return [str(n.message) for n in app._notifications]
