"""Migrations 0003-0005 keep existing quizzes as they were and make them fit the new rules."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from quizzes.models import Option, Question, Quiz

BEFORE = [("quizzes", "0003_own_questions_images")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db):
    """The models before the data migration; the latest schema again afterwards."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_quizzes_keep_their_questions_and_fit_the_new_rules(old_apps):
    bank = old_apps.get_model("quizzes", "QuestionBank").objects.create(title="Oude bank")
    questions = old_apps.get_model("quizzes", "Question").objects
    options = old_apps.get_model("quizzes", "Option").objects
    # 'Niet waar' typed first and marked correct: the statement is not true.
    reversed_order = questions.create(
        bank=bank, kind="true_false", text="Omgekeerd", explanation=""
    )
    niet_waar = options.create(
        question=reversed_order, text="Niet waar", is_correct=True, sort_order=0
    )
    waar = options.create(question=reversed_order, text="Waar", is_correct=False, sort_order=1)
    typed = questions.create(bank=bank, kind="true_false", text="Klopt het?", explanation="")
    options.create(question=typed, text="Klopt", is_correct=True, sort_order=0)
    options.create(question=typed, text="Klopt niet", is_correct=False, sort_order=1)
    unclear = questions.create(bank=bank, kind="true_false", text="Onduidelijk", explanation="")
    options.create(question=unclear, text="Ja", is_correct=True, sort_order=0)
    options.create(question=unclear, text="Nee", is_correct=True, sort_order=1)
    single = questions.create(bank=bank, kind="single", text="Gewoon", explanation="")
    quizzes = old_apps.get_model("quizzes", "Quiz").objects
    quiz = quizzes.create(title="Te streng", pass_mark=150, live=True)
    old_apps.get_model("quizzes", "QuizQuestion").objects.create(quiz=quiz, question=single)
    fair = quizzes.create(title="Redelijk", pass_mark=80, live=True)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Question.objects.get(pk=reversed_order.pk).statement_is_true is False
    assert list(Option.objects.filter(question=reversed_order.pk).values_list("pk", "text")) == [
        (waar.pk, "Waar"),
        (niet_waar.pk, "Niet waar"),
    ]
    assert Question.objects.get(pk=typed.pk).statement_is_true is True
    assert Question.objects.get(pk=unclear.pk).statement_is_true is None
    assert Question.objects.filter(bank=bank.pk).count() == 4
    assert Quiz.objects.get(pk=quiz.pk).pass_mark == 100
    assert Quiz.objects.get(pk=fair.pk).pass_mark == 80
    assert list(
        Quiz.objects.get(pk=quiz.pk).fixed_questions.values_list("question", flat=True)
    ) == [single.pk]
