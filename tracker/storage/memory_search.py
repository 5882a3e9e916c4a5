"""Candidates for the translation memory's matches: the entries sharing the most of a paragraph's rarest words,
found by one plan through FTS5 on SQLite and through the word index on PostgreSQL, so that both offer the same
candidates for the same memory (the core scores them).

A near copy shares the rare words of a paragraph; ranking every entry holding any of its words reads the postings
of the commonest, a whole memory's worth at a million pairs. So each word is counted (up to RARE), the rarest are
read until their entries reach BUDGET, and the entries holding the most of them (newest first among equals) are
shortlisted; when every word is common, the newest entries holding its five rarest at once.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, String, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY

from tracker.memory import folded_words, search_terms
from tracker.storage.memory_index import COUNTS, FTS, WORDS, has_counts
from tracker.storage.tables import MEMORY_ENTRY

RARE = 2_000  # a word found in fewer entries is rare
BUDGET = 4_000  # the rarest words are read until their entries reach this
RERANK = 1_000  # entries shortlisted when one word (or five common ones at once) is all there is
SHORTLIST = 200  # entries shortlisted from several rare words
ALL_COMMON = 5  # common words an entry must hold at once when no word is rare

Counts = Callable[[Connection, Sequence[str]], dict[str, int]]


@dataclass(frozen=True, slots=True)
class Plan:
    """Which of a paragraph's words to look its candidates up by (rarest first), whether an entry must hold
    them all, and how many entries to shortlist."""

    words: tuple[str, ...]
    every: bool
    shortlist: int


def plan(words: Sequence[str], counts: dict[str, int]) -> Plan | None:
    """The plan for a paragraph's `words` given how many entries hold each; None when no word is in the memory."""
    ordered = sorted((w for w in words if counts.get(w)), key=lambda w: (counts[w], w))
    if not ordered:
        return None
    if counts[ordered[0]] >= RARE:
        return Plan(tuple(ordered[:ALL_COMMON]), True, RERANK)
    picked: list[str] = []
    total = 0
    for word in ordered:
        if picked and (counts[word] >= RARE or total + counts[word] > BUDGET):
            break
        picked.append(word)
        total += counts[word]
    # one word cannot tell its entries apart: all of them (up to RERANK) are re-ranked; of several, a shortlist
    return Plan(tuple(picked), False, RERANK if len(picked) == 1 else SHORTLIST)


def shortlisted(postings: Sequence[Sequence[int]], limit: int) -> list[int]:
    """The entries found in the most of `postings` (one list of entry ids a word), newest first among equals."""
    shared = Counter(i for ids in postings for i in ids)
    return sorted(shared, key=lambda i: (-shared[i], -i))[:limit]


def _fts_counts(conn: Connection, words: Sequence[str]) -> dict[str, int]:
    """SQLite: how many entries hold each word, counted up to RARE only (a common word costs no more)."""
    inner = select(text("rowid")).select_from(text(FTS)).where(text(f"{FTS} MATCH :q")).limit(RARE).subquery()
    query = select(text("count(*)")).select_from(inner)
    return {w: int(conn.execute(query, {"q": f'fr_text : "{w}"'}).scalar_one()) for w in words}


def _fts_ids(conn: Connection, plans: Sequence[Plan | None]) -> list[list[int]]:
    """SQLite: each plan's shortlist, through FTS5 (the index merges the postings of an AND itself)."""
    ids = select(text("rowid")).select_from(text(FTS)).where(text(f"{FTS} MATCH :q"))
    out: list[list[int]] = []
    for p in plans:
        if p is None:
            out.append([])
        elif p.every:
            match = "fr_text : (" + " AND ".join(f'"{w}"' for w in p.words) + ")"
            found = conn.execute(ids.order_by(text("rowid DESC")).limit(p.shortlist), {"q": match}).all()
            out.append([int(r[0]) for r in found])
        else:  # each word is rare: its postings are short
            postings = [[int(r[0]) for r in conn.execute(ids, {"q": f'fr_text : "{w}"'}).all()] for w in p.words]
            out.append(shortlisted(postings, p.shortlist))
    return out


