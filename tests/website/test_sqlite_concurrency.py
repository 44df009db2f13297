"""Several writers at once must wait for each other, never fail with 'database is locked'."""

import threading

import pytest
from django.db import connection, transaction

from website.models import Sector

THREADS = 8
WRITES_PER_THREAD = 15


def write_after_reading(thread_number: int, errors: list[BaseException]) -> None:
    try:
        for write in range(WRITES_PER_THREAD):
            # Reading first and then writing inside one transaction is the pattern that
            # deadlocks SQLite's deferred transactions on the lock upgrade.
            with transaction.atomic():
                existing = Sector.objects.count()
                Sector.objects.create(
                    name=f"Sector {thread_number}-{write}",
                    slug=f"sector-{thread_number}-{write}",
                    sort_order=existing % 1000,
                )
    except BaseException as error:  # noqa: BLE001 - collected and asserted on below
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_all_succeed():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    before = Sector.objects.count()
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=write_after_reading, args=(number, errors))
        for number in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Sector.objects.count() == before + THREADS * WRITES_PER_THREAD
