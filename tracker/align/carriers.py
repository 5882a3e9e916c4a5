"""Which English sentences of a stale link carry the French sentences that changed: what a translator must
rewrite, narrowed from the paragraph to its sentences (for flags and the TUI's details)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tracker.align.sentences import Sentence, link_sentences
from tracker.model import Change, Flag, Link
from tracker.sentences import sentences

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Carriers:
    """The changed French sentences of a link (indices within the link's base French sentences) and the English
    sentences that carry them (indices within its English sentences, and where they are)."""

    fr: tuple[int, ...]
    en: tuple[int, ...]
    sentences: tuple[Sentence, ...]

    def quoted(self, en: Sequence[str]) -> tuple[str, ...]:
        """The carrying sentences' texts, from `en`, the English paragraphs the carriers were found among."""
        return tuple(en[s.paragraph][s.start : s.end].strip() for s in self.sentences)

    def describe(self, what: str = "the changed French sentence") -> str:
        """`English sentence 2 carries the changed figure`, counting from 1 as people do."""
        if not self.en:
            return f"no English sentence carries {what}"
        numbers = [str(k + 1) for k in self.en]
        if len(numbers) == 1:
            return f"English sentence {numbers[0]} carries {what}"
        return f"English sentences {', '.join(numbers[:-1])} and {numbers[-1]} carry {what}"


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def carriers(fr_base: Sequence[str], en: Sequence[str], link: Link, fr_now: Sequence[str]) -> Carriers:
    """For a link between base French paragraphs and English ones, given the French paragraphs as they read
    now: the base French sentences no longer found as they were, and the English sentences linked to them."""
    found = link_sentences(fr_base, en, link)
    now = {_key(s) for text in fr_now for s in sentences(text)}
    changed = tuple(k for k, s in enumerate(found.fr) if _key(fr_base[s.paragraph][s.start : s.end]) not in now)
    english = sorted({j for s in found.links if set(s.fr) & set(changed) for j in s.en})
    return Carriers(changed, tuple(english), tuple(found.en[j] for j in english))


def _side(change: Change, dropped: str) -> str:
    """A change's text on one side, rebuilt from its word diff (`dropped` is the other side's mark)."""
    return "".join(text for op, text in change.words if op != dropped)


def flag_carriers(flag: Flag, en: Sequence[str]) -> Carriers | None:
    """See `_flag_carriers`; kept per flag and English, since every face that shows a row asks again."""
    return _flag_carriers(flag, tuple(en))


@lru_cache(maxsize=1024)
def _flag_carriers(flag: Flag, en: tuple[str, ...]) -> Carriers | None:
    """For a flag on changed French (stale, cosmetic, a correction): the English sentences, among `en` (the flag's
    English paragraphs in order), that carry the French sentences its changes touched. None when the flag is not
    about changed text (untranslated, orphaned), when its changes carry no word diff, or when the English is one
    sentence (there is nothing to narrow down)."""
    if flag.kind in ("untranslated", "orphaned") or sum(len(sentences(text)) for text in en) < 2:
        return None
    changed = [c for c in flag.changes if c.old and c.new and c.words and c.kind != "unchanged"]
    if not changed:
        return None
    base = [_side(c, "+") for c in changed]
    now = [_side(c, "-") for c in changed]
    return carriers(base, en, Link(tuple(range(len(base))), tuple(range(len(en)))), now)