def _word_counts(conn: Connection, words: Sequence[str]) -> dict[str, int]:
    """PostgreSQL: how many entries hold each word (up to RARE, as on SQLite), all in one query."""
    query = text(f"SELECT word, least(entries, {RARE}) FROM {COUNTS} WHERE word = ANY(:words)")
    query = query.bindparams(bindparam("words", type_=ARRAY(String)))
    found = {str(w): int(n) for w, n in conn.execute(query, {"words": list(words)})}
    return {w: found.get(w, 0) for w in words}


def _range_counts(conn: Connection, words: Sequence[str]) -> dict[str, int]:
    """PostgreSQL before schema 0012 (opened without upgrading): each word counted over its range of the index."""
    query = text(f"SELECT count(*) FROM (SELECT 1 FROM {WORDS} WHERE word = :w LIMIT {RARE}) AS found")
    return {w: int(conn.execute(query, {"w": w}).scalar_one()) for w in words}


# every plan with rare words at once: the entries holding the most of its words, newest first, to its shortlist
_RARE_IDS = text(
    f"SELECT para, entry_id, shared FROM (SELECT p.para, w.entry_id, count(*) AS shared,"
    f" row_number() OVER (PARTITION BY p.para"
    f" ORDER BY count(*) DESC, w.entry_id DESC) AS place FROM unnest(:paras, :words) AS p (para, word)"
    f" JOIN {WORDS} AS w ON w.word = p.word GROUP BY p.para, w.entry_id) AS ranked"
    f" WHERE place <= (:limits)[para + 1]"
).bindparams(
    bindparam("paras", type_=ARRAY(Integer)),
    bindparam("words", type_=ARRAY(String)),
    bindparam("limits", type_=ARRAY(Integer)),
)


def _every_ids(conn: Connection, words: Sequence[str], limit: int) -> list[int]:
    """PostgreSQL: the newest entries holding all `words`: the range of the one fewest entries hold read backwards,
    each entry probed for the others, until `limit` are found (the counts the plan went by stop at RARE, so they
    cannot tell which that is)."""
    if has_counts(conn):
        order = text(f"SELECT word FROM {COUNTS} WHERE word = ANY(:words) ORDER BY entries, word")
        order = order.bindparams(bindparam("words", type_=ARRAY(String)))
        words = [str(r[0]) for r in conn.execute(order, {"words": list(words)})] or list(words)
    probes = " ".join(
        f"AND EXISTS (SELECT 1 FROM {WORDS} AS o WHERE o.word = :w{k} AND o.entry_id = a.entry_id)"
        for k in range(1, len(words))
    )
    query = text(
        f"SELECT a.entry_id FROM {WORDS} AS a WHERE a.word = :w0 {probes} ORDER BY a.entry_id DESC LIMIT {limit}"
    )
    return [int(r[0]) for r in conn.execute(query, {f"w{k}": w for k, w in enumerate(words)}).all()]


def _word_ids(conn: Connection, plans: Sequence[Plan | None]) -> list[list[int]]:
    """PostgreSQL: each plan's shortlist; the plans with rare words all in one query."""
    out: list[list[int]] = [[] for _ in plans]
    paras: list[int] = []
    words: list[str] = []
    for k, p in enumerate(plans):
        if p is not None and p.every:
            out[k] = _every_ids(conn, p.words, p.shortlist)
        elif p is not None:
            paras += [k] * len(p.words)
            words += p.words
    if paras:
        limits = [p.shortlist if p is not None else 0 for p in plans]
        ranked: dict[int, list[tuple[int, int]]] = {}
        found = conn.execute(_RARE_IDS, {"paras": paras, "words": words, "limits": limits}).all()
        for para, entry, shared in found:
            ranked.setdefault(int(para), []).append((-int(shared), -int(entry)))
        for para, keys in ranked.items():  # the window numbers them but returns them in no order
            out[para] = [-entry for _, entry in sorted(keys)]
    return out


