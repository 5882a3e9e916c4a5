"""Approving and rejecting adaptations, and managing who may: the rules of tracker.approvals over the store.

On PostgreSQL a person is the database role they connect as (`current_user`): the acting user cannot be
chosen with `--as`, so one person cannot act as another without that person's database credentials.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tracker.approvals import ROLES, blockers, four_eyes_refusal, may_decide, source_hash
from tracker.errors import ForbiddenError, NotFoundError, RefusedError
from tracker.model import Approval, Revision, User, Verdict, alignment_hash
from tracker.services.identity import acting_name
from tracker.services.views import load_view
from tracker.storage import Store
from tracker.view import Row, StoryView

FOUR_EYES = "four_eyes"
__all__ = ["acting_name", "acting_user", "add_user", "decide", "four_eyes_enabled", "set_four_eyes", "set_role"]


def acting_user(store: Store, name: str, *, at: datetime) -> User | None:
    """The registered user `name`; on a database with no users yet, its first user becomes admin."""
    user = store.user(name)
    if user is None and not store.users():
        user = store.add_user(name, "admin", by=name, at=at)
    return user


def four_eyes_enabled(store: Store) -> bool:
    """Whether authors are barred from approving their own English (on unless an admin turned it off)."""
    return store.settings_get(FOUR_EYES) != "off"


def _decider(store: Store, by: str, at: datetime) -> User:
    user = acting_user(store, by, at=at)
    refusal = may_decide(user)
    if refusal is not None or user is None:
        raise ForbiddenError(refusal or f"unknown user {by}")
    return user


def _the_row(view: StoryView, paragraph: int) -> Row:
    for row in view.rows:
        if paragraph in row.link.en:
            return row
    raise NotFoundError(f"{view.story.slug}: English revision has no paragraph {paragraph}")


def _decided_english(view: StoryView, verdict: Verdict, note: str) -> Revision:
    """The English revision the verdict is on; refused when there is none, or for a rejection with no note."""
    slug = view.story.slug
    if view.en is None:
        raise RefusedError(
            f"{slug}: there is no English revision to {'approve' if verdict == 'approved' else 'reject'}"
        )
    if verdict == "rejected" and not note.strip():
        raise RefusedError(f"{slug}: a rejection needs a note saying what to change")
    return view.en


def _check_approvable(
    store: Store, slug: str, en: Revision, rows: Sequence[Row], user: User, note: str, force: bool, *, whole: bool
) -> None:
    """Refuse an approval by the English's own author (four eyes), or while rows need action (unless forced; the
    terminal UI offers Force for a whole story's approval, a paragraph's is forced from the command line)."""
    refusal = four_eyes_refusal(user, en, four_eyes_enabled(store))
    if refusal:
        raise ForbiddenError(f"{slug}: {refusal}")
    open_items = blockers(rows)
    if open_items and not force:
        shown = "; ".join(open_items[:5]) + ("; ..." if len(open_items) > 5 else "")
        raise RefusedError(
            f"{slug}: {len(open_items)} item(s) need action first ({shown}); fix, acknowledge or waive them, "
            + (
                "or force the approval (--force, or Force in the terminal UI) with a note saying why"
                if whole
                else "or force this paragraph's approval from the command line"
                " (tracker approve SLUG --paragraph N --force) with a note saying why"
            )
        )
    if force and not note.strip():
        raise RefusedError(f"{slug}: a forced approval needs a note saying why")


def decide(
    store: Store,
    slug: str,
    verdict: Verdict,
    *,
    by: str,
    at: datetime,
    note: str = "",
    force: bool = False,
    fr_rev: int | None = None,
    en_rev: int | None = None,
    paragraph: int | None = None,
) -> Approval:
    """Record an editor's verdict on exactly the content they saw (the shown revisions, None = latest).

    ForbiddenError for non-editors and the four-eyes rule; RefusedError while rows need action (unless `force`
    with a note) or when a rejection has no note; ConflictError when a newer revision arrived meanwhile.
    """
    user = _decider(store, by, at)
    view = load_view(store, slug, fr_rev, en_rev)
    en = _decided_english(view, verdict, note)
    rows = view.rows if paragraph is None else (_the_row(view, paragraph),)
    if verdict == "approved":
        _check_approvable(store, slug, en, rows, user, note, force, whole=paragraph is None)
    fr_hash, bound = view.fr.content_hash, None
    if paragraph is not None:
        fr_hash = source_hash([p.hash for p in rows[0].fr])
        bound = en.paragraphs[paragraph].hash
    approval = Approval(
        story=slug,
        fr_rev=view.fr.number,
        en_rev=en.number,
        fr_hash=fr_hash,
        en_hash=en.content_hash,
        alignment_hash=alignment_hash(tuple(row.link for row in view.rows)),
        verdict=verdict,
        by=user.name,
        at=at,
        note=note,
        forced=force and verdict == "approved",
        paragraph=bound,
    )
    store.add_approval(approval, expected_fr_rev=view.fr.number, expected_en_rev=en.number)
    return approval


def _admin(store: Store, by: str, at: datetime, *, role: str | None = None) -> User:
    """The acting admin; refused for anyone else, and for a `role` that does not exist."""
    user = acting_user(store, by, at=at)
    if user is None or user.role != "admin":
        raise ForbiddenError(f"only admins manage users; {by} is {user.role if user else 'not a registered user'}")
    if role is not None and role not in ROLES:
        raise RefusedError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    return user


def add_user(store: Store, name: str, role: str, *, by: str, at: datetime) -> User:
    """An admin registers a person with a role."""
    _admin(store, by, at, role=role)
    if store.user(name) is not None:
        raise RefusedError(f"user {name} exists already; change their role with `tracker users role`")
    return store.add_user(name, role, by=by, at=at)


def set_role(store: Store, name: str, role: str, *, by: str, at: datetime) -> User:
    """An admin changes a person's role."""
    _admin(store, by, at, role=role)
    return store.set_role(name, role, by=by, at=at)


def set_four_eyes(store: Store, enabled: bool, *, by: str, at: datetime) -> None:
    """An admin turns the four-eyes rule on or off for this database (recorded in the audit log)."""
    _admin(store, by, at)
    store.settings_set(FOUR_EYES, "on" if enabled else "off", audit=(by, at))


def grant(store: Store, name: str, role: str, *, by: str, at: datetime) -> User:
    """Make database role `name` a desk member with `role`: its privileges (PostgreSQL, run by the schema's
    owner, who alone may grant them) and its tracker user, added or given the role (by an admin on SQLite)."""
    if role not in ROLES:
        raise RefusedError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if store.dialect == "postgresql":
        if not store.is_maintainer():
            raise ForbiddenError(f"{by} does not own the tracker's schema on {store.display_url}; its owner grants")
        store.grant_desk(name, admin=role == "admin")
    else:
        _admin(store, by, at, role=role)
    existing = store.user(name)
    if existing is None:
        return store.add_user(name, role, by=by, at=at)
    return existing if existing.role == role else store.set_role(name, role, by=by, at=at)
