"""The review page in a real browser: headless Chromium loads it offline, renders every row and flag, takes a
screenshot, and no script from imported text runs (autoescaping, and a Content-Security-Policy that allows none)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import html

from tracker.cli import main
from tracker.services.imports import import_bytes
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.services.views import load_view
from tracker.storage import open_store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "headless Chromium is not installed (Debian package chromium)"
        if os.environ.get("TRACKER_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (TRACKER_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return found


def browse(page: Path, tmp_path: Path, *args: str) -> str:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars"]
    command += [f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600", *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)
    return done.stdout


@pytest.fixture
def page(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample's review page, and a story whose French carries markup that would run if it were not escaped."""
    with open_store(sqlite_url) as store:
        seed_sample(store)
        fr = f"Le maire a parlé. {HOSTILE}\n\nLe conseil a voté.".encode()
        import_bytes(store, fr, "fr.txt", slug=SAMPLE_SLUG, lang="fr", by="AFP", at=T)
    out = tmp_path / "review.html"
    assert main(["--db", sqlite_url, "report", SAMPLE_SLUG, "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def test_the_browser_renders_every_row_and_runs_no_imported_script(page: Path, tmp_path: Path, sqlite_url: str) -> None:
    dom = html.fromstring(browse(page, tmp_path, "--dump-dom"))
    assert dom.findtext(".//title") == f"{SAMPLE_SLUG} — tracker review"  # the script would have renamed it
    assert not dom.xpath("//script") and not dom.xpath("//img")  # imported markup stayed text
    assert any(HOSTILE.split(">")[0] in cell.text_content() for cell in dom.xpath("//td[@lang='fr']"))
    with open_store(sqlite_url) as store:
        view = load_view(store, SAMPLE_SLUG)
    rows = dom.xpath("//table[@class='rows']/tbody/tr")
    assert len(rows) == len(view.rows)
    shown = [set((tr.get("data-flags") or "").split()) for tr in rows]
    expected = [{f.kind for f in row.flags} | ({"qa"} if row.findings else set()) for row in view.rows]
    assert shown == expected
    assert dom.xpath("//strong[@data-state]")[0].get("data-state") == "none"


def test_a_screenshot_of_the_page_is_a_picture(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "review.png"
    browse(page, tmp_path, f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
