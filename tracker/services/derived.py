"""Derived state computed once per content: each link's QA findings and each pair of revisions' diff, kept under
a key hashing everything they came from (the texts, the QA configuration, the release), in memory and, for the
desk, in the database's derived cache. A save then recomputes only the links whose texts it changed.

Bump `DERIVATION` whenever a check or the diff derives differently from the same content.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

from tracker.errors import InputError, StoreError
from tracker.model import Acknowledgement, Change, Finding, Flag, Link, Revision
from tracker.qa import QAConfig
from tracker.qa.coverage import check_coverage
from tracker.qa.links import check_link
from tracker.services.qa_config import config_key
from tracker.storage import Store

DERIVATION = 2  # 2: a diff stores runs of unchanged paragraphs as index runs, not their texts
# entries kept in memory per kind: a 10,000-paragraph story's links, twice, with room to spare
_MEMORY_LIMIT = 50_000
# a diff or a set of flags covers a whole revision pair: far fewer of those are worth keeping
_MEMORY_LIMITS = {"diff": 256, "flags": 256, "qa-view": 64, "carry": 64}
_REVISION_LIMIT = 64


def _digest(*parts: str) -> str:
    # each part length-prefixed, so no two different lists of parts hash alike; one encode and one hash
    joined = "".join([f"{len(p)}\x00{p}" for p in parts])
    return hashlib.sha256(f"{DERIVATION}\x00{joined}".encode("utf-8", "surrogatepass")).hexdigest()


Content = tuple[Any, ...]

_gc_lock = threading.Lock()
_gc_state = {"depth": 0, "was_enabled": False}


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """Python's cycle collector held off while a view is derived or a save written. Each builds hundreds of
    thousands of small acyclic objects (paragraphs, links, changes), each burst of which sets off a full
    collection walking everything the desk keeps in memory: measured, half the time of a 2,000-paragraph save.
    Nested and concurrent calls share one pause; the collector runs again when the last one ends."""
    with _gc_lock:
        if _gc_state["depth"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["depth"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["depth"] -= 1
            if _gc_state["depth"] == 0 and _gc_state["was_enabled"]:
                gc.enable()


class DerivedCache:
    """Values by content: a bounded dict in this process (keyed by the content itself, which Python hashes
    cheaply), backed when given a store by its derived cache (keyed by a SHA-256 digest of the content)."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self._memory: dict[str, dict[Content, Any]] = {}
        self._revisions: dict[tuple[str, str, int | None, str], Revision] = {}
        self._lock = threading.Lock()
        self.computed = 0  # values derived here rather than found: what a test or a benchmark asks

    def get_many(
        self, kind: str, contents: Sequence[Content], digest: Callable[[Content], str], decode: Callable[[str], Any]
    ) -> dict[Content, Any]:
        """The known values of these contents, from memory, else from the database (then kept in memory)."""
        with self._lock:
            memory = self._memory.setdefault(kind, {})
            found = {c: memory[c] for c in contents if c in memory}
        missing = {digest(c): c for c in contents if c not in found}
        if missing and self.store is not None:
            # a cache: an unreadable one (say, a schema not yet upgraded by its owner) is derived again instead
            with contextlib.suppress(StoreError):
                stored = {missing[k]: decode(v) for k, v in self.store.derived_values(list(missing)).items()}
                found.update(stored)
                self._remember(kind, stored)
        return found

    def put_many(
        self,
        kind: str,
        values: dict[Content, Any],
        digest: Callable[[Content], str],
        encode: Callable[[Any], str],
        *,
        derived: bool = True,
    ) -> None:
        """Keep new values in memory and in the database (when it cannot be written, the next reader derives).
        `derived=False`: values assembled from others already counted (a whole view's findings), not derived."""
        if not values:
            return
        if derived:
            self.computed += len(values)
        self._remember(kind, values)
        if self.store is not None:
            with contextlib.suppress(StoreError):
                self.store.save_derived(kind, {digest(c): encode(v) for c, v in values.items()})

    def memo(self, kind: str, content: Content, derive: Callable[[], Any]) -> Any:
        """A value kept in this process only: cheap to derive again once its inputs are known."""
        with self._lock:
            memory = self._memory.setdefault(kind, {})
            if content in memory:
                return memory[content]
        value = derive()
        self._remember(kind, {content: value})
        return value

    def revision(self, slug: str, lang: str, number: int | None, content: str) -> Revision | None:
        """A revision read before, if its number still holds that content."""
        with self._lock:
            return self._revisions.get((slug, lang, number, content))

    def remember_revision(self, revision: Revision) -> None:
        with self._lock:
            if len(self._revisions) > _REVISION_LIMIT:
                self._revisions.clear()
            self._revisions[(revision.story, revision.lang, revision.number, revision.content_hash)] = revision

    def _remember(self, kind: str, values: dict[Content, Any]) -> None:
        with self._lock:
            memory = self._memory.setdefault(kind, {})
            if len(memory) + len(values) > _MEMORY_LIMITS.get(kind, _MEMORY_LIMIT):
                memory.clear()  # crude but bounded: the database still holds them
            memory.update(values)


