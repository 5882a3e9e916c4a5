"""The diff is the same in every process: nothing in it depends on the order Python's per-process hash seed
gives to a set of words (a moved paragraph among equally close candidates once paired differently per run)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# A paragraph moved to the end and changed, and eight removed ones each one word short of it: all equally
# close, more than the five candidates a moved paragraph is weighed against.
CASE = textwrap.dedent(
    """
    from tracker.diff import diff
    words = ("sommet tenu Sotchi présence dirigeants région discuté longuement sécurité commerce frontières "
             "énergie pendant toute journée").split()
    old = ["Titre du jour", "Premier paragraphe sans rapport avec la suite du texte."]
    old += [" ".join(w for k, w in enumerate(words) if k != drop) + "." for drop in range(8)]
    old += ["Dernier paragraphe, lui aussi sans rapport.", "Fin."]
    new = [old[0], old[1], old[-2], old[-1], " ".join(words) + " selon Kremlin."]
    print([(c.kind, c.old, c.new) for c in diff(old, new) if c.kind != "unchanged"])
    """
)


def test_a_moved_paragraph_among_equally_close_ones_pairs_the_same_under_any_hash_seed() -> None:
    outputs = {
        subprocess.run(
            [sys.executable, "-c", CASE],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert len(outputs) == 1, outputs
    assert "moved" in outputs.pop()
