"""QA checks between aligned French and English paragraphs: the facts an adaptation must carry over.

`check(fr, en, links, config)` returns findings (values, never exceptions); `apply_waivers` marks the ones a
person set aside, bound to the paragraph texts they were raised on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from tracker.errors import InputError
from tracker.model import Finding, Link, Severity, Waiver, text_hash
from tracker.qa.config import CHECKS, DEFAULT_SEVERITY, QAConfig
from tracker.qa.coverage import Coverage, check_coverage, coverage
from tracker.qa.figures import check_dates, check_numbers
from tracker.qa.identifiers import check_identifiers
from tracker.qa.names import bundled, check_names
from tracker.qa.pair import Pair
from tracker.qa.text import check_length, check_quotes, check_untranslated

__all__ = ["CHECKS", "DEFAULT_SEVERITY", "Coverage", "QAConfig", "apply_waivers", "check", "check_link", "coverage"]


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


def apply_waivers(
    findings: Sequence[Finding], waivers: Sequence[Waiver], fr: Sequence[str], en: Sequence[str]
) -> tuple[Finding, ...]:
    """The findings, with `waived=True` (and who waived it and why) where a waiver names the same check and the
    same paragraph texts; the latest such waiver speaks."""
    by_key = {(w.check, tuple(w.fr_hashes), tuple(w.en_hashes)): w for w in sorted(waivers, key=lambda w: w.at)}
    out: list[Finding] = []
    for finding in findings:
        key = (
            finding.check,
            tuple(text_hash(fr[i]) for i in finding.fr if 0 <= i < len(fr)),
            tuple(text_hash(en[j]) for j in finding.en if 0 <= j < len(en)),
        )
        waiver = by_key.get(key)
        out.append(finding if waiver is None else replace(finding, waived=True, waiver=f"{waiver.by}: {waiver.reason}"))
    return tuple(out)