# ---------------------------------------------------------------------------------------------- QA findings
def _content_digest(content: Content) -> str:
    key, fr, en = content
    return _digest(key, *fr, "\x1e", *en)


def _findings_to_json(found: list[tuple[str, str, str, tuple[str, ...]]]) -> str:
    return json.dumps([list(f[:3]) + [list(f[3])] for f in found], ensure_ascii=False)


def _findings_from_json(text: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(c, s, m, tuple(spans)) for c, s, m, spans in json.loads(text)]


Shape = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


def _view_digest(content: Content) -> str:
    key, fr, en, shape = content
    links = ";".join(f"{','.join(map(str, f))}>{','.join(map(str, e))}" for f, e in shape)
    return _digest("qa-view", key, *fr, "\x1e", *en, "\x1e", links)


def _view_to_json(findings: tuple[Finding, ...]) -> str:
    rows = [
        [f.check, f.severity, list(f.fr), list(f.en), f.message, list(f.spans), f.waived, f.waiver] for f in findings
    ]
    return json.dumps(rows, ensure_ascii=False)


def _view_from_json(text: str) -> tuple[Finding, ...]:
    return tuple(
        Finding(c, s, tuple(fr), tuple(en), m, tuple(spans), bool(waived), waiver)
        for c, s, fr, en, m, spans, waived, waiver in json.loads(text)
    )


def check_cached(
    fr: Sequence[str], en: Sequence[str], links: Sequence[Link], config: QAConfig, cache: DerivedCache
) -> tuple[Finding, ...]:
    """The same findings as `tracker.qa.check`. The whole pair's findings are kept under the content of both
    revisions and the links' paragraphs (an unchanged view reads one value); when that is new (a save, a relink),
    each link's are looked up by the content of its paragraphs and only the links not seen before are checked."""
    for link in links:
        if any(not 0 <= i < len(fr) for i in link.fr) or any(not 0 <= j < len(en) for j in link.en):
            raise InputError("alignment", f"link {list(link.fr)} -> {list(link.en)} names a paragraph that is absent")
    key = config_key(config)
    whole: Content = (key, tuple(fr), tuple(en), tuple((link.fr, link.en) for link in links))
    known_whole = cache.get_many("qa-view", [whole], _view_digest, _view_from_json).get(whole)
    if known_whole is not None:
        return cast("tuple[Finding, ...]", known_whole)
    paired = [link for link in links if link.fr and link.en]
    keys = [(key, tuple(fr[i] for i in link.fr), tuple(en[j] for j in link.en)) for link in paired]
    known = cache.get_many("qa", keys, _content_digest, _findings_from_json)
    new: dict[Content, list[tuple[str, str, str, tuple[str, ...]]]] = {}
    findings: list[Finding] = []
    for link, k in zip(paired, keys, strict=True):
        found = known.get(k, new.get(k))
        if found is None:
            fr_text = " ".join(fr[i] for i in link.fr)
            en_text = " ".join(en[j] for j in link.en)
            # a link's findings always name the link's own paragraphs, so they are kept without them
            found = new[k] = [
                (f.check, f.severity, f.message, f.spans) for f in check_link(fr_text, en_text, link, config)
            ]
        findings.extend(Finding(c, s, link.fr, link.en, m, spans) for c, s, m, spans in found)  # type: ignore[arg-type]
    cache.put_many("qa", new, _content_digest, _findings_to_json)
    if config.enabled("coverage"):
        findings.extend(check_coverage(fr, en, links, config.severity_of("coverage"), config.min_coverage))
    out = tuple(findings)
    cache.put_many("qa-view", {whole: out}, _view_digest, _view_to_json, derived=False)
    return out


