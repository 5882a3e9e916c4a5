"""One grammar on the command line: revisions are --fr-rev/--en-rev (or PARAS@N), paragraphs are positional.

The old spellings keep working for a release with a warning; `link confirm` refuses a link the alignment does
not hold; `tracker` with no terminal never starts the UI; `tracker sample` keeps a person's files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest

from tracker.cli import COMMANDS, cli, main


@pytest.fixture
def db(sqlite_url: str) -> str:
    """A SQLite file holding the sample story, as the story `sochi`'s twin `sochi-summit`."""
    from tracker.services.seed import seed_sample
    from tracker.storage import open_store

    with open_store(sqlite_url) as store:
        assert seed_sample(store)
    return sqlite_url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _link_entries(capsys: pytest.CaptureFixture[str], db: str) -> list[str]:
    assert main(["--db", db, "audit", "sochi-summit", "--format", "json"]) == 0
    return [e["detail"] for e in json.loads(capsys.readouterr().out) if e["action"] == "link"]


def test_revisions_are_named_with_fr_rev_en_rev_or_at(capsys: pytest.CaptureFixture[str], db: str) -> None:
    # fr r2 / en r1: the French the English was adapted from, where fr 8,9 merge into en 9
    code, _, err = run(capsys, "--db", db, "link", "confirm", "sochi-summit", "8,9@2", "9@1")
    assert code == 0 and "recorded (fr r2, en r1)" in err
    code, _, err = run(
        capsys, "--db", db, "link", "confirm", "sochi-summit", "8,9", "9", "--fr-rev", "2", "--en-rev", "1"
    )
    assert code == 0 and "recorded (fr r2, en r1)" in err and "deprecated" not in err
    assert _link_entries(capsys, db) == ["confirm fr r2 en r1: 8,9>9"] * 2


def test_two_different_revisions_for_one_side_are_a_usage_error(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--db", db, "link", "confirm", "sochi-summit", "8,9@2", "9", "--fr-rev", "3")
    assert code == 2 and "French revision given twice" in err
    assert _link_entries(capsys, db) == []


def test_confirming_a_link_the_alignment_does_not_hold_is_refused_and_nothing_stored(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    # the old README's trap: fr r2's indices typed against fr r3, where the merge is fr 9,10 -> en 9
    code, _, err = run(capsys, "--db", db, "link", "confirm", "sochi-summit", "8,9", "9")
    assert code == 2
    assert "not a link of sochi-summit fr r3 / en r2" in err and "fr 9,10 ↔ en 9" in err
    assert _link_entries(capsys, db) == []


def test_indices_past_the_revision_are_refused(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--db", db, "link", "relink", "sochi-summit", "15@2", "0")
    assert code == 3 and "French revision 2 has no paragraph 15" in err
    assert _link_entries(capsys, db) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["link", "confirm", "sochi-summit", "8,9", "9", "--fr", "2", "--en", "1"], "--fr-rev N"),
        (["align", "sochi-summit", "--fr", "2", "--en", "1", "--format", "json"], "--fr-rev N"),
        (["ack", "sochi-summit", "--fr", "5", "--kind", "no-change"], "ack SLUG N"),
        (["ack", "sochi-summit", "5", "--rev", "3", "--kind", "no-change"], "--fr-rev N"),
    ],
)
def test_old_spellings_still_work_with_a_deprecation_warning(
    capsys: pytest.CaptureFixture[str], db: str, old: list[str], new: str
) -> None:
    code, _, err = run(capsys, "--db", db, *old)
    assert code == 0, err
    assert f"is deprecated and will be removed; use {new}" in err


def test_ack_takes_its_paragraph_positionally(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--db", db, "ack", "sochi-summit", "5@3", "--kind", "no-change", "--format", "json")
    assert code == 0 and not err
    assert (json.loads(out)["fr"], json.loads(out)["fr_rev"]) == (5, 3)
    code, _, err = run(capsys, "--db", db, "ack", "sochi-summit", "--kind", "no-change")
    assert code == 2 and "name the French paragraph" in err


def _commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    ctx = click.Context(cli)
    for name in sorted(COMMANDS):
        command = cli.get_command(ctx, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in sorted(command.commands.items())]
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_documents_its_options_in_one_grammar(name: str, command: click.Command) -> None:
    assert command.help, f"tracker {name} has no help"
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        assert param.help, f"tracker {name} {param.opts[0]} has no help"
        # a bare --fr/--en was a revision in some commands and a paragraph in others
        assert not {"--fr", "--en"} & set(param.opts), f"tracker {name} {param.opts}: use --fr-rev/--en-rev"
        if param.name and param.name.endswith("_rev"):
            assert param.opts[0] in ("--fr-rev", "--en-rev"), f"tracker {name} {param.opts}"


def test_no_command_and_no_terminal_is_a_one_line_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    # under pytest stdin and stdout are no terminal, as under cron, CI or a pipe
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no terminal" in err


def test_tracker_tui_with_no_terminal_refuses_in_one_line_and_ends(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "TRACKER_CONFIG": str(tmp_path / "none.toml"), "TERM": "xterm-256color"}
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(tmp_path / "t.db"), "tui"],
        capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    # it wrote escape codes into the pipe until killed
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.count("\n") == 1 and "no terminal" in done.stderr


def test_opening_the_ui_registers_nobody(tmp_path: Path) -> None:
    from tracker.services.desk import Desk
    from tracker.storage import open_store

    with open_store(str(tmp_path / "t.db")) as store:
        shown = Desk(store, "ana").user()  # an empty desk: ana is shown as the admin her first write makes her
        assert shown is not None and shown.role == "admin"
        assert store.users() == []  # ... and nothing was registered by opening
        from datetime import UTC, datetime

        store.add_user("chief", "admin", by="chief", at=datetime.now(UTC))
        assert Desk(store, "ana").user() is None  # a desk with users: a name it does not know is nobody


def test_sample_writes_the_files_and_keeps_a_changed_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "sample", str(tmp_path / "s"))
    assert code == 0 and f"{tmp_path / 's' / 'fr.r3.txt'}\n" in out
    assert run(capsys, "sample", str(tmp_path / "s"))[0] == 0  # the same files again: nothing to keep
    (tmp_path / "s" / "en.r1.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "sample", str(tmp_path / "s"))
    assert code == 3 and "en.r1.txt: exists with other content" in err
    assert (tmp_path / "s" / "en.r1.txt").read_text(encoding="utf-8") == "mine"
