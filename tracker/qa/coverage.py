"""How much of the French story the English represents, per French paragraph and in total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.model import Finding, Link, Severity


@dataclass(frozen=True, slots=True)
class Coverage:
    """Share of each French paragraph the English represents, estimated from lengths (0 = no counterpart; a merged
    link shares the English length its French paragraphs expect), and the share of the French story, in
    characters, that has an English counterpart at all (lengths are the length check's business)."""

    per_paragraph: tuple[float, ...]
    total: float


_EXPECTED_RATIO = 0.9  # English runs about a tenth shorter than French


def coverage(fr: Sequence[str], en: Sequence[str], links: Sequence[Link]) -> Coverage:
    shares = [0.0] * len(fr)
    for link in links:
        if not link.fr or not link.en:
            continue
        fr_len = sum(len(fr[i]) for i in link.fr)
        en_len = sum(len(en[j]) for j in link.en)
        share = min(1.0, en_len / max(1.0, _EXPECTED_RATIO * fr_len))
        for i in link.fr:
            shares[i] = share
    represented = {i for link in links if link.en for i in link.fr}
    total = sum(len(fr[i]) for i in represented) / max(1, sum(len(text) for text in fr))
    return Coverage(tuple(shares), total)


def check_coverage(
    fr: Sequence[str], en: Sequence[str], links: Sequence[Link], severity: Severity, minimum: float
) -> list[Finding]:
    """A story-wide finding when the English represents less of the French than `minimum`."""
    if not fr:
        return []
    result = coverage(fr, en, links)
    if result.total >= minimum:
        return []
    missing = tuple(i for i, share in enumerate(result.per_paragraph) if share == 0.0)
    message = f"the English represents {result.total:.0%} of the French story (minimum {minimum:.0%})"
    if missing:
        message += f"; French paragraphs with no counterpart: {', '.join(map(str, missing))}"
    return [Finding("coverage", severity, missing, (), message)]
