"""Judge one story from its texts, the French its English was adapted from, and its sidecar: findings, no I/O.

The services gather the inputs (folders, git); this module only decides what is stale, untranslated,
orphaned, contradicting its source, or approved no longer, and where each problem sits in the files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from tracker.align import align
from tracker.check.result import RULES, CheckFinding, StoryResult, sort_key
from tracker.check.sidecar import HashLink, Sidecar
from tracker.diff import diff
from tracker.flags import carry_links, flags
from tracker.model import Approval, Change, Document, Flag, Link, Paragraph, Revision, alignment_hash
from tracker.signals import WireSignal, signal_of
from tracker.wire_flags import corrections, mark_corrections


@dataclass(frozen=True, slots=True)
class StoryTexts:
    """Everything needed to judge one story; file names are as reports should show them.

    `base_fr` is the French the English was adapted from (None: the same as `fr`); `base_en` is the English
    at the git base, used only to point an outdated approval at the first English paragraph that changed.
    """

    story: str
    fr_file: str
    en_file: str
    sidecar_file: str
    fr: Document
    en: Document
    sidecar: Sidecar
    base_fr: Document | None = None
    base_en: Document | None = None
    base_note: str = ""


def finding(rule: str, story: str, file: str, line: int, message: str, **extra: object) -> CheckFinding:
    """A finding with its rule's severity."""
    return CheckFinding(rule, RULES[rule][0], story, file, line, message, **extra)  # type: ignore[arg-type]


def resolve_base(hashes: Sequence[str], candidates: Iterable[Document]) -> Document | None:
    """The French document whose paragraphs have exactly these hashes, assembled from candidate documents.

    Paragraph texts may come from different candidates (the current French, the git base, older commits);
    None when some hash is found in none of them.
    """
    pool: dict[str, Paragraph] = {}
    wanted = set(hashes)
    for document in candidates:
        for p in document.paragraphs:
            if p.hash in wanted:
                pool.setdefault(p.hash, p)
        if wanted <= pool.keys():
            break
    if not wanted <= pool.keys():
        return None
    return Document(paragraphs=tuple(Paragraph(n, pool[h].text) for n, h in enumerate(hashes)))


def missing_hashes(hashes: Sequence[str], candidates: Iterable[Document]) -> set[str]:
    """The hashes no candidate document has a paragraph for."""
    found = {p.hash for d in candidates for p in d.paragraphs}
    return set(hashes) - found


def fixed_links(links: Sequence[HashLink], fr: Sequence[Paragraph], en: Sequence[Paragraph]) -> tuple[Link, ...]:
    """Confirmed links turned into indices over these paragraphs; links naming an absent text are dropped."""
    fr_at: dict[str, list[int]] = {}
    en_at: dict[str, list[int]] = {}
    for p in fr:
        fr_at.setdefault(p.hash, []).append(p.index)
    for p in en:
        en_at.setdefault(p.hash, []).append(p.index)
    used_fr: set[int] = set()
    used_en: set[int] = set()
    out: list[Link] = []
    for link in links:
        fr_idx = _take(link.fr, fr_at, used_fr)
        en_idx = _take(link.en, en_at, used_en)
        if fr_idx is None or en_idx is None:
            continue
        used_fr.update(fr_idx)
        used_en.update(en_idx)
        out.append(Link(fr=fr_idx, en=en_idx, score=1.0, confirmed=True))
    return tuple(out)


def _take(hashes: Sequence[str], at: dict[str, list[int]], used: set[int]) -> tuple[int, ...] | None:
    picked: list[int] = []
    for h in hashes:
        free = [i for i in at.get(h, ()) if i not in used and i not in picked]
        if not free:
            return None
        picked.append(free[0])
    return tuple(sorted(picked))


def _words(changes: Sequence[Change]) -> tuple[tuple[str, str], ...]:
    chosen = [c for c in changes if c.substantive] or list(changes)
    words: list[tuple[str, str]] = []
    for change in chosen:
        if words and change.words:
            words.append(("=", " … "))
        words.extend((op, text) for op, text in change.words)
    # a diff with nothing added or removed says nothing the message does not
    return tuple(words) if any(op != "=" for op, _ in words) else ()


def _line(paragraphs: Sequence[Paragraph], indices: Sequence[int]) -> int:
    return min((paragraphs[i].line_start for i in indices if 0 <= i < len(paragraphs)), default=0)


