"""Facts a translation must carry over, read from French or English text: figures, dates and times, quotes, names.

Each fact is normalised so that the same fact compares equal across conventions (`6.500` = `6,500`, `14h30` =
`2:30 pm`, `« »` = `“ ”`, `Poutine` ~ `Putin`); ambiguous spellings carry every value they may stand for.
Pure functions over text; results are cached, as the same paragraph is read by several checks.
"""

from __future__ import annotations

from tracker.facts.dates import DateFact, dates
from tracker.facts.figures import converted, figures, precision
from tracker.facts.names import Name, name_key, names, starts_sentence
from tracker.facts.numbers import Figure
from tracker.facts.quotes import Quote, quotes
from tracker.facts.vocabulary import DateKind, Language

__all__ = [
    "DateFact",
    "DateKind",
    "Figure",
    "Language",
    "Name",
    "Quote",
    "converted",
    "dates",
    "figures",
    "name_key",
    "names",
    "precision",
    "quotes",
    "starts_sentence",
]
