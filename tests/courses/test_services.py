import datetime
import threading
from unittest import mock

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.db import close_old_connections, connection

from accounts.models import User
from courses import services
from courses.blocks import StatementBlock
from courses.models import Certificate, Enrolment, LessonProgress, StatementAnswer
from courses.selectors import enrolment_status_map
from courses.session_progress import session_lesson_complete, session_statement_answer
from library.completion import Requirement
from tests.factories import (
    AssessedLessonPageFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    requirements_meet,
    statement_block,
)

pytestmark = pytest.mark.django_db


def test_completing_a_lesson_twice_keeps_one_progress_row(course, learner):
    lesson, _other = LessonPageFactory.create_numbered(course, 2)

    first = services.lesson_complete(user=learner, lesson=lesson)
    second = services.lesson_complete(user=learner, lesson=lesson)

    assert first.is_completed and second.is_completed
    assert LessonProgress.objects.filter(lesson=lesson).count() == 1
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    assert first.certificate is None


def test_a_block_requirement_blocks_completion_until_met(course, learner, monkeypatch):
    met = {"value": False}

    def completion_requirement(self, value):
        return Requirement(
            label="Beantwoord de stelling", is_met=lambda *, user, session=None: met["value"]
        )

    monkeypatch.setattr(
        StatementBlock, "completion_requirement", completion_requirement, raising=False
    )
    lesson = LessonPageFactory(parent=course, slug="met-eis", body=[statement_block()])

    refused = services.lesson_complete(user=learner, lesson=lesson)
    assert not refused.is_completed
    assert [r.label for r in refused.missing] == ["Beantwoord de stelling"]
    assert not LessonProgress.objects.exists()
    assert not Enrolment.objects.exists()

    met["value"] = True
    assert services.lesson_complete(user=learner, lesson=lesson).is_completed


def test_the_last_required_lesson_completes_the_module_and_issues_one_certificate(course, learner):
    first = LessonPageFactory(parent=course, slug="les-1")
    second = AssessedLessonPageFactory(parent=course, slug="les-2")
    LessonPageFactory(parent=course, slug="verdieping", is_required=False)

    services.lesson_complete(user=learner, lesson=first)
    requirements_meet(learner, second)
    result = services.lesson_complete(user=learner, lesson=second)
    again = services.lesson_complete(user=learner, lesson=second)

    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is not None
    assert result.certificate is not None
    assert again.certificate == result.certificate
    assert Certificate.objects.count() == 1
    certificate = result.certificate
    assert len(certificate.code) >= 22  # at least 128 bits in URL-safe base64
    assert certificate.learner_name == "Sanne"
    assert certificate.expires_at.date() == services.add_months(certificate.issued_at, 24).date()


def test_certificate_codes_differ(course_index):
    learners = [User.objects.create_user(email=f"l{i}@example.org") for i in range(3)]
    course = CoursePageFactory(parent=course_index, slug="kort")
    lesson = AssessedLessonPageFactory(parent=course, slug="enige")
    for learner in learners:
        requirements_meet(learner, lesson)
    codes = set(Certificate.objects.filter(course=course).values_list("code", flat=True))
    assert len(codes) == 3


def test_a_module_without_validity_issues_a_certificate_that_never_expires(course_index, learner):
    course = CoursePageFactory(parent=course_index, slug="eeuwig", certificate_validity_months=0)
    lesson = AssessedLessonPageFactory(parent=course, slug="enige")
    requirements_meet(learner, lesson)
    certificate = services.lesson_complete(user=learner, lesson=lesson).certificate
    assert certificate.expires_at is None
    assert certificate.status() == Certificate.Status.VALID


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    moment = datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC)
    assert services.add_months(moment, 1).date() == datetime.date(2026, 2, 28)
    assert services.add_months(moment, 24).date() == datetime.date(2028, 1, 31)


def test_after_expiry_the_module_can_be_taken_again_for_a_new_certificate(course_index, learner):
    course = CoursePageFactory(
        parent=course_index, slug="jaarlijks", certificate_validity_months=12
    )
    lesson = AssessedLessonPageFactory(parent=course, slug="enige")
    with time_machine.travel(datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC)):
        requirements_meet(learner, lesson)
        first = services.lesson_complete(user=learner, lesson=lesson).certificate
        assert services.enrolment_restart(user=learner, course=course) is None

    with time_machine.travel(datetime.datetime(2027, 2, 1, tzinfo=datetime.UTC)):
        first.refresh_from_db()
        assert first.status() == Certificate.Status.EXPIRED
        enrolment = services.enrolment_restart(user=learner, course=course)
        assert enrolment.cycle == 2 and enrolment.completed_at is None
        assert services.enrolment_restart(user=learner, course=course) is None
        assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()

        second = services.lesson_complete(user=learner, lesson=lesson).certificate

    assert second.pk != first.pk
    assert second.cycle == 2
    assert Certificate.objects.filter(user=learner, course=course).count() == 2
    assert LessonProgress.objects.count() == 1


