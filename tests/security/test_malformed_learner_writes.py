"""A learner's forms that write (quiz answers, marking, scenario moves, lessons, account
deletion), fed nonsense on data built for them: each answer is a 4xx, or a 200 page that shows
an error, and the rows the form would write are exactly as they were."""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from courses.models import Certificate, Enrolment, LessonProgress, Reflection, StatementAnswer
from quizzes.models import Answer, AnswerSelection, Attempt, Question
from scenarios.models import Choice, ScenarioRun, ScenarioStep
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    ScenarioPageFactory,
    block,
    branching_spec,
    linear_spec,
    statement_block,
)
from tests.security.malformed import NASTY_VALUES, assert_refused, snapshot


def more_than_accepted(values: list) -> int:
    """How often to repeat `values` for one form to hold more fields than the site takes."""
    return settings.DATA_UPLOAD_MAX_NUMBER_FIELDS // len(values) + 1


OPTION_NONSENSE = [
    "",
    "\x00",
    "1\x00",
    "-1",
    "0",
    "99999999999999999999",
    "1.5",
    "1e3",
    "abc",
    "[1]",
    "1,2",
    " ",
    "<script>alert(1)</script>",
]


def _started(client, quiz) -> None:
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert Attempt.objects.filter(quiz=quiz, status=Attempt.Status.IN_PROGRESS).exists()


@pytest.mark.django_db
def test_quiz_answers_with_nonsense_are_refused_and_not_stored(home_page, learner_client):
    several = QuizFactory(
        questions=[QuestionFactory(kind=Question.Kind.MULTIPLE)], feedback_mode="at_end"
    )
    one = QuizFactory(questions=[QuestionFactory()], feedback_mode="at_end")
    written = QuizFactory(
        questions=[QuestionFactory(kind=Question.Kind.ESSAY)], feedback_mode="at_end"
    )
    foreign = QuestionFactory()
    for quiz in (several, one, written):
        _started(learner_client, quiz)
    before = snapshot(Attempt, Answer, AnswerSelection)

    for quiz in (several, one):
        url = reverse("quizzes:take", args=[quiz.pk])
        question = quiz.fixed_questions.get().question
        own_option = question.options.first().pk
        for value in [*OPTION_NONSENSE, str(foreign.options.first().pk)]:
            what = f"{quiz} options={value!r}"
            assert_refused(
                learner_client.post(url, {"question": question.pk, "options": value}), what
            )
            assert_refused(
                learner_client.post(url, {"question": value, "options": own_option}),
                f"{quiz} question={value!r}",
            )
        # Thousands of ids: more fields than the site takes in one form.
        options = [option.pk for option in question.options.all()]
        assert_refused(
            learner_client.post(
                url, {"question": question.pk, "options": options * more_than_accepted(options)}
            ),
            "more fields than the site accepts",
        )
        # Wrong types: a JSON body, a file instead of an option, another question's id.
        assert_refused(
            learner_client.post(
                url,
                json.dumps({"question": question.pk, "options": [own_option]}),
                content_type="application/json",
            ),
            "JSON body",
        )
        if not question.takes_several_options:
            # A file is not an option; for boxes to tick it would count as ticking none,
            # which is a real answer, so only a single answer can show the refusal.
            upload = SimpleUploadedFile("options.txt", str(own_option).encode())
            assert_refused(
                learner_client.post(url, {"question": question.pk, "options": upload}), "file"
            )
        assert_refused(
            learner_client.post(
                url, {"question": foreign.pk, "options": foreign.options.first().pk}
            ),
            "a question of another quiz",
        )

    url = reverse("quizzes:take", args=[written.pk])
    question = written.fixed_questions.get().question
    for text in ["", " ", "\x00", "abc\x00def", "x" * 5001]:
        assert_refused(
            learner_client.post(url, {"question": question.pk, "text": text}), f"essay {text[:9]!r}"
        )
    assert snapshot(Attempt, Answer, AnswerSelection) == before


@pytest.mark.django_db
def test_quiz_pages_with_impossible_ids_answer_4xx(home_page, learner_client):
    for url in [
        "/quiz/99999999999999999999/take/",
        "/quiz/0/take/",
        "/quiz/99999999999999999999/start/",
        "/quiz/attempt/99999999999999999999/",
        "/quiz/attempt/1/feedback/99999999999999999999/",
    ]:
        response = learner_client.post(url, {"question": "1", "options": "1"})
        assert 400 <= response.status_code < 500, url


@pytest.mark.django_db
def test_marking_with_nonsense_is_refused_and_changes_nothing(home_page, learner_client, learner):
    quiz = QuizFactory(
        questions=[QuestionFactory(kind=Question.Kind.ESSAY)], feedback_mode="at_end"
    )
    _started(learner_client, quiz)
    take = reverse("quizzes:take", args=[quiz.pk])
    learner_client.post(take, {"question": quiz.fixed_questions.get().question_id, "text": "Iets"})
    learner_client.get(take)
    answer = Answer.objects.get()
    trainer = User.objects.create_user(email="trainer@example.org", password="x-long-password")
    trainer.user_permissions.add(
        *Permission.objects.filter(codename__in=["mark_answers", "view_all_results"])
    )
    client = Client()
    client.force_login(trainer)
    before = snapshot(Answer)
    url = reverse("quizzes:mark", args=[answer.pk])
    for value in NASTY_VALUES:
        assert_refused(client.post(url, {"mark": value, "comment": "ok"}), f"mark={value!r}")
    for comment in ["\x00", "x" * 2001]:
        assert_refused(client.post(url, {"mark": "correct", "comment": comment}), "comment")
    marks = ["correct", "incorrect"]
    assert_refused(client.post(url, {"mark": marks * more_than_accepted(marks)}), "too many")
    for bad in ["/quiz/trainer/marking/99999999999999999999/", "/quiz/trainer/marking/0/"]:
        assert_refused(client.post(bad, {"mark": "correct"}), bad)
    # A learner cannot mark, not even their own answer.
    assert learner_client.post(url, {"mark": "correct"}).status_code == 403
    assert snapshot(Answer) == before


