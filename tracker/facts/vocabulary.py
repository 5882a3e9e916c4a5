"""The words and units French and English use for figures, dates and money, and how they map."""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["fr", "en"]
DateKind = Literal["day", "month", "weekday", "time", "decade"]

_SPACES = " \u00a0\u202f\u2009"
_WORD = r"[^\W\d_]"

# ---------------------------------------------------------------- vocabulary


def _alt(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_EN_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
_EN_MONTH_ABBR |= {"oct": 10, "nov": 11, "dec": 12}
_FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_FR_NUMBERS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17,
    "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "soixante-dix": 70, "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90,
}  # fmt: skip
_EN_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Words that stand for a value but are not figures an adapter must carry: they only vouch for figures opposite.
_FR_VAGUE = {
    "un": (1,), "une": (1,), "premier": (1,), "première": (1,), "deuxième": (2,), "second": (2,), "seconde": (2,),
    "troisième": (3,), "quatrième": (4,), "cinquième": (5,), "double": (2,), "doublé": (2,), "triple": (3,),
    "dizaine": (10, 12), "douzaine": (12, 10), "quinzaine": (15, 14), "vingtaine": (20,), "trentaine": (30,),
    "centaine": (100,), "cent": (100,), "mille": (1000,), "millier": (1000,), "milliers": (1000,),
    "moitié": (0.5, 50), "demi": (0.5,), "tiers": (3,), "quart": (4, 0.25), "an": (1,), "zéro": (0,),
}  # fmt: skip
_EN_VAGUE = {
    "one": (1,), "first": (1,), "second": (2,), "third": (3,), "fourth": (4,),
    "fifth": (5,), "both": (2,), "twice": (2,), "couple": (2,), "pair": (2,), "double": (2,), "doubled": (2,),
    "triple": (3,), "dozen": (12, 10), "dozens": (12,), "hundred": (100,), "thousand": (1000,), "half": (0.5, 50),
    "quarter": (4, 0.25), "decade": (10,), "fortnight": (15, 14), "zero": (0,), "once": (1,), "year": (1,),
    "hundreds": (100,), "thousands": (1000,), "noon": (12,), "midday": (12,), "midnight": (0, 12, 24),
}  # fmt: skip
_EN_ORDINALS = [
    "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
_FR_ORDINALS = [
    "sixième", "septième", "huitième", "neuvième", "dixième", "onzième", "douzième", "treizième", "quatorzième",
    "quinzième", "seizième", "dix-septième", "dix-huitième", "dix-neuvième", "vingtième",
]  # fmt: skip
_EN_VAGUE |= {word: (n,) for n, word in enumerate(_EN_ORDINALS, start=6)}
_EN_VAGUE |= {f"twenty-{word}": (20 + n,) for word, n in (("first", 1), ("second", 2), ("third", 3))}
_FR_VAGUE |= {word: (n,) for n, word in enumerate(_FR_ORDINALS, start=6)}
_FR_VAGUE |= {"vingt-et-unième": (21,), "vingt-deuxième": (22,), "midi": (12,), "minuit": (0, 12, 24)}
_FR_VAGUE |= {"quarantaine": (40,), "cinquantaine": (50,), "soixantaine": (60,), "centaines": (100,)}
_SCALES = {
    "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9,
    "trillion": 1e12, "mille": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "md": 1e9, "mds": 1e9,
    "k": 1e3, "m€": 1e6, "md€": 1e9, "mrd": 1e9, "tn": 1e12, "m$": 1e6, "md$": 1e9, "mds$": 1e9, "g$": 1e9,
}  # fmt: skip
_CURRENCIES = {
    "€": "EUR", "euro": "EUR", "euros": "EUR", "d'euros": "EUR", "d’euros": "EUR", "m€": "EUR", "md€": "EUR",
    "$": "USD", "dollar": "USD", "dollars": "USD", "£": "GBP", "sterling": "GBP",
    "livres": "GBP", "yen": "JPY", "yens": "JPY", "yuan": "CNY", "yuans": "CNY", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "m$": "USD", "md$": "USD", "mds$": "USD", "g$": "USD", "%": "%",
    "percent": "%", "pc": "%", "pourcent": "%",
}  # fmt: skip
# Measures English papers convert (value in English = value in French x factor, roughly).
_CONVERSIONS = {
    "km": ("miles", 0.621371), "m": ("ft", 3.28084), "kg": ("lb", 2.20462), "ha": ("acres", 2.47105),
    "m3": ("ft3", 35.3147), "t": ("t", 1.10231), "cm": ("in", 0.393701),
}  # fmt: skip
_UNITS = {
    "km", "m", "cm", "mm", "kg", "g", "t", "ha", "l", "mw", "gw", "kw", "kwh", "mo", "go", "gb", "mb", "ft", "mph",
    "lb", "lbs", "oz", "mi", "miles", "acres", "°c", "°f", "°", "hz", "mhz", "ghz", "kmh", "km/h", "min", "mn",
}  # fmt: skip
_UNIT_WORDS = {
    "mètres": "m", "mètre": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m", "kilomètres": "km",
    "kilomètre": "km", "kilometres": "km", "kilometers": "km", "kilos": "kg", "kilogrammes": "kg", "kilograms": "kg",
    "hectares": "ha", "tonnes": "t", "tons": "t", "pounds": "lb", "pound": "lb", "feet": "ft", "foot": "ft",
    "mile": "miles", "acre": "acres", "lbs": "lb", "pouces": "in", "pouce": "in", "inches": "in", "inch": "in",
}  # fmt: skip
_UNIT_WORDS |= {"pieds": "ft", "milles": "miles"}
_ORDINAL_SUFFIX = {"e", "er", "ère", "re", "ème", "eme", "ième", "nd", "st", "rd", "th", "è"}
_HALF = re.compile(
    r"(?:-and-a-half|[ -]and[ -]a[ -]half|(?:[ \u00a0][^\W\d_]{2,})?[ \u00a0-]et[ \u00a0-]demie?)(?![^\W\d_])"
)
