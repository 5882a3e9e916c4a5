"""What checking a returned XLIFF against its export costs: a story of N paragraphs is exported (XLIFF 2.1 and
1.2), one target is edited, and the return is imported through `tracker import`'s path. Prints each step's time
and the check's cost as ratios against importing the same English as plain text and against a warm export
(alignment cached), measured in the same run: the check derives the export again, so it costs about one export.

    python tests/bench/bench_xliff_return.py [--paragraphs 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sources import xmlsafe  # noqa: E402
from sources.xliff import returned_of  # noqa: E402
from tracker.services.folder_store import exchange_file  # noqa: E402
from tracker.services.formats import import_paths  # noqa: E402
from tracker.services.returns import checked_return  # noqa: E402
from tracker.storage import open_store  # noqa: E402

AT = datetime(2026, 12, 1, tzinfo=UTC)
FR = "Le sommet s'est tenu à Sotchi, un mois après des affrontements qui ont fait {n} morts selon Bakou."
EN = "The summit was held in Sochi, a month after clashes that left {n} dead, according to Baku."


def timed(step: str, run, results: dict[str, float]):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = run()
    results[step] = time.perf_counter() - start
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=2000)
    n = parser.parse_args().paragraphs
    rng = random.Random(7)
    numbers = [rng.randint(10, 9999) for _ in range(n)]
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{tmp}/b.db") as store:
        folder = Path(tmp)
        (folder / "fr.txt").write_text("\n\n".join(FR.format(n=k) for k in numbers) + "\n", encoding="utf-8")
        (folder / "en.txt").write_text("\n\n".join(EN.format(n=k) for k in numbers) + "\n", encoding="utf-8")
        for lang in ("fr", "en"):
            import_paths(store, [folder / f"{lang}.txt"], by="b", at=AT, story="s", lang=lang)
        for fmt in ("xliff", "xliff12"):
            data = timed(f"{fmt} export", lambda f=fmt: exchange_file(store, "s", f, at=AT, by="b"), results)
            edited = (
                data.replace(b"left 10", b"killed 10", 1)
                if b"left 10" in data
                else data.replace(b"dead,", b"killed,", 1)
            )
            root = xmlsafe.parse(edited, "r.xlf")
            returned = returned_of(root, "r.xlf")
            timed(f"{fmt} check", lambda r=returned: checked_return(store, r, story=None, force=False), results)
        plain = folder / "en2.txt"
        plain.write_text("\n\n".join(EN.format(n=k) + " x" for k in numbers) + "\n", encoding="utf-8")
        timed("plain import", lambda: import_paths(store, [plain], by="b", at=AT, story="s", lang="en"), results)
    # the first export also aligns the story (then cached): the second format's export is the warm figure
    warm = results["xliff12 export"]
    for step, seconds in results.items():
        print(
            f"{step:<16} {seconds * 1000:9.1f} ms   {seconds / results['plain import']:6.2f}x plain import"
            f"   {seconds / warm:5.2f}x a warm export"
        )


if __name__ == "__main__":
    main()
