"""Revision diffs, the core's third step: which paragraph of one revision became which of the next, and how.

`lineage` pairs paragraphs across revisions, `gap` pairs what lies between identical anchors, `words` diffs inside
a paragraph, and `classify` with its `lexicon` decides whether a change is substantive or cosmetic.
"""

from tracker.diff.lineage import diff
from tracker.diff.words import word_diff

__all__ = ["diff", "word_diff"]
