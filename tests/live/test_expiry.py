"""Sessions end by themselves after twelve hours, and their nicknames go with them."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from live import services
from live.models import LiveSession, Participant
from live.tasks import end_expired_sessions

from .conftest import join

pytestmark = pytest.mark.django_db

LATER = datetime.timedelta(hours=12, minutes=1)


def test_the_command_ends_expired_sessions_and_erases_nicknames(open_session):
    services.participant_join(session=open_session, nickname="Sanne")
    with time_machine.travel(timezone.now() + LATER):
        output = io.StringIO()
        call_command("end_live_sessions", stdout=output)
    assert "1 expired" in output.getvalue()
    open_session.refresh_from_db()
    assert open_session.ended_at is not None
    assert open_session.participant_count == 1
    assert not Participant.objects.filter(nickname="Sanne").exists()


def test_the_command_leaves_running_sessions(open_session):
    call_command("end_live_sessions", stdout=io.StringIO())
    open_session.refresh_from_db()
    assert open_session.ended_at is None


def test_the_task_ends_expired_sessions(open_session):
    with time_machine.travel(timezone.now() + LATER):
        result = end_expired_sessions.enqueue()
    assert result.return_value == 1
    assert LiveSession.objects.get().ended_at is not None


def test_an_expired_session_ends_when_opened_and_its_page_says_so(open_session, client):
    phone = join(open_session, nickname="Kim")
    with time_machine.travel(timezone.now() + LATER):
        response = phone.get(reverse("live:room", args=[open_session.code]))
        assert response.status_code == 410
        assert "Deze sessie is afgelopen" in response.content.decode()
        joined = client.post(reverse("live:join"), {"code": open_session.code})
        assert joined.status_code == 400
        assert "Er loopt geen sessie met deze code" in joined.content.decode()
    assert LiveSession.objects.get().ended_at is not None
    assert not Participant.objects.exists()


def test_a_vote_after_expiry_is_refused(open_session):
    participant = services.participant_join(session=open_session)
    with (
        time_machine.travel(timezone.now() + LATER),
        pytest.raises(services.LiveRefused) as refused,
    ):
        services.vote_cast(session_id=open_session.pk, token=participant.token, value="agree")
    assert refused.value.message == services.SESSION_OVER
