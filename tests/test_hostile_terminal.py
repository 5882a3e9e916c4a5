"""Escape sequences in wire text never reach a terminal raw: shown visibly there, escaped in JSON, kept in data."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.terminal import for_terminal, json_safe, visible

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"
CONCEAL = "\x1b[8m"
CSI8 = "\x9b31m"
BIDI = "\u202e"
HOSTILE = [CLEAR, TITLE, CLIPBOARD, CONCEAL, CSI8, BIDI, "\x00", "\x7f", "\x08"]


@pytest.mark.parametrize("sequence", HOSTILE, ids=repr)
def test_control_characters_are_shown_visibly(sequence: str) -> None:
    shown = visible(f"Le sommet{sequence} s'ouvre.")
    assert shown.isprintable() and ("\\x" in shown or "\\u" in shown)
    assert for_terminal(f"a{sequence}b") == visible(f"a{sequence}b")


def test_newlines_tabs_and_ordinary_text_are_untouched() -> None:
    text = "Poutine reçoit « Pachinian »\u202fà Sotchi.\n\tSuite — fin.\u00a0"
    assert visible(text) == text


def test_the_clis_own_colours_pass_but_nothing_else() -> None:
    styled = "\x1b[31m\x1b[9mmot\x1b[0m"
    assert for_terminal(styled) == styled
    assert for_terminal("\x1b[8mcaché\x1b[0m") == "\\x1b[8mcaché\x1b[0m"


def test_json_keeps_every_control_escaped_and_the_data_intact() -> None:
    data = {"text": "".join(HOSTILE)}
    encoded = json_safe(json.dumps(data, ensure_ascii=False))
    assert all(c.isprintable() or c in " \n" for c in encoded)
    assert json.loads(encoded) == data


def _files(tmp: Path) -> tuple[str, str]:
    fr = tmp / "fr.txt"
    en = tmp / "en.txt"
    fr.write_text(f"Le sommet{CLEAR} s'ouvre{TITLE}.\n\nPoutine reçoit{CLIPBOARD} Pachinian.\n")
    en.write_text(f"The summit{CSI8} opens{CONCEAL}.\n\nPutin receives{BIDI} Pashinian.\n")
    return str(fr), str(en)


def test_align_json_escapes_what_json_leaves_raw(tmp_path: Path) -> None:
    fr, en = _files(tmp_path)
    result = CliRunner().invoke(cli, ["align", "--format", "json", fr, en])
    assert result.exit_code == 0, result.output
    assert not any(c in result.output for c in "\x1b\x9b\u202e\x07")


def _on_a_terminal(tmp: Path, *args: str) -> str:
    """What a command writes to a (pseudo) terminal."""
    main, child = pty.openpty()
    env = {**os.environ, "TRACKER_DB": str(tmp / "t.db"), "TRACKER_USER": "ana"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "from tracker.cli import run; run()", *args], stdout=child, stderr=child, env=env
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["align", "diff", "qa"])
def test_text_output_on_a_terminal_shows_escapes_visibly(tmp_path: Path, command: str) -> None:
    fr, en = _files(tmp_path)
    if command == "diff":
        (tmp_path / "fr2.txt").write_text(f"Le sommet{CLEAR} s'ouvre{TITLE} enfin.\n\nPoutine{CONCEAL} reçoit.\n")
        en = str(tmp_path / "fr2.txt")
    shown = _on_a_terminal(tmp_path, command, fr, en)
    for raw in (CLEAR, TITLE, CLIPBOARD, CONCEAL, CSI8, BIDI):
        assert raw not in shown
    assert "\x1b]" not in shown and "\x07" not in shown
    if command != "qa":
        assert "\\x1b[2J" in shown


def test_show_and_stories_on_a_terminal_escape_stored_text(tmp_path: Path) -> None:
    fr, _ = _files(tmp_path)
    env = {**os.environ, "TRACKER_DB": str(tmp_path / "t.db"), "TRACKER_USER": "ana"}
    subprocess.run(
        [sys.executable, "-c", "from tracker.cli import run; run()", "import", "--story", "s", "--lang", "fr", fr],
        env=env,
        check=True,
        capture_output=True,
    )
    shown = _on_a_terminal(tmp_path, "show", "s", "--lang", "fr")
    assert "Pachinian" in shown and "\\x1b[2J" in shown
    assert CLEAR not in shown and TITLE not in shown and "\x1b]" not in shown
    listed = _on_a_terminal(tmp_path, "stories")
    assert "s" in listed and "\x1b]" not in listed


def test_the_tui_lays_out_escapes_visibly() -> None:
    from tracker.layout import wrap

    lines = wrap([("0 ", "index"), (f"Le sommet{CLEAR} s'ouvre{CLIPBOARD} à Sotchi{BIDI}.", "")], 30)
    laid = "".join(text for line in lines for text, _ in line)
    assert not any(c in laid for c in "\x1b\x07\u202e")
    assert "\\x1b[2J" in laid


def test_the_import_progress_bar_still_draws_on_a_terminal(tmp_path: Path) -> None:
    fr, _ = _files(tmp_path)
    shown = _on_a_terminal(tmp_path, "import", "--lang", "fr", fr)
    assert "imported" in shown and "\\x1b[?25" not in shown and "\\x0d" not in shown
    assert CLEAR not in shown
