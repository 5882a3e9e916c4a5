"""Back-translation check for QA: machine-translate the English back into French and compare it with the French
it adapts — figures, negations and overall closeness — giving Findings with check id `back-translation`.

MT is evidence, not proof: every finding is a warning or note for a person to read, never an error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from tracker.model import Finding, Link
from tracker.mt.cache import Cache
from tracker.mt.providers import ProviderConfig

CHECK = "back-translation"
FAR = 0.12  # Dice overlap of content-word stems under which a back-translation "reads far" from the French

_NEGATION = re.compile(
    r"\b(?:ne|n['’])\b[^.;:!?]{0,60}?\b(?:pas|plus|jamais|rien|personne|aucun|aucune|guère|nullement)\b"
    r"|\b(?:sans|ni|non)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{4,}")
_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:,\d+)?")


def _figures(text: str) -> dict[str, frozenset[float]]:
    """Figures that make a claim, keyed by how they are written."""
    try:
        from tracker.facts import figures
    except ImportError:  # the facts module is optional here: fall back to plain digit runs
        out: dict[str, frozenset[float]] = {}
        for m in _DIGITS.finditer(text):
            raw = m.group()
            digits = re.sub(r"[.\u00a0\u202f ]", "", raw).replace(",", ".")
            try:
                out[raw] = frozenset({float(digits)})
            except ValueError:
                continue
        return out
    return {f.text: f.values for f in figures(text, "fr") if f.claim}


def _stems(text: str) -> set[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return {w[:5] for w in _WORD.findall(plain)}


def similarity(a: str, b: str) -> float:
    """Dice overlap of content-word stems (words of four letters or more, first five letters)."""
    sa, sb = _stems(a), _stems(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def compare(fr: Sequence[str], back: Sequence[str], links: Sequence[Link]) -> list[Finding]:
    """Findings for each link with both sides: `back[j]` is the back-translation of English paragraph j."""
    found: list[Finding] = []
    for link in links:
        if not link.fr or not link.en:
            continue
        french = " ".join(fr[i] for i in link.fr)
        returned = " ".join(back[j] for j in link.en)
        found.extend(_compare_one(french, returned, link))
    return found


def _compare_one(french: str, returned: str, link: Link) -> list[Finding]:
    out: list[Finding] = []

    def add(severity: str, message: str, spans: tuple[str, ...] = ()) -> None:
        out.append(Finding(CHECK, "warning" if severity == "warning" else "info", link.fr, link.en, message, spans))

    fr_figs, back_figs = _figures(french), _figures(returned)
    back_values = frozenset().union(*back_figs.values()) if back_figs else frozenset()
    fr_values = frozenset().union(*fr_figs.values()) if fr_figs else frozenset()
    missing = [raw for raw, values in fr_figs.items() if not values & back_values]
    added = [raw for raw, values in back_figs.items() if not values & fr_values]
    if missing:
        add("warning", f"the English, translated back, lacks the French figure(s) {', '.join(missing)}", tuple(missing))
    if added:
        add(
            "warning", f"the English, translated back, has figure(s) the French lacks: {', '.join(added)}", tuple(added)
        )
    fr_neg, back_neg = bool(_NEGATION.search(french)), bool(_NEGATION.search(returned))
    if fr_neg != back_neg:
        side = (
            "the French is negative but the English, translated back, is not"
            if fr_neg
            else ("the English, translated back, is negative but the French is not")
        )
        add("warning", f"negation differs: {side}")
    score = similarity(french, returned)
    if score < FAR:
        add("info", f"the English, translated back, reads far from the French (overlap {score:.2f}): check the meaning")
    return out


def backcheck(
    fr: Sequence[str],
    en: Sequence[str],
    links: Sequence[Link],
    provider: str | ProviderConfig | None = None,
    cache: Cache | None = None,
    *,
    warn: Callable[[str], None] | None = None,
) -> list[Finding]:
    """Translate the linked English paragraphs back into French (through the MT client and cache) and compare.

    With `warn`, a failing provider is reported there and the check gives no findings instead of raising.
    """
    from tracker.errors import TranslationError
    from tracker.mt import translate_paragraphs

    needed = sorted({j for link in links if link.fr for j in link.en})
    try:
        returned = translate_paragraphs([en[j] for j in needed], provider, cache, source="en", target="fr")
    except TranslationError as exc:
        if warn is None:
            raise
        warn(f"back-translation check skipped: {exc}")
        return []
    back = [""] * len(en)
    for j, text in zip(needed, returned, strict=True):
        back[j] = text
    return compare(fr, back, links)
