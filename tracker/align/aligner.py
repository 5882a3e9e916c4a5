"""Paragraph alignment of a French text and its English adaptation: which paragraphs stand for which.

Offline and language-neutral features (cognate prefixes, names, numbers, length, shape), an order-keeping
dynamic program, then a pass for moved paragraphs. Confirmed links are facts: kept as given, the rest around them.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.align.dialogue import by_position
from tracker.align.dp import monotone
from tracker.align.features import featurize, word_features
from tracker.align.moves import recover
from tracker.align.regroup import in_reading_order, regroup
from tracker.align.score import Scorer
from tracker.model import Link

__all__ = ["align", "link_kind"]


def align(
    fr: Sequence[str],
    en: Sequence[str],
    *,
    fixed: Sequence[Link] = (),
    fr_mt: Sequence[str] | None = None,
    by_sentence: bool = True,
) -> tuple[Link, ...]:
    """Links covering every paragraph of both sides exactly once, in French order (English-only ones by position).

    `fixed` links are kept as given (with `confirmed` as given); `fr_mt` is an optional English machine
    translation of each French paragraph, used as extra evidence. `by_sentence=False` skips the sentence pass
    that joins neighbouring links whose sentences cross the boundary between them (for measuring it).
    """
    if fr_mt is not None and len(fr_mt) != len(fr):
        raise ValueError(f"fr_mt has {len(fr_mt)} paragraphs for {len(fr)} French ones")
    fixed_fr = {i for link in fixed for i in link.fr}
    fixed_en = {j for link in fixed for j in link.en}
    free_fr = [i for i in range(len(fr)) if i not in fixed_fr]
    free_en = [j for j in range(len(en)) if j not in fixed_en]
    fr_texts = [fr[i] for i in free_fr]
    en_texts = [en[j] for j in free_en]
    mt = [fr_mt[i] for i in free_fr] if fr_mt is not None else None
    # Features are language-neutral, so only tie-breaking could tell the sides apart: aligning a canonical
    # order and mirroring back makes swapping the languages mirror the result exactly.
    swap = mt is None and (len(en_texts), en_texts) < (len(fr_texts), fr_texts)
    if swap:
        groups = [((e, f), score) for (f, e), score in _align_free(en_texts, fr_texts, None, by_sentence)]
    else:
        groups = _align_free(fr_texts, en_texts, mt, by_sentence)
    links = [
        Link(tuple(free_fr[i] for i in f), tuple(free_en[j] for j in e), round(score, 4), False)
        for (f, e), score in groups
    ]
    links.extend(fixed)
    return _ordered(links)


def _align_free(
    fr: Sequence[str], en: Sequence[str], mt: Sequence[str] | None, by_sentence: bool
) -> list[tuple[tuple[tuple[int, ...], tuple[int, ...]], float]]:
    """Groups and their similarity for paragraphs with no confirmed link."""
    if not fr or not en:
        return [(((i,), ()), 0.0) for i in range(len(fr))] + [(((), (j,)), 0.0) for j in range(len(en))]
    fr_paras, en_paras, vocab = featurize(fr, en, [word_features(t) for t in mt] if mt is not None else None)
    scorer = Scorer(fr_paras, en_paras, vocab.weights)
    groups = by_position(scorer, recover(scorer, monotone(scorer, len(fr), len(en))))
    if by_sentence:
        groups = regroup(scorer, fr, en, groups)
    return [((f, e), scorer.group(f, e) if f and e else 0.0) for f, e in groups]


def _ordered(links: Sequence[Link]) -> tuple[Link, ...]:
    """French order; an English-only link comes right after the link holding the English paragraph before it."""
    by_group = {(link.fr, link.en): link for link in links}
    return tuple(by_group[group] for group in in_reading_order(list(by_group)))


def link_kind(link: Link) -> str:
    """A word for a link's shape: `1-1`, `merge 2-1`, `split 1-2`, `fr only`, `en only`, `m-n`."""
    a, b = len(link.fr), len(link.en)
    if b == 0:
        return "fr only"
    if a == 0:
        return "en only"
    if a == b == 1:
        return "1-1"
    if b == 1:
        return f"merge {a}-1"
    if a == 1:
        return f"split 1-{b}"
    return f"{a}-{b}"
