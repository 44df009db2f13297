"""Writes of live sessions: starting one, the trainer's moves, joining, voting and the end.

Each move of the trainer locks the session row, checks that the move fits the stage, makes
it and moves the session's version, in one transaction: two clicks, or two presenter
windows, cannot both move on. A vote reads the session's stage inside its own transaction
and stores the answer with one INSERT ... ON CONFLICT UPDATE, so a participant has one vote
per item however many requests arrive, and the counts are exact. On PostgreSQL the vote
takes a share lock on the session row: a trainer closing the voting waits for the votes in
flight, and a vote after the close sees it. SQLite takes its one write lock at BEGIN
(`IMMEDIATE` transactions), which orders them the same way.

Scenario mode lives in `live.scenario_services`; both use the helpers here.
"""

import datetime
import json
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from .models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    NICKNAME_MAX_LENGTH,
    LiveItem,
    LiveSession,
    Participant,
    Vote,
)

SESSION_OVER = _("This session has ended.")
VOTING_CLOSED = _("The voting on this item is closed.")
UNKNOWN_OPTION = _("That is not one of the options. Choose one of the buttons.")
NOT_JOINED = _("You are not taking part in this session yet. Join it first.")
NO_STATEMENTS = _("There are no statements to start with. Choose another source.")
SESSION_FULL = _("This session is full. Ask the trainer what to do.")
NOT_NOW = _("That step is not possible now. The screen has been brought up to date.")
NO_NEXT_ITEM = _("This was the last statement. End the session to see the summary.")
NO_PREVIOUS_ITEM = _("This is the first item.")

STATEMENT_OPTIONS = [{"value": "agree"}, {"value": "disagree"}]
# A classroom, a lecture hall or a conference room; beyond this, someone is filling the
# session with fake phones.
MAX_PARTICIPANTS = 500
MAX_STATEMENTS = 100


class LiveRefused(Exception):
    """A request the session cannot take; `message` says why, in the user's words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class StatementSource:
    """A statement to read out and the expert view (HTML) to show after the vote."""

    text: str
    expert_view: str


def code_generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(code: str) -> str:
    """Upper case without spaces or dashes: 'abcd-efgh' and 'ABCD EFGH' both work."""
    return "".join(ch for ch in code.upper() if ch not in " -_.")[:32]


def session_create(*, user, kind: str, title: str, **fields) -> LiveSession:
    """A new session in the lobby, with a code no running session has."""
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    code=code_generate(), kind=kind, title=title[:200], created_by=user, **fields
                )
        except IntegrityError:
            continue  # the code is taken by a running session: draw another
    raise RuntimeError("no free session code after 20 draws")


@transaction.atomic
def session_start_statements(
    *, user, title: str, statements: list[StatementSource], **fields
) -> LiveSession:
    """A statements session, its items copied from `statements` (a module's or a set's)."""
    statements = [s for s in statements if s.text.strip()][:MAX_STATEMENTS]
    if not statements:
        raise LiveRefused(NO_STATEMENTS)
    session = session_create(user=user, kind=LiveSession.Kind.STATEMENTS, title=title, **fields)
    LiveItem.objects.bulk_create(
        LiveItem(
            session=session,
            position=position,
            kind=LiveItem.Kind.STATEMENT,
            title=statement.text.strip()[:300],
            expert_view=statement.expert_view,
            options=STATEMENT_OPTIONS,
        )
        for position, statement in enumerate(statements)
    )
    return session


# The trainer's moves ---------------------------------------------------------------------


def session_locked(session_id: int) -> LiveSession:
    """The running session, locked until the caller's transaction ends."""
    session = LiveSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None or not session.is_running:
        raise LiveRefused(SESSION_OVER)
    return session


def session_moved(session: LiveSession, *fields: str) -> LiveSession:
    session.version += 1
    session.save(update_fields=["version", *fields])
    return session


