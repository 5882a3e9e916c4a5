"""Who is acting: the one rule every face (CLI, terminal UI, imports) applies before it writes.

On PostgreSQL a person is the database role they connect as (`current_user`): a name given with `--as`,
`TRACKER_USER` or `--author` that is not that role is refused, so one person cannot act as another without that
person's credentials (the database's triggers refuse it too). On SQLite, one file on one laptop, the name is
whatever the person says: nothing there can tell people apart.
"""

from __future__ import annotations

from tracker.errors import IdentityError
from tracker.storage import Store


def resolve(db_user: str | None, requested: str, *, explicit: bool, where: str) -> str:
    """The acting name: the connection's role when there is one (refusing an explicit other name), else `requested`."""
    if db_user is None:
        return requested
    if explicit and requested != db_user:
        raise IdentityError(
            f"on {where} you act as your database role {db_user!r}; --as/TRACKER_USER {requested!r} is refused "
            "(connect with that person's own role instead)"
        )
    return db_user


def acting_name(store: Store, requested: str, *, explicit: bool) -> str:
    """The name the acting user goes by on `store`: the database role on PostgreSQL, else `requested`."""
    return resolve(store.db_user(), requested, explicit=explicit, where=store.display_url)


def writer(store: Store, name: str) -> str:
    """`name`, checked as the author of writes on `store`: on PostgreSQL it must be the connection's role (the
    schema's maintainer excepted: it provisions the desk and can bypass any rule anyway)."""
    db_user = store.db_user()
    if db_user is None or name == db_user or store.is_maintainer():
        return name
    raise IdentityError(
        f"on {store.display_url} writes are recorded as your database role {db_user!r}, not {name!r} "
        "(connect with that person's own role instead)"
    )


def author_name(store: Store, author: str | None, acting: str) -> str:
    """Who a revision is by: on PostgreSQL whoever stores it (`--author` naming anyone else is refused, but for
    the schema's maintainer, e.g. a wire-ingest account recording the agency), on SQLite `author` when given."""
    if author is None or author == acting:
        return acting
    if store.db_user() is None or store.is_maintainer():
        return author
    raise IdentityError(
        f"on {store.display_url} a revision's author is who stores it ({acting!r}); --author {author!r} is refused"
    )
