"""One alignment link as the checks see it: the joined texts of both sides, their facts, and which French
sentences the English kept (an adapter may cut a sentence; its facts are then not missing, they are cut)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property

from tracker import facts
from tracker.facts.identifiers import Identifier, carried_in, identifiers
from tracker.model import Finding, Link, Severity
from tracker.qa.match import English, date_matched, figure_matched, name_carried, pool, time_values

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
        hits = [
            (f.start, figure_matched(f, self.en_figures, extra)) for f in self.fr_figures if f.claim and not f.spelled
        ]
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

    def _sentence_of(self, start: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self._sentences if a <= start < b), (0, len(self.fr) + 1))

    @cached_property
    def _open_sentences(self) -> list[tuple[int, int]]:
        """French sentences a fact shows kept, and those no fact can tell about."""
        out = []
        for a, b in self._sentences:
            hits = [hit for s, hit in self._fr_hits if a <= s < b]
            if not hits or any(hits):
                out.append((a, b))
        return out

    @cached_property
    def kept_length(self) -> int:
        """Characters of French the English stands for at the least: the sentences a fact of theirs shows kept;
        with none shown, the shortest sentence no fact shows cut; with every sentence shown cut, the whole French
        (nothing then tells which part the English is)."""
        shown: list[int] = []
        open_: list[int] = []
        for a, b in self._sentences:
            hits = [hit for s, hit in self._fr_hits if a <= s < b]
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
        first, last = self._sentence_of(start)
        others = [hit for s, hit in self._fr_hits if first <= s < last and s != start]
        if others:
            return any(others)
        room = sum(b - a for a, b in self._open_sentences if a != first)
        with_it, without = _EN_PER_FR * (room + last - first), _EN_PER_FR * room
        return abs(len(self.en) - with_it) <= abs(len(self.en) - without)

    def finding(self, check: str, severity: Severity, message: str, spans: tuple[str, ...] = ()) -> Finding:
        return Finding(check, severity, self.link.fr, self.link.en, message, spans)
