import pytest

from accounts.models import User
from quizzes.models import Question
from tests.factories import QuestionFactory, QuizFactory, UserFactory


@pytest.fixture
def other_learner(db) -> User:
    return UserFactory(email="ander@example.org")


@pytest.fixture
def trainer(db) -> User:
    return UserFactory(
        email="trainer@example.org",
        permissions=["quizzes.view_all_results", "quizzes.mark_answers"],
    )


@pytest.fixture
def mixed_quiz(db):
    """A published quiz with one question of every type, fixed order, feedback at the end."""
    questions = [
        QuestionFactory(),
        QuestionFactory(kind=Question.Kind.TRUE_FALSE),
        QuestionFactory(kind=Question.Kind.MULTIPLE),
        QuestionFactory(kind=Question.Kind.SPOTTING),
        QuestionFactory(kind=Question.Kind.ESSAY),
    ]
    return QuizFactory(questions=questions, feedback_mode="at_end", is_public=True)


@pytest.fixture
def auto_quiz(db):
    """A quiz without essays, so that it is graded as soon as it is finished."""
    return QuizFactory(
        questions=[
            QuestionFactory(),
            QuestionFactory(kind=Question.Kind.TRUE_FALSE),
            QuestionFactory(kind=Question.Kind.MULTIPLE),
        ],
        feedback_mode="after_each",
    )
