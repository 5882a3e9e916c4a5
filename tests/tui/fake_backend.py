"""An in-memory Backend for the UI tests, built from the real sample files and deliberately simple rules.

It stands in for `tracker.services.desk.Desk`: same Protocol, same errors, and it records every decision so
tests can assert on what the UI asked for. Its flags and findings are plain approximations, not the core's.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tracker.errors import ConflictError, ForbiddenError, NotFoundError, RefusedError, TranslationError
from tracker.model import (
    AckKind,
    Acknowledgement,
    Approval,
    Change,
    Finding,
    Flag,
    Link,
    Paragraph,
    Revision,
    Story,
    User,
    Waiver,
    alignment_hash,
    content_hash,
)
from tracker.revocations import AnyDecision
from tracker.segment import segment
from tracker.view import ApprovalStatus, Row, StorySummary, StoryView, order_links

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tracker" / "samples" / "sochi-summit"
T0 = datetime(2022, 10, 31, 9, 0, tzinfo=UTC)
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
_NUMBER = re.compile(r"\d[\d.,\u202f\u00a0 ]*\d|\d")


@dataclass(frozen=True)
class FakeSuggestion:
    text: str
    provider: str


def words(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """A word diff as ('=', '-', '+') pieces."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return tuple(out)


def _numbers(text: str) -> set[str]:
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}


@functools.lru_cache(maxsize=256)
def _match(old: tuple[str, ...], new: tuple[str, ...]) -> dict[int, int]:
    """new index -> old index: exact texts first, then the most similar nearby paragraph above a threshold."""
    by_text: dict[str, list[int]] = {}
    for i, o in enumerate(old):
        by_text.setdefault(o, []).append(i)
    mapping: dict[int, int] = {}
    for j, text in enumerate(new):
        if by_text.get(text):
            mapping[j] = by_text[text].pop(0)
    used = set(mapping.values())
    for j, text in enumerate(new):
        if j in mapping:
            continue
        best, score = -1, 0.6
        for i in range(max(0, j - 8), min(len(old), j + 9)):
            if i in used:
                continue
            r = difflib.SequenceMatcher(None, old[i], text, autojunk=False).ratio()
            if r > score:
                best, score = i, r
        if best >= 0:
            mapping[j] = best
            used.add(best)
    return mapping


def _rows(
    fr: tuple[Paragraph, ...],
    en: tuple[Paragraph, ...],
    links: tuple[Link, ...],
    flags: tuple[Flag, ...] = (),
    findings: tuple[Finding, ...] = (),
) -> tuple[Row, ...]:
    """`tracker.view.build_rows`, indexed by paragraph so large stories stay fast."""
    by_fr: dict[int, list[int]] = {}
    by_en: dict[int, list[int]] = {}
    items: list[Flag | Finding] = [*flags, *findings]
    for n, item in enumerate(items):
        for i in item.fr:
            by_fr.setdefault(i, []).append(n)
        for j in item.en:
            by_en.setdefault(j, []).append(n)
    rows = []
    for lk in order_links(links):
        hit = sorted({n for i in lk.fr for n in by_fr.get(i, ())} | {n for j in lk.en for n in by_en.get(j, ())})
        row_flags = tuple(x for n in hit if isinstance(x := items[n], Flag))
        row_findings = tuple(x for n in hit if isinstance(x := items[n], Finding))
        rows.append(Row(lk, tuple(fr[i] for i in lk.fr), tuple(en[j] for j in lk.en), row_flags, row_findings))
    return tuple(rows)