def _flag_finding(s: StoryTexts, flag: Flag) -> CheckFinding | None:
    fr_line = _line(s.fr.paragraphs, flag.fr)
    en_line = _line(s.en.paragraphs, flag.en)
    where_fr = f"{s.fr_file}:{fr_line}" if fr_line else s.fr_file
    why = f" ({', '.join(flag.reasons)})" if flag.reasons else ""
    words = _words(flag.changes)
    common = {"fr": flag.fr, "en": flag.en, "fr_file": s.fr_file if flag.fr else "", "fr_line": fr_line, "diff": words}
    note = f" {s.base_note}" if s.base_note else ""
    if flag.kind == "correction":
        said = f": {flag.note}" if flag.note else ""
        message = f"the agency corrected this English paragraph's French source at {where_fr}{said}{why}"
        return finding("correction", s.story, s.en_file, en_line, message + note, **common)
    if flag.kind == "stale":
        message = f"English paragraph is stale: its French source at {where_fr} changed since the English was made{why}"
        return finding("stale", s.story, s.en_file, en_line, message + note, **common)
    if flag.kind == "untranslated":
        what = ", ".join(flag.reasons) or "no English counterpart"
        message = f"French paragraph not translated ({what}): translate it or acknowledge it as omitted"
        return finding("untranslated", s.story, s.fr_file, fr_line, message + note, **common)
    if flag.kind == "orphaned":
        message = f"English paragraph stands for French text that is gone{why}"
        return finding("orphaned", s.story, s.en_file, en_line, message + note, **common)
    return None


def _qa_findings(s: StoryTexts, links: Sequence[Link]) -> list[CheckFinding]:
    # imported here: most stories of a large check sit under a valid approval and never need QA's rule tables
    from tracker.qa import apply_waivers
    from tracker.qa import check as qa_check

    fr, en = s.fr.texts, s.en.texts
    found = apply_waivers(qa_check(fr, en, links), s.sidecar.waivers, fr, en)
    out: list[CheckFinding] = []
    for f in found:
        if f.waived or f.severity == "info":
            continue
        rule = "qa-error" if f.severity == "error" else "qa-warning"
        fr_line = _line(s.fr.paragraphs, f.fr)
        file, line = (s.en_file, _line(s.en.paragraphs, f.en)) if f.en else (s.fr_file, fr_line)
        extra = {"fr": f.fr, "en": f.en, "fr_file": s.fr_file if f.fr else "", "fr_line": fr_line, "check": f.check}
        out.append(finding(rule, s.story, file, line, f"{f.check}: {f.message}", **extra))
    return out


def _first_changed_en(s: StoryTexts) -> int:
    if s.base_en is None:
        return 1
    before = {p.hash for p in s.base_en.paragraphs}
    return next((p.line_start for p in s.en.paragraphs if p.hash not in before), 1)


def _approval_findings(s: StoryTexts, links: Sequence[Link]) -> list[CheckFinding]:
    whole = [a for a in s.sidecar.approvals if a.paragraph is None]
    if not whole:
        message = f"no editor approval recorded in {s.sidecar_file}"
        return [finding("approval-missing", s.story, s.en_file, 1, message)]
    latest = max(whole, key=lambda a: a.at)
    when = latest.at.strftime("%Y-%m-%d %H:%M UTC")
    if latest.verdict != "approved":
        note = f": {latest.note}" if latest.note else ""
        message = f"the latest verdict is a rejection by {latest.by} on {when}{note}"
        return [finding("approval-missing", s.story, s.en_file, 1, message)]
    changed = []
    line = 1
    if latest.en_hash != s.en.content_hash:
        changed.append("the English")
        line = _first_changed_en(s)
    if latest.fr_hash != s.fr.content_hash:
        changed.append("the French")
    if latest.alignment_hash != alignment_hash(links):
        changed.append("the alignment")
    if not changed:
        return []
    message = f"approval by {latest.by} on {when} is outdated: {' and '.join(changed)} changed since"
    return [finding("approval-outdated", s.story, s.en_file, line, message)]


@dataclass(frozen=True, slots=True)
class _Alignment:
    """The English aligned on the French it was adapted from (`base_links`), and carried onto the current French."""

    base: Document
    base_links: tuple[Link, ...]
    changes: tuple[Change, ...] | None  # base French -> current French; None when they are the same
    links: tuple[Link, ...]


def _align(s: StoryTexts) -> _Alignment:
    base = s.base_fr or s.fr
    fixed = fixed_links(s.sidecar.links, base.paragraphs, s.en.paragraphs)
    base_links = align(base.texts, s.en.texts, fixed=fixed)
    if base.texts == s.fr.texts:
        return _Alignment(base, base_links, None, base_links)
    changes = diff(base.texts, s.fr.texts)
    links = carry_links(base_links, changes, len(s.fr.paragraphs), len(s.en.paragraphs))
    return _Alignment(base, base_links, changes, links)


def _as_revision(document: Document, number: int) -> Revision:
    """A folder's French file as a revision, so the wire's rules (tracker.signals) read what its format said."""
    meta = dict(document.meta)
    status = meta.get("pubStatus", "usable")
    return Revision("", "fr", number, datetime.min, "", document.content_hash, document.paragraphs, meta=document.meta,
                    status=status)  # fmt: skip


def wire_signal(s: StoryTexts) -> WireSignal:
    """What the folder's French file says as a wire item: a plain text says nothing (new or update); NewsML-G2,
    NewsML 1.2 and ninjs files say kills, withholds, embargoes and corrections."""
    return signal_of(_as_revision(s.fr, 2), first=s.base_fr is None)


