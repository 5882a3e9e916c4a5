"""Recording that a killed story's English was withdrawn (`tracker withdraw`): editors only, with a note, bound
to the kill it answers; the rules of tracker.wire_flags over the store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tracker.errors import ForbiddenError, RefusedError
from tracker.services.approvals import acting_user
from tracker.storage import Store
from tracker.wire_flags import Withdrawal, kill_revision, withdrawal_for


def withdraw(store: Store, slug: str, note: str, *, by: str, at: datetime) -> Withdrawal:
    """Record that the English of killed story `slug` was withdrawn, saying how or where.

    ForbiddenError unless `by` is an editor or admin; RefusedError without a note, when the story does not
    stand killed (never killed, or reissued since), or when this kill's withdrawal is recorded already.
    """
    user = acting_user(store, by, at=at)
    if user is None:
        raise ForbiddenError("unknown user: an admin must add you first (tracker users add NAME --role editor)")
    if user.role not in ("editor", "admin"):
        raise ForbiddenError(f"{user.name} is a {user.role}; only editors and admins record a withdrawal")
    if not note.strip():
        raise RefusedError(f"{slug}: a withdrawal needs a note saying how the English was taken down")
    french = store.revisions(slug, "fr")
    kill = kill_revision(french)
    if kill is None:
        raise RefusedError(f"{slug}: the agency has not killed this story (or reissued it since): nothing to withdraw")
    done = withdrawal_for(kill, store.withdrawals(slug))
    if done is not None:
        raise RefusedError(f"{slug}: the withdrawal of fr r{kill.number}'s kill is recorded already, by {done.by}")
    made = Withdrawal(slug, kill.number, kill.content_hash, user.name, at, note.strip())
    store.add_withdrawal(made)
    return made


def withdraw_folder(path: Path, note: str, *, by: str, at: datetime) -> Withdrawal:
    """Record in a story folder's tracker.json that its killed story's English was withdrawn, bound to the killed
    French file's content (what `tracker check` looks for). RefusedError without a note, when the folder's French
    does not say the story is killed (a plain-text French file never does), or when it is recorded already."""
    from dataclasses import replace

    from tracker.check.judge import wire_signal
    from tracker.services.check import folder_texts
    from tracker.services.folders import save_sidecar

    if not note.strip():
        raise RefusedError(f"{path}: a withdrawal needs a note saying how the English was taken down")
    texts = folder_texts(path)
    if wire_signal(texts).kind != "kill":
        raise RefusedError(f"{texts.fr_file}: the agency has not killed this story (its French says no kill)")
    fr_hash = texts.fr.content_hash
    done = next((w for w in texts.sidecar.withdrawals if w.fr_hash == fr_hash), None)
    if done is not None:
        raise RefusedError(f"{path}: the withdrawal is recorded already, by {done.by}")
    made = Withdrawal(texts.sidecar.story, 0, fr_hash, by, at, note.strip())
    save_sidecar(path, replace(texts.sidecar, withdrawals=(*texts.sidecar.withdrawals, made)))
    return made
