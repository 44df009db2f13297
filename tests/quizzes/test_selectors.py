import pytest

from quizzes.models import Question
from quizzes.selectors import (
    attempt_counting,
    attempt_review,
    category_progress,
    current_attempt,
    item_statistics,
)
from quizzes.services import Taker, answer_submit, attempt_start
from tests.factories import QuestionFactory, QuizFactory, SignalFactory, correct_ids, wrong_ids

pytestmark = pytest.mark.django_db


def play(quiz, user, *, right_ids=()):
    """Take the quiz once; questions in `right_ids` are answered right, others wrong."""
    attempt = attempt_start(quiz=quiz, taker=Taker(user=user))
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        options = correct_ids(question) if question.pk in right_ids else wrong_ids(question)[:1]
        answer_submit(attempt=attempt, question_id=question.pk, option_ids=options)
    attempt.refresh_from_db()
    return attempt


def test_category_progress_says_what_is_recognised_and_what_to_practise(learner):
    school = SignalFactory(title="Skipping school", category="victim")
    debts = SignalFactory(title="Dubious debts", category="context")
    known = [QuestionFactory(signals=[school]) for _ in range(2)]
    unknown = [QuestionFactory(signals=[debts]) for _ in range(2)]
    quiz = QuizFactory(questions=known + unknown)
    play(quiz, learner, right_ids={q.pk for q in known})

    progress = category_progress(user=learner)

    victim, perpetrator, context = progress.categories
    assert [c.category for c in progress.categories] == ["victim", "perpetrator", "context"]
    assert [item.signal for item in progress.well] == [school]
    assert [item.signal for item in progress.practise] == [debts]
    assert (victim.percent, context.percent) == (100, 0)
    assert (perpetrator.answers, perpetrator.percent, perpetrator.signals) == (0, 0, [])


def test_category_progress_lists_every_category_at_0_before_any_answer(learner):
    progress = category_progress(user=learner)

    assert progress.is_empty
    assert [(c.category, c.answers, c.percent) for c in progress.categories] == [
        ("victim", 0, 0),
        ("perpetrator", 0, 0),
        ("context", 0, 0),
    ]


def test_the_progress_page_shows_empty_categories_as_0(client, learner):
    signal = SignalFactory(title="Sudden expensive gifts", category="perpetrator")
    question = QuestionFactory(signals=[signal])
    play(QuizFactory(questions=[question]), learner, right_ids={question.pk})
    client.force_login(learner)

    page = client.get("/quiz/progress/").content.decode()

    for label in ("Over het slachtoffer", "Over de dader", "Over de situatie"):
        assert label in page
    assert page.count("Nog geen antwoorden in deze categorie: 0 antwoorden.") == 2


@pytest.mark.parametrize("size", [1, 6])
def test_category_progress_costs_two_queries_at_any_size(learner, django_assert_num_queries, size):
    signals = [SignalFactory() for _ in range(size)]
    quiz = QuizFactory(questions=[QuestionFactory(signals=[signal]) for signal in signals])
    for _ in range(size):
        play(quiz, learner)
    with django_assert_num_queries(2):
        progress = category_progress(user=learner)
        assert sum(len(c.signals) for c in progress.categories) == size


@pytest.mark.parametrize("size", [1, 6])
def test_item_statistics_cost_four_queries_at_any_size(learner, django_assert_num_queries, size):
    quiz = QuizFactory(questions=[QuestionFactory() for _ in range(size)])
    for _ in range(size):
        play(quiz, learner)
    with django_assert_num_queries(4):
        items = item_statistics(quiz=quiz)
        assert len(items) == size
        assert all(item.answers == size for item in items)
        assert sum(row.chosen for item in items for row in item.options) == size * size


@pytest.mark.parametrize("size", [1, 8])
def test_attempt_review_costs_four_queries_at_any_size(learner, django_assert_num_queries, size):
    quiz = QuizFactory(questions=[QuestionFactory() for _ in range(size)])
    attempt = play(quiz, learner)
    with django_assert_num_queries(4):
        reviews = attempt_review(attempt=attempt)
        assert len(reviews) == size
        assert all(sum(o.chosen for o in review.options) == 1 for review in reviews)


def test_counting_attempt_follows_the_policy(learner):
    first_q, second_q = QuestionFactory(), QuestionFactory()
    quiz = QuizFactory(questions=[first_q, second_q])
    middling = play(quiz, learner, right_ids={first_q.pk})
    best = play(quiz, learner, right_ids={first_q.pk, second_q.pk})
    last = play(quiz, learner)
    attempts = [middling, best, last]
    for policy, expected in (("best", best), ("first", middling), ("last", last)):
        quiz.counting_attempt = policy
        assert attempt_counting(quiz=quiz, attempts=attempts) == expected


def test_current_attempt_is_the_open_one_else_the_latest(learner, other_learner):
    quiz = QuizFactory(questions=[QuestionFactory()])
    taker = Taker(user=learner)
    assert current_attempt(quiz=quiz, taker=taker) is None

    first = play(quiz, learner)
    assert current_attempt(quiz=quiz, taker=taker) == first  # finished, but the latest
    second = attempt_start(quiz=quiz, taker=taker)
    current = current_attempt(quiz=quiz, taker=taker)

    assert current == second and current.is_open
    assert current.quiz is quiz
    assert current_attempt(quiz=quiz, taker=Taker(user=other_learner)) is None
