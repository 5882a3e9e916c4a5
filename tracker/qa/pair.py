"""One alignment link as the checks see it: the joined texts of both sides, their facts, and which French
sentences the English kept (an adapter may cut a sentence; its facts are then not missing, they are cut)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from functools import cached_property

from tracker import facts
from tracker.facts.identifiers import Identifier, carried_in, identifiers
from tracker.model import Finding, Link, Severity
from tracker.qa.match import English, date_matched, figures_matched, name_carried, pool, time_values

_SENTENCE = re.compile(r"(?<![A-Z]\.)(?<=[.!?…])[»”\"]?\s+(?=[«“\"]?[\s\u00a0\u202f]*[A-ZÀ-Ý])")
_EN_PER_FR = 0.85  # English runs about 15 % shorter than French: the yardstick for a sentence with no fact


class Pair:
    """French and English sides of one link (merged paragraphs joined), with lazily extracted facts."""

    def __init__(
        self, link: Link, fr: str, en: str, table: Mapping[str, tuple[str, ...]], ignore: frozenset[str]
    ) -> None:
        self.link = link
        self.fr = fr
        self.en = en
        self.table = table
        self.ignore = ignore

    @cached_property
    def fr_figures(self) -> tuple[facts.Figure, ...]:
        return facts.figures(self.fr, "fr")

    @cached_property
    def en_figures(self) -> tuple[facts.Figure, ...]:
        return facts.figures(self.en, "en")

    @cached_property
    def fr_dates(self) -> tuple[facts.DateFact, ...]:
        return facts.dates(self.fr, "fr")

    @cached_property
    def en_dates(self) -> tuple[facts.DateFact, ...]:
        return facts.dates(self.en, "en")

    @cached_property
    def fr_identifiers(self) -> tuple[Identifier, ...]:
        return identifiers(self.fr)

    @cached_property
    def en_identifiers(self) -> tuple[Identifier, ...]:
        return identifiers(self.en)

    @cached_property
    def fr_names(self) -> tuple[facts.Name, ...]:
        return facts.names(self.fr, "fr")

    @cached_property
    def english(self) -> English:
        return English(self.en)

    def name_carried(self, name: facts.Name) -> bool | None:
        return name_carried(name, self.english, self.table, self.ignore, self.fr)

    @cached_property
    def _fr_hits(self) -> list[tuple[int, bool]]:
        """Every French fact (start offset) and whether the English has it."""
        extra = time_values(self.en_dates)
        claims = [f for f in self.fr_figures if f.claim and not f.spelled]
        hits = [(f.start, hit) for f, hit in zip(claims, figures_matched(claims, self.en_figures, extra), strict=True)]
        values = pool(self.en_figures)
        hits += [(d.start, date_matched(d, self.en_dates, values)) for d in self.fr_dates if d.claim]
        hits += [(i.start, carried_in(i, self.en)) for i in self.fr_identifiers]
        for name in self.fr_names:
            carried = self.name_carried(name)
            if carried is not None:
                hits.append((name.start, carried))
        return hits

    @cached_property
    def _sentences(self) -> list[tuple[int, int]]:
        bounds = [0] + [m.end() for m in _SENTENCE.finditer(self.fr)] + [len(self.fr) + 1]
        return list(zip(bounds, bounds[1:], strict=False))

    def _sentence_of(self, start: int) -> int:
        """The index of the sentence holding `start` (a binary search: facts x sentences would be quadratic)."""
        return max(0, bisect_right(self._sentence_starts, start) - 1)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _ in self._sentences]

    @cached_property
    def _hits_by_sentence(self) -> list[list[tuple[int, bool]]]:
        """The French facts' hits of each sentence, in sentence order."""
        grouped: list[list[tuple[int, bool]]] = [[] for _ in self._sentences]
        for start, hit in self._fr_hits:
            grouped[self._sentence_of(start)].append((start, hit))
        return grouped

    @cached_property
    def _open_sentences(self) -> list[bool]:
        """Per sentence: whether a fact shows it kept, or no fact can tell about it."""
        return [not hits or any(h for _, h in hits) for hits in self._hits_by_sentence]

    @cached_property
    def _open_room(self) -> int:
        return sum(b - a for (a, b), is_open in zip(self._sentences, self._open_sentences, strict=True) if is_open)

    @cached_property
    def kept_length(self) -> int:
        """Characters of French the English stands for at the least: the sentences a fact of theirs shows kept;
        with none shown, the shortest sentence no fact shows cut; with every sentence shown cut, the whole French
        (nothing then tells which part the English is)."""
        shown: list[int] = []
        open_: list[int] = []
        for (a, b), sentence_hits in zip(self._sentences, self._hits_by_sentence, strict=True):
            hits = [hit for _, hit in sentence_hits]
            size = len(self.fr[a:b].strip())
            if any(hits):
                shown.append(size)
            elif not hits:
                open_.append(size)
        if shown:
            return sum(shown)
        return min(open_) if open_ else len(self.fr.strip())

    def kept(self, start: int) -> bool:
        """Whether the English kept the French sentence at `start`: another of its facts is there, or, with no
        other fact to tell, the English length is nearer to a translation with that sentence than without it."""
        if len(self._sentences) == 1:
            return True
        index = self._sentence_of(start)
        first, last = self._sentences[index]
        others = [hit for s, hit in self._hits_by_sentence[index] if s != start]
        if others:
            return any(others)
        room = self._open_room - (last - first if self._open_sentences[index] else 0)
        with_it, without = _EN_PER_FR * (room + last - first), _EN_PER_FR * room
        return abs(len(self.en) - with_it) <= abs(len(self.en) - without)

    def finding(self, check: str, severity: Severity, message: str, spans: tuple[str, ...] = ()) -> Finding:
        return Finding(check, severity, self.link.fr, self.link.en, message, spans)