def test_a_revoked_certificate_shows_as_revoked(course, learner):
    lesson = AssessedLessonPageFactory(parent=course, slug="enige")
    requirements_meet(learner, lesson)
    certificate = services.lesson_complete(user=learner, lesson=lesson).certificate
    services.certificate_revoke(certificate=certificate)
    services.certificate_revoke(certificate=certificate)
    assert certificate.status() == Certificate.Status.REVOKED


def test_answering_a_statement_again_changes_the_answer(course, learner):
    block = statement_block()
    lesson = LessonPageFactory(parent=course, slug="stelling", body=[block])

    services.statement_answer(user=learner, lesson=lesson, block_id=block["id"], agrees=True)
    services.statement_answer(user=learner, lesson=lesson, block_id=block["id"], agrees=False)

    answer = StatementAnswer.objects.get()
    assert answer.agrees is False


def test_reflections_are_saved_once_per_question(course, learner):
    lesson = LessonPageFactory(parent=course, slug="reflectie")
    services.reflection_save(user=learner, lesson=lesson, block_id="b1", text="Eerste gedachte")
    reflection = services.reflection_save(
        user=learner, lesson=lesson, block_id="b1", text="Beter verwoord"
    )
    assert reflection.text == "Beter verwoord"
    assert learner.reflections.count() == 1


def test_session_progress_of_a_public_module_is_claimed_into_the_account(
    public_course, course, learner
):
    first, second = LessonPageFactory.create_numbered(public_course, 2)
    closed = LessonPageFactory(parent=course, slug="besloten")
    block = statement_block()
    with_statement = LessonPageFactory(parent=public_course, slug="stelling", body=[block])
    session = SessionStore()
    session_lesson_complete(session, course_id=public_course.pk, lesson_id=first.pk)
    session_lesson_complete(session, course_id=public_course.pk, lesson_id=first.pk)
    # A lesson of a module that is not public, smuggled into the session, is ignored.
    session_lesson_complete(session, course_id=course.pk, lesson_id=closed.pk)
    session_statement_answer(session, lesson_id=with_statement.pk, block_id=block["id"], agrees=1)

    moved = services.session_progress_claim(user=learner, session=session)

    assert moved == 1
    assert set(LessonProgress.objects.values_list("lesson_id", flat=True)) == {first.pk}
    assert StatementAnswer.objects.get(user=learner).agrees is True
    assert services.session_progress_claim(user=learner, session=session) == 0


def run_at_once(count: int, work):
    """Run `work` in `count` threads released together; return the errors raised."""
    barrier = threading.Barrier(count)
    errors = []

    def target():
        try:
            barrier.wait(timeout=10)
            work()
        except Exception as error:  # collected for the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_completing_the_same_lesson_from_several_threads_keeps_one_row(home_page):

    learner = User.objects.create_user(email="race@example.org", first_name="Race")
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="race")
    lesson, _rest = LessonPageFactory.create_numbered(course, 2)

    errors = run_at_once(6, lambda: services.lesson_complete(user=learner, lesson=lesson))

    assert errors == []
    assert Enrolment.objects.filter(user=learner).count() == 1
    assert LessonProgress.objects.filter(lesson=lesson).count() == 1
    status = enrolment_status_map(users=[learner], courses=[course])[(learner.pk, course.pk)]
    assert (status.completed_required, status.required) == (1, 2)
    assert Certificate.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_completions_issue_one_certificate(home_page):

    learner = User.objects.create_user(email="race2@example.org", first_name="Race")
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="race-certificaat"
    )
    lesson = AssessedLessonPageFactory(parent=course, slug="enige")
    # The quiz is passed with the lesson's completion switched off, so that the threads
    # below are the ones that complete it.
    with mock.patch("courses.receivers.lessons_complete_for_activity"):
        requirements_meet(learner, lesson)
    assert not LessonProgress.objects.exists()

    errors = run_at_once(6, lambda: services.lesson_complete(user=learner, lesson=lesson))

    assert errors == []
    assert Certificate.objects.filter(user=learner, course=course).count() == 1
    assert Enrolment.objects.get(user=learner).completed_at is not None
