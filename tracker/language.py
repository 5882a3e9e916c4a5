"""Which language a text is written in, when its words say so clearly: a guard, not a classifier.

`tracker import --story X --lang fr` forces files into a story; a licence, an English article or a German item
forced in as French would poison the alignment and every flag after it. The guess counts each language's most
frequent function words (articles, prepositions, pronouns, auxiliaries): they make a third to a half of any
running text and are nearly disjoint between languages. It answers only when the text is long enough and one
language leads clearly; a short urgent, a list of names or a table answers None, and None never refuses.
"""

from __future__ import annotations

import re
from collections import Counter

# A language's function words, those that are not also common function words of another language listed here.
_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "fr": "le les des du une et est que qui dans pour pas sur au aux ce cette il elle ils elles ont été "
        "par avec son ses sont leur leurs mais où ou nous vous je ne se sa lui été était avait être fait plus "
        "selon après contre entre depuis lors aussi très tout tous comme dont",
        "en": "the of and to is that for it was on with as by at from this be are have has an not but which "
        "were they their said will would been had who its he she we you after about than into over also more "
        "there what when or",
        "de": "der die das und ist nicht mit von den dem zu ein eine einen sich auf für im auch es des bei wird "
        "wurde sind hat nach aus wie noch nur oder über dass werden",
        "es": "el los las del y por con para es lo al como más su sus pero fue ha han este esta entre sobre "
        "también muy sin desde porque cuando hasta",
        "it": "il gli di della delle dei che per con non è si da nel nella sono ha anche come più ma alla "
        "degli questo questa stato essere",
        "pt": "os do da dos das em um uma para com não é por no na mais foi ao são seu sua também pelo pela "
        "entre quando muito",
        "nl": "het een en van is dat op te met voor niet zijn aan er ook als bij om uit werd wordt naar maar "
        "nog door heeft",
    }.items()
}
NAMES = {
    "fr": "French",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "cjk": "Chinese, Japanese or Korean",
    "cyrillic": "a Cyrillic-script language",
    "arabic": "an Arabic-script language",
}
# Fewer words than this never answer: an urgent or a headline is too short to tell.
MIN_WORDS = 30
# The leading language must hold this share of the words, and this many times the runner-up's count.
MIN_SHARE = 0.12
MIN_LEAD = 2.0
# Under this share of a language's own function words, a long text is not in that language.
MIN_OWN_SHARE = 0.05

_ELIDED = frozenset(["l", "d", "qu", "n", "s", "j", "c", "jusqu", "lorsqu", "puisqu"])
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SCRIPTS = (
    ("cjk", re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
)


def _counts(text: str) -> tuple[Counter[str], int]:
    """Per language of _WORDS, how many of the text's words are its function words; and how many words."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:200_000])]
    counts: Counter[str] = Counter()
    for word in words:
        # French elisions (l'accord, d'une, qu'il) count by their article or pronoun
        head = word.split("'", 1)[0] if "'" in word else word
        if head != word and head in _ELIDED:
            counts["fr"] += 1
            continue
        counts.update(lang for lang, table in _WORDS.items() if head in table)
    return counts, len(words)


def language_of(text: str) -> str | None:
    """The language `text` is clearly written in (a key of NAMES), or None when it does not say clearly."""
    sample = text[:200_000]
    letters = sum(1 for _ in re.finditer(r"[^\W\d_]", sample))
    if letters:
        for script, pattern in _SCRIPTS:
            if len(pattern.findall(sample)) > letters / 2:
                return script
    counts, total = _counts(sample)
    if total < MIN_WORDS:
        return None
    ranked = counts.most_common(2)
    if not ranked:
        return None
    best, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if score < MIN_SHARE * total or score < MIN_LEAD * second:
        return None
    return best


def is_not(text: str, lang: str) -> bool:
    """Whether `text`, long enough to tell, is clearly not in `lang` (a key of _WORDS) even when the language it
    is in has no table here (Swedish, Norwegian, ...): its function words are under MIN_OWN_SHARE of its words,
    where any running text in `lang` has several times that (12 % at the least in the dev sets' paragraphs)."""
    counts, total = _counts(text)
    return total >= MIN_WORDS and counts[lang] < MIN_OWN_SHARE * total
