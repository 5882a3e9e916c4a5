"""The names check: capitalised French names and acronyms appear in the English, transliterated or translated."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from tracker.facts import Name, name_key, names
from tracker.model import Finding, Severity
from tracker.qa.match import clipped, fold, same_name
from tracker.qa.pair import Pair
from tracker.qa.titles import english_titles, french_title


@lru_cache(maxsize=1)
def bundled() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The bundled names table (French -> English spellings) and the capitalised French words to ignore."""
    data = tomllib.loads(resources.files("tracker.qa").joinpath("names.toml").read_text("utf-8"))
    table = {fr: tuple(en) for fr, en in data["names"].items()}
    return table, frozenset(data["ignore"]["fr"])


# Capitalised English words that are titles, calendar or common words rather than names standing for another.
_EN_COMMON = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "President", "Prime", "Minister", "Secretary", "General",
        "Government", "State", "States", "Senator", "Governor", "King", "Queen", "Prince", "Pope", "Chancellor",
        "Professor", "Premier", "Vice", "Chief", "Executive", "Director", "Police", "Court", "House", "Party",
        "Council", "Department", "Ministry", "Committee", "Commission", "Office", "National", "Federal", "Central",
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "The", "Internet", "God",
        "Miss", "Madam", "Madame", "Monsieur", "Doctor", "Captain", "Colonel", "Lieutenant", "Sergeant", "Count",
        "Countess", "Duke", "Duchess", "Baron", "Baroness", "Marquis", "Father", "Mother", "Sister", "Brother",
        "Uncle", "Aunt", "Heaven", "Hell", "Christ", "Virgin", "Providence", "Nature", "History", "Chapter",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    }
)  # fmt: skip


def _explained(part: str, french: str, french_words: set[str], pair: Pair) -> bool:
    low = part.lower()
    if len(low) < 3 or part in _EN_COMMON or low in french.lower():
        return True
    key = name_key(part)
    if any(len(w) >= 4 and (w[:4] == low[:4] or same_name(name_key(w), key) or clipped(w, part)) for w in french_words):
        return True
    return any(part in " ".join(spellings) for key, spellings in pair.table.items() if key in french)


def stray_names(pair: Pair) -> list[str]:
    """English name parts that nothing in the French accounts for: a name may have been put in another's place."""
    french_words = {fold(w) for w in re.findall(r"[^\W\d_]+", pair.fr)}
    parts = {p for n in names(pair.en, "en") for p in n.parts}
    return sorted(p for p in parts if not _explained(p, pair.fr, french_words, pair))


def _part_lost(pair: Pair, name: Name) -> bool:
    """A multi-word name whose surname is there but another word is not (Hillary Clinton -> Montevideo Clinton);
    asked only when the English has a stray name."""
    words = name.text.split()
    if len(words) < 2 or name.acronym:
        return False
    parts = [p for w in words[:-1] for p in re.split(r"[-‑]", w) if len(p) >= 3 and p not in pair.ignore]
    return any(not pair.english.has_key(name_key(p)) and p not in pair.table for p in parts)


def _translated_titles(pair: Pair, missing: list[Name], stray: set[str]) -> list[Name]:
    """The missing names that are French titles an English title of stray words translates, each title used once;
    those words are then no longer stray."""
    titles = english_titles(pair.en, stray)
    found = []
    for name in missing:
        if titles and french_title(name, pair.fr):
            stray -= titles.pop(0)
            found.append(name)
    return found


def check_names(pair: Pair, severity: Severity) -> list[Finding]:
    """French names with no counterpart in the English, when the English has a name nothing in the French accounts
    for (a name left out or paraphrased, `Tasmanie` -> `the state`, is an adapter's choice, not a wrong name)."""
    stray = set(stray_names(pair)) if pair.fr_names else set()
    if not stray:
        return []
    missing = [
        n for n in pair.fr_names if pair.kept(n.start) and (pair.name_carried(n) is False or _part_lost(pair, n))
    ]
    titles = _translated_titles(pair, missing, stray)
    missing = [n for n in missing if n not in titles]
    if not missing or not stray:
        return []
    listed = ", ".join(dict.fromkeys(n.text for n in missing))
    return [
        pair.finding("names", severity, f"French {listed} not found in the English", tuple(n.text for n in missing))
    ]
