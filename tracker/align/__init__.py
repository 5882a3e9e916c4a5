"""Alignment, the core's second step: which French paragraphs the English ones stand for.

`aligner` composes the steps: `features` and `lexicon` describe each paragraph, `score` rates pairs, `dp` keeps
the order-keeping best path, `moves` recovers paragraphs that moved, and `decisions` folds in what a person confirmed.
"""

from tracker.align.aligner import align, link_kind

__all__ = ["align", "link_kind"]