def item_enter(session: LiveSession, item: LiveItem) -> LiveSession:
    """Make `item` current: open for votes, or straight to its expert view if it takes none."""
    session.position = item.position
    session.current_item = item
    session.stage = LiveSession.Stage.OPEN if item.takes_votes else LiveSession.Stage.EXPERT
    return session_moved(session, "position", "current_item", "stage")


@transaction.atomic
def session_open(*, session_id: int) -> LiveSession:
    """From the lobby to the first item."""
    session = session_locked(session_id)
    if session.stage != LiveSession.Stage.LOBBY:
        raise LiveRefused(NOT_NOW)
    item = session.items.filter(position=0).first()
    if item is None:
        raise LiveRefused(NO_STATEMENTS)
    return item_enter(session, item)


@transaction.atomic
def voting_close(*, session_id: int) -> LiveSession:
    session = session_locked(session_id)
    if session.stage != LiveSession.Stage.OPEN:
        raise LiveRefused(NOT_NOW)
    session.stage = LiveSession.Stage.CLOSED
    return session_moved(session, "stage")


@transaction.atomic
def voting_reopen(*, session_id: int) -> LiveSession:
    session = session_locked(session_id)
    item = session.current_item
    if session.stage not in (LiveSession.Stage.CLOSED, LiveSession.Stage.EXPERT) or not (
        item and item.takes_votes
    ):
        raise LiveRefused(NOT_NOW)
    session.stage = LiveSession.Stage.OPEN
    return session_moved(session, "stage")


@transaction.atomic
def expert_show(*, session_id: int) -> LiveSession:
    """Show the expert view; showing it closes the voting."""
    session = session_locked(session_id)
    if session.stage not in (LiveSession.Stage.OPEN, LiveSession.Stage.CLOSED):
        raise LiveRefused(NOT_NOW)
    session.stage = LiveSession.Stage.EXPERT
    return session_moved(session, "stage")


@transaction.atomic
def item_next(*, session_id: int) -> LiveSession:
    """The next statement. A scenario moves on by the group's choice instead."""
    session = session_locked(session_id)
    if session.kind != LiveSession.Kind.STATEMENTS or session.stage == LiveSession.Stage.LOBBY:
        raise LiveRefused(NOT_NOW)
    item = session.items.filter(position=session.position + 1).first()
    if item is None:
        raise LiveRefused(NO_NEXT_ITEM)
    return item_enter(session, item)


@transaction.atomic
def item_back(*, session_id: int) -> LiveSession:
    """Back to the previous item, with its votes and the voting closed.

    In a scenario the group's path is taken back one step: the scene left goes, with its
    votes, and the choice made before it is open to be made again.
    """
    session = session_locked(session_id)
    if session.stage == LiveSession.Stage.LOBBY or session.position == 0:
        raise LiveRefused(NO_PREVIOUS_ITEM)
    previous = session.items.get(position=session.position - 1)
    if session.kind == LiveSession.Kind.SCENARIO:
        session.items.filter(position__gt=previous.position).delete()
        previous.chosen = ""
        previous.chosen_by_majority = None
        previous.save(update_fields=["chosen", "chosen_by_majority"])
    session.position = previous.position
    session.current_item = previous
    session.stage = LiveSession.Stage.CLOSED if previous.takes_votes else LiveSession.Stage.EXPERT
    return session_moved(session, "position", "current_item", "stage")


