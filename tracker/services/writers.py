"""Who may write English and take decisions: every registered user (translator, editor, admin); a person the desk
does not know reads.

Every English revision is attributed and audited, and the desk answers for it: a name nobody registered would
put text in the story that no one on the desk vouches for. A database with no users yet makes its first user
its admin (see `approvals.acting_user`), so one person on their own file is never refused. The rule's words
live here once: the Desk refuses with them, and the terminal UI says them before the editor opens.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tracker.errors import ForbiddenError
from tracker.model import User

if TYPE_CHECKING:  # the UI reads the rule without loading the database layer
    from tracker.storage import Store


def english_refusal(user: User | None, name: str = "NAME") -> str | None:
    """Why the acting user (registered as `user`, or not at all, going by `name`) may not write English; None
    when they may."""
    if user is None:
        return (
            "not a registered user: only registered users (translator, editor, admin) write English;"
            f" an admin adds you with: tracker users add {name} --role translator"
        )
    return None


def decision_refusal(user: User | None, name: str = "NAME") -> str | None:
    """Why the acting user may not take a decision (acknowledge, waive, link, take one back); None when they may.
    The same rule as for English: a decision changes what the desk must do, so someone on the desk answers for it."""
    if user is None:
        return (
            "not a registered user: only registered users (translator, editor, admin) acknowledge, waive, link or"
            f" take decisions back; an admin adds you with: tracker users add {name} --role translator"
        )
    return None


def require_member(store: Store, name: str, *, at: datetime) -> User:
    """The registered user `name`, or ForbiddenError saying why they may not take decisions. A database with no
    users yet is one person's own file: they decide as its admin-to-be, and nobody is registered by it (the first
    `users add` or approval names the admin)."""
    user = store.user(name)
    if user is None and not store.users():
        return User(name, "admin", at)
    refusal = decision_refusal(user, name)
    if refusal is not None or user is None:
        raise ForbiddenError(f"{name} is {refusal}")
    return user


def require_english_writer(store: Store, name: str, *, at: datetime) -> User:
    """The registered user `name`, or ForbiddenError saying why they may not write English."""
    from tracker.services.approvals import acting_user

    user = acting_user(store, name, at=at)
    refusal = english_refusal(user, name)
    if refusal is not None or user is None:
        raise ForbiddenError(f"{name} is {refusal}")
    return user
