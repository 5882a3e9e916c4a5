"""How much of a later story the translation memory answers: of the French paragraphs that want English (stale or
untranslated), how many get an exact or a >= 75 % match, or a partial one, from what the desk translated before.

- the sample story: English r1 (written for French r2) taken in through the tracker's own flow, then French r3
  arrives; the paragraphs `tracker suggest` lists are the ones that want English.
- the dev set (../shared/eval, never copied into the project): a desk memory of every alignment case's gold pairs
  and every revision case's v1 paragraphs; each v2 paragraph that is not the same text as a v1 paragraph wants
  English (the v1 English the desk would have is not in the set, so v1 entries carry a stand-in).

    python tests/bench/bench_memory_reuse.py [--eval DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.memory import NEAR, MemoryEntry, MemoryMatch  # noqa: E402
from tracker.services import memory  # noqa: E402
from tracker.services.imports import import_bytes  # noqa: E402
from tracker.storage import Store, open_store  # noqa: E402

SAMPLE = ROOT / "tracker" / "samples" / "sochi-summit"
T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def tally(found: list[tuple[MemoryMatch, ...]]) -> str:
    """'N want English: E exact, F >= 75 %, P partial only, M none' for each paragraph's matches."""
    exact = sum(1 for ms in found if ms and ms[0].kind == "exact")
    near = sum(1 for ms in found if ms and ms[0].kind == "near" and ms[0].score >= NEAR)
    partial = sum(1 for ms in found if ms and ms[0].kind == "partial")
    share = 100 * (exact + near) / max(len(found), 1)
    return (
        f"{len(found)} want English: {exact} exact, {near} >= {NEAR} % ({share:.0f} % answered), "
        f"{partial} partial only, {len(found) - exact - near - partial} none"
    )


def sample(store: Store) -> str:
    def put(name: str, lang: str, at: datetime, based_on: int | None = None) -> None:
        data = (SAMPLE / name).read_bytes()
        by = "AFP" if lang == "fr" else "tina"
        import_bytes(store, data, name, slug="summit", lang=lang, by=by, at=at, based_on=based_on)

    put("fr.r2.txt", "fr", T)
    put("en.r1.txt", "en", T + timedelta(hours=1), based_on=1)
    put("fr.r3.txt", "fr", T + timedelta(hours=2))
    return tally([s.matches for s in memory.suggest(store, "summit")])


def dev_set(store: Store, folder: Path) -> str | None:
    revisions = sorted((folder / "revisions").glob("*.json"))
    if not revisions:
        return None
    entries = []
    for case in sorted((folder / "align").glob("*.json")):  # the desk's other stories, with their real English
        data = json.loads(case.read_text("utf-8"))
        for fr, en in data["gold"]:
            if fr and en:
                text = ["\n\n".join(data["fr"][i] for i in fr), "\n\n".join(data["en"][j] for j in en)]
                entries.append(MemoryEntry(text[0], text[1], f"dev:{case.stem}"))
    later: list[str] = []
    for case in revisions:
        data = json.loads(case.read_text("utf-8"))
        entries += [MemoryEntry(p, f"EN {case.stem} {i}", f"dev:{case.stem}") for i, p in enumerate(data["v1"])]
        later += [p for p in data["v2"] if p not in set(data["v1"])]
    memory.remember(store, entries)
    return f"{len(entries)} pairs remembered; of the later versions' paragraphs, " + tally(
        memory.matches_for_story(store, later)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", type=Path, default=None, help="the evaluation sets (default: shared/eval above)")
    args = parser.parse_args()
    with open_store("sqlite://") as store:
        print(f"sample story, French r3 after English r1: {sample(store)}")
    folder = args.eval or next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), None)
    with open_store("sqlite://") as store:
        found = dev_set(store, folder) if folder is not None else None
    print(f"dev set: {found}" if found else "dev set not found: skipped")


if __name__ == "__main__":
    main()
