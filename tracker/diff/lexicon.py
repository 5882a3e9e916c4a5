"""Language facts the change classifier needs: figures and their values, number words, negations, dates,
attribution verbs and desk signatures (French first, English too)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from tracker.facts.vocabulary import _EN_NUMBERS, _EN_VAGUE, _FR_NUMBERS, _FR_VAGUE, _SCALES
from tracker.facts.words import _head_value, _spelled_run

# A figure in running text: `6.500`, `6 500` (no-break or thin space), `1,5`, `30.000`, `2020`, `14h30`.
FIGURE = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)*")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")

# Number words as the diff reads them, piece by piece (`vingt-cinq` is `vingt` + `cinq`): the facts' tables of
# single words, with the hundreds, thousands and scales the spoken reading multiplies by.
_UNITS: dict[str, float] = {
    word: value for table in (_FR_NUMBERS, _EN_NUMBERS) for word, value in table.items() if "-" not in word
}
_UNITS |= {word: _FR_VAGUE[word][0] for word in ("zéro", "un", "une", "cent", "mille")}
_UNITS |= {word: _EN_VAGUE[word][0] for word in ("zero", "one", "hundred", "thousand")}
_UNITS |= {"vingts": 20, "cents": 100}
_UNITS |= {word: _SCALES[word] for word in ("million", "millions", "milliard", "milliards", "billion", "billions")}


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIONS = _set(
    "ne n' n’ pas jamais aucun aucune rien nullement guère non ni sans "
    "not no never none nothing nobody neither nor without cannot"
)
DATES = _set(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier demain aujourd'hui "
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday yesterday tomorrow today"
)
ATTRIBUTION = _set(
    "selon d'après d’après déclaré affirmé indiqué précisé assuré estimé expliqué ajouté annoncé souligné "
    "according said says told stated added announced"
)
# Function words whose swap changes meaning even though only a letter differs: never called typos.
NOT_TYPOS = _set(
    "le la les un une des de du au aux ce ces cet cette il ils elle elles on son sa ses et est en ou sur sous "
    "par pour avec dans mais qui que dont ne se leur leurs nous vous mon ma mes ton ta tes the a an in on of to"
)

# A desk signature (`bur-mba/cf/ial`): initials of the desks and editors who handled a dispatch, not content.
_SIGNATURE = re.compile(r"^[a-z]{2,6}(?:-[a-z]{2,6})*(?:/[a-z0-9]{2,6}(?:-[a-z0-9]{2,6})*)+$", re.IGNORECASE)


def is_signature(text: str) -> bool:
    """True for a desk signature line such as `bur-mba/cf/ial`: metadata, never translated, never substantive."""
    return bool(_SIGNATURE.match(text.strip()))


def figure_value(token: str) -> float:
    """The value of a figure as written in French or English copy (`6.500` = `6 500` = 6500, `1,5` = 1.5)."""
    raw = re.sub(r"[\u00a0\u202f ]", "", token)
    if _THOUSANDS_DOT.match(raw):
        raw = raw.replace(".", "")
    elif raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    elif raw.count(".") > 1 or raw.count(",") > 1:
        raw = raw.replace(".", "").replace(",", "")
    else:
        raw = raw.replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return float("nan")


@lru_cache(maxsize=65536)
def number_word_value(word: str) -> float | None:
    """Value of a spelled-out number (`dix`, `vingt-cinq`, `twenty-one`), None when `word` is not one."""
    if word.isdigit() or (word.lower() not in _UNITS and "-" not in word and "‑" not in word and " " not in word):
        return None
    parts = [p for p in re.split(r"[-‑ ]", word.lower()) if p and p != "et"]
    if not parts or any(p not in _UNITS for p in parts):
        return None
    return _facts_reading(word.lower().replace("‑", "-")) or spoken_value([(p, float(_UNITS[p])) for p in parts])


def _facts_reading(word: str) -> float | None:
    """The value the facts give a whole spelled number (`quatre-vingt-dix` is 90, not 4 + 20 + 10), if they read it."""
    for numbers in (_FR_NUMBERS, _EN_NUMBERS):
        head = _head_value(word, numbers)
        if head is not None:
            value, end = _spelled_run(word, head[1], head[0], numbers)
            if end == len(word):
                return value
    return None


def spoken_value(run: list[tuple[str, float]]) -> float:
    """Value of adjacent number pieces as read aloud: `dix` `mille`, `10` `000`, `deux` `cent` `trente`."""
    total, current = 0.0, 0.0
    for text, value in run:
        if text.isdigit() and len(text) == 3 and current:
            current = current * 1000 + value
        elif value >= 100.0 and value % 100 == 0 and not text.isdigit() and text.lower() in _UNITS:
            current = max(current, 1.0) * value
            if value >= 1000.0:
                total, current = total + current, 0.0
        else:
            current += value
    return total + current


def figures(text: str) -> Counter[float]:
    """The values of the figures written in digits in `text`, with their multiplicity."""
    return Counter(figure_value(m.group()) for m in FIGURE.finditer(text))


def fold(text: str) -> str:
    """Typography folded away for comparison: NFC, one kind of apostrophe and quote, plain spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    for a, b in (("’", "'"), ("‘", "'"), ("«", '"'), ("»", '"'), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