def _by_id(conn: Connection, columns: Sequence[Any], ids: Sequence[int]) -> dict[int, Sequence[Any]]:
    """Per entry of `ids`, its row of `columns`, in one statement binding one value (a JSON array on SQLite, an
    array on PostgreSQL): thousands of ids bound one a parameter cost more to compile than to read."""
    if not ids:
        return {}
    value: object = list(ids)
    if conn.dialect.name == "sqlite":
        where, value = text("id IN (SELECT value FROM json_each(:ids))"), json.dumps(value)
    else:
        where = text("id = ANY(:ids)").bindparams(bindparam("ids", type_=ARRAY(Integer)))
    query = select(MEMORY_ENTRY.c.id, *columns).where(where)
    return {int(r[0]): r[1:] for r in conn.execute(query, {"ids": value}).all()}  # all: one fetch, not one a row


def _reranked(words: dict[int, set[str]], ids: Sequence[int], wanted: Sequence[str], limit: int) -> list[int]:
    """The `limit` entries of `ids` sharing the most of the paragraph's `wanted` words (`words`: each entry's
    folded French words), newest first among equals."""
    shared = {i: len(words[i].intersection(wanted)) for i in ids if i in words}
    return sorted(shared, key=lambda i: (-shared[i], -i))[:limit]


def candidates(
    conn: Connection, texts: Sequence[str], columns: Sequence[Any], limit: int, known: dict[str, int] | None
) -> list[list[Sequence[Any]]]:
    """Per French paragraph of `texts`, rows of `columns` worth scoring: its exact entries (same folded French),
    newest first, then up to `limit` found through its words. `known` keeps SQLite's counts between calls while
    the memory does not change (PostgreSQL reads its counts in one query a call)."""
    from tracker.storage.memory import fr_key

    sqlite = conn.dialect.name == "sqlite"
    words = [search_terms(t, 64) for t in texts]
    distinct = list(dict.fromkeys(w for ws in words for w in ws))
    if sqlite and known is not None:
        if len(known) > 100_000:
            known.clear()
        known.update(_fts_counts(conn, [w for w in distinct if w not in known]))
        counts = known
    else:
        counts = (_fts_counts if sqlite else _word_counts if has_counts(conn) else _range_counts)(conn, distinct)
    plans = [plan(ws, counts) for ws in words]
    ids = (_fts_ids if sqlite else _word_ids)(conn, plans)
    # only the French is read to re-rank the shortlists; the whole row of the few kept
    french = _by_id(conn, [MEMORY_ENTRY.c.fr_text], sorted({i for found in ids for i in found}))
    held = {i: set(folded_words(str(row[0]))) for i, row in french.items()}
    kept = [_reranked(held, found, ws, limit) for found, ws in zip(ids, words, strict=True)]
    rows = _by_id(conn, columns, sorted({i for found in kept for i in found}))
    keys = [fr_key(t) for t in texts]
    exact: dict[str, list[Sequence[Any]]] = {}
    newest = func.row_number().over(partition_by=MEMORY_ENTRY.c.fr_key, order_by=MEMORY_ENTRY.c.id.desc())
    ranked = select(MEMORY_ENTRY.c.fr_key, *columns, newest.label("place"))
    inner = ranked.where(MEMORY_ENTRY.c.fr_key.in_(sorted(set(keys)))).subquery()
    query = select(inner.c.fr_key, *(inner.c[c.name] for c in columns)).where(inner.c.place <= limit)
    for row in conn.execute(query.order_by(inner.c.fr_key, inner.c.place)):
        exact.setdefault(str(row[0]), []).append(row[1:])
    return [
        exact.get(key, [])[:limit] + [rows[i] for i in found if i in rows]
        for key, found in zip(keys, kept, strict=True)
    ]
