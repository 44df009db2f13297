"""A learner downloads all their data and deletes their account."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.models import User
from accounts.privacy import user_links
from accounts.selectors import personal_data_export
from accounts.services import account_delete
from courses.models import Certificate, Enrolment, LessonProgress, Reflection, StatementAnswer
from courses.services import lesson_complete, reflection_save, statement_answer
from organisations.models import Membership, Organisation
from quizzes.models import Answer, Attempt
from quizzes.services import Taker, answer_submit, attempt_start
from scenarios.models import ScenarioRun, ScenarioStep
from scenarios.services import run_choose, run_start
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    ScenarioPageFactory,
    correct_ids,
    linear_spec,
    quiz_block,
)

pytestmark = pytest.mark.django_db


def models_linked_to_the_user() -> set[str]:
    """Straight from the app registry, independent of the code under test.

    An inherited link (a page type's owner) is named by the model that declares it.
    """
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        field.model._meta.label_lower
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete
        and (field.many_to_one or field.one_to_one)
        and field.related_model is user_model
    }


@pytest.fixture
def history(home_page, learner):
    """A learner who did a bit of everything the platform records."""
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, slug="basis", title="Basis")
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question], is_public=True)
    # The second lesson's quiz must be passed: the assessment behind the certificate.
    lessons = [
        LessonPageFactory(parent=course, slug="les-1"),
        LessonPageFactory(parent=course, slug="les-2", body=[quiz_block(quiz)]),
    ]
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    answer_submit(attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)[:1])
    for lesson in lessons:
        lesson_complete(user=learner, lesson=lesson, course=course)
    statement_answer(user=learner, lesson=lessons[0], block_id="s1", agrees=True)
    reflection_save(user=learner, lesson=lessons[0], block_id="r1", text="Mijn eigen gedachte")

    page = ScenarioPageFactory(parent=home_page, spec=linear_spec(3))
    run = run_start(page=page, user=learner)
    first = page.scenes.get(key="start").choices.first()
    run_choose(run=run, choice_id=first.pk, attempt=run.attempt, position=run.position)

    organisation = Organisation.objects.create(name="School", slug="school")
    Membership.objects.create(user=learner, organisation=organisation)
    return {"course": course, "lessons": lessons, "quiz": quiz, "scenario": page}


def test_the_export_covers_every_model_linked_to_the_user(learner):
    exported = personal_data_export(user=learner)["data"]
    missing = models_linked_to_the_user() - set(exported)
    assert not missing, f"Not in the personal data export: {sorted(missing)}"
    assert {link.label for link in user_links()} == models_linked_to_the_user()


def test_the_export_holds_the_learners_own_rows(history, learner):
    data = personal_data_export(user=learner)["data"]
    assert len(data["courses.enrolment"]) == 1
    assert len(data["courses.lessonprogress"]) == 2
    assert len(data["courses.certificate"]) == 1
    assert data["courses.reflection"][0]["text"] == "Mijn eigen gedachte"
    assert data["courses.statementanswer"][0]["agrees"] is True
    assert len(data["quizzes.attempt"]) == 1
    assert len(data["quizzes.answer"]) == 1
    assert len(data["scenarios.scenariorun"]) == 1
    assert len(data["scenarios.scenariostep"]) == 1
    assert len(data["organisations.membership"]) == 1


def test_the_export_holds_no_secrets_and_no_one_elses_rows(history, learner):
    other = User.objects.create_user(email="ander@example.org", password="x-y-z-1234567")
    reflection_save(user=other, lesson=history["lessons"][0], block_id="r1", text="Van een ander")
    export = json.dumps(personal_data_export(user=learner), default=str)
    assert "Van een ander" not in export
    assert learner.password not in export
    assert '"password"' not in export


def test_the_download_is_a_json_attachment(client, history, learner):
    client.force_login(learner)
    response = client.get(reverse("accounts:data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    body = json.loads(response.content)
    assert body["account"]["email"] == learner.email
    assert body["data"]["courses.reflection"][0]["text"] == "Mijn eigen gedachte"


def test_the_privacy_pages_need_a_login(client):
    for name in ("accounts:privacy", "accounts:data_download", "accounts:delete"):
        assert client.get(reverse(name)).status_code == 302


def test_deleting_erases_learning_data_and_anonymises_certificates(client, history, learner):
    certificate = Certificate.objects.get()
    client.force_login(learner)
    assert client.get(reverse("courses:certificate_verify", args=[certificate.code])).content.count(
        b"Sanne"
    )
    assert client.get(reverse("accounts:delete")).status_code == 200
    response = client.post(reverse("accounts:delete"), {"email": learner.email})
    assert response.status_code == 302

    for model in (LessonProgress, Reflection, StatementAnswer, Attempt, Answer, ScenarioRun):
        assert not model.objects.exists(), model
    assert not ScenarioStep.objects.exists()
    assert not Membership.objects.exists()
    certificate.refresh_from_db()
    assert certificate.learner_name == ""
    assert Enrolment.objects.count() == 1  # the certificate's round and module
    learner.refresh_from_db()
    assert not learner.is_active
    assert learner.email.endswith("@deleted.invalid")
    assert learner.get_full_name() == ""
    assert not learner.has_usable_password()

    page = client.get(reverse("courses:certificate_verify", args=[certificate.code]))
    assert page.status_code == 200
    assert b"Sanne" not in page.content
    # The old session is gone: logged-in pages send the visitor to the login page.
    assert client.get(reverse("accounts:privacy")).status_code == 302


def test_a_learner_without_certificates_is_deleted_outright(learner):
    account_delete(user=learner)
    assert not User.objects.filter(pk=learner.pk).exists()


def test_deleting_needs_the_own_email_address(client, learner):
    client.force_login(learner)
    response = client.post(reverse("accounts:delete"), {"email": "iemand@example.org"})
    assert response.status_code == 400
    assert User.objects.filter(pk=learner.pk, is_active=True).exists()


def test_deleting_one_learner_leaves_others_alone(history, learner):
    other = User.objects.create_user(email="ander@example.org", password="x-y-z-1234567")
    lesson_complete(user=other, lesson=history["lessons"][0], course=history["course"])
    account_delete(user=learner)
    assert LessonProgress.objects.filter(enrolment__user=other).count() == 1


def test_the_download_holds_a_stored_file_by_its_name(client, learner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = UserProfile.get_for_user(learner)
    profile.avatar.save("gezicht.png", ContentFile(b"not really a picture"), save=True)
    client.force_login(learner)
    response = client.get(reverse("accounts:data_download"))
    assert response.status_code == 200
    rows = json.loads(response.content)["data"]["wagtailusers.userprofile"]
    assert rows[0]["avatar"].endswith(".png")
