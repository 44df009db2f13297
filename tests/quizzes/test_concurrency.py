"""Ten identical requests at the same moment must be stored once (SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection

from quizzes.models import Answer, AnswerSelection, Attempt, Question
from quizzes.services import Taker, answer_submit, attempt_start
from tests.factories import QuestionFactory, QuizFactory, correct_ids

THREADS = 10


def run_together(work):
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker():
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_identical_answers_are_stored_once(learner):
    question = QuestionFactory(kind=Question.Kind.MULTIPLE)
    quiz = QuizFactory(questions=[question, QuestionFactory()])
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))

    errors = run_together(
        lambda: answer_submit(
            attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)
        )
    )

    assert errors == []
    assert Answer.objects.filter(attempt=attempt).count() == 1
    assert AnswerSelection.objects.count() == len(correct_ids(question))
    assert Answer.objects.get().score == 1


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_last_answers_finish_the_attempt_once(learner):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question])
    attempt = attempt_start(quiz=quiz, taker=Taker(user=learner))

    errors = run_together(
        lambda: answer_submit(
            attempt=attempt, question_id=question.pk, option_ids=correct_ids(question)
        )
    )

    assert errors == []
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.COMPLETED
    assert Answer.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_starts_open_one_attempt(learner):
    quiz = QuizFactory(questions=[QuestionFactory(), QuestionFactory()])
    started = []

    errors = run_together(
        lambda: started.append(attempt_start(quiz=quiz, taker=Taker(user=learner)).pk)
    )

    assert errors == []
    assert Attempt.objects.count() == 1
    assert set(started) == {Attempt.objects.get().pk}


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_posts_of_the_answer_form_store_it_once(learner):
    from django.test import Client

    question = QuestionFactory()
    quiz = QuizFactory(questions=[question, QuestionFactory()])
    attempt_start(quiz=quiz, taker=Taker(user=learner))
    statuses = []

    def post():
        client = Client()
        client.force_login(learner)
        response = client.post(
            f"/quiz/{quiz.pk}/take/",
            {"question": question.pk, "options": correct_ids(question)[0]},
        )
        statuses.append(response.status_code)

    errors = run_together(post)

    assert errors == []
    assert statuses == [302] * THREADS
    assert Answer.objects.count() == 1
    assert Question.objects.get(pk=question.pk).answers.get().score == 1
