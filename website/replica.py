"""Managers' reports read from a streaming replica of the database, when there is one.

The dashboard and the exports read tens of thousands of rows for a large organisation;
on a replica (DATABASE_REPLICA_URL) they leave the primary to the learners' writes. Views
opt in with `@reads_from_replica`; everything else, and every write, uses the primary.

A replica is only used when it answers and has caught up with the primary: before the
first read the primary's position in its write-ahead log is compared with what the replica
has replayed (waiting up to `CATCH_UP_SECONDS` for it), so a manager never sees less than
was committed when the request began (an assignment just made, a certificate just earned),
and a grid built from an old copy is never kept under a newer version. A replica that does
not answer is left alone for `DOWN_SECONDS` and the primary serves; a replica that fails
during a request has the request served again from the primary.
"""

import contextvars
import functools
import logging
import time
from contextlib import contextmanager, suppress

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections

DOWN_SECONDS = 10
# Under a steady stream of learners' writes a standby is a few milliseconds behind; a report
# waits this long for it to replay what was committed before turning to the primary.
CATCH_UP_SECONDS = 0.25
CATCH_UP_POLL = 0.01
SAFE_METHODS = ("GET", "HEAD")

logger = logging.getLogger(__name__)
_reading_from = contextvars.ContextVar("replica_reading_from", default=None)
# Per process: when each replica that failed may be tried again. A probe costs a connection
# attempt (up to its connect_timeout), not to be paid by every request while it is down.
_down_until: dict[str, float] = {}
_clock = time.monotonic


def replica_alias() -> str | None:
    """The database alias reports read from, or None when there is no replica."""
    alias = getattr(settings, "DATABASE_REPLICA", None)
    return alias if alias and alias in settings.DATABASES else None


def replica_state_reset() -> None:
    _down_until.clear()


def _mark_down(alias: str, error: Exception) -> None:
    _down_until[alias] = _clock() + DOWN_SECONDS
    logger.warning("Replica %r unusable, reading from the primary: %s", alias, error)
    with suppress(DatabaseError):
        connections[alias].close()


def _caught_up(alias: str) -> bool:
    replica = connections[alias]
    if replica.vendor != "postgresql":
        with replica.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (primary_position,) = cursor.fetchone()
    deadline = _clock() + CATCH_UP_SECONDS
    with replica.cursor() as cursor:
        while True:
            # A server not in recovery is no standby (a test mirror of the primary itself).
            cursor.execute(
                "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [primary_position],
            )
            (caught_up,) = cursor.fetchone()
            if caught_up or _clock() >= deadline:
                return bool(caught_up)
            time.sleep(CATCH_UP_POLL)


def replica_usable(alias: str) -> bool:
    """Whether `alias` answers and has what the primary had committed just now."""
    if _down_until.get(alias, 0) > _clock():
        return False
    try:
        return _caught_up(alias)
    except DatabaseError as error:
        _mark_down(alias, error)
        return False


@contextmanager
def replica_reads(alias: str):
    """Send the reads inside to `alias` (writes stay on the primary)."""
    token = _reading_from.set(alias)
    try:
        yield
    finally:
        _reading_from.reset(token)


def _streamed_from(alias: str, content):
    # A streamed export reads its rows while the response is sent, after the view returned.
    chunks = iter(content)
    while True:
        with replica_reads(alias):
            try:
                chunk = next(chunks)
            except StopIteration:
                return
        yield chunk


def reads_from_replica(view):
    """Serve a read-only view from the replica when it is usable, else from the primary.

    Put it nearest the view, under `login_required`, so that the session and the user are
    read from the primary."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        alias = replica_alias()
        if alias is None or request.method not in SAFE_METHODS or not replica_usable(alias):
            return view(request, *args, **kwargs)
        try:
            with replica_reads(alias):
                response = view(request, *args, **kwargs)
        except (OperationalError, InterfaceError) as error:
            _mark_down(alias, error)
            return view(request, *args, **kwargs)
        if response.streaming:
            response.streaming_content = _streamed_from(alias, response.streaming_content)
        return response

    return wrapper


class ReplicaRouter:
    """Reads go where `replica_reads` says, otherwise to the primary; writes always to the
    primary, also for an object that was read from the replica."""

    def db_for_read(self, model, **hints):
        return _reading_from.get() or DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS
