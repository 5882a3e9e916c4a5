"""Sentence links inside paragraph links: which English sentences stand for which French ones within each link.

Sentences are numbered 0-based within their paragraph link (the link's paragraphs in order, each cut into
sentences); every sentence of a link is in exactly one of its sentence links, which may merge, split and cross
as paragraph links do, and swapping the languages mirrors them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.align.aligner import align
from tracker.model import Link
from tracker.sentences import sentence_spans


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph link: its paragraph and its character span in that paragraph's text."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LinkSentences:
    """A paragraph link, the sentences of its French and English paragraphs, and the links between them
    (indices into `fr` and `en`)."""

    link: Link
    fr: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    links: tuple[Link, ...]


def _cut(texts: Sequence[str], paragraphs: Sequence[int]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for k in paragraphs:
        spans = sentence_spans(texts[k]) or ((0, len(texts[k])),)
        out.extend(Sentence(k, a, b) for a, b in spans)
    return tuple(out)


def link_sentences(fr: Sequence[str], en: Sequence[str], link: Link) -> LinkSentences:
    """The sentences of one paragraph link and how they align."""
    fr_sentences, en_sentences = _cut(fr, link.fr), _cut(en, link.en)
    fr_texts = [fr[s.paragraph][s.start : s.end] for s in fr_sentences]
    en_texts = [en[s.paragraph][s.start : s.end] for s in en_sentences]
    return LinkSentences(link, fr_sentences, en_sentences, align(fr_texts, en_texts, by_sentence=False))


def sentence_links(fr: Sequence[str], en: Sequence[str], links: Sequence[Link]) -> tuple[LinkSentences, ...]:
    """The sentence links of every paragraph link, in the links' order."""
    return tuple(link_sentences(fr, en, link) for link in links)
