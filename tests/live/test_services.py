"""Starting a statements session, the trainer's moves, votes and the end of a session."""

import datetime

import pytest

from live import services
from live.models import CODE_ALPHABET, CODE_LENGTH, LiveItem, LiveSession, Participant, Vote

from .conftest import statements

pytestmark = pytest.mark.django_db


def test_a_session_starts_in_the_lobby_with_a_readable_code(statement_session):
    session = statement_session
    assert session.stage == LiveSession.Stage.LOBBY
    assert len(session.code) == CODE_LENGTH
    assert set(session.code) <= set(CODE_ALPHABET)
    assert not set("01IOL") & set(session.code)
    assert [item.title for item in session.items.all()] == [
        "Stelling 1",
        "Stelling 2",
        "Stelling 3",
    ]
    assert session.expires_at - session.created_at <= datetime.timedelta(hours=12)


def test_codes_are_unique_among_running_sessions_only(trainer, monkeypatch):
    first = services.session_start_statements(user=trainer, title="A", statements=statements(1))
    draws = iter([first.code, first.code, "ZZZZ2222"])
    monkeypatch.setattr(services, "code_generate", lambda: next(draws))
    second = services.session_start_statements(user=trainer, title="B", statements=statements(1))
    assert second.code == "ZZZZ2222"

    services.session_end(session_id=first.pk)
    monkeypatch.setattr(services, "code_generate", lambda: first.code)
    third = services.session_start_statements(user=trainer, title="C", statements=statements(1))
    assert third.code == first.code


def test_a_session_needs_statements(trainer):
    with pytest.raises(services.LiveRefused) as refused:
        services.session_start_statements(user=trainer, title="Leeg", statements=[])
    assert refused.value.message == services.NO_STATEMENTS
    assert not LiveSession.objects.exists()


def test_moves_follow_the_stages(statement_session):
    session = services.session_open(session_id=statement_session.pk)
    assert (session.stage, session.position) == ("open", 0)
    with pytest.raises(services.LiveRefused):
        services.session_open(session_id=session.pk)
    session = services.voting_close(session_id=session.pk)
    assert session.stage == "closed"
    session = services.expert_show(session_id=session.pk)
    assert session.stage == "expert"
    session = services.item_next(session_id=session.pk)
    assert (session.stage, session.position, session.current_item.title) == (
        "open",
        1,
        "Stelling 2",
    )
    session = services.item_back(session_id=session.pk)
    assert (session.stage, session.position) == ("closed", 0)
    session = services.voting_reopen(session_id=session.pk)
    assert session.stage == "open"


def test_every_move_moves_the_version(statement_session):
    versions = [statement_session.version]
    for move in (services.session_open, services.voting_close, services.item_next):
        versions.append(move(session_id=statement_session.pk).version)
    assert versions == sorted(set(versions))


def test_the_last_statement_has_no_next(open_session):
    services.item_next(session_id=open_session.pk)
    services.item_next(session_id=open_session.pk)
    with pytest.raises(services.LiveRefused) as refused:
        services.item_next(session_id=open_session.pk)
    assert refused.value.message == services.NO_NEXT_ITEM


def test_one_vote_per_participant_per_item_changeable_until_closed(open_session):
    participant = services.participant_join(session=open_session)
    item_id = services.vote_cast(session_id=open_session.pk, token=participant.token, value="agree")
    services.vote_cast(session_id=open_session.pk, token=participant.token, value="disagree")
    assert list(Vote.objects.values_list("item_id", "value")) == [(item_id, "disagree")]

    services.voting_close(session_id=open_session.pk)
    with pytest.raises(services.LiveRefused) as refused:
        services.vote_cast(session_id=open_session.pk, token=participant.token, value="agree")
    assert refused.value.message == services.VOTING_CLOSED
    assert Vote.objects.get().value == "disagree"


def test_votes_are_refused_for_unknown_options_and_strangers(open_session):
    participant = services.participant_join(session=open_session)
    with pytest.raises(services.LiveRefused) as refused:
        services.vote_cast(session_id=open_session.pk, token=participant.token, value="maybe")
    assert refused.value.message == services.UNKNOWN_OPTION
    with pytest.raises(services.LiveRefused) as refused:
        services.vote_cast(session_id=open_session.pk, token="not-a-token", value="agree")
    assert refused.value.message == services.NOT_JOINED
    assert not Vote.objects.exists()


def test_votes_of_each_item_stay_apart(open_session):
    first, second = (services.participant_join(session=open_session) for _ in range(2))
    services.vote_cast(session_id=open_session.pk, token=first.token, value="agree")
    services.vote_cast(session_id=open_session.pk, token=second.token, value="agree")
    services.item_next(session_id=open_session.pk)
    services.vote_cast(session_id=open_session.pk, token=first.token, value="disagree")
    items = list(open_session.items.order_by("position"))
    counts = services.item_counts([item.pk for item in items])
    assert counts == {items[0].pk: {"agree": 2}, items[1].pk: {"disagree": 1}, items[2].pk: {}}


def test_ending_keeps_the_counts_and_forgets_the_people(open_session):
    participants = [
        services.participant_join(session=open_session, nickname=f"Bril {n}") for n in range(3)
    ]
    for participant, value in zip(participants, ["agree", "agree", "disagree"], strict=True):
        services.vote_cast(session_id=open_session.pk, token=participant.token, value=value)

    session = services.session_end(session_id=open_session.pk)

    assert session.ended_at is not None
    assert session.participant_count == 3
    assert not Participant.objects.exists()
    assert not Vote.objects.exists()
    first = LiveItem.objects.get(session=session, position=0)
    assert first.counts == {"agree": 2, "disagree": 1}
    with pytest.raises(services.LiveRefused) as refused:
        services.participant_join(session=session)
    assert refused.value.message == services.SESSION_OVER


def test_a_nickname_is_optional_and_trimmed(open_session):
    assert services.participant_join(session=open_session).nickname == ""
    long = services.participant_join(session=open_session, nickname="  Bril   op " + "x" * 50)
    assert long.nickname.startswith("Bril op x")
    assert len(long.nickname) == 30


def test_a_full_session_refuses_more_participants(open_session, monkeypatch):
    monkeypatch.setattr(services, "MAX_PARTICIPANTS", 2)
    services.participant_join(session=open_session)
    services.participant_join(session=open_session)
    with pytest.raises(services.LiveRefused) as refused:
        services.participant_join(session=open_session)
    assert refused.value.message == services.SESSION_FULL
