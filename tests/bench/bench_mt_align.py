"""What MT-assisted alignment adds on the dev set: `align(fr, en)` against `align(fr, en, fr_mt=...)`.

Nothing here can reach a real provider (the network is closed), so the "machine translation" comes from the local
test server speaking LibreTranslate's API, through the real MT client and cache, translating WORD BY WORD with a
French-English glossary: Debian's FreeDict dictionary (`apt-get install dict-freedict-fra-eng`) when present,
else the test glossary of a few words. That is far weaker than real MT, so the figures bound what cheap lexical
evidence adds, not what DeepL would. Two controls make the figures readable:
  identity  fr_mt = the French itself (no translation at all: does merely passing fr_mt change anything?)
  oracle    fr_mt = the gold English counterpart (a perfect translation: an upper bound for this channel)

    python tests/bench/bench_mt_align.py            # prints strict/pair/lax F1 per variant, requests and cache hits
    GLOSS_WORDS=1 python tests/bench/bench_mt_align.py   # one English word per French headword instead of three
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
FREEDICT = Path("/usr/share/dictd/freedict-fra-eng")
sys.path.insert(0, str(ROOT / "tests"))

GLOSS_WORDS = int(os.environ.get("GLOSS_WORDS", "3"))  # English words kept per French headword
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _b64(text: str) -> int:
    n = 0
    for c in text:
        n = n * 64 + _B64.index(c)
    return n


def freedict() -> dict[str, str] | None:
    """French headword -> the English words of its first sense (at most three), or None when not installed."""
    index, data_path = FREEDICT.with_suffix(".index"), FREEDICT.with_suffix(".dict.dz")
    if not index.exists() or not data_path.exists():
        return None
    with gzip.open(data_path) as packed:
        data = packed.read()
    table: dict[str, str] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        word, offset, length = line.split("\t")
        if " " in word or word.startswith("00"):
            continue
        entry = data[_b64(offset) : _b64(offset) + _b64(length)].decode("utf-8").splitlines()[1:]
        sense = next((s for s in entry if s.strip()), "")
        sense = re.sub(r"^\d+\.\s*", "", sense.strip())
        words = [w.strip() for w in sense.split(",") if w.strip()][:GLOSS_WORDS]
        if words:
            table[word] = " ".join(words)
    return table


def word_by_word(glossary: dict[str, str]) -> Callable[[str], str]:
    """A translator that replaces each known French word (trying crude singular/masculine forms) by its gloss."""

    def lookup(word: str) -> str | None:
        low = word.lower()
        for form in (
            low,
            low.rstrip("sx"),
            low[:-1] if low.endswith("e") else "",
            low[:-2] if low.endswith("es") else "",
        ):
            if form and form in glossary:
                return glossary[form]
        if "'" in low or "’" in low:
            head, _, tail = re.split(r"(['’])", low, maxsplit=1)
            return " ".join(x for x in (lookup(head + "e"), lookup(tail)) if x) or None
        return None

    def translate(text: str) -> str:
        return _WORD.sub(lambda m: lookup(m.group()) or m.group(), text)

    return translate


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("eval_score", EVAL / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_mt(case: dict[str, Any]) -> list[str]:
    out = [""] * len(case["fr"])
    for fr, en in case["gold"]:
        for i in fr:
            out[i] = " ".join(case["en"][j] for j in en)
    return out


def score(scorer: Any, cases: Sequence[dict[str, Any]], predictions: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """The eval's own scorer: results for all cases and per tier (standard, heavy)."""
    accs = {"all": scorer.Acc()}
    for case, links in zip(cases, predictions, strict=True):
        gold = scorer.norm_links(case["gold"])
        pred = scorer.norm_links([[list(lk.fr), list(lk.en)] for lk in links])
        for key in ("all", case.get("tier", "all")):
            accs.setdefault(key, scorer.Acc()).add(gold, pred)
    return {key: acc.result() for key, acc in accs.items()}


def main() -> None:
    if not (EVAL / "align").is_dir():
        print(f"skipped: no dev set at {EVAL / 'align'} (it lives beside the repository, never inside it)")
        return
    from mt_servers import GLOSSARY, MTServer

    from tracker.align import align
    from tracker.mt.breaker import CircuitBreaker
    from tracker.mt.cache import MemoryCache
    from tracker.mt.client import MTClient
    from tracker.mt.providers import ProviderConfig

    scorer = load_scorer()
    cases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((EVAL / "align").glob("*.json"))]
    glossary = freedict()
    source = f"FreeDict fra-eng ({len(glossary)} headwords)" if glossary else f"test glossary ({len(GLOSSARY)} words)"
    cache = MemoryCache()
    with MTServer(translate=word_by_word(glossary or GLOSSARY)) as server:
        config = ProviderConfig("libre", url=server.url, timeout=10)
        started = time.perf_counter()
        translated = [MTClient(config, cache=cache, breaker=CircuitBreaker()).translate_many(c["fr"]) for c in cases]
        first_ms = (time.perf_counter() - started) * 1000
        first_requests = server.requests
        started = time.perf_counter()
        again = [MTClient(config, cache=cache, breaker=CircuitBreaker()).translate_many(c["fr"]) for c in cases]
        cached_ms = (time.perf_counter() - started) * 1000
        assert again == translated and server.requests == first_requests
    paragraphs = sum(len(c["fr"]) for c in cases)
    print(f"dev set: {len(cases)} cases, {paragraphs} French paragraphs; MT = word-by-word, {source}")
    print(f"MT through the client: {first_requests} requests (batched) in {first_ms:.0f} ms; "
          f"second pass {cache.hits} cache hits, 0 requests, {cached_ms:.1f} ms")  # fmt: skip
    variants: dict[str, Callable[[dict[str, Any], int], list[str] | None]] = {
        "baseline (no MT)": lambda c, k: None,
        "identity control": lambda c, k: list(c["fr"]),
        "word-by-word MT": lambda c, k: translated[k],
        "oracle (gold EN)": lambda c, k: gold_mt(c),
    }
    base_strict = 0.0
    print("strict/pair/lax F1 over all cases; standard and heavy: strict F1 per tier")
    print(f"{'variant':<20} {'strict F1':>9} {'pair F1':>8} {'lax F1':>7} {'standard':>8} {'heavy':>6} {'align ms':>9}")
    for name, make in variants.items():
        started = time.perf_counter()
        predictions = [align(c["fr"], c["en"], fr_mt=make(c, k)) for k, c in enumerate(cases)]
        ms = (time.perf_counter() - started) * 1000
        results = score(scorer, cases, predictions)
        result = results["all"]
        standard, heavy = (results.get(t, result)["strict"][2] for t in ("standard", "heavy"))
        strict, pair, lax = result["strict"][2], result["pair"][2], result["lax"][2]
        base_strict = base_strict or strict
        delta = f"  ({strict - base_strict:+.3f} strict vs baseline)" if name != "baseline (no MT)" else ""
        print(f"{name:<20} {strict:>9.3f} {pair:>8.3f} {lax:>7.3f} {standard:>8.3f} {heavy:>6.3f} {ms:>9.0f}{delta}")


if __name__ == "__main__":
    main()
