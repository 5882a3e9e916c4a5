"""A stale paragraph is narrowed to the English sentence(s) that carry the changed French sentence: in the core,
in `tracker status` (text and JSON) and in the TUI's details panel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.align.carriers import flag_carriers
from tracker.cli import main
from tracker.flags import flags
from tracker.model import Flag, Link

BASE = "Le bilan est de 10 morts, selon la police. Le président a parlé mardi. Il a promis une enquête."
NOW = BASE.replace("10 morts", "12 morts")
EN = "The president spoke on Tuesday. Police said 10 people died. He promised an inquiry."


def _flag(base: str, now: str, en: str) -> Flag:
    (flag,) = flags([base], [now], [en], [Link((0,), (0,))])
    return flag


def test_the_english_sentence_that_carries_the_change_is_found_even_out_of_order() -> None:
    found = flag_carriers(_flag(BASE, NOW, EN), [EN])
    assert found is not None and found.en == (1,)
    assert found.describe() == "English sentence 2 carries the changed French sentence"


def test_two_changed_sentences_name_both_carriers() -> None:
    now = NOW.replace("mardi", "lundi")
    found = flag_carriers(_flag(BASE, now, EN), [EN])
    assert found is not None and found.en == (0, 1)
    assert found.describe().startswith("English sentences 1 and 2 carry")


def test_a_one_sentence_english_has_nothing_to_narrow() -> None:
    en = "Police said 10 people died."
    assert flag_carriers(_flag(BASE, NOW, en), [en]) is None


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    db = f"sqlite:///{tmp_path / 't.db'}"
    monkeypatch.setenv("TRACKER_USER", "ana")
    for name, text, lang in (("fr1.txt", BASE, "fr"), ("en1.txt", EN, "en"), ("fr2.txt", NOW, "fr")):
        path = tmp_path / name
        path.write_text(
            text + "\n\nUn autre paragraphe, sans rapport.\n" if lang == "fr" else text + "\n\nAnother one.\n"
        )
        assert main(["--db", db, "import", str(path), "--story", "c", "--lang", lang]) == 0
    capsys.readouterr()
    return db


def test_status_quotes_the_carrying_sentence_in_text_and_json(story: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", story, "status", "c"]) == 1
    assert 'English sentence 2 carries the changed French sentence: "Police said 10 people died."' in (
        capsys.readouterr().out
    )
    assert main(["--db", story, "status", "c", "--format", "json"]) == 1
    (stale,) = [f for f in json.loads(capsys.readouterr().out)["flags"] if f["kind"] == "stale"]
    assert stale["carriers"] == [{"en": 0, "sentence": 2, "text": "Police said 10 people died."}]


def test_the_details_panel_says_which_english_sentence_carries_it() -> None:
    from dataclasses import replace

    from tests.tui.fake_backend import FakeBackend
    from tracker.tui.widgets.details import describe_row

    backend = FakeBackend.with_sample()
    view = backend.view("sochi-summit")
    row = next(r for r in view.rows if any(f.kind == "stale" for f in r.flags))
    text = describe_row(row, view).plain
    assert "English sentence 1 carries the changed French sentence: “The summit was held in Sochi" in text
    single = replace(row, en=(replace(row.en[0], text="One sentence only."),))
    assert "carries the changed" not in describe_row(single, view).plain
