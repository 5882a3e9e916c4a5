"""The CI check, the core's verdict on story folders: a story's texts and sidecar in, findings out, no I/O.

`sidecar` and `fields` read and write the `tracker.json` beside the texts, `judge` decides what is stale, untranslated
or approved no longer, and `result` holds the findings and the report the faces render.
"""

from tracker.check.judge import (
    StoryTexts,
    approval_for,
    approve,
    current_links,
    finding,
    fixed_links,
    hash_links,
    judge,
    missing_hashes,
    record_adaptation,
    resolve_base,
)

__all__ = [
    "StoryTexts",
    "approval_for",
    "approve",
    "current_links",
    "finding",
    "fixed_links",
    "hash_links",
    "judge",
    "missing_hashes",
    "record_adaptation",
    "resolve_base",
]