def item_counts(item_ids) -> dict[int, dict[str, int]]:
    """The votes per option of each item, counted in the database."""
    counts: dict[int, dict[str, int]] = {item_id: {} for item_id in item_ids}
    rows = (
        Vote.objects.filter(item_id__in=list(item_ids))
        .values_list("item_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    for item_id, value, n in rows:
        counts[item_id][value] = n
    return counts


def _session_finish(session: LiveSession) -> LiveSession:
    """Keep each item's counts and the number of participants, then forget the people."""
    items = list(session.items.all())
    counts = item_counts([item.pk for item in items])
    for item in items:
        item.counts = counts[item.pk]
    LiveItem.objects.bulk_update(items, ["counts"])
    session.participant_count = session.participants.count()
    Vote.objects.filter(item__session=session).delete()
    session.participants.all().delete()
    session.ended_at = timezone.now()
    return session_moved(session, "participant_count", "ended_at")


@transaction.atomic
def session_end(*, session_id: int) -> LiveSession:
    return _session_finish(session_locked(session_id))


def session_end_if_expired(session: LiveSession) -> bool:
    """End a session past its expiry that nobody ended; True when it is over either way."""
    if session.ended_at is not None:
        return True
    if session.expires_at > timezone.now():
        return False
    with transaction.atomic():
        locked = LiveSession.objects.select_for_update().filter(pk=session.pk).first()
        if locked is not None and locked.ended_at is None:
            _session_finish(locked)
    return True


def sessions_expire() -> int:
    """End every session past its expiry (run from a task or `end_live_sessions`)."""
    expired = LiveSession.objects.filter(ended_at__isnull=True, expires_at__lte=timezone.now())
    ended = 0
    for session in expired.only("pk", "ended_at", "expires_at").iterator():
        session_end_if_expired(session)
        ended += 1
    return ended


# Participants ----------------------------------------------------------------------------


def participant_join(*, session: LiveSession, nickname: str = "") -> Participant:
    """A new participant with a fresh token; the nickname is optional and goes at the end."""
    if not session.is_running:
        raise LiveRefused(SESSION_OVER)
    if Participant.objects.filter(session=session).count() >= MAX_PARTICIPANTS:
        raise LiveRefused(SESSION_FULL)
    return Participant.objects.create(
        session=session,
        token=secrets.token_urlsafe(32),
        nickname=" ".join(nickname.split())[:NICKNAME_MAX_LENGTH],
    )


# One read for a vote: the session's stage, its current item's options and the participant
# behind the token. On PostgreSQL `FOR SHARE OF s` holds the session row (see the top).
VOTE_STATE_SQL = (
    "SELECT s.stage, s.ended_at, s.expires_at, s.current_item_id, i.options, p.id"
    " FROM live_livesession s"
    " LEFT JOIN live_liveitem i ON i.id = s.current_item_id"
    " LEFT JOIN live_participant p ON p.session_id = s.id AND p.token = %s"
    " WHERE s.id = %s"
)


def _vote_state(*, session_id: int, token: str):
    sql = VOTE_STATE_SQL + (" FOR SHARE OF s" if connection.vendor == "postgresql" else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, [token, session_id])
        return cursor.fetchone()


def _as_list(value) -> list:
    if isinstance(value, str):
        return json.loads(value)
    return value or []


def vote_cast(*, session_id: int, token: str, value: str) -> int:
    """Store or replace the participant's vote on the current item; returns the item's id.

    Refused once the voting closed, for a value that is not an option, and for a token
    that is not a participant of this session.
    """
    with transaction.atomic():
        row = _vote_state(session_id=session_id, token=token)
        if row is None:
            raise LiveRefused(SESSION_OVER)
        stage, ended_at, expires_at, item_id, options, participant_id = row
        if ended_at is not None or _aware(expires_at) <= timezone.now():
            raise LiveRefused(SESSION_OVER)
        if participant_id is None:
            raise LiveRefused(NOT_JOINED)
        if stage != LiveSession.Stage.OPEN or item_id is None:
            raise LiveRefused(VOTING_CLOSED)
        if value not in {option["value"] for option in _as_list(options)}:
            raise LiveRefused(UNKNOWN_OPTION)
        Vote.objects.bulk_create(
            [
                Vote(
                    item_id=item_id,
                    participant_id=participant_id,
                    value=value,
                    changed_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["item", "participant"],
            update_fields=["value", "changed_at"],
        )
    return item_id


def _aware(moment):
    """A timestamp from a raw query: SQLite's come back as text or naive in UTC."""
    if isinstance(moment, str):
        moment = parse_datetime(moment)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment
