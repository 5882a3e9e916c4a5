"""Language-neutral features of paragraphs for the aligner: cognate prefixes, mapped names, normalised numbers.

Both sides go through the same pipeline (a French word table maps into English), so the features, and hence the
alignment, do not depend on which side is called French.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, count, repeat

from tracker.align.lexicon import NUMBER_WORDS, STEMS_TEXT, WORDS

PREFIX = 4

# Function words of both languages carry no evidence of translation.
_STOP_WORDS = """
    le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont ou ce cet cette ces
    se sa son ses leur leurs nous vous ils elles il elle on je j tu me m te t y en ne n pas ne a as ai ont avait
    avaient etait etaient ete etre sont suis sera serait seront fait faire font sur sous dans par pour avec chez
    vers tres tout tous toute toutes aussi ainsi comme si sa lui eux meme autre autres quel quelle quels
    quelles ceux celle celles celui cela ca c s
    the a an and or but of to in on at by for with from as is are was were be been being has have had do does
    did it its this that these those he she they we you i his her their our your them him us me my not no
    so if than then there here which who whom whose what when where how all also more less only still just
    into over under about after before up down out off very can could would should will shall may might must
    said says more less hui
"""
_STOP = frozenset(_STOP_WORDS.split())
_COMBINING = re.compile("[\u0300-\u036f]")
# Numbers grouped by spaces (6 500), numbers with separators (6.500, 1,5), then words.
_TOKEN = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)*|[^\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_TITLE_END = re.compile(r"[.!?:;»\"”)…]\s*$")


# Common Latin letters and spaces folded by one C-level pass; anything else goes through Unicode decomposition.
_PLAIN = ("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ\u00a0\u202f’", "aaaaaaceeeeiiiinooooouuuuyy  '")
_ACCENTS: dict[int, str] = {
    **{ord(a): b for a, b in zip(*_PLAIN, strict=True)},
    ord("œ"): "oe",
    ord("æ"): "ae",
    ord("ß"): "ss",
}


# The same mapping by character, for a regex: str.translate looks up every character of a non-ASCII text (French
# runs at 90 ns a character), a substitution only the few it maps, with the same result.
_BY_CHAR = {chr(k): v for k, v in _ACCENTS.items()}
_MAPPED = re.compile("[" + "".join(map(re.escape, _BY_CHAR)) + "]")


def _mapped(match: re.Match[str]) -> str:
    return _BY_CHAR[match.group()]


def fold(text: str) -> str:
    """Lower case without accents: `Électricité` -> `electricite`."""
    folded = text.lower()
    if folded.isascii():
        return folded
    folded = _MAPPED.sub(_mapped, folded)
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


_STEMS = {fold(k): v for k, v in (entry.split(":") for entry in STEMS_TEXT.split())}
# Stems this long also stand for longer words (`entraîn` for `entraînement`); shorter ones only for their inflections.
_LONG_STEM = 6
_INFLECTIONS = ("s", "e", "es", "x")


def translate(word: str) -> str:
    found = WORDS.get(word) or _STEMS.get(word)
    if found:
        return found
    for ending in _INFLECTIONS:
        if word.endswith(ending):
            found = _STEMS.get(word[: -len(ending)])
            if found:
                return found
    for k in range(len(word) - 1, _LONG_STEM - 1, -1):
        found = _STEMS.get(word[:k])
        if found and k >= _LONG_STEM:
            return found
    return word


def _number_key(token: str) -> str:
    """Digits only, so 6.500 / 6 500 / 6,500 and 1,5 / 1.5 meet whatever the convention."""
    digits = "".join(ch for ch in token if ch.isdigit()).lstrip("0")
    return "#" + (digits or "0")


def word_features(text: str) -> set[str]:
    """The evidence one paragraph offers: number keys, mapped words and cognate prefixes of content words."""
    return set(_text_features(text))


# Keyed by the text itself: aligning a story again (the TUI after an edit, a check of many files) and the
# sentence pass (a one-sentence paragraph is its own sentence) read the same texts again.
@lru_cache(maxsize=4096)
def _text_features(text: str) -> frozenset[str]:
    feats = _features_of(set(_TOKEN.findall(fold(text).replace("%", " percent "))))
    feats.discard("")
    return frozenset(feats)


_MAX_KNOWN = 200_000


def _features_of(tokens: set[str]) -> set[str]:
    """The features of folded tokens ("" among them for tokens that give none), each token's kept."""
    known = _FEATURE
    try:  # every word seen before: no set difference
        return set(map(known.__getitem__, tokens))
    except KeyError:
        feats = set()
        for token in tokens:
            feat = known.get(token)
            if feat is None:
                feat = _number_key(token) if token[0].isdigit() else _word_feature(token)
                if len(known) < _MAX_KNOWN:  # a full cache still scores every token (it used to drop new ones)
                    known[token] = feat
            feats.add(feat)
        return feats


_FEATURE: dict[str, str] = {}


def _word_feature(word: str) -> str:
    """The feature a folded word gives ("" for none): a number key, or the prefix of its English (mapped) form."""
    number = NUMBER_WORDS.get(word)
    if number is not None:
        return "#" + number if number[0].isdigit() else number
    word = translate(word)
    if word in _STOP or len(word) < 3:
        return ""
    return word[:PREFIX]


def is_title(text: str) -> bool:
    """Headlines, subheads and credit lines: short and without closing punctuation."""
    stripped = text.strip()
    return len(stripped) < 200 and not _TITLE_END.search(stripped)


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph as the scorer sees it: feature ids, their total weight, its length and shape."""

    feats: frozenset[int]
    weight: float
    chars: int
    title: bool


_GRID = float(2**30)


class Vocabulary:
    """Feature ids and inverse-document-frequency weights shared by both sides of one alignment."""

    def __init__(self, bags: Sequence[set[str]]) -> None:
        df = Counter(chain.from_iterable(bags))
        n = max(len(bags), 1)
        self.ids: dict[str, int] = dict(zip(df, range(len(df)), strict=True))
        # Most features occur once or twice: one logarithm per distinct count, not per feature. Weights lie on a
        # grid of 2**-30: any sum of up to millions of them is then exact, so it is the same in any order (the DP
        # adds a row's overlaps feature by feature); the rounding moves a weight by under 1e-9.
        idf = {times: math.log(1.0 + n / times) for times in set(df.values())}
        on_grid = {times: round(w * _GRID) / _GRID for times, w in idf.items()}
        self.weights: list[float] = list(map(on_grid.__getitem__, df.values()))
        # Numbers weigh half as much again; found by a loop in C, since most features are words.
        times_of = list(df.values())
        for k in compress(count(), map(str.startswith, df, repeat("#"))):
            self.weights[k] = round(idf[times_of[k]] * 1.5 * _GRID) / _GRID

    def para(self, text: str, bag: set[str]) -> Para:
        ids = frozenset(map(self.ids.__getitem__, bag))
        weight = sum(map(self.weights.__getitem__, ids))
        return Para(ids, weight, len(text.strip()), is_title(text))


def fallback_bag(text: str) -> set[str]:
    """For paragraphs with no content word: every word, else the bare text, so identical lines still meet."""
    words = _LETTERS.findall(fold(text))
    return {"~" + w for w in words} if words else {"=" + text.strip()}


def featurize(
    fr: Sequence[str], en: Sequence[str], fr_extra: Sequence[set[str]] | None = None
) -> tuple[list[Para], list[Para], Vocabulary]:
    """Paragraph features of both sides over one shared vocabulary; `fr_extra` adds evidence to French ones."""
    bags = [word_features(t) or fallback_bag(t) for t in (*fr, *en)]
    if fr_extra is not None:
        for bag, extra in zip(bags, fr_extra, strict=False):
            bag |= extra
    vocab = Vocabulary(bags)
    paras = [vocab.para(t, b) for t, b in zip((*fr, *en), bags, strict=True)]
    return paras[: len(fr)], paras[len(fr) :], vocab
