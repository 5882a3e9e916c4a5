"""People and per-database settings: users with roles (translator, editor, admin) and small key-value settings."""

from __future__ import annotations

from datetime import datetime
from typing import get_args

from sqlalchemy import insert, select, update

from tracker.errors import ConflictError, InputError, NotFoundError
from tracker.model import RoleName, User
from tracker.storage.audit_store import append_entry
from tracker.storage.base import StoreBase, from_db_time, to_db_time, upsert
from tracker.storage.fingerprints import fact
from tracker.storage.tables import SETTING, USER

ROLES: tuple[str, ...] = get_args(RoleName)


def _check_role(role: str) -> RoleName:
    if role not in ROLES:
        raise InputError(repr(role), f"unknown role (use {', '.join(ROLES)})")
    return role  # type: ignore[return-value]


class UserStore(StoreBase):
    """Users, roles and settings; user changes are audited."""

    def add_user(self, name: str, role: str, *, by: str, at: datetime) -> User:
        checked = _check_role(role)
        if not name.strip():
            raise InputError(repr(name), "a user name cannot be empty")
        with self._write() as conn:
            if conn.execute(select(USER.c.name).where(USER.c.name == name)).first() is not None:
                raise ConflictError(f"user {name!r} already exists (change a role with set_role)")
            values = {"name": name, "role": checked, "created_at": to_db_time(at), "created_by": by}
            conn.execute(insert(USER).values(**values))
            facts = [fact("user", name, values)]
            append_entry(conn, "user", "", f"add {name} as {checked}", by=by, at=at, facts=facts)
        return User(name, checked, to_db_time(at), by)

    def user(self, name: str) -> User | None:
        with self._read() as conn:
            row = conn.execute(
                select(USER.c.name, USER.c.role, USER.c.created_at, USER.c.created_by).where(USER.c.name == name)
            ).first()
        return (
            None if row is None else User(row.name, _check_role(row.role), from_db_time(row.created_at), row.created_by)
        )

    def users(self) -> list[User]:
        """Every user, by name."""
        with self._read() as conn:
            rows = conn.execute(
                select(USER.c.name, USER.c.role, USER.c.created_at, USER.c.created_by).order_by(USER.c.name)
            ).all()
        return [User(name, _check_role(role), from_db_time(at), by) for name, role, at, by in rows]

    def set_role(self, name: str, role: str, *, by: str, at: datetime) -> User:
        checked = _check_role(role)
        with self._write() as conn:
            row = conn.execute(
                select(USER.c.role, USER.c.created_at, USER.c.created_by).where(USER.c.name == name)
            ).first()
            if row is None:
                raise NotFoundError(f"no user {name!r} in {self.display_url}")
            conn.execute(update(USER).where(USER.c.name == name).values(role=checked))
            values = {"name": name, "role": checked, "created_at": row.created_at, "created_by": row.created_by}
            facts = [fact("user", name, values)]
            append_entry(conn, "role", "", f"{name}: {row.role} -> {checked}", by=by, at=at, facts=facts)
        found = self.user(name)
        assert found is not None
        return found

    def settings_get(self, key: str) -> str | None:
        """A per-database setting (e.g. four-eyes on or off), None when unset."""
        with self._read() as conn:
            value = conn.execute(select(SETTING.c.value).where(SETTING.c.key == key)).scalar()
        return None if value is None else str(value)

    def settings_set(self, key: str, value: str, *, audit: tuple[str, datetime] | None = None) -> None:
        """Set a setting; with `audit` (by, at) its change is recorded in the audit chain, in one transaction."""
        with self._write() as conn:
            upsert(conn, SETTING, {"key": key, "value": value}, ["key"])
            if audit is not None:
                facts = [fact("setting", key, {"key": key, "value": value})]
                append_entry(conn, "setting", "", f"{key} {value}", by=audit[0], at=audit[1], facts=facts)