@dataclass
class FakeBackend:
    """The sample story (and optionally a large synthetic one) in memory; every decision is recorded."""

    acting: User | None = field(default_factory=lambda: User("ana", "translator", T0))
    offline: bool = True
    revisions: dict[tuple[str, str], list[Revision]] = field(default_factory=dict)
    alignments: dict[tuple[str, int, int], tuple[Link, ...]] = field(default_factory=dict)
    en_bases: dict[tuple[str, int], tuple[int, ...]] = field(default_factory=dict)
    acks: list[Acknowledgement] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    decisions: list[tuple[str, object]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    # ------------------------------------------------------------------ setup
    @classmethod
    def with_sample(cls, **kwargs: object) -> FakeBackend:
        fake = cls(**kwargs)  # type: ignore[arg-type]
        slug = "sochi-summit"
        fake.titles[slug] = "Armenia and Azerbaijan pledge not to use force"
        for n in (1, 2, 3):
            fake._add(slug, "fr", (SAMPLE / f"fr.r{n}.txt").read_text("utf-8"), "afp")
        fake._add(slug, "en", (SAMPLE / "en.r1.txt").read_text("utf-8"), "tom", based_on=2)
        expected = json.loads((ROOT / "tests" / "data" / "sochi-expected.json").read_text("utf-8"))
        links = tuple(Link(tuple(f), tuple(e), 0.9) for f, e in expected["alignment"]["fr.r2.txt~en.r1.txt"])
        fake.alignments[(slug, 2, 1)] = links
        fake.en_bases[(slug, 1)] = (2,) * len(fake._rev(slug, "en", 1).paragraphs)
        en2 = fake._add(slug, "en", (SAMPLE / "en.r2.txt").read_text("utf-8"), "tom", based_on=3)
        fake.en_bases[(slug, 2)] = tuple(3 if i in (11, 12) else 2 for i in range(len(en2.paragraphs)))
        return fake

    def add_large(self, slug: str = "large", n: int = 2000) -> None:
        """A synthetic story of n paragraph pairs, one in twenty stale, for scrolling and benchmarks."""
        self.titles[slug] = f"A {n}-paragraph story"
        fr1 = "\n\n".join(f"Paragraphe {i} : le sommet a réuni {i} délégués à Sotchi lundi matin." for i in range(n))
        fr2 = "\n\n".join(
            f"Paragraphe {i} : le sommet a réuni {i + (i % 20 == 0)} délégués à Sotchi lundi matin." for i in range(n)
        )
        en1 = "\n\n".join(
            f"Paragraph {i}: the summit brought {i} delegates to Sochi on Monday morning." for i in range(n)
        )
        self._add(slug, "fr", fr1, "afp")
        self._add(slug, "fr", fr2, "afp")
        self._add(slug, "en", en1, "tom", based_on=1)
        self.alignments[(slug, 1, 1)] = tuple(Link((i,), (i,), 0.9) for i in range(n))
        self.en_bases[(slug, 1)] = (1,) * n

    def _add(self, slug: str, lang: str, text: str, author: str, based_on: int | None = None) -> Revision:
        doc = segment(text)
        revs = self.revisions.setdefault((slug, lang), [])
        rev = Revision(
            story=slug,
            lang=lang,
            number=len(revs) + 1,
            created_at=T0 + timedelta(hours=len(revs) + (3 if lang == "en" else 0)),
            author=author,
            content_hash=doc.content_hash,
            paragraphs=doc.paragraphs,
            label=doc.label,
            based_on=based_on,
        )
        revs.append(rev)
        self.version += 1
        return rev

    def _rev(self, slug: str, lang: str, number: int | None) -> Revision:
        revs = self.revisions.get((slug, lang))
        if not revs:
            raise NotFoundError(f"no {lang} revision of {slug}")
        if number is None:
            return revs[-1]
        if not 1 <= number <= len(revs):
            raise NotFoundError(f"{slug} has no {lang} revision {number}")
        return revs[number - 1]

    # ------------------------------------------------------------------ reading
    def user(self) -> User | None:
        return self.acting

    def stories(self) -> list[StorySummary]:
        self.calls.append("stories")
        out = []
        for slug in sorted({s for s, _ in self.revisions}):
            v = self.view(slug)
            rows = v.rows
            state = self._approval(v).approval
            out.append(
                StorySummary(
                    slug=slug,
                    title=self.titles.get(slug, slug),
                    fr_rev=v.fr.number,
                    en_rev=v.en.number if v.en else None,
                    stale=sum(any(f.kind == "stale" and not f.acknowledged for f in r.flags) for r in rows),
                    untranslated=sum(
                        any(f.kind == "untranslated" and not f.acknowledged for f in r.flags) for r in rows
                    ),
                    qa=sum(any(not f.waived for f in r.findings) for r in rows),
                    approval=(
                        "none"
                        if state is None
                        else "rejected"
                        if state.verdict == "rejected"
                        else "approved"
                        if v.approval and v.approval.valid
                        else "outdated"
                    ),
                    updated_at=max(v.fr.created_at, v.en.created_at if v.en else v.fr.created_at),
                )
            )
        return out

    def view(self, slug: str, fr_rev: int | None = None, en_rev: int | None = None) -> StoryView:
        self.calls.append(f"view {slug} {fr_rev} {en_rev}")
        fr = self._rev(slug, "fr", fr_rev)
        en = self._rev(slug, "en", en_rev) if self.revisions.get((slug, "en")) else None
        if en is None:
            links = tuple(Link((p.index,), ()) for p in fr.paragraphs)
            flags = tuple(Flag("untranslated", (p.index,), ()) for p in fr.paragraphs)
            rows = _rows(fr.paragraphs, (), links, flags)
            return StoryView(Story(slug, self.titles.get(slug, slug)), fr, None, None, rows)
        links = self._links(slug, fr.number, en.number)
        base = self._rev(slug, "fr", en.based_on) if en.based_on else None
        flags = self._flags(slug, fr, en, links)
        findings = self._findings(slug, fr, en, links)
        rows = _rows(fr.paragraphs, en.paragraphs, links, flags, findings)
        v = StoryView(
            story=Story(slug, self.titles.get(slug, slug)),
            fr=fr,
            en=en,
            base=base,
            rows=rows,
            fr_revisions=tuple(r.number for r in self.revisions[(slug, "fr")]),
            en_revisions=tuple(r.number for r in self.revisions[(slug, "en")]),
        )
        return StoryView(v.story, fr, en, base, rows, self._approval(v), v.fr_revisions, v.en_revisions, ())

    def _approval(self, v: StoryView) -> ApprovalStatus:
        mine = [a for a in self.approvals if a.story == v.story.slug and a.paragraph is None]
        if not mine:
            return ApprovalStatus(None, False)
        last = mine[-1]
        valid = v.en is not None and last.fr_hash == v.fr.content_hash and last.en_hash == v.en.content_hash
        reasons = () if valid else ("the French or English changed since",)
        return ApprovalStatus(last, valid and last.verdict == "approved", reasons)

    def _links(self, slug: str, fr_rev: int, en_rev: int) -> tuple[Link, ...]:
        key = (slug, fr_rev, en_rev)
        if key in self.alignments:
            return self.alignments[key]
        (bf, be), links = next(((k[1], k[2]), v) for k, v in self.alignments.items() if k[0] == slug)
        fr_map = _match(self._rev(slug, "fr", bf).texts, self._rev(slug, "fr", fr_rev).texts)
        en_map = _match(self._rev(slug, "en", be).texts, self._rev(slug, "en", en_rev).texts)
        fr_back = {old: new for new, old in fr_map.items()}
        en_back = {old: new for new, old in en_map.items()}
        out = []
        for lk in links:
            f = tuple(fr_back[i] for i in lk.fr if i in fr_back)
            e = tuple(en_back[j] for j in lk.en if j in en_back)
            if f or e:
                out.append(Link(f, e, lk.score))
        fr_new = [i for i in range(len(self._rev(slug, "fr", fr_rev).paragraphs)) if i not in fr_map]
        en_new = [j for j in range(len(self._rev(slug, "en", en_rev).paragraphs)) if j not in en_map]
        fr_texts, en_texts = self._rev(slug, "fr", fr_rev).texts, self._rev(slug, "en", en_rev).texts
        for i in list(fr_new):
            j = next((j for j in en_new if _numbers(fr_texts[i]) & _numbers(en_texts[j])), None)
            if j is not None:
                out.append(Link((i,), (j,), 0.5))
                fr_new.remove(i)
                en_new.remove(j)
        out += [Link((i,), ()) for i in fr_new] + [Link((), (j,)) for j in en_new]
        self.alignments[key] = tuple(out)
        return self.alignments[key]

    def _flags(self, slug: str, fr: Revision, en: Revision, links: tuple[Link, ...]) -> tuple[Flag, ...]:
        bases = self.en_bases.get((slug, en.number), (en.based_on or 1,) * len(en.paragraphs))
        acked = {(a.fr_hash, a.kind) for a in self.acks if a.story == slug}
        out: list[Flag] = []
        fr_texts = fr.texts
        mappings: dict[int, dict[int, int]] = {}
        for lk in links:
            base_no = min((bases[j] for j in lk.en), default=en.based_on or 1)
            base = self._rev(slug, "fr", base_no)
            if base_no not in mappings:
                mappings[base_no] = _match(base.texts, fr_texts)
            mapping = mappings[base_no]
            for i in lk.fr:
                text = fr.paragraphs[i].text
                ack = any(h == fr.paragraphs[i].hash for h, _ in acked)
                if i not in mapping:
                    if not lk.en:
                        out.append(Flag("untranslated", (i,), (), ("new French paragraph",), acknowledged=ack))
                    continue
                old = base.paragraphs[mapping[i]]
                if old.text == text or not lk.en:
                    continue
                w = words(old.text, text)
                substantive = any(op != "=" and re.search(r"\w", t) for op, t in w)
                change = Change((old.index,), (i,), "edited", substantive, (), w)
                if substantive:
                    out.append(Flag("stale", (i,), lk.en, (f"French changed since fr r{base_no}",), (change,), ack))
                else:
                    out.append(Flag("cosmetic", (i,), lk.en, ("punctuation only",), (change,), ack))
        return tuple(out)

    def _findings(self, slug: str, fr: Revision, en: Revision, links: tuple[Link, ...]) -> tuple[Finding, ...]:
        out = []
        for lk in links:
            if not lk.fr or not lk.en:
                continue
            f_nums = set().union(*(_numbers(fr.paragraphs[i].text) for i in lk.fr))
            e_nums = set().union(*(_numbers(en.paragraphs[j].text) for j in lk.en))
            missing = sorted(f_nums - e_nums)
            if missing:
                fr_h = tuple(fr.paragraphs[i].hash for i in lk.fr)
                en_h = tuple(en.paragraphs[j].hash for j in lk.en)
                waiver = next(
                    (w for w in self.waivers if w.story == slug and (w.fr_hashes, w.en_hashes) == (fr_h, en_h)), None
                )
                msg = f"number {', '.join(missing)} in French is missing in English"
                reason = f"{waiver.by}: {waiver.reason}" if waiver else ""
                out.append(Finding("numbers", "error", lk.fr, lk.en, msg, tuple(missing), waiver is not None, reason))
        return tuple(out)

    def history(self, slug: str) -> list[Revision]:
        revs = self.revisions.get((slug, "fr"), []) + self.revisions.get((slug, "en"), [])
        if not revs:
            raise NotFoundError(f"no story {slug}")
        return sorted(revs, key=lambda r: r.created_at)

    def diff(self, slug: str, lang: str, a: int, b: int) -> tuple[Change, ...]:
        old, new = self._rev(slug, lang, a), self._rev(slug, lang, b)
        mapping = _match(old.texts, new.texts)
        out: list[Change] = []
        for j, p in enumerate(new.paragraphs):
            if j not in mapping:
                out.append(Change((), (j,), "added", True, (), (("+", p.text),)))
                continue
            o = old.paragraphs[mapping[j]]
            if o.text == p.text:
                kind = "unchanged" if o.index == j else "moved"
                out.append(Change((o.index,), (j,), kind, False, (), (("=", p.text),)))
            else:
                w = words(o.text, p.text)
                out.append(Change((o.index,), (j,), "edited", True, (), w))
        out += [
            Change((i,), (), "removed", True, (), (("-", old.texts[i]),))
            for i in range(len(old.texts))
            if i not in mapping.values()
        ]
        return tuple(out)

    def change_token(self) -> str:
        return str(self.version)

    def changed_since(self, token: str) -> bool:
        return token != str(self.version)

    # ------------------------------------------------------------------ decisions
    def _record(self, what: str, detail: object) -> None:
        self.decisions.append((what, detail))
        self.version += 1

    def save_english(
        self,
        slug: str,
        en: tuple[int, ...],
        text: str,
        *,
        fr_rev: int,
        expected_en_rev: int | None,
        fr: tuple[int, ...] = (),
    ) -> Revision:
        with self.lock:
            latest = self._rev(slug, "en", None)
            if latest.number != expected_en_rev:
                raise ConflictError(f"{slug}: English revision {latest.number} was saved meanwhile; reload")
            texts = list(latest.texts)
            new = [t.strip() for t in re.split(r"\n\s*\n", text) if t.strip()]
            links = list(self._links(slug, fr_rev, latest.number))
            if en:
                start = min(en)
                texts[start : max(en) + 1] = new
                shift = len(new) - len(en)
                new_links = [
                    Link(lk.fr, tuple(j if j < start else j + shift for j in lk.en if not start <= j <= max(en)))
                    if not set(lk.en) & set(en)
                    else Link(lk.fr, tuple(range(start, start + len(new))))
                    for lk in links
                ]
            else:
                before = [max(lk.en) for lk in links if lk.en and lk.fr and max(lk.fr) < min(fr)]
                start = max(before, default=-1) + 1
                texts[start:start] = new
                new_links = [
                    Link(lk.fr, tuple(j if j < start else j + len(new) for j in lk.en)) for lk in links if lk.fr != fr
                ]
                new_links.append(Link(fr, tuple(range(start, start + len(new)))))
            bases = list(self.en_bases.get((slug, latest.number), (latest.based_on or 1,) * len(texts)))
            bases[start : start + (len(en) if en else 0)] = [fr_rev] * len(new)
            rev = self._add(slug, "en", "\n\n".join(texts), self.acting.name if self.acting else "?", based_on=fr_rev)
            self.en_bases[(slug, rev.number)] = tuple(bases)
            self.alignments[(slug, fr_rev, rev.number)] = tuple(lk for lk in new_links if lk.fr or lk.en)
            self._record("save", (en, text))
            return rev

    def suggest(self, slug: str, fr_index: int, *, fr_rev: int) -> FakeSuggestion:
        self.calls.append(f"suggest {fr_index}")
        if self.offline:
            raise TranslationError("machine translation is offline: no network (google, 10 s timeout)")
        return FakeSuggestion(f"[EN] {self._rev(slug, 'fr', fr_rev).paragraphs[fr_index].text}", "fake")

    def ack(self, slug: str, fr_index: int, kind: AckKind, note: str, *, fr_rev: int) -> Acknowledgement:
        p: Paragraph = self._rev(slug, "fr", fr_rev).paragraphs[fr_index]
        a = Acknowledgement(slug, p.hash, kind, self.acting.name if self.acting else "?", T0, note)
        self.acks.append(a)
        self._record("ack", (fr_index, kind, note))
        return a

    def _set_links(self, slug: str, fr_rev: int, en_rev: int, drop: set[Link], add: list[Link], what: str) -> None:
        current = self._links(slug, fr_rev, en_rev)
        missing = drop - set(current)
        if missing:
            raise ConflictError(f"alignment changed meanwhile: {missing}")
        self.alignments[(slug, fr_rev, en_rev)] = tuple(lk for lk in current if lk not in drop) + tuple(add)
        self._record(what, tuple(add))

    def relink(self, slug: str, fr: tuple[int, ...], en: tuple[int, ...], *, fr_rev: int, en_rev: int) -> None:
        for lang, rev, indices in (("fr", fr_rev, fr), ("en", en_rev, en)):
            count = len(self._rev(slug, lang, rev).paragraphs)
            if any(i >= count for i in indices):
                raise NotFoundError(f"{slug}: {lang} revision {rev} has no paragraph {max(indices)}")
        current = self._links(slug, fr_rev, en_rev)
        touched = {lk for lk in current if set(lk.fr) & set(fr) or set(lk.en) & set(en)}
        rest = [Link((i,), ()) for lk in touched for i in lk.fr if i not in fr]
        rest += [Link((), (j,)) for lk in touched for j in lk.en if j not in en]
        self._set_links(slug, fr_rev, en_rev, touched, [Link(fr, en, 1.0, True), *rest], "relink")

    def unlink(self, slug: str, link: Link, *, fr_rev: int, en_rev: int) -> None:
        parts = [Link((i,), (), 1.0, True) for i in link.fr] + [Link((), (j,), 1.0, True) for j in link.en]
        self._set_links(slug, fr_rev, en_rev, {link}, parts, "unlink")

    def merge(self, slug: str, a: Link, b: Link, *, fr_rev: int, en_rev: int) -> None:
        merged = Link(tuple(sorted(a.fr + b.fr)), tuple(sorted(a.en + b.en)), 1.0, True)
        self._set_links(slug, fr_rev, en_rev, {a, b}, [merged], "merge")

    def split(self, slug: str, link: Link, *, fr_at: int, en_at: int, fr_rev: int, en_rev: int) -> None:
        first = Link(link.fr[:fr_at], link.en[:en_at], 1.0, True)
        second = Link(link.fr[fr_at:], link.en[en_at:], 1.0, True)
        self._set_links(slug, fr_rev, en_rev, {link}, [p for p in (first, second) if p.fr or p.en], "split")

    def withdraw(self, slug: str, note: str) -> None:
        raise RefusedError(f"{slug}: the agency has not killed this story (the sample is never killed)")

    def revoke(self, slug: str, decision: AnyDecision, reason: str) -> None:
        if isinstance(decision, Acknowledgement) and decision in self.acks:
            self.acks.remove(decision)
        self._record("revoke", (type(decision).__name__, reason))

    def waive(self, slug: str, finding: Finding, reason: str, *, fr_rev: int, en_rev: int) -> Waiver:
        fr, en = self._rev(slug, "fr", fr_rev), self._rev(slug, "en", en_rev)
        w = Waiver(
            slug,
            finding.check,
            tuple(fr.paragraphs[i].hash for i in finding.fr),
            tuple(en.paragraphs[j].hash for j in finding.en),
            self.acting.name if self.acting else "?",
            T0,
            reason,
        )
        self.waivers.append(w)
        self._record("waive", (finding.check, reason))
        return w

    def _verdict(self, slug: str, note: str, fr_rev: int, en_rev: int, verdict: str, **kw: object) -> Approval:
        if self.acting is None or self.acting.role not in ("editor", "admin"):
            raise ForbiddenError(f"{self.acting.name if self.acting else 'you'}: only editors may approve or reject")
        fr, en = self._rev(slug, "fr", fr_rev), self._rev(slug, "en", en_rev)
        if fr.number != self._rev(slug, "fr", None).number or en.number != self._rev(slug, "en", None).number:
            raise ConflictError("a newer revision exists; reload")
        links = self._links(slug, fr_rev, en_rev)
        a = Approval(
            slug,
            fr_rev,
            en_rev,
            fr.content_hash,
            en.content_hash,
            alignment_hash(links),
            verdict,
            self.acting.name,
            T0,
            note,
            **kw,
        )  # type: ignore[arg-type]
        self.approvals.append(a)
        self._record(verdict, note)
        return a

    def approve(
        self, slug: str, note: str, *, fr_rev: int, en_rev: int, force: bool = False, paragraph: int | None = None
    ) -> Approval:
        if self.acting is None or self.acting.role not in ("editor", "admin"):
            raise ForbiddenError(f"{self.acting.name if self.acting else 'you'}: only editors may approve or reject")
        v = self.view(slug, fr_rev, en_rev)
        pending = sum(r.needs_action for r in v.rows)
        if pending and not force and paragraph is None:
            raise RefusedError(f"{pending} rows need action (stale, untranslated or QA errors); force with a note")
        ph = content_hash([v.en.paragraphs[paragraph].hash]) if (paragraph is not None and v.en) else None
        return self._verdict(slug, note, fr_rev, en_rev, "approved", forced=force, paragraph=ph)

    def reject(self, slug: str, note: str, *, fr_rev: int, en_rev: int) -> Approval:
        return self._verdict(slug, note, fr_rev, en_rev, "rejected")
