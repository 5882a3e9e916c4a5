"""Capitalised names and acronyms, and a spelling-neutral key to compare them across transliterations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from tracker.facts.vocabulary import _SPACES, Language

_TOKEN = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*")
_ROMAN = re.compile(r"^[IVXLC]+(?:e|er|ème)?$")
_SENTENCE_MARKS = '.!?:;«»“”"([—–…'


# A full stop after an initial or a title of address ends no sentence: `M. Wilkie`, `W. Kamau Bell`, `Mr. Smith`.
_ABBREVIATION = re.compile(r"(?:^|[\s(«“\"])(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Mme|Mlle|Mgr|Pr)\.$")


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (after a full stop, a colon, a quotation mark, a dash)."""
    before = text[max(0, start - 12) : start].rstrip(_SPACES + "\n\t")
    if start <= 12 and not before:
        return True
    if before.endswith(".") and _ABBREVIATION.search(before):
        return False
    return bool(before) and (before[-1] in _SENTENCE_MARKS or before.endswith(" -"))


@dataclass(frozen=True, slots=True)
class Name:
    """A run of capitalised words (`Vladimir Poutine`) or an acronym (`OTSC`); `parts` split hyphens too."""

    text: str
    start: int
    end: int
    parts: tuple[str, ...]
    acronym: bool = False


def _capitalised(token: str) -> bool:
    return token[0].isupper() and not _ROMAN.match(token)


@lru_cache(maxsize=2048)
def names(text: str, lang: Language) -> tuple[Name, ...]:
    """Capitalised names and acronyms; a sentence's first word counts only when it is plainly a name."""
    tokens = [
        m
        for m in _TOKEN.finditer(text)
        if _capitalised(m.group())
        and not re.match(r"\d", text[m.end() : m.end() + 1])  # AC360, G20: no names
        and not (m.start() and text[m.start() - 1].isdigit())  # 300ER
    ]
    midsentence = {m.group() for m in tokens if not starts_sentence(text, m.start())}
    groups: list[list[re.Match[str]]] = []
    for m in tokens:
        if groups and re.fullmatch(r"[ \u00a0]", text[groups[-1][-1].end() : m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    out: list[Name] = []
    for group in groups:
        first = group[0]
        initial = starts_sentence(text, first.start()) and first.group() not in midsentence
        if initial and (not first.group().isupper() or len(first.group()) < 2):
            group = group[1:]
        if not group:
            continue
        words = [m.group() for m in group]
        parts = tuple(p for w in words for p in re.split(r"[-‑]", w) if p)
        acronym = len(words) == 1 and len(words[0]) >= 2 and words[0].isupper()
        out.append(Name(text[group[0].start() : group[-1].end()], group[0].start(), group[-1].end(), parts, acronym))
    return tuple(out)


_TRANSLIT = [("tch", "ch"), ("ch", "sh"), ("dj", "j"), ("ou", "u"), ("y", "i"), ("w", "v"), ("ph", "f")]
_TRANSLIT += [("kh", "h"), ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s")]


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A spelling-neutral key: no accents, lower case, common transliteration pairs folded, doubles collapsed."""
    key = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    key = re.sub(r"[^a-z]", "", key)
    for old, new in _TRANSLIT:
        key = key.replace(old, new)
    key = re.sub(r"gh|gu(?=[ei])", "g", key)  # a hard g: French `gu` before e or i, English `gh` (Hugues/Hughes)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"e?s?$", "", key) if len(key) >= 4 else key
