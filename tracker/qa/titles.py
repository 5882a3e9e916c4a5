"""Titles of works, events and institutions made of common words, which an adaptation translates rather than
transliterates. French capitalises a title's first word only (`le Cheval de l'année`) and an article only when it
opens a title (`La Grosse Citrouille`); English capitalises every main word (`the Horse of the Year`, `The Great
Pumpkin`). Such a French title is carried by an English title whose capitalised words nothing in the French
accounts for, as its words are translations, not spellings."""

from __future__ import annotations

import re

from tracker.facts import Name, starts_sentence

_ARTICLES = frozenset({"Le", "La", "Les"})
# `Le` right before a name: the names read `Le` alone as a Roman ordinal (like `Ve`), so it may be left out.
_ARTICLE_BEFORE = re.compile(r"\b(?:Le|La|Les)[ \u00a0]\Z")
# One capitalised word after a determiner that a lower-case complement continues: `le Cheval de l'année`.
_FR_DETERMINER = re.compile(r"(?:\b(?:le|la|les|du|des|au|aux|un|une)[ \u00a0]|\bl['’])\Z")
_FR_TAIL = re.compile(r"[ \u00a0](?:de |du |des |d['’])(?:l['’]|la |le |les )?[a-zà-ÿ]")
_EN_LINK = r"(?:of|the|and|for|a|an)"  # not in, at, to: `Brown in Leeds` is two names
_EN_TITLE = re.compile(rf"\b[A-Z][^\W\d_]*(?:(?:[ \u00a0]{_EN_LINK})*[ \u00a0][A-Z][^\W\d_]*)+")
_WORD = re.compile(r"[^\W\d_]+")


def french_title(name: Name, french: str) -> bool:
    """A name written as a French title: opened by an article capitalised within a sentence (`La Petite Sirène`),
    or one capitalised word after a determiner, continued by a lower-case complement (`la Coupe du monde`). A
    person's name runs over two capitalised words or more and takes no article."""
    words = name.text.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        return not starts_sentence(french, name.start)
    article = _ARTICLE_BEFORE.search(french, 0, name.start)
    if article is not None:
        return not starts_sentence(french, article.start())
    if len(words) > 1 or name.acronym:
        return False
    return _FR_DETERMINER.search(french, 0, name.start) is not None and _FR_TAIL.match(french, name.end) is not None


def english_titles(english: str, stray: set[str]) -> list[frozenset[str]]:
    """Runs of title-cased English words (`Horse of the Year`) holding two stray words or more: those words."""
    out = []
    for m in _EN_TITLE.finditer(english):
        words = frozenset(w for w in _WORD.findall(m.group()) if w in stray)
        if len(words) >= 2:
            out.append(words)
    return out
