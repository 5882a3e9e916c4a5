"""QA checks between aligned French and English paragraphs: the facts an adaptation must carry over.

`check(fr, en, links, config)` returns findings (values, never exceptions); `apply_waivers` marks the ones a
person set aside, bound to the paragraph texts they were raised on. The checks themselves live in `tracker.qa.links`
and load on first use of `check` or `check_link`: the configuration and the waivers are read far more often.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tracker.model import Finding, Waiver, text_hash
from tracker.qa.config import CHECKS, DEFAULT_SEVERITY, QAConfig
from tracker.qa.coverage import Coverage, coverage

if TYPE_CHECKING:
    from tracker.qa.links import check, check_link

__all__ = ["CHECKS", "DEFAULT_SEVERITY", "Coverage", "QAConfig", "apply_waivers", "check", "check_link", "coverage"]


def __getattr__(name: str) -> Any:
    if name in ("check", "check_link"):
        from tracker.qa import links

        return getattr(links, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
