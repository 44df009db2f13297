"""Pages cost the same number of queries for a short and a long quiz: templates never query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import Question
from quizzes.services import Taker, answer_submit, attempt_start
from tests.factories import QuestionFactory, QuizFactory, SignalFactory, correct_ids

pytestmark = pytest.mark.django_db


def played_quiz(user, size):
    questions = []
    for index in range(size):
        kind = (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.SPOTTING)[index % 3]
        questions.append(QuestionFactory(kind=kind, signals=[SignalFactory()]))
    quiz = QuizFactory(questions=questions, feedback_mode="at_end")
    attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        answer_submit(attempt=attempt, question_id=question.pk, option_ids=correct_ids(question))
    attempt.refresh_from_db()
    return quiz, attempt


def queries_for(client, url):
    """Queries of a repeat view: the first fills what the worker keeps of the content."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_results_progress_and_statistics_pages_do_not_grow_with_the_quiz(client, learner, trainer):
    small_quiz, small = played_quiz(learner, 2)
    large_quiz, large = played_quiz(learner, 9)
    client.force_login(learner)
    client.get("/quiz/progress/")  # the first request fills the site caches
    assert queries_for(client, small.get_absolute_url()) == queries_for(
        client, large.get_absolute_url()
    )
    progress = queries_for(client, "/quiz/progress/")
    client.force_login(trainer)
    assert queries_for(client, f"/quiz/trainer/statistics/{small_quiz.pk}/") == queries_for(
        client, f"/quiz/trainer/statistics/{large_quiz.pk}/"
    )
    played_quiz(learner, 6)
    client.force_login(learner)
    assert queries_for(client, "/quiz/progress/") == progress
