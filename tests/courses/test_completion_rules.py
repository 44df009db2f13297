"""Completion means something: a module's rules come from its lessons' quizzes and cases.

A lesson with a must-pass quiz or a required scenario ending is complete as soon as that is
met, without another click; a module with a certificate gives it only for an assessment.
"""

from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from courses import services
from courses.completion_selectors import course_rules
from courses.models import Certificate, Enrolment, LessonProgress
from courses.session_progress import session_completed_lesson_ids
from quizzes.models import Attempt, Question
from quizzes.services import Taker, answer_submit, attempt_start
from scenarios.models import Choice
from tests.factories import (
    AssessedLessonPageFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    ScenarioPageFactory,
    block,
    branching_spec,
    correct_ids,
    quiz_block,
    requirements_meet,
    wrong_ids,
)

pytestmark = pytest.mark.django_db


def done(client, lesson):
    return client.post(reverse("courses:lesson_complete", args=[lesson.pk]))


def take_quiz(client, quiz, *, right=True):
    """Answer every question of a fresh attempt through the quiz pages."""
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    for item in quiz.fixed_questions.select_related("question"):
        question = item.question
        if question.kind == "essay":
            data = {"question": question.pk, "text": "Ik bel Veilig Thuis voor advies."}
        else:
            ids = correct_ids(question) if right else wrong_ids(question)[:1]
            data = {"question": question.pk, "options": ids}
        client.post(reverse("quizzes:take", args=[quiz.pk]), data)


def scenario_block(page, requirement="finished"):
    return block("scenario", {"scenario": page.pk, "requirement": requirement})


def play(client, page, labels, *, attempt=1, position=0):
    """Start (or resume) the scenario and take the choices with these labels, through its
    page; `attempt` and `position` are where the run stands."""
    client.post(page.url, {"action": "start"})
    for step, label in enumerate(labels, start=position):
        choice = Choice.objects.get(scene__page=page, label=label)
        response = client.post(
            page.url,
            {"action": "choose", "choice_id": choice.pk, "attempt": attempt, "position": step},
        )
        assert response.status_code == 302


def session_of(client):
    return client.session


# Lesson completion never gives a certificate without an assessment


def test_clicking_through_every_lesson_without_passing_the_quiz_gives_no_certificate(
    client, course, learner
):
    reading = LessonPageFactory.create_numbered(course, 2)
    test = AssessedLessonPageFactory(parent=course)
    client.force_login(learner)

    for lesson in [*reading, test]:
        done(client, lesson)

    assert not Certificate.objects.exists()
    assert not LessonProgress.objects.filter(lesson=test).exists()
    assert Enrolment.objects.get(user=learner).completed_at is None

    take_quiz(client, test.body[0].value["quiz"], right=False)
    assert not Certificate.objects.exists()

    take_quiz(client, test.body[0].value["quiz"])
    assert Certificate.objects.get(user=learner, course=course)
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_a_certificate_module_without_an_assessed_activity_issues_no_certificate(course, learner):
    lessons = LessonPageFactory.create_numbered(course, 2)
    optional_quiz = QuizFactory(questions=[QuestionFactory()])
    LessonPageFactory(
        parent=course, slug="extra", is_required=False, body=[quiz_block(optional_quiz)]
    )
    LessonPageFactory(
        parent=course,
        slug="oefenen",
        body=[quiz_block(QuizFactory(questions=[QuestionFactory()]), must_pass=False)],
    )

    results = [services.lesson_complete(user=learner, lesson=lesson) for lesson in lessons]
    oefenen = course.get_children().get(slug="oefenen").specific
    results.append(services.lesson_complete(user=learner, lesson=oefenen))

    assert all(result.is_completed for result in results)
    assert all(result.certificate is None for result in results)
    assert not Certificate.objects.exists()
    # Not complete either: the certificate follows once a trainer adds the assessment.
    assert Enrolment.objects.get(user=learner).completed_at is None


def test_a_module_without_certificate_or_assessment_completes_without_certificate(
    course_index, learner
):
    course = CoursePageFactory(
        parent=course_index, slug="verdieping", certificate_validity_months=0
    )
    (only,) = LessonPageFactory.create_numbered(course, 1)

    result = services.lesson_complete(user=learner, lesson=only)

    assert result.certificate is None
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert not Certificate.objects.exists()


# Meeting a requirement completes the lesson at once


def test_passing_the_must_pass_quiz_completes_its_lesson_without_another_click(
    client, course, learner
):
    first = LessonPageFactory(parent=course, slug="lezen")
    test = AssessedLessonPageFactory(parent=course)
    client.force_login(learner)
    done(client, first)

    take_quiz(client, test.body[0].value["quiz"])

    assert LessonProgress.objects.get(lesson=test).completed_at is not None
    certificate = Certificate.objects.get(user=learner)
    page = client.get(course.url)
    assert page.context["overview"].certificate == certificate
    assert all(item.is_done for item in page.context["checklist"].items)


