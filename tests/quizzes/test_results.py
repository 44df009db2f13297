"""A result says its scale and its verdict, and names the open answers a trainer still marks."""

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes.models import Attempt, Question
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    correct_ids,
    quiz_block,
    wrong_ids,
)

pytestmark = pytest.mark.django_db


def answer_all(client, quiz, *, wrong=()):
    """Answer every question through the quiz pages; those in `wrong` wrongly."""
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    for item in quiz.fixed_questions.select_related("question").order_by("sort_order"):
        question = item.question
        if question.kind == "essay":
            data = {"question": question.pk, "text": "Ik overleg eerst met een collega."}
        elif question in wrong:
            data = {"question": question.pk, "options": wrong_ids(question)[:1]}
        else:
            data = {"question": question.pk, "options": correct_ids(question)}
        client.post(reverse("quizzes:take", args=[quiz.pk]), data)
    return Attempt.objects.latest("started_at")


def result_page(client, attempt, language="en"):
    url = attempt.get_absolute_url()
    with translation.override(language):
        response = client.get(url if language == "nl" else f"/{language}{url}")
    assert response.status_code == 200
    return response


def test_a_visitors_result_with_an_open_answer_shows_the_score_and_names_what_waits(
    mixed_quiz, client
):
    questions = [item.question for item in mixed_quiz.fixed_questions.order_by("sort_order")]
    attempt = answer_all(client, mixed_quiz, wrong=questions[:1])
    assert attempt.status == Attempt.Status.AWAITING_MARKING and attempt.user is None

    english = result_page(client, attempt)
    html = english.content.decode()
    score = english.context["score"]
    assert (score.earned, score.marked, len(score.waiting)) == (3, 4, 1)
    assert "3 of 4 points" in html
    assert "Passed for the questions marked automatically" in html
    assert "1 open answer waits for a trainer to mark it:" in html
    assert f'href="#review-{questions[4].pk}">question 5</a>' in html
    assert "Sign up or log in to keep this attempt" in html

    dutch = result_page(client, attempt, "nl").content.decode()
    assert "3 van 4 punten" in dutch
    assert "Geslaagd voor de automatisch nagekeken vragen" in dutch
    assert "1 open antwoord wacht op beoordeling door een trainer" in dutch


def test_failing_the_questions_marked_automatically_says_so(mixed_quiz, client):
    questions = [item.question for item in mixed_quiz.fixed_questions.order_by("sort_order")]
    attempt = answer_all(client, mixed_quiz, wrong=questions[:3])

    html = result_page(client, attempt).content.decode()

    assert "1 of 4 points" in html
    assert "Not passed for the questions marked automatically" in html


def test_a_visitors_result_without_open_answers_is_final(client):
    questions = [QuestionFactory(), QuestionFactory(), QuestionFactory()]
    quiz = QuizFactory(questions=questions, is_public=True, feedback_mode="at_end", pass_mark=70)
    attempt = answer_all(client, quiz, wrong=questions[:1])

    response = result_page(client, attempt)

    html = response.content.decode()
    assert "2 of 3 points" in html
    assert "Not passed" in html and "67%" in html and "pass mark 70%" in html
    assert "open answer" not in html
    assert "Try again" in html  # the quiz's text for a failed attempt


def test_a_learners_result_uses_the_same_words_and_becomes_final_once_marked(
    client, learner, trainer
):
    questions = [QuestionFactory(), QuestionFactory(), QuestionFactory(kind=Question.Kind.ESSAY)]
    quiz = QuizFactory(questions=questions, feedback_mode="at_end", pass_mark=50)
    client.force_login(learner)
    attempt = answer_all(client, quiz, wrong=questions[:1])

    pending = result_page(client, attempt).content.decode()
    assert "1 of 2 points" in pending
    assert "Passed for the questions marked automatically" in pending
    assert "1 open answer waits for a trainer to mark it:" in pending
    assert "Your final score and whether you passed follow once that is done." in pending

    client.force_login(trainer)
    answer = attempt.answers.get(question=questions[2])
    client.post(reverse("quizzes:mark", args=[answer.pk]), {"mark": "partly", "comment": ""})
    client.force_login(learner)

    final = result_page(client, attempt).content.decode()
    assert "1.5 of 3 points" in final
    assert "open answer" not in final
    assert ">Passed</strong>" in final
    assert "1,5 van 3 punten" in result_page(client, attempt, "nl").content.decode()


def test_the_quiz_page_lists_each_attempt_in_points(client, learner):
    questions = [QuestionFactory(), QuestionFactory()]
    quiz = QuizFactory(questions=questions, feedback_mode="at_end")
    client.force_login(learner)
    answer_all(client, quiz, wrong=questions[:1])

    url = quiz.get_absolute_url()
    with translation.override("en"):
        html = client.get(f"/en{url}").content.decode()

    assert "1 of 2 points" in html


def test_the_result_leads_back_to_the_lesson_that_holds_the_quiz(client, home_page):

    quiz = QuizFactory(questions=[QuestionFactory()], is_public=True)
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="open", is_public=True
    )
    lesson = LessonPageFactory(parent=course, slug="toets", title="Toets", body=[quiz_block(quiz)])
    attempt = answer_all(client, quiz)

    html = result_page(client, attempt).content.decode()

    assert f"href=\"{lesson.url}\">Back to the lesson 'Toets'</a>" in html
