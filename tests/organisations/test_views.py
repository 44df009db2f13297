import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from organisations.models import Assignment, Invitation, Membership
from organisations.selectors import learner_assignments
from organisations.services import invitation_token
from organisations.views import UNKNOWN_CODE
from tests.factories import (
    AssignmentFactory,
    MembershipFactory,
    QuestionFactory,
    QuizFactory,
    correct_ids,
)

pytestmark = pytest.mark.django_db


def test_joining_with_a_code(client, learner, organisation):
    client.force_login(learner)
    url = reverse("organisations:join")
    assert client.get(url).status_code == 200
    response = client.post(url, {"code": organisation.join_code.lower()})
    assert response.status_code == 302
    assert Membership.objects.filter(user=learner, organisation=organisation).exists()


def test_a_wrong_code_gives_a_clear_message_and_a_400(client, learner, organisation):
    client.force_login(learner)
    with translation.override("en"):
        response = client.post("/en/aansluiten/", {"code": "ABCDEFGH"})
        assert response.status_code == 400
        assert UNKNOWN_CODE in response.content.decode()
    assert client.post(reverse("organisations:join"), {"code": "x"}).status_code == 400
    assert not Membership.objects.exists()


def test_joining_needs_an_account(client):
    response = client.get(reverse("organisations:join"))
    assert response.status_code == 302


def test_a_manager_invites_and_the_invitee_accepts(
    client, manager, organisation, learner, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    team = organisation.teams.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[organisation.slug]),
            {"email": learner.email, "team": team.pk},
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == [learner.email]
    token = invitation_token(Invitation.objects.get())
    accept = reverse("organisations:invitation_accept", args=[token])
    assert accept in mail.outbox[0].body

    client.force_login(learner)
    assert client.get(accept).status_code == 200
    assert client.post(accept).status_code == 302
    assert Membership.objects.get(user=learner).team == team
    assert client.post(accept).status_code == 404


def test_a_bad_invitation_link_is_a_404(client, learner):
    client.force_login(learner)
    response = client.get(reverse("organisations:invitation_accept", args=["nep"]))
    assert response.status_code == 404


def test_a_bad_invitation_form_writes_nothing(client, manager, organisation):
    client.force_login(manager)
    response = client.post(
        reverse("organisations:invite", args=[organisation.slug]), {"email": "geen-adres"}
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_staff_import_previews_then_imports_all_valid_rows(
    client, manager, organisation, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=organisation, user__email="bestaat@example.org")
    client.force_login(manager)
    csv = (
        "name,email,team\n"
        "Sanne de Vries,sanne@example.org,Onderbouw\n"
        "Fout,geen-adres,\n"
        "Piet,bestaat@example.org,\n"
    )
    response = client.post(
        reverse("organisations:staff_upload", args=[organisation.slug]),
        {"file": SimpleUploadedFile("staff.csv", csv.encode())},
    )
    assert response.status_code == 200
    assert User.objects.filter(email="sanne@example.org").count() == 0
    token = response.context["confirm_form"].initial["rows"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:staff_confirm", args=[organisation.slug]), {"rows": token}
        )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["1 persoon toegevoegd."]
    sanne = Membership.objects.get(user__email="sanne@example.org")
    assert sanne.team.name == "Onderbouw"
    assert sanne.user.first_name == "Sanne"
    assert sanne.user.last_name == "de Vries"
    assert not sanne.user.has_usable_password()
    assert [message.to for message in mail.outbox] == [["sanne@example.org"]]

    # Confirming the same list again adds nobody: they are members now.
    response = client.post(
        reverse("organisations:staff_confirm", args=[organisation.slug]), {"rows": token}
    )
    assert response.status_code == 400
    assert Membership.objects.filter(organisation=organisation).count() == 3


def test_a_tampered_import_is_refused(client, manager, organisation):
    client.force_login(manager)
    response = client.post(
        reverse("organisations:staff_confirm", args=[organisation.slug]), {"rows": "nep:abc"}
    )
    assert response.status_code == 400


def test_an_unreadable_upload_is_a_400(client, manager, organisation):
    client.force_login(manager)
    response = client.post(
        reverse("organisations:staff_upload", args=[organisation.slug]),
        {"file": SimpleUploadedFile("staff.xlsx", b"not a workbook")},
    )
    assert response.status_code == 400


def test_a_manager_assigns_and_removes_a_module(client, manager, organisation, course):
    client.force_login(manager)
    url = reverse("organisations:assignments", args=[organisation.slug])
    due = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = client.post(url, {"course": course.pk, "team": "", "due_date": due})
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.team is None
    past = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    assert client.post(url, {"course": course.pk, "due_date": past}).status_code == 400
    delete = reverse("organisations:assignment_delete", args=[organisation.slug, assignment.pk])
    assert client.post(delete).status_code == 302
    assert not Assignment.objects.exists()


def test_the_dashboard_renders_with_filters(client, manager, organisation, course):
    MembershipFactory.create_learners(organisation, 3)
    AssignmentFactory(organisation=organisation, course=course)
    client.force_login(manager)
    url = reverse("organisations:dashboard", args=[organisation.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["dashboard"].rows) == 3
    response = client.get(url, {"q": "Naam1", "status": "not_started"})
    assert len(response.context["dashboard"].rows) == 1
    assert client.get(url, {"status": "bogus"}).status_code == 400


def test_manager_home_leads_to_the_only_organisation(client, manager, organisation):
    client.force_login(manager)
    response = client.get(reverse("organisations:manager_home"))
    assert response.headers["Location"] == reverse(
        "organisations:dashboard", args=[organisation.slug]
    )


def test_the_dashboard_include_lists_the_learners_assignments(learner, organisation, course):
    Membership.objects.create(user=learner, organisation=organisation)
    AssignmentFactory(organisation=organisation, course=course, due_in_days=-2)
    with translation.override("en"):
        html = Template('{% include "organisations/includes/assignments.html" %}').render(
            Context({"assignments": learner_assignments(user=learner)})
        )
    assert course.title in html
    assert "Overdue" in html


def test_guessing_join_codes_is_slowed_down(client, learner, organisation):
    from organisations.services import JOIN_MAX_FAILURES

    client.force_login(learner)
    url = reverse("organisations:join")
    for _ in range(JOIN_MAX_FAILURES):
        assert client.post(url, {"code": "ZZZZZZZZ"}).status_code == 400
    # Even the right code waits now: a guesser cannot tell a hit from a miss.
    assert client.post(url, {"code": organisation.join_code}).status_code == 429
    assert not Membership.objects.exists()


def test_the_person_page_shows_quiz_pass_or_fail_but_no_answers(client, manager, organisation):
    from quizzes.services import Taker, answer_submit, attempt_start

    membership = MembershipFactory(organisation=organisation, user__email="quiz@example.org")
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question], title="Signalenquiz")
    attempt = attempt_start(quiz=quiz, taker=Taker(user=membership.user))
    answer_submit(attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)[:1])
    chosen = question.options.get(pk=correct_ids(question)[0])

    client.force_login(manager)
    with translation.override("en"):
        response = client.get(
            reverse("organisations:person", args=[organisation.slug, membership.pk])
        )
    assert response.status_code == 200
    assert [(q.title, q.passed) for q in response.context["detail"].quizzes] == [
        ("Signalenquiz", True)
    ]
    assert chosen.text not in response.content.decode()