@pytest.mark.django_db
def test_scenario_moves_with_nonsense_are_refused_and_not_recorded(home_page, learner_client):
    scenario = ScenarioPageFactory(parent=home_page, spec=branching_spec())
    other = ScenarioPageFactory(parent=home_page, spec=linear_spec(3), slug="andere-casus")
    url = scenario.url
    assert learner_client.post(url, {"action": "start"}).status_code == 302
    run = ScenarioRun.objects.get(page=scenario)
    start_choice = Choice.objects.filter(scene__page=scenario, scene__key="start").first()
    elsewhere = Choice.objects.filter(scene__page=scenario).exclude(scene__key="start").first()
    foreign = Choice.objects.filter(scene__page=other).first()
    valid = {"action": "choose", "choice_id": start_choice.pk, "attempt": 1, "position": 0}
    before = snapshot(ScenarioRun, ScenarioStep)

    for field in ("action", "choice_id", "attempt", "position"):
        for value in NASTY_VALUES:
            if field == "action" and value == "":
                continue
            data = {**valid, field: value}
            assert_refused(learner_client.post(url, data), f"{field}={value!r}")
    for choice in (elsewhere, foreign):
        assert_refused(
            learner_client.post(url, {**valid, "choice_id": choice.pk}), f"choice {choice.pk}"
        )
    for action in ("back", "restart"):
        for value in NASTY_VALUES:
            data = {"action": action, "attempt": value, "position": value}
            assert_refused(learner_client.post(url, data), f"{action} {value!r}")
    assert snapshot(ScenarioRun, ScenarioStep) == before
    run.refresh_from_db()
    assert (run.current_scene, run.position) == ("start", 0)


@pytest.mark.django_db
def test_lesson_and_module_posts_with_bad_ids_write_nothing(home_page, learner_client):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="basis")
    statement = statement_block()
    reflection = block("reflection", {"question": "Wat zag je?", "hint": ""})
    lesson = LessonPageFactory(parent=course, slug="les-1", body=[statement, reflection])
    draft = LessonPageFactory(parent=course, slug="concept")
    draft.unpublish()
    before = snapshot(Enrolment, LessonProgress, Certificate, Reflection, StatementAnswer)

    huge = "99999999999999999999"
    for url in [
        f"/leren/les/{huge}/klaar/",
        "/leren/les/0/klaar/",
        f"/leren/les/{course.pk}/klaar/",
        f"/leren/les/{draft.pk}/klaar/",
        f"/leren/module/{huge}/starten/",
        "/leren/module/0/starten/",
        f"/leren/module/{lesson.pk}/starten/",
        f"/leren/module/{huge}/opnieuw/",
        f"/leren/les/{huge}/stelling/{statement['id']}/",
        f"/leren/les/{lesson.pk}/stelling/{reflection['id']}/",
        f"/leren/les/{lesson.pk}/stelling/{'a' * 3000}/",
        f"/leren/les/{lesson.pk}/reflectie/{statement['id']}/",
        f"/leren/les/{lesson.pk}/reflectie/..%2F..%2F/",
    ]:
        assert_refused(learner_client.post(url, {"answer": "agree", "text": "Iets"}), url)
    statement_url = f"/leren/les/{lesson.pk}/stelling/{statement['id']}/"
    reflection_url = f"/leren/les/{lesson.pk}/reflectie/{reflection['id']}/"
    for value in NASTY_VALUES:
        assert_refused(learner_client.post(statement_url, {"answer": value}), f"answer {value!r}")
    for text in ["", " ", "\x00", "x" * 5001]:
        assert_refused(learner_client.post(reflection_url, {"text": text}), f"text {text[:9]!r}")
    # Anyone may try a GET on a form that only takes POST.
    assert learner_client.get(f"/leren/les/{lesson.pk}/klaar/").status_code == 405
    assert snapshot(Enrolment, LessonProgress, Certificate, Reflection, StatementAnswer) == before


@pytest.mark.django_db
def test_the_delete_form_with_nonsense_keeps_the_account(home_page, learner, learner_client):
    before = snapshot(User)
    url = reverse("accounts:delete")
    for value in [*NASTY_VALUES, "someone-else@example.org", learner.email + "\x00"]:
        response = learner_client.post(url, {"email": value})
        assert response.status_code == 400, repr(value)
        assert 'role="alert"' in response.content.decode() or response.context["form"].errors
    emails = [learner.email]
    assert (
        learner_client.post(url, {"email": emails * more_than_accepted(emails)}).status_code == 400
    )
    assert snapshot(User) == before
    assert learner_client.get(reverse("accounts:privacy")).status_code == 200
