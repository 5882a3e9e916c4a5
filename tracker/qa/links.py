"""The per-link QA checks: each link's joined French and English through every enabled check, and coverage.

Apart from the package so that what only needs the configuration or the waivers (a story list, the summaries' cache
key) does not import the checks' parsers, name tables and aligner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tracker.errors import InputError
from tracker.model import Finding, Link, Severity
from tracker.qa.config import QAConfig
from tracker.qa.coverage import check_coverage
from tracker.qa.figures import check_dates, check_numbers
from tracker.qa.identifiers import check_identifiers
from tracker.qa.names import bundled, check_names
from tracker.qa.pair import Pair
from tracker.qa.text import check_length, check_quotes, check_untranslated


def _validate(fr: Sequence[str], en: Sequence[str], links: Sequence[Link]) -> None:
    for link in links:
        if any(not 0 <= i < len(fr) for i in link.fr) or any(not 0 <= j < len(en) for j in link.en):
            raise InputError("alignment", f"link {list(link.fr)} -> {list(link.en)} names a paragraph that is absent")


def check_link(fr: str, en: str, link: Link, config: QAConfig) -> list[Finding]:
    """The per-link checks on one link's joined French and English texts."""
    table, ignore = bundled()
    pair = Pair(link, fr, en, {**table, **config.names}, ignore)
    found: list[Finding] = []
    runs: dict[str, Callable[[Severity], list[Finding]]] = {
        "numbers": lambda s: check_numbers(pair, s),
        "dates": lambda s: check_dates(pair, s),
        "identifiers": lambda s: check_identifiers(pair, s),
        "quotes": lambda s: check_quotes(pair, s),
        "names": lambda s: check_names(pair, s),
        "untranslated": lambda s: check_untranslated(pair, s),
        "length": lambda s: check_length(pair, s, config.length_min, config.length_max),
    }
    for name, run in runs.items():
        if config.enabled(name):
            found.extend(run(config.severity_of(name)))
    return found


def check(
    fr: Sequence[str], en: Sequence[str], links: Sequence[Link], config: QAConfig | None = None
) -> tuple[Finding, ...]:
    """Every finding on an aligned pair of revisions, link by link (merged paragraphs checked as a whole)."""
    config = config or QAConfig()
    _validate(fr, en, links)
    findings: list[Finding] = []
    for link in links:
        if link.fr and link.en:
            fr_text = " ".join(fr[i] for i in link.fr)
            en_text = " ".join(en[j] for j in link.en)
            findings.extend(check_link(fr_text, en_text, link, config))
    if config.enabled("coverage"):
        findings.extend(check_coverage(fr, en, links, config.severity_of("coverage"), config.min_coverage))
    return tuple(findings)
