"""The identifiers check: every identifier that mixes letters and digits (M23, A380, F-16) is on both sides, as
written; a changed one (`M23` -> `M30`) is lost on one side and added on the other."""

from __future__ import annotations

from tracker.facts.identifiers import carried_in
from tracker.model import Finding, Severity
from tracker.qa.figures import one_way_or_other
from tracker.qa.pair import Pair


def check_identifiers(pair: Pair, severity: Severity) -> list[Finding]:
    """French identifiers the English does not write, and English ones the French does not."""
    lost = [i for i in pair.fr_identifiers if not carried_in(i, pair.en) and pair.kept(i.start)]
    added = [i for i in pair.en_identifiers if not carried_in(i, pair.fr)]
    return one_way_or_other(pair, "identifiers", severity, lost, added)
