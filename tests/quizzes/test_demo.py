import pytest
from django.core.management import call_command

from quizzes.models import Attempt, Option, Question, Quiz, QuizQuestion

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Quiz, Question, Option, QuizQuestion, Attempt)]


def test_demo_has_three_quizzes_of_every_type_and_loads_twice_without_duplicates(home_page):
    call_command("load_demo", stdout=None)
    first = counts()
    call_command("load_demo", stdout=None)

    assert counts() == first
    assert Quiz.objects.filter(live=True).count() == 3
    for quiz in Quiz.objects.all():
        kinds = set(quiz.fixed_questions.values_list("question__kind", flat=True))
        assert quiz.fixed_questions.count() >= 12
        assert kinds == set(Question.Kind.values)
    assert Question.objects.filter(signals__isnull=False).distinct().count() >= 20