# ---------------------------------------------------------------------------------------------- diffs
def _unchanged(change: Change, old: Sequence[str]) -> bool:
    """A one-to-one unchanged change whose words are the old text kept whole (what `diff` makes of it)."""
    return (
        change.kind == "unchanged"
        and len(change.old) == 1
        and len(change.new) == 1
        and not change.substantive
        and not change.reasons
        and change.words == (("=", old[change.old[0]]),)
    )


def _changes_to_json(changes: tuple[Change, ...], old: Sequence[str]) -> str:
    """Runs of unchanged paragraphs (most of a long story) as `[old start, new start, count]`, the rest in full:
    a 10,000-paragraph diff is then kilobytes, not the story's text again, and reads back at once."""
    rows: list[list[Any]] = []
    for c in changes:
        if _unchanged(c, old):
            last = rows[-1] if rows else None
            if last is not None and len(last) == 3 and last[0] + last[2] == c.old[0] and last[1] + last[2] == c.new[0]:
                last[2] += 1
            else:
                rows.append([c.old[0], c.new[0], 1])
            continue
        rows.append([list(c.old), list(c.new), c.kind, c.substantive, list(c.reasons), [list(w) for w in c.words]])
    return json.dumps(rows, ensure_ascii=False)


def _changes_from_json(text: str, old: Sequence[str]) -> tuple[Change, ...]:
    out: list[Change] = []
    for row in json.loads(text):
        if len(row) == 3:
            i, j, count = row
            out.extend(Change((i + k,), (j + k,), "unchanged", words=(("=", old[i + k]),)) for k in range(count))
            continue
        o, n, kind, sub, reasons, words = row
        out.append(Change(tuple(o), tuple(n), kind, bool(sub), tuple(reasons), tuple((a, b) for a, b in words)))
    return tuple(out)


def _diff_digest(content: Content) -> str:
    old, new = content
    return _digest("diff", *old, "\x1e", *new)


def cached_differ(cache: DerivedCache) -> Callable[[Sequence[str], Sequence[str]], tuple[Change, ...]]:
    """`tracker.diff.diff`, remembered by the content of both revisions (revisions never change once stored)."""
    from tracker.diff import diff

    def differ(old: Sequence[str], new: Sequence[str]) -> tuple[Change, ...]:
        content = (tuple(old), tuple(new))
        hit = cache.get_many("diff", [content], _diff_digest, lambda text: _changes_from_json(text, old)).get(content)
        if hit is not None:
            return tuple(hit)
        changes = diff(old, new)
        cache.put_many("diff", {content: changes}, _diff_digest, lambda value: _changes_to_json(value, old))
        return changes

    return differ


def cached_flagger(cache: DerivedCache) -> Callable[..., tuple[Flag, ...]]:
    """`tracker.flags.flags`, remembered in this process by all it reads (its diff is the costly part, and is
    remembered on its own)."""
    from tracker.flags import flags

    def flagger(
        base_fr: Sequence[str],
        current_fr: Sequence[str],
        en: Sequence[str],
        links: Sequence[Link],
        acks: Sequence[Acknowledgement] = (),
        changes: Sequence[Change] | None = None,
    ) -> tuple[Flag, ...]:
        content = (tuple(base_fr), tuple(current_fr), tuple(en), tuple(links), tuple(acks))
        return cast(
            "tuple[Flag, ...]",
            cache.memo("flags", content, lambda: flags(base_fr, current_fr, en, links, acks, changes)),
        )

    return flagger
