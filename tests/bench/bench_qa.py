"""Benchmark of the QA checks on the dev alignment set: false alarms on faithful translations, catches on corruptions.

Run `python tests/bench/bench_qa.py [--seed N]`. Reads `../shared/eval/align/*.json` (relative to the repo root;
the data stays there). On the gold 1-1 links (faithful human translations) every finding is a false alarm; then
one fact at a time is corrupted in the English (a figure, a spelled number, a month or weekday, an identifier,
a name, a quote)
and a catch is the link gaining a finding of the matching check. A literal checker (digit strings compared as
written, as translation QA tools do) is measured in the same run as the baseline.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.facts import Figure, dates, figures, quotes  # noqa: E402
from tracker.facts.identifiers import identifiers, written_in  # noqa: E402
from tracker.model import Link  # noqa: E402
from tracker.qa import QAConfig, check  # noqa: E402

DEV = next(
    (p / "shared" / "eval" / "align" for p in ROOT.parents if (p / "shared" / "eval" / "align").is_dir()),
    ROOT.parent / "shared" / "eval" / "align",
)
CONFIG = QAConfig(disabled=frozenset({"coverage"}))  # story-wide; the dev set drops paragraphs on purpose
Pair = tuple[str, str]
Corruption = Callable[[str, str, random.Random], str | None]

_OTHER_NAMES = ["Medvedev", "Tbilisi", "Kowalski", "Johannesburg", "Ouattara", "Lindqvist", "Montevideo", "Okafor"]
# English month and weekday names (the C locale's), for corruptions
_EN_MONTHS = list(calendar.month_name)[1:]
_EN_DAYS = list(calendar.day_name)
_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _pairs() -> list[Pair]:
    pairs: list[Pair] = []
    for path in sorted(DEV.glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        pairs += [(case["fr"][f[0]], case["en"][e[0]]) for f, e in case["gold"] if len(f) == 1 and len(e) == 1]
    return pairs


def _checks(fr: str, en: str) -> set[str]:
    return {f.check for f in check([fr], [en], [Link((0,), (0,))], CONFIG)}


def _literal(fr: str, en: str) -> bool:
    """The baseline: digit strings compared as written."""
    return set(re.findall(r"\d[\d.,]*\d|\d", fr)) != set(re.findall(r"\d[\d.,]*\d|\d", en))


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def corrupt_figure(fr: str, en: str, rng: random.Random) -> str | None:
    """Change one digit of one figure the English carries (6,500 -> 6,700)."""
    found: list[Figure] = [f for f in figures(en, "en") if f.claim and not f.spelled]
    if not found:
        return None
    figure = rng.choice(found)
    digits = [i for i in range(figure.start, figure.end) if en[i].isdigit()]
    i = rng.choice(digits)
    new = str((int(en[i]) + rng.randint(1, 8)) % 10)
    if i == digits[0] and new == "0":
        new = "9"
    return _replace(en, i, i + 1, new)


def corrupt_swap(fr: str, en: str, rng: random.Random) -> str | None:
    """Swap two different figures the English carries in two different sentences (killed 12 ... 30 injured ->
    killed 30 ... 12 injured): every figure is still there, sentence against sentence they are crossed."""
    from tracker.sentences import sentence_spans

    spans = sentence_spans(en)
    where = {f: next((k for k, (a, b) in enumerate(spans) if a <= f.start < b), -1)
             for f in figures(en, "en") if f.claim and not f.spelled}  # fmt: skip
    options = [(a, b) for a in where for b in where if where[a] < where[b] and a.values != b.values]
    if not options:
        return None
    first, second = rng.choice(options)
    return _replace(_replace(en, second.start, second.end, first.text), first.start, first.end, second.text)


def corrupt_identifier(fr: str, en: str, rng: random.Random) -> str | None:
    """Change one digit of an identifier both sides write (M23 -> M28, A380 -> A390)."""
    found = [i for i in identifiers(en) if written_in(i, fr)]
    if not found:
        return None
    ident = rng.choice(found)
    digits = [i for i in range(ident.start, ident.end) if en[i].isdigit()]
    i = rng.choice(digits)
    return _replace(en, i, i + 1, str((int(en[i]) + rng.randint(1, 9)) % 10))


def corrupt_spelled(fr: str, en: str, rng: random.Random) -> str | None:
    """Change a number written as a word (eight -> nine)."""
    found = list(re.finditer(rf"\b({'|'.join(_WORDS)})\b", en))
    if not found:
        return None
    m = rng.choice(found)
    return _replace(en, m.start(), m.end(), rng.choice([w for w in _WORDS if w != m.group()]))


def corrupt_date(fr: str, en: str, rng: random.Random) -> str | None:
    """Change a month or a weekday name."""
    found = [d for d in dates(en, "en") if d.kind in {"month", "weekday", "day"}]
    words = [m for d in found for m in re.finditer(rf"\b({'|'.join(_EN_MONTHS + _EN_DAYS)})\b", en[d.start : d.end])]
    if not found or not words:
        return None
    fact = rng.choice(found)
    m = re.search(rf"\b({'|'.join(_EN_MONTHS + _EN_DAYS)})\b", en[fact.start : fact.end])
    if m is None:
        return None
    pool = _EN_MONTHS if m.group() in _EN_MONTHS else _EN_DAYS
    start = fact.start + m.start()
    return _replace(en, start, start + len(m.group()), rng.choice([w for w in pool if w != m.group()]))


def corrupt_name(fr: str, en: str, rng: random.Random) -> str | None:
    """Replace every occurrence of one English name that the French also has with a name from elsewhere."""
    from tracker.facts import name_key, names

    fr_keys = {name_key(p) for n in names(fr, "fr") for p in n.parts if len(p) > 3}
    candidates = sorted({p for n in names(en, "en") for p in n.parts if len(p) > 3 and name_key(p) in fr_keys})
    if not candidates:
        return None
    name = rng.choice(candidates)
    return re.sub(rf"\b{re.escape(name)}\b", rng.choice(_OTHER_NAMES), en)


def corrupt_quote(fr: str, en: str, rng: random.Random) -> str | None:
    """Drop the quotation marks of one quoted passage of four words or more (the quote becomes paraphrase)."""
    found = [q for q in quotes(en) if q.words >= 4]
    if not found:
        return None
    q = rng.choice(found)
    inner = en[q.start + 1 : q.end - 1] if q.end <= len(en) else en[q.start + 1 :]
    return en[: q.start] + inner + en[q.end :]


CORRUPTIONS: dict[str, tuple[str, Corruption]] = {
    "figures": ("numbers", corrupt_figure),
    "spelled numbers": ("numbers", corrupt_spelled),
    "figures swapped between sentences": ("numbers", corrupt_swap),
    "dates": ("dates", corrupt_date),
    "identifiers": ("identifiers", corrupt_identifier),
    "names": ("names", corrupt_name),
    "quotes": ("quotes", corrupt_quote),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"dev alignment set not found at {DEV}: nothing to measure")
        return 0
    pairs = _pairs()
    started = time.perf_counter()
    before = [_checks(fr, en) for fr, en in pairs]
    elapsed = time.perf_counter() - started
    alarms = Counter(c for found in before for c in found)
    literal = sum(_literal(fr, en) for fr, en in pairs)
    total = sum(alarms.values())
    print(f"{len(pairs)} gold 1-1 links, checked in {elapsed * 1000 / len(pairs):.1f} ms per link")
    print(f"false alarms: {total} findings = {100 * total / len(pairs):.1f} per 100 links {dict(alarms)}")
    errors = sum(1 for fr, en in pairs for f in check([fr], [en], [Link((0,), (0,))], CONFIG) if f.severity == "error")
    print(f"  of which errors: {errors} = {100 * errors / len(pairs):.1f} per 100 links")
    print(f"  baseline (literal digit strings): {literal} = {100 * literal / len(pairs):.1f} per 100 links")
    rng = random.Random(args.seed)
    for label, (check_id, corrupt) in CORRUPTIONS.items():
        tried = caught = literal_caught = 0
        missed: list[str] = []
        for (fr, en), found in zip(pairs, before, strict=True):
            bad = corrupt(fr, en, rng)
            if bad is None or bad == en:
                continue
            tried += 1
            if check_id in _checks(fr, bad) - found:
                caught += 1
            else:
                missed.append(bad[:160])
            literal_caught += _literal(fr, bad) and not _literal(fr, en)
        rate = 100 * caught / tried if tried else 0.0
        base = f"; literal baseline {100 * literal_caught / tried:.0f} %" if check_id == "numbers" and tried else ""
        print(f"corrupted {label}: {caught}/{tried} caught = {rate:.1f} %{base}")
        for text in missed[:3]:
            print(f"    missed: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
