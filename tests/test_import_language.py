"""Files forced into a story with --lang must read as that language: a licence or an English article forced in as
French is refused by name, unless --force; text too short to tell is never refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.language import language_of

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"
LICENCE = (Path(__file__).resolve().parents[1] / "tracker" / "LICENSE").read_text(encoding="utf-8")
ENGLISH = (
    "The president said on Tuesday that the talks would resume next week, after a pause of more than a month.\n\n"
    "Officials from both sides have met in the capital, where they discussed the terms of a ceasefire that was "
    "signed in the spring but has not been respected since. It was not clear what they would do next, and "
    "their statements were short."
)
GERMAN = (
    "Die Regierung hat am Dienstag mitgeteilt, dass die Gespräche in der nächsten Woche fortgesetzt werden.\n\n"
    "Vertreter beider Seiten sind in der Hauptstadt zusammengekommen, wo sie über die Bedingungen einer Waffenruhe "
    "gesprochen haben, die im Frühjahr unterzeichnet wurde und seitdem nicht eingehalten wird. Es ist nicht klar, "
    "was sie nun tun werden."
)
SWEDISH = (  # a language with no table of its own: refused as not French all the same
    "Regeringen meddelade på tisdagen att samtalen ska återupptas nästa vecka efter ett uppehåll på en månad.\n\n"
    "Företrädare för båda sidor har träffats i huvudstaden, där de diskuterade villkoren för en vapenvila som "
    "undertecknades i våras men som inte har respekterats sedan dess. Det är oklart vad de ska göra härnäst."
)
FRENCH = (SAMPLE / "fr.r2.txt").read_text(encoding="utf-8")


def _stored(capsys: pytest.CaptureFixture[str], db: str, slug: str) -> list[tuple[str, int]]:
    code = main(["--db", db, "log", slug, "--format", "json"])
    out = capsys.readouterr().out
    return sorted((r["lang"], r["number"]) for r in json.loads(out)["revisions"]) if code == 0 else []


@pytest.mark.parametrize(
    ("text", "lang"),
    [(FRENCH, "fr"), ((SAMPLE / "en.r1.txt").read_text(encoding="utf-8"), "en"), (ENGLISH, "en"), (LICENCE, "en"),
     (GERMAN, "de"), ("Le Premier ministre a démissionné.", None), ("中国政府周二表示，谈判将于下周恢复。" * 5, "cjk")],
)  # fmt: skip
def test_the_language_is_told_only_when_the_words_say_it_clearly(text: str, lang: str | None) -> None:
    assert language_of(text) == lang


@pytest.mark.parametrize("text", [ENGLISH, LICENCE, GERMAN])
def test_a_text_file_of_another_language_is_refused_as_french_by_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str, text: str
) -> None:
    path = tmp_path / "item.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["--db", sqlite_url, "import", str(path), "--story", "s", "--lang", "fr"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "not French (--lang fr)" in err[0] and "--force" in err[0]
    assert _stored(capsys, sqlite_url, "s") == []


def test_force_imports_it_anyway_and_a_short_urgent_needs_no_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    english, urgent = tmp_path / "en.txt", tmp_path / "urgent.txt"
    english.write_text(ENGLISH, encoding="utf-8")
    urgent.write_text("URGENT Putin says talks to resume next week", encoding="utf-8")
    assert main(["--db", sqlite_url, "import", str(urgent), "--story", "s", "--lang", "fr"]) == 0
    assert main(["--db", sqlite_url, "import", str(english), "--story", "s", "--lang", "fr", "--force"]) == 0
    capsys.readouterr()
    assert _stored(capsys, sqlite_url, "s") == [("fr", 1), ("fr", 2)]


def test_a_folder_forced_into_one_story_refuses_each_file_of_another_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "b-english.md").write_text(ENGLISH, encoding="utf-8")
    (folder / "c-german.html").write_text(f"<html><body><p>{GERMAN}</p></body></html>", encoding="utf-8")
    (folder / "LICENSE.md").write_text(LICENCE, encoding="utf-8")
    assert main(["--db", sqlite_url, "import", str(folder), "--story", "s", "--lang", "fr"]) == 3
    err = capsys.readouterr().err
    for name, language in (("b-english.md", "English"), ("c-german.html", "German"), ("LICENSE.md", "English")):
        assert f"{folder / name}: reads as {language}, not French" in err
    assert "a-french.txt" not in err


def test_a_long_text_in_a_language_without_a_table_is_refused_as_not_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    path = tmp_path / "item.txt"
    path.write_text(SWEDISH, encoding="utf-8")
    assert main(["--db", sqlite_url, "import", str(path), "--story", "s", "--lang", "fr"]) == 3
    assert f"{path}: does not read as French (--lang fr); give --force" in capsys.readouterr().err
