"""The back-translation check: the English is translated back (through a local server) and compared with the French."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mt_servers import MTServer, glossary_translate

from tracker.model import Link
from tracker.mt.backcheck import CHECK, backcheck, compare, similarity
from tracker.mt.breaker import CircuitBreaker
from tracker.mt.cache import MemoryCache
from tracker.mt.client import MTClient
from tracker.mt.providers import ProviderConfig

BACK = {
    "the": "le", "summit": "sommet", "lasted": "a duré", "hours": "heures", "president": "président",
    "said": "a dit", "hello": "bonjour", "cat": "chat", "black": "noir", "is": "est",
}  # fmt: skip
FR = ["Le sommet a duré 12 heures.", "Le président n'a pas dit bonjour.", "Le chat est noir."]
EN = ["The summit lasted 15 hours.", "The president said hello.", "The cat is black."]
LINKS = [Link((0,), (0,)), Link((1,), (1,)), Link((2,), (2,))]


@pytest.fixture
def server() -> Iterator[MTServer]:
    with MTServer(translate=lambda text: glossary_translate(text, BACK)) as srv:
        yield srv


def test_back_translation_flags_a_changed_figure_and_a_lost_negation(server: MTServer) -> None:
    config = ProviderConfig("libre", url=server.url, timeout=2)
    findings = backcheck(FR, EN, LINKS, config, MemoryCache())
    assert [(f.check, f.severity, f.fr, f.en, f.spans) for f in findings] == [
        (CHECK, "warning", (0,), (0,), ("12",)),
        (CHECK, "warning", (0,), (0,), ("15",)),
        (CHECK, "warning", (1,), (1,), ()),
    ]
    assert "lacks the French figure(s) 12" in findings[0].message
    assert "negation differs: the French is negative" in findings[2].message


def test_back_translations_are_cached_like_any_other(server: MTServer) -> None:
    cache = MemoryCache()
    config = ProviderConfig("libre", url=server.url, timeout=2)
    backcheck(FR, EN, LINKS, config, cache)
    before = server.requests
    backcheck(FR, EN, LINKS, config, cache)
    assert server.requests == before


def test_english_only_and_french_only_links_are_not_back_checked(server: MTServer) -> None:
    config = ProviderConfig("libre", url=server.url, timeout=2)
    findings = backcheck(FR[:1], ["Subhead", *EN[:1]], [Link((), (0,)), Link((0,), (1,))], config)
    assert all(f.en == (1,) for f in findings)
    assert server.texts == ["The summit lasted 15 hours."]


def test_a_faithful_back_translation_gives_no_finding() -> None:
    assert compare(["Le chat est noir."], ["Le chat est noir."], [Link((0,), (0,))]) == []


def test_a_back_translation_that_shares_nothing_reads_far() -> None:
    [finding] = compare(["Le sommet de Sotchi."], ["Une réunion ailleurs."], [Link((0,), (0,))])
    assert finding.severity == "info" and "reads far" in finding.message
    assert similarity("Le sommet de Sotchi.", "Le sommet de Sotchi.") == 1.0


def test_a_failing_provider_surfaces_as_one_translation_error() -> None:
    from tracker.errors import TranslationError

    with MTServer() as srv:
        url = srv.url
    with pytest.raises(TranslationError, match="offline"):
        MTClient(ProviderConfig("libre", url=url, timeout=1), breaker=CircuitBreaker()).translate("x")


def test_an_unreachable_provider_is_a_warning_and_no_findings_when_asked() -> None:
    with MTServer() as srv:
        url = srv.url
    heard: list[str] = []
    findings = backcheck(FR, EN, LINKS, ProviderConfig("libre", url=url, timeout=1), warn=heard.append)
    assert findings == []
    assert len(heard) == 1 and heard[0].startswith("back-translation check skipped: LibreTranslate is unreachable")


def test_qa_mt_adds_back_translation_findings_without_touching_the_gate(server: MTServer, tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from tracker.cli import cli

    (tmp_path / "fr.txt").write_text("\n\n".join(FR) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n\n".join(EN) + "\n", encoding="utf-8")
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "TRACKER_MT_LIBRE_URL": server.url}
    args = ["qa", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), "--format", "json"]
    plain = CliRunner().invoke(cli, args, env=env, standalone_mode=False)
    with_mt = CliRunner().invoke(cli, [*args, "--mt", "libre"], env=env, standalone_mode=False)
    before, after = json.loads(plain.stdout)["issues"], json.loads(with_mt.stdout)["issues"]
    assert after[: len(before)] == before
    back = [i for i in after[len(before) :] if i["check"] == CHECK]
    assert [(i["fr"], i["en"], i["severity"]) for i in back] == [([0], [0], "warning")] * 2 + [([1], [1], "warning")]
    assert with_mt.return_value == plain.return_value