def _killed(s: StoryTexts, signal: WireSignal) -> list[CheckFinding]:
    """A killed story's one finding: withdraw the English (none once a withdrawal of this French is recorded)."""
    if any(w.fr_hash == s.fr.content_hash for w in s.sidecar.withdrawals):
        return []
    said = f": {signal.note}" if signal.note else ""
    message = (
        f"the agency killed this story in {s.fr_file}{said}; withdraw the English and record it "
        f"(tracker withdraw FOLDER --note TEXT), until then no approval counts"
    )
    return [finding("killed", s.story, s.en_file, 1, message, fr_file=s.fr_file)]


def _held(s: StoryTexts, signal: WireSignal, at: datetime | None) -> list[CheckFinding]:
    """What keeps a story the agency did not kill from going out, as the publish gate says it: a withhold, an
    embargo in force at `at` (any embargo when `at` is None: the gate never guesses that one has passed)."""
    out = []
    if signal.kind == "withheld":
        said = f": {signal.note}" if signal.note else ""
        out.append(finding("withheld", s.story, s.en_file, 1, f"the agency withheld this story in {s.fr_file}{said}"))
    if signal.embargo is not None and (at is None or signal.embargo > at):
        message = f"embargoed until {signal.embargo:%Y-%m-%d %H:%M %Z} by {s.fr_file}: nothing may go out before"
        out.append(finding("embargoed", s.story, s.en_file, 1, message, fr_file=s.fr_file))
    return out


def judge(s: StoryTexts, *, at: datetime | None = None) -> StoryResult:
    """Every finding on one story, in reading order; a killed story has only one (withdraw its English).
    `at`: when the gate runs, for an embargo in the French file (None: any embargo is in force)."""
    files = (s.fr_file, s.en_file, s.sidecar_file)
    signal = wire_signal(s)
    if signal.kind == "kill":
        return StoryResult(story=s.story, findings=tuple(_killed(s, signal)), files=files)
    a = _align(s)
    found_flags = flags(a.base.texts, s.fr.texts, s.en.texts, a.base_links, s.sidecar.acknowledgements, a.changes)
    if signal.kind == "correction" and a.changes is not None:
        said = corrections([_as_revision(a.base, 1), _as_revision(s.fr, 2)], lambda old, new: a.changes or ())
        found_flags = mark_corrections(found_flags, said)
    findings: list[CheckFinding] = []
    for flag in found_flags:
        if flag.acknowledged:
            continue
        made = _flag_finding(s, flag)
        if made is not None:
            findings.append(made)
    approval = _approval_findings(s, a.links)
    # Under a valid approval the editor signed off exactly these texts and this alignment, QA findings included
    # (approving is refused while QA errors stand, unless forced with a note); re-running QA would only re-open
    # what they settled, and costs most of a check's time.
    if approval:
        findings.extend(_qa_findings(s, a.links))
    stale_lines = [f.line for f in findings if f.rule in ("stale", "correction") and f.line]
    if stale_lines:
        # an approval outdated by the French alone is best read beside the first English paragraph it left stale
        approval = [
            replace(f, line=min(stale_lines)) if f.rule == "approval-outdated" and "the English" not in f.message else f
            for f in approval
        ]
    findings.extend(approval)
    findings.extend(_held(s, signal, at))
    return StoryResult(story=s.story, findings=tuple(sorted(findings, key=sort_key)), files=files)


def current_links(s: StoryTexts) -> tuple[Link, ...]:
    """The alignment of the current French and English as `judge` sees it (what an approval is bound to)."""
    return _align(s).links


def approval_for(s: StoryTexts, *, by: str, at: datetime, note: str = "") -> Approval:
    """An approval of the story exactly as `judge` sees it now (French, English and alignment hashes)."""
    return Approval(
        story=s.sidecar.story,
        fr_rev=0,
        en_rev=0,
        fr_hash=s.fr.content_hash,
        en_hash=s.en.content_hash,
        alignment_hash=alignment_hash(current_links(s)),
        verdict="approved",
        by=by,
        at=at,
        note=note,
    )


def hash_links(links: Sequence[Link], fr: Sequence[Paragraph], en: Sequence[Paragraph]) -> tuple[HashLink, ...]:
    """Index links restated by paragraph hashes, as the sidecar records them."""
    return tuple(HashLink(tuple(fr[i].hash for i in lk.fr), tuple(en[j].hash for j in lk.en)) for lk in links)


def record_adaptation(s: StoryTexts) -> Sidecar:
    """The sidecar once the English is taken as following the current French, with today's alignment recorded.

    Recording every link (not only the corrected ones) makes later checks independent of aligner changes and
    spares the aligner on unchanged stories.
    """
    links = current_links(s)
    return replace(
        s.sidecar,
        adapted_from=tuple(p.hash for p in s.fr.paragraphs),
        adapted_texts=tuple((p.hash, p.text) for p in s.fr.paragraphs),
        links=hash_links(links, s.fr.paragraphs, s.en.paragraphs),
    )


def approve(s: StoryTexts, *, by: str, at: datetime, note: str = "") -> Sidecar:
    """The sidecar with the adaptation recorded and an approval of exactly what `judge` now sees."""
    recorded = record_adaptation(s)
    again = replace(s, sidecar=recorded, base_fr=None)
    return replace(recorded, approvals=(*recorded.approvals, approval_for(again, by=by, at=at, note=note)))
