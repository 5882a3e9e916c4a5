"""`tracker import/stories/log/show/db`: what a user types and sees, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main

FR = "Titre de l’article\n\n« Il a dit », a déclaré l’homme.\n\n6.500 personnes.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fr_file(tmp_path: Path) -> Path:
    path = tmp_path / "fr.txt"
    path.write_text(FR, encoding="utf-8")
    return path


def test_import_then_log_and_show_read_the_revision_back(
    capsys: pytest.CaptureFixture[str], db_url: str, fr_file: Path
) -> None:
    code, out, _ = run(
        capsys, "--db", db_url, "import", str(fr_file), "--story", "s", "--lang", "fr", "--author", "AFP"
    )
    assert code == 0
    assert "stored s fr r1" in out and "3 paragraphs" in out

    code, out, _ = run(capsys, "--db", db_url, "show", "s", "--lang", "fr", "--format", "json")
    shown = json.loads(out)
    assert code == 0
    assert [p["text"] for p in shown["paragraphs"]] == [
        "Titre de l’article",
        "« Il a dit », a déclaré l’homme.",
        "6.500 personnes.",
    ]
    assert [p["index"] for p in shown["paragraphs"]] == [0, 1, 2]
    assert shown["paragraphs"][2]["lines"] == [5, 5]
    assert shown["author"] == "AFP"

    code, out, _ = run(capsys, "--db", db_url, "log", "s")
    assert code == 0
    assert out.startswith("fr r1 ") and "AFP" in out


def test_importing_identical_content_again_says_so_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], db_url: str, fr_file: Path
) -> None:
    run(capsys, "--db", db_url, "import", str(fr_file), "--story", "s", "--lang", "fr")
    code, out, _ = run(capsys, "--db", db_url, "import", str(fr_file), "--story", "s", "--lang", "fr")
    assert code == 0
    assert "identical to r1; nothing stored" in out
    _, out, _ = run(capsys, "--db", db_url, "log", "s", "--format", "json")
    assert len(json.loads(out)["revisions"]) == 1


def test_english_records_the_french_revision_it_was_based_on(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, fr_file: Path, tmp_path: Path
) -> None:
    en = tmp_path / "en.txt"
    en.write_text("First modification:\nHeadline\nBody.\n", encoding="utf-8")
    run(capsys, "--db", sqlite_url, "import", str(fr_file), "--story", "s", "--lang", "fr")
    fr_file.write_text(FR + "\nNouveau.\n", encoding="utf-8")
    run(capsys, "--db", sqlite_url, "import", str(fr_file), "--story", "s", "--lang", "fr")
    code, _, _ = run(capsys, "--db", sqlite_url, "import", str(en), "--story", "s", "--lang", "en", "--based-on", "1")
    assert code == 0
    run(capsys, "--db", sqlite_url, "import", str(en), "--story", "s", "--lang", "en", "--label", "x")

    _, out, _ = run(capsys, "--db", sqlite_url, "log", "s", "--lang", "en", "--format", "json")
    (revision,) = json.loads(out)["revisions"]
    assert (revision["based_on"], revision["label"]) == (1, "First modification")
    _, out, _ = run(capsys, "--db", sqlite_url, "show", "s", "--lang", "en")
    assert out.splitlines()[1:] == ["  0  Headline", "  1  Body."]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x7fELF\x00\x00\x01binary", "binary data"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_bad_files_fail_in_one_line_naming_the_file_and_store_nothing(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path, content: bytes, problem: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = run(capsys, "--db", sqlite_url, "import", str(bad), "--story", "s", "--lang", "fr")
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and str(bad) in err and problem in err
    assert run(capsys, "--db", sqlite_url, "stories", "--format", "json")[1] == '{\n  "stories": []\n}\n'


def test_a_bad_file_among_several_stores_none_of_them(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, fr_file: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    code, _, err = run(capsys, "--db", sqlite_url, "import", str(fr_file), str(missing), "--story", "s", "--lang", "fr")
    assert code == 3
    assert f"{missing}: no such file" in err
    assert "s" not in run(capsys, "--db", sqlite_url, "stories")[1]


def test_a_folder_is_not_a_file(capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", sqlite_url, "import", str(tmp_path), "--story", "s", "--lang", "fr")
    assert code == 3 and "is a directory" in err


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_legacy_french_encodings_are_read(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path, codec: str
) -> None:
    path = tmp_path / "legacy.txt"
    text = "L’été « chaud » à Montréal.\n\nDeuxième paragraphe.\n" if codec == "cp1252" else "Été à Noël.\n"
    path.write_bytes(text.encode(codec))
    assert run(capsys, "--db", sqlite_url, "import", str(path), "--story", "s", "--lang", "fr")[0] == 0
    _, out, _ = run(capsys, "--db", sqlite_url, "show", "s", "--lang", "fr", "--format", "json")
    assert json.loads(out)["paragraphs"][0]["text"] == text.split("\n")[0]


@pytest.mark.parametrize(
    "args",
    [
        ["log", "nope"],
        ["show", "nope", "--lang", "fr"],
        ["show", "s", "--lang", "fr", "--rev", "7"],
        ["show", "s", "--lang", "en"],
    ],
    ids=["log-story", "show-story", "show-rev", "show-lang"],
)
def test_unknown_story_or_revision_exits_3(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, fr_file: Path, args: list[str]
) -> None:
    run(capsys, "--db", sqlite_url, "import", str(fr_file), "--story", "s", "--lang", "fr")
    code, out, err = run(capsys, "--db", sqlite_url, *args)
    assert code == 3
    assert out == "" and err.startswith("tracker: error: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://someone:secret@127.0.0.1:1/nowhere", "sqlite:////proc/no/such/folder/x.db"],
    ids=["postgres", "sqlite"],
)
def test_an_unreachable_database_is_one_line_naming_it_without_password(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, out, err = run(capsys, "--db", url, "stories")
    assert code == 3
    assert out == "" and err.count("\n") == 1
    assert ("127.0.0.1:1/nowhere" in err or "/proc/no/such/folder/x.db" in err) and "secret" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("url", "problem"),
    [("postgresql+psycopg2://x/y", "use postgresql+psycopg://"), ("mysql://x/y", "unsupported database")],
    ids=["missing-driver", "mysql"],
)
def test_an_unusable_url_is_a_clear_error(capsys: pytest.CaptureFixture[str], url: str, problem: str) -> None:
    code, _, err = run(capsys, "--db", url, "stories")
    assert code == 3 and err.count("\n") == 1 and problem in err and url in err


def test_a_file_that_is_not_a_database_is_a_clear_error(capsys: pytest.CaptureFixture[str], fr_file: Path) -> None:
    code, _, err = run(capsys, "--db", str(fr_file), "stories")
    assert code == 3 and str(fr_file) in err and "not a database" in err


def test_the_default_database_is_seeded_with_the_sample_story_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    code, out, _ = run(capsys, "stories")
    assert code == 0
    assert out.splitlines()[1].split()[:4] == ["sochi-summit", "stale", "1", "none"]
    assert (tmp_path / "tracker" / "tracker.db").is_file()
    run(capsys, "stories")
    _, out, _ = run(capsys, "log", "sochi-summit", "--format", "json")
    revisions = [(r["lang"], r["number"], r["author"], r["based_on"]) for r in json.loads(out)["revisions"]]
    assert revisions == [
        ("fr", 1, "AFP", None),
        ("fr", 2, "AFP", None),
        ("en", 1, "sample", 2),
        ("fr", 3, "AFP", None),
        ("en", 2, "sample", 3),
    ]


def test_a_database_named_explicitly_is_never_seeded(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, err = run(capsys, "--db", sqlite_url, "stories")
    assert code == 0 and out == "" and "no stories yet" in err


def test_db_current_and_upgrade_report_the_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = str(tmp_path / "x.db")
    code, out, _ = run(capsys, "--db", url, "db", "current")
    assert code == 0 and "schema empty" in out and "behind" in out
    code, out, _ = run(capsys, "--db", url, "db", "upgrade")
    assert code == 0 and "(was empty)" in out
    code, out, _ = run(capsys, "--db", url, "db", "current")
    assert "up to date" in out


@pytest.mark.parametrize("command", ["import", "stories", "log", "show", "db", "db upgrade", "db current"])
def test_every_store_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, *command.split(), "--help")
    assert code == 0 and "Usage: tracker " + command in out and len(out.splitlines()) > 4


def test_a_mistyped_database_folder_is_an_error_not_a_new_tree(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "x.db"
    assert main(["--db", str(missing), "stories"]) == 3
    assert not (tmp_path / "no").exists()


def test_users_lists_each_user_and_the_four_eyes_rule_on_stdout(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    code, out, _ = run(capsys, "--db", db_url, "users", "add", "ed", "--role", "editor")  # the first user: admin
    assert code == 0
    code, out, err = run(capsys, "--db", db_url, "users")
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "four eyes: on"
    assert any(line.startswith("ed ") and "editor" in line for line in lines)
    assert "four eyes" not in err