def test_a_failed_quiz_leaves_the_lesson_open(client, course, learner):
    test = AssessedLessonPageFactory(parent=course)
    client.force_login(learner)

    take_quiz(client, test.body[0].value["quiz"], right=False)

    assert not LessonProgress.objects.exists()
    assert Attempt.objects.get().passed is False


def test_a_visitor_passing_the_quiz_of_a_public_module_completes_the_lesson_in_the_session(
    client, public_course
):
    reading = LessonPageFactory(parent=public_course, slug="lezen")
    test = AssessedLessonPageFactory(parent=public_course)
    assert client.get(test.url).status_code == 200
    done(client, reading)

    take_quiz(client, test.body[0].value["quiz"])

    completed = session_completed_lesson_ids(session_of(client), course_id=public_course.pk)
    assert completed == {reading.pk, test.pk}
    overview = client.get(public_course.url).context["overview"]
    assert overview.completed_required_count == 2
    assert not LessonProgress.objects.exists()


def test_sign_up_keeps_the_visitors_quiz_attempt_and_lesson_progress(client, public_course):
    from accounts.models import User

    reading = LessonPageFactory(parent=public_course, slug="lezen")
    test = AssessedLessonPageFactory(parent=public_course)
    client.get(reading.url)
    done(client, reading)
    take_quiz(client, test.body[0].value["quiz"])

    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Noor",
            "last_name": "Bakker",
            "email": "noor@example.org",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )

    assert response.status_code == 302
    noor = User.objects.get(email="noor@example.org")
    assert Attempt.objects.get().user == noor
    assert set(
        LessonProgress.objects.filter(enrolment__user=noor).values_list("lesson", flat=True)
    ) == {reading.pk, test.pk}
    assert Certificate.objects.get(user=noor, course=public_course)


def test_marking_an_essay_that_makes_the_attempt_pass_completes_the_lesson(
    client, course, learner, django_user_model
):
    from django.contrib.auth.models import Permission

    quiz = QuizFactory(
        questions=[QuestionFactory(), QuestionFactory(kind=Question.Kind.ESSAY)], pass_mark=100
    )
    test = LessonPageFactory(parent=course, slug="toets", body=[quiz_block(quiz)])
    client.force_login(learner)
    take_quiz(client, quiz)
    attempt = Attempt.objects.get()
    assert attempt.status == Attempt.Status.AWAITING_MARKING
    assert not LessonProgress.objects.exists()

    trainer = django_user_model.objects.create_user(email="trainer@example.org")
    trainer.user_permissions.add(Permission.objects.get(codename="mark_answers"))
    client.force_login(trainer)
    answer = attempt.answers.get(question__kind="essay")
    client.post(reverse("quizzes:mark", args=[answer.pk]), {"mark": "correct", "comment": ""})

    assert Attempt.objects.get().passed is True
    assert LessonProgress.objects.get(lesson=test, enrolment__user=learner).completed_at
    assert Certificate.objects.get(user=learner)


def test_reaching_the_required_scenario_ending_completes_its_lesson(client, course, learner):
    case = ScenarioPageFactory(
        parent=course, spec=branching_spec(), slug="casus-noor", title="Noor"
    )
    lesson = LessonPageFactory(parent=course, slug="casus", body=[scenario_block(case, "good")])
    client.force_login(learner)

    play(client, case, ["Ignore it", "Too late"])
    assert not LessonProgress.objects.exists()

    client.post(case.url, {"action": "restart", "attempt": 1})
    play(client, case, ["Consult Veilig Thuis", "Report together"], attempt=2)

    assert LessonProgress.objects.get(lesson=lesson).completed_at is not None
    assert Certificate.objects.get(user=learner)


def test_a_visitor_reaching_the_scenario_ending_completes_the_lesson_in_the_session(
    client, public_course
):
    case = ScenarioPageFactory(
        parent=public_course, spec=branching_spec(), slug="casus-noor", title="Noor"
    )
    lesson = LessonPageFactory(parent=public_course, slug="casus", body=[scenario_block(case)])
    client.get(lesson.url)

    play(client, case, ["Ignore it", "Too late"])

    completed = session_completed_lesson_ids(session_of(client), course_id=public_course.pk)
    assert completed == {lesson.pk}


def test_a_lesson_whose_requirement_was_met_earlier_is_completed_when_opened(
    client, course, learner
):
    quiz = QuizFactory(questions=[QuestionFactory()])
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))
    question = quiz.fixed_questions.get().question
    answer_submit(attempt=attempt, question_id=question.pk, option_ids=correct_ids(question))
    # The trainer makes the quiz a requirement only afterwards.
    lesson = LessonPageFactory(parent=course, slug="toets", body=[quiz_block(quiz)])
    assert not LessonProgress.objects.exists()
    client.force_login(learner)

    response = client.get(lesson.url)

    assert response.context["state"].is_completed
    assert LessonProgress.objects.get(lesson=lesson).completed_at is not None


