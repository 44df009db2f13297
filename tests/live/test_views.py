"""The participant's pages and the trainer's: joining, voting, polling, permissions."""

import pytest
from django.test import Client
from django.urls import reverse

from live import services
from live.models import LiveSession, StatementSet, Vote
from live.participant import COOKIE_NAME
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    UserFactory,
    statement_block,
)

from .conftest import join, participant_of, vote

pytestmark = pytest.mark.django_db


# Participants ----------------------------------------------------------------------------


def test_joining_takes_a_code_and_no_account_or_name(open_session, client):
    page = client.get(reverse("live:join"))
    assert page.status_code == 200
    spaced = f"{open_session.code[:4].lower()} {open_session.code[4:]}"
    response = client.post(reverse("live:join"), {"code": spaced, "nickname": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("live:room", args=[open_session.code])
    assert COOKIE_NAME in response.cookies
    room = client.get(response["Location"])
    assert room.status_code == 200
    assert "Stelling 1" in room.content.decode()
    assert "sessionid" not in client.cookies


def test_the_qr_address_joins_with_one_tap(open_session):
    phone = Client()
    page = phone.get(reverse("live:room", args=[open_session.code]))
    assert page.status_code == 200
    assert "Bijnaam" in page.content.decode()
    joined = join(open_session, nickname="Bril")
    assert participant_of(joined, open_session).nickname == "Bril"


def test_a_wrong_code_in_the_form_says_so(open_session, client):
    response = client.post(reverse("live:join"), {"code": "ZZZZ9999"})
    assert response.status_code == 400
    assert "Er loopt geen sessie met deze code" in response.content.decode()
    assert COOKIE_NAME not in response.cookies


def test_a_wrong_code_in_the_address_gets_a_clear_page(db, client):
    response = client.get(reverse("live:room", args=["ZZZZ9999"]))
    assert response.status_code == 404
    assert "Deze code kennen we niet" in response.content.decode()


def test_an_ended_session_gets_a_clear_page(open_session):
    phone = join(open_session)
    services.session_end(session_id=open_session.pk)
    response = phone.get(reverse("live:room", args=[open_session.code]))
    assert response.status_code == 410
    assert "Deze sessie is afgelopen" in response.content.decode()


def test_a_vote_without_javascript_redirects_back_and_shows_it(open_session):
    phone = join(open_session)
    response = vote(phone, open_session, "agree")
    assert response.status_code == 303
    page = phone.get(response["Location"]).content.decode()
    assert "Je stem: Bril op: eens." in page
    assert 'http-equiv="refresh"' in page
    assert Vote.objects.get().value == "agree"


def test_a_second_vote_replaces_the_first(open_session):
    phone = join(open_session)
    vote(phone, open_session, "agree")
    vote(phone, open_session, "disagree")
    assert list(Vote.objects.values_list("value", flat=True)) == ["disagree"]


def test_a_vote_with_htmx_answers_with_the_fragment(open_session):
    phone = join(open_session)
    response = vote(phone, open_session, "disagree", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="live-room"')
    assert 'aria-pressed="true">Bril af: oneens' in content


def test_a_vote_after_closing_is_refused_with_a_message(open_session):
    phone = join(open_session)
    services.voting_close(session_id=open_session.pk)
    response = vote(phone, open_session, "agree")
    assert response.status_code == 409
    assert "De stemming over dit onderdeel is gesloten" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_phone_that_did_not_join_cannot_vote(open_session, client):
    response = vote(client, open_session, "agree")
    assert response.status_code == 302
    assert not Vote.objects.exists()


def test_the_poll_answers_no_change_until_the_session_moves(open_session):
    phone = join(open_session)
    poll = reverse("live:room_poll", args=[open_session.code])
    version = LiveSession.objects.get().version
    assert phone.get(poll, {"v": version}).status_code == 204
    services.voting_close(session_id=open_session.pk)
    changed = phone.get(poll, {"v": version})
    assert changed.status_code == 200
    assert "De stemming is gesloten" in changed.content.decode()


def test_the_poll_costs_one_query_while_nothing_changed(open_session, django_assert_num_queries):
    phone = join(open_session)
    poll = reverse("live:room_poll", args=[open_session.code])
    version = LiveSession.objects.get().version
    with django_assert_num_queries(1):
        assert phone.get(poll, {"v": version}).status_code == 204


def test_participants_cannot_move_the_session(open_session):
    phone = join(open_session)
    response = phone.post(reverse("live:move", args=[open_session.pk, "close"]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert LiveSession.objects.get().stage == "open"


# Trainers --------------------------------------------------------------------------------


def test_the_trainer_pages_need_a_login_and_the_permission(statement_session, client):
    present = reverse("live:present", args=[statement_session.pk])
    assert client.get(reverse("live:index")).status_code == 302
    assert client.get(present).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("live:index")).status_code == 403
    assert client.get(present).status_code == 403


def test_another_trainer_cannot_present_my_session(statement_session, client):
    client.force_login(UserFactory(permissions=["live.run_session"]))
    assert client.get(reverse("live:present", args=[statement_session.pk])).status_code == 404
    response = client.post(reverse("live:move", args=[statement_session.pk, "start"]))
    assert response.status_code == 404


def test_a_trainer_starts_a_session_from_a_module(trainer_client, home_page):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Signalen op school")
    LessonPageFactory(
        parent=course, body=[statement_block("Eerste stelling"), statement_block("Tweede")]
    )
    LessonPageFactory(parent=course, body=[statement_block("Derde")])
    page = trainer_client.get(reverse("live:index"))
    assert "Signalen op school (3 stellingen)" in page.content.decode()

    response = trainer_client.post(
        reverse("live:start", args=["module"]),
        {"module-source": course.pk, "module-show_tally_while_open": "on"},
    )

    session = LiveSession.objects.get()
    assert response["Location"] == reverse("live:present", args=[session.pk])
    assert session.title == "Signalen op school"
    assert [item.title for item in session.items.all()] == ["Eerste stelling", "Tweede", "Derde"]
    present = trainer_client.get(response["Location"]).content.decode()
    assert session.display_code in present
    assert "data:image/svg+xml" in present
    assert f"/doe-mee/{session.code}/" in present


def test_a_trainer_starts_a_session_from_a_set_of_statements(trainer_client):
    statement_set = StatementSet.objects.create(
        title="Tien stellingen",
        statements=[statement_block("Wijkteams herkennen loverboys")],
    )
    response = trainer_client.post(
        reverse("live:start", args=["set"]), {"set-source": statement_set.pk}
    )
    session = LiveSession.objects.get()
    assert response.status_code == 302
    assert session.statement_set == statement_set
    assert session.items.get().title == "Wijkteams herkennen loverboys"


def test_starting_from_nothing_is_refused_with_a_message(trainer_client):
    response = trainer_client.post(reverse("live:start", args=["set"]), {"set-source": 999})
    assert response.status_code == 400
    assert not LiveSession.objects.exists()


def test_the_trainer_moves_through_the_session(trainer_client, statement_session):
    def move(action):
        return trainer_client.post(reverse("live:move", args=[statement_session.pk, action]))

    assert move("start").status_code == 303
    assert move("close").status_code == 303
    assert move("expert").status_code == 303
    page = trainer_client.get(reverse("live:present", args=[statement_session.pk]))
    assert "Uitleg 1" in page.content.decode()
    move("next")
    assert LiveSession.objects.get().position == 1
    ended = move("end")
    assert ended["Location"] == reverse("live:summary", args=[statement_session.pk])


def test_the_presenter_poll_answers_no_change_or_the_new_tally(trainer_client, open_session):
    tally = reverse("live:tally", args=[open_session.pk])
    first = trainer_client.get(tally, {"v": open_session.version, "h": ""})
    assert first.status_code == 200
    fingerprint = first.context["state"].fingerprint
    again = trainer_client.get(tally, {"v": open_session.version, "h": fingerprint})
    assert again.status_code == 204

    phone = join(open_session)
    vote(phone, open_session, "agree")
    after = trainer_client.get(tally, {"v": open_session.version, "h": fingerprint})
    assert after.status_code == 200
    assert "1 van 1 gestemd" in after.content.decode()


def test_the_presenter_reloads_when_the_session_moved_elsewhere(trainer_client, open_session):
    services.voting_close(session_id=open_session.pk)
    response = trainer_client.get(
        reverse("live:tally", args=[open_session.pk]), {"v": open_session.version}
    )
    assert response.headers["HX-Refresh"] == "true"
