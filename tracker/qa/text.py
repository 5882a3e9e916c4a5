"""The text checks: quoted passages carried over, French left in the English, lengths far apart."""

from __future__ import annotations

import re

from tracker.facts import quotes
from tracker.model import Finding, Severity
from tracker.qa.pair import Pair

_FR_MARKERS = frozenset({
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "que", "qui", "dans", "pour", "pas", "sur",
    "avec", "ce", "cette", "il", "elle", "sont", "ont", "été", "à", "au", "aux", "par", "plus", "mais", "ne",
    "nous", "vous", "leur", "leurs", "sa", "son", "ses", "où", "aussi",
})  # fmt: skip
_EN_MARKERS = frozenset({
    "the", "and", "of", "to", "is", "are", "was", "were", "that", "with", "for", "on", "in", "by", "it", "this",
    "from", "have", "has", "be", "not", "at", "as", "he", "she", "they", "his", "her", "their", "which", "who",
    "will", "would", "been", "an", "or", "but",
})  # fmt: skip
_SUBSTANTIAL = 3  # words: shorter quoted bits are often scare quotes an adapter may drop


def _short(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _substantial(text: str) -> bool:
    """Three words or more, and not a title or a name (`« No Such Agency »` may lose its quotes in English)."""
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= _SUBSTANTIAL and not all(w[0].isupper() or len(w) <= 3 for w in words)


def check_quotes(pair: Pair, severity: Severity) -> list[Finding]:
    """Quoted French passages have quoted English counterparts of roughly the same length."""
    fr_quotes = [q for q in quotes(pair.fr) if _substantial(q.text) and pair.kept(q.start)]
    if not fr_quotes:
        return []
    en_quotes = quotes(pair.en)
    fr_words = sum(q.words for q in fr_quotes)
    en_words = sum(q.words for q in en_quotes)
    if not en_quotes:
        first = fr_quotes[0].text
        message = f"quoted passage «{_short(first)}» has no quoted counterpart in the English"
        return [pair.finding("quotes", severity, message, tuple(q.text for q in fr_quotes))]
    if en_words < 0.5 * fr_words - 2 or (len(fr_quotes) > len(en_quotes) and en_words < 0.75 * fr_words):
        message = f"the English quotes {en_words} words where the French quotes {fr_words} ({len(fr_quotes)} passages)"
        return [pair.finding("quotes", severity, message, tuple(q.text for q in fr_quotes))]
    return []


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def reads_as_french(text: str) -> bool:
    """Function words say French rather than English (a whole paragraph, not a quoted slogan)."""
    words = _words(text)
    french = sum(w in _FR_MARKERS for w in words)
    english = sum(w in _EN_MARKERS for w in words)
    return french >= 3 and french > 2 * english


def check_untranslated(pair: Pair, severity: Severity) -> list[Finding]:
    """The English paragraph is the French one, or reads as French."""
    same = " ".join(pair.fr.casefold().split()) == " ".join(pair.en.casefold().split())
    # A list of names or a dateline reads the same in both languages: only French sentences count.
    if same and len(_words(pair.fr)) >= 4 and sum(w in _FR_MARKERS for w in _words(pair.fr)) >= 2:
        return [pair.finding("untranslated", severity, "the English paragraph is the French one, unchanged")]
    if reads_as_french(pair.en):
        return [pair.finding("untranslated", severity, "the English paragraph reads as French", (_short(pair.en),))]
    return []


def check_length(pair: Pair, severity: Severity, low: float, high: float) -> list[Finding]:
    """English far shorter or longer than its French source (lengths in characters, short paragraphs skipped).

    Shorter is measured against the French the English kept: a sentence whose facts are all absent was cut on
    purpose, as the fact checks judge it, so only English far shorter than the sentences it visibly translates
    (or than any one sentence, when no fact tells) is reported."""
    fr_len, en_len = len(pair.fr.strip()), len(pair.en.strip())
    if fr_len < 80 and en_len < 80:
        return []
    ratio = en_len / max(fr_len, 1)
    if ratio > high:
        message = f"the English is {ratio:.0%} of the French length ({en_len} vs {fr_len} characters): far longer"
        return [pair.finding("length", severity, message)]
    if ratio >= low:
        return []
    kept = pair.kept_length
    if en_len >= low * kept:
        return []
    message = f"the English is {ratio:.0%} of the French length ({en_len} vs {fr_len} characters): far shorter"
    if kept < fr_len:
        message += f", {en_len / max(kept, 1):.0%} of the {kept} characters of French it keeps"
    return [pair.finding("length", severity, message)]