def test_a_lesson_with_two_requirements_waits_for_both(client, course, learner):
    case = ScenarioPageFactory(
        parent=course, spec=branching_spec(), slug="casus-noor", title="Noor"
    )
    quiz = QuizFactory(questions=[QuestionFactory()])
    lesson = LessonPageFactory(
        parent=course, slug="beide", body=[quiz_block(quiz), scenario_block(case)]
    )
    client.force_login(learner)

    take_quiz(client, quiz)
    assert not LessonProgress.objects.exists()
    play(client, case, ["Ignore it", "Too late"])

    assert LessonProgress.objects.get(lesson=lesson).completed_at is not None


# What the learner sees


def test_the_done_button_is_only_on_lessons_without_a_requirement(client, course, learner):
    reading = LessonPageFactory(parent=course, slug="lezen")
    test = AssessedLessonPageFactory(parent=course)
    client.force_login(learner)
    done_url = reverse("courses:lesson_complete", args=[test.pk])

    with translation.override("en"):
        reading_page = client.get("/en" + reading.url).content.decode()
        test_page = client.get("/en" + test.url).content.decode()

    assert reverse("courses:lesson_complete", args=[reading.pk]) in reading_page
    assert done_url not in test_page
    assert "To complete this lesson" in test_page
    assert "Pass the quiz “Toets toets”" in test_page


def test_the_checklist_shows_what_is_still_to_do(client, course, learner):
    reading = LessonPageFactory(parent=course, slug="lezen", title="Wat is uitbuiting")
    LessonPageFactory(parent=course, slug="extra", title="Verdieping", is_required=False)
    test = AssessedLessonPageFactory(parent=course, title="Toets")
    case = ScenarioPageFactory(
        parent=course, spec=branching_spec(), slug="casus-noor", title="Noor"
    )
    casus = LessonPageFactory(
        parent=course, slug="casus", title="Casus", body=[scenario_block(case)]
    )
    services.lesson_complete(user=learner, lesson=reading)
    client.force_login(learner)
    play(client, case, ["Ignore it"])

    checklist = client.get(course.url).context["checklist"]

    assert [item.row.lesson for item in checklist.items] == [reading, test, casus]
    assert [item.is_done for item in checklist.items] == [True, False, False]
    assert [[s.is_met for s in item.requirements] for item in checklist.items] == [
        [],
        [False],
        [False],
    ]
    assert checklist.to_do == 2 and checklist.is_assessed

    play(client, case, ["Too late"], position=1)
    with translation.override("nl"):
        page = client.get(course.url)
    html = page.content.decode()
    assert [item.is_done for item in page.context["checklist"].items] == [True, False, True]
    assert "Toets &#x27;Toets toets&#x27; halen" in html
    assert "De casus &#x27;Noor&#x27; uitspelen tot het einde" in html
    assert "Nog 1 verplichte les te doen." in html


def test_a_visitor_of_a_public_module_sees_the_checklist_ticked_in_their_session(
    client, public_course
):
    test = AssessedLessonPageFactory(parent=public_course)
    assert client.get(public_course.url).context["checklist"].to_do == 1

    take_quiz(client, test.body[0].value["quiz"])

    checklist = client.get(public_course.url).context["checklist"]
    assert checklist.to_do == 0
    assert [s.is_met for s in checklist.items[0].requirements] == [True]


def test_module_rules_know_which_lessons_are_assessed(course):
    reading = LessonPageFactory(parent=course, slug="lezen")
    test = AssessedLessonPageFactory(parent=course)

    rules = course_rules(course)

    assert rules[reading.pk].requirements == ()
    assert len(rules[test.pk].requirements) == 1
    requirement = rules[test.pk].requirements[0]
    assert requirement.is_met(user=AnonymousUser()) is False


def test_completing_by_a_requirement_is_idempotent(course, learner):
    test = AssessedLessonPageFactory(parent=course)
    requirements_meet(learner, test)
    requirements_meet(learner, test)

    again = services.lesson_complete(user=learner, lesson=test)

    assert again.is_completed
    assert LessonProgress.objects.filter(lesson=test).count() == 1
    assert Certificate.objects.filter(user=learner).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_pass_announced_from_several_threads_completes_the_lesson_once(home_page):
    from accounts.models import User
    from library.events import activity_done
    from tests.courses.test_services import run_at_once

    learner = User.objects.create_user(email="race3@example.org", first_name="Race")
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="race-toets")
    test = AssessedLessonPageFactory(parent=course)
    quiz = test.body[0].value["quiz"]
    with mock.patch("courses.receivers.lessons_complete_for_activity"):
        requirements_meet(learner, test)

    errors = run_at_once(
        6, lambda: activity_done.send(sender=type(quiz), instance=quiz, user=learner)
    )

    assert errors == []
    assert LessonProgress.objects.filter(lesson=test).count() == 1
    assert Certificate.objects.filter(user=learner, course=course).count() == 1
