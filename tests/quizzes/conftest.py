import pytest
from django.contrib.auth.models import Permission

from accounts.models import User

from .factories import essay, multiple, quiz_with, single, spotting, true_false


@pytest.fixture
def other_learner(db) -> User:
    return User.objects.create_user(email="ander@example.org", password="correct-horse-battery")


@pytest.fixture
def trainer(db) -> User:
    user = User.objects.create_user(email="trainer@example.org", password="correct-horse-battery")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="quizzes", codename__in=["view_all_results", "mark_answers"]
        )
    )
    return user


@pytest.fixture
def mixed_quiz(db):
    """A published quiz with one question of every type, fixed order, feedback at the end."""
    questions = [single(), true_false(), multiple(), spotting(), essay()]
    return quiz_with(questions, feedback_mode="at_end", is_public=True)


@pytest.fixture
def auto_quiz(db):
    """A quiz without essays, so that it is graded as soon as it is finished."""
    return quiz_with([single(), true_false(), multiple()], feedback_mode="after_each")
