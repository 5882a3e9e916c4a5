"""A desk member's save reaches the others as it commits: on PostgreSQL every audit entry NOTIFYs listeners of the
same schema; on SQLite the change token is polled."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from tracker.errors import StoreError
from tracker.services.desk import Desk
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.storage import open_store
from tracker.storage.notify import ChangeListener

T = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.mark.postgres
def test_a_second_client_hears_a_save_through_notify(pg_url: str) -> None:
    with open_store(pg_url) as writer_store, open_store(pg_url) as reader_store:
        seed_sample(writer_store)
        listener = ChangeListener(reader_store)
        try:
            assert not listener.wait(0.05)  # nothing written since it started listening
            writer = Desk(writer_store, "tina", clock=lambda: T)
            writer.ack(SAMPLE_SLUG, 5, "no-change", "checked", fr_rev=3)
            assert listener.wait(5.0)  # the notification arrived (it returns as soon as it does)
        finally:
            listener.close()


@pytest.mark.postgres
def test_a_desk_waiting_for_changes_wakes_on_another_desks_save(pg_url: str) -> None:
    with open_store(pg_url) as store_a, open_store(pg_url) as store_b:
        seed_sample(store_a)
        reader, writer = Desk(store_a, "ed"), Desk(store_b, "tina", clock=lambda: T)
        token = reader.change_token()
        assert not reader.wait_for_change(token, 0.05)
        saving = threading.Timer(0.2, lambda: writer.ack(SAMPLE_SLUG, 5, "no-change", "", fr_rev=3))
        saving.start()
        try:
            assert reader.wait_for_change(token, 10.0)
        finally:
            saving.join()


@pytest.mark.postgres
def test_writes_to_another_schema_are_not_heard(pg_url: str) -> None:
    import psycopg

    from tests.conftest import PG_URL

    with open_store(pg_url) as store:
        seed_sample(store)
        listener = ChangeListener(store)
        try:
            with psycopg.connect(PG_URL.replace("+psycopg", ""), autocommit=True) as other:
                other.execute("SELECT pg_notify('tracker_changes', 'some_other_schema')")
            assert not listener.wait(0.3)
        finally:
            listener.close()


def test_on_sqlite_the_desk_answers_at_once_and_listening_is_refused(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        seed_sample(store)
        desk = Desk(store, "tina", clock=lambda: T)
        token = desk.change_token()
        assert not desk.wait_for_change(token, 30.0)  # returns at once: a 30 s wait would hang the suite
        desk.ack(SAMPLE_SLUG, 5, "no-change", "", fr_rev=3)
        assert desk.wait_for_change(token, 30.0)
        with pytest.raises(StoreError, match="poll"):
            ChangeListener(store)
