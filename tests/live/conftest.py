import pytest
from django.test import Client
from django.urls import reverse

from live import services
from live.models import Participant
from live.participant import COOKIE_NAME
from tests.factories import ScenarioPageFactory, UserFactory, branching_spec

RUN = "live.run_session"


def statements(count: int = 3) -> list[services.StatementSource]:
    return [
        services.StatementSource(text=f"Stelling {number}", expert_view=f"<p>Uitleg {number}</p>")
        for number in range(1, count + 1)
    ]


@pytest.fixture
def trainer(db):
    return UserFactory(email="trainer@example.org", permissions=[RUN])


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def statement_session(trainer):
    return services.session_start_statements(
        user=trainer, title="De bril op", statements=statements(3)
    )


@pytest.fixture
def open_session(statement_session):
    """The statements session at its first statement, open for votes."""
    return services.session_open(session_id=statement_session.pk)


@pytest.fixture
def scenario(home_page):
    return ScenarioPageFactory(parent=home_page, spec=branching_spec())


def join(session, nickname: str = "") -> Client:
    """A phone that joined `session` through its join page, as a participant does."""
    phone = Client()
    response = phone.post(reverse("live:room", args=[session.code]), {"nickname": nickname})
    assert response.status_code == 302, response.content
    assert COOKIE_NAME in response.cookies
    return phone


def participant_of(phone: Client, session) -> Participant:
    # A signed cookie reads 'session id:token:timestamp:signature'.
    token = phone.cookies[COOKIE_NAME].value.split(":")[1]
    return Participant.objects.get(session=session, token=token)


def vote(phone: Client, session, value: str, **extra):
    return phone.post(reverse("live:vote", args=[session.code]), {"value": value}, **extra)
