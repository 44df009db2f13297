"""Making the snippets translatable keeps every row and every link to one.

The database is taken back to the schema of before the translatable columns, filled with
the historical models (signals, sectors, regions with contacts, a quiz with its bank,
questions, options, draws and a draft revision, a statement set, a scenario with scenes and
choices) and with learner rows that point at them (an attempt with answers, a run with a
step), then migrated to the latest schema: every table keeps its rows and every foreign key
its target; each migrated row is Dutch with a translation key of its own.
"""

import uuid

import pytest
from django.apps import apps as current_apps
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.migrations.old_data import PageTree
from tests.migrations.schema import migrate_to_latest

BEFORE = {
    "library": "0001_initial",
    "live": "0001_initial",
    "quizzes": "0005_question_and_pass_mark_checks",
    "scenarios": "0003_choice_score_conditions",
    "website": "0005_stream_blocks_out_of_migrations",
}
TRANSLATABLE = [
    "library.Signal",
    "website.Sector",
    "website.Region",
    "website.RegionContact",
    "quizzes.QuestionBank",
    "quizzes.Question",
    "quizzes.Option",
    "quizzes.Quiz",
    "quizzes.QuizQuestion",
    "quizzes.QuizDraw",
    "live.StatementSet",
    "scenarios.Scene",
    "scenarios.Choice",
]
LINKS = [
    ("quizzes.Answer", "question_id"),
    ("quizzes.AnswerSelection", "option_id"),
    ("scenarios.ScenarioStep", "choice_id"),
    ("quizzes.Attempt", "quiz_id"),
    ("quizzes.QuizQuestion", "question_id"),
    ("website.RegionContact", "region_id"),
]


def migrate_to_before():
    executor = MigrationExecutor(connection)
    targets = [
        (app, BEFORE[app]) if app in BEFORE else (app, name)
        for app, name in executor.loader.graph.leaf_nodes()
    ]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(transactional_db):
    try:
        yield migrate_to_before()
    finally:
        migrate_to_latest()


def fill(apps) -> None:
    model = apps.get_model
    now = timezone.now()
    sector = model("website.Sector").objects.create(name="Verhuizing", slug="verhuizing")
    signals = [
        model("library.Signal").objects.create(
            title=f"Signaal {n}", slug=f"signaal-{n}", category="victim", summary="Kort."
        )
        for n in range(3)
    ]
    signals[0].sectors.add(sector)
    region = model("website.Region").objects.create(name="Regio", slug="regio")
    for order in range(2):
        model("website.RegionContact").objects.create(
            region=region, sort_order=order, role="police", name=f"Contact {order}"
        )
    bank = model("quizzes.QuestionBank").objects.create(title="Bank")
    quiz = model("quizzes.Quiz").objects.create(title="Toets", live=True)
    questions = []
    for n in range(2):
        question = model("quizzes.Question").objects.create(
            bank=bank, kind="single", text=f"Vraag {n}?", explanation="<p>Daarom.</p>"
        )
        for order, correct in enumerate((True, False)):
            model("quizzes.Option").objects.create(
                question=question, sort_order=order, text=f"Optie {order}", is_correct=correct
            )
        model("quizzes.QuizQuestion").objects.create(quiz=quiz, question=question, sort_order=n)
        questions.append(question)
    own = model("quizzes.Question").objects.create(
        quiz=quiz, kind="true_false", text="Eigen vraag", explanation="<p>Zo.</p>"
    )
    model("quizzes.QuizDraw").objects.create(quiz=quiz, sort_order=0, count=1, bank=bank)
    # A draft revision that holds the quiz's own question as JSON, as the editor left it.
    content_type, _created = model("contenttypes.ContentType").objects.get_or_create(
        app_label="quizzes", model="quiz"
    )
    model("wagtailcore.Revision").objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(quiz.pk),
        created_at=now,
        object_str="Toets",
        content={"pk": quiz.pk, "title": "Toets", "questions": [{"pk": own.pk, "text": "x"}]},
    )
    user = model("accounts.User").objects.create(email="leerling@example.org")
    attempt = model("quizzes.Attempt").objects.create(
        quiz=quiz,
        user=user,
        question_ids=[q.pk for q in questions],
        status="completed",
        started_at=now,
    )
    for question in questions:
        answer = model("quizzes.Answer").objects.create(
            attempt=attempt, question=question, answered_at=now
        )
        model("quizzes.AnswerSelection").objects.create(
            answer=answer, option=model("quizzes.Option").objects.filter(question=question)[0]
        )
    model("live.StatementSet").objects.create(title="Stellingen", statements="[]")
    tree = PageTree(apps)
    page = tree.add(
        tree.root, model("scenarios.ScenarioPage"), title="Casus", slug="casus", start_scene="a"
    )
    scene = model("scenarios.Scene").objects.create(page=page, sort_order=0, key="a", title="A")
    model("scenarios.Scene").objects.create(page=page, sort_order=1, key="b", title="B")
    choice = model("scenarios.Choice").objects.create(
        scene=scene, sort_order=0, label="Verder", target="b"
    )
    run = model("scenarios.ScenarioRun").objects.create(
        page=page, user=user, current_scene="b", status="finished"
    )
    model("scenarios.ScenarioStep").objects.create(
        run=run, attempt=1, position=0, scene_key="a", target_key="b", choice=choice
    )


def snapshot(apps) -> dict:
    counts = {label: apps.get_model(label)._base_manager.count() for label in TRANSLATABLE}
    links = {
        f"{label}.{column}": sorted(
            apps.get_model(label)._base_manager.values_list(column, flat=True)
        )
        for label, column in LINKS
    }
    return {"counts": counts, "links": links}


@pytest.mark.django_db(transaction=True)
def test_every_row_and_link_survives_and_is_dutch(old_schema):
    fill(old_schema)
    before = snapshot(old_schema)
    assert all(before["counts"].values()), before["counts"]

    migrate_to_latest()

    assert snapshot(current_apps) == before
    dutch = current_apps.get_model("wagtailcore.Locale").objects.get(
        language_code=settings.LANGUAGE_CODE
    )
    for label in TRANSLATABLE:
        rows = current_apps.get_model(label)._base_manager.values_list(
            "locale_id", "translation_key"
        )
        assert {locale for locale, _key in rows} == {dutch.pk}, label
        keys = [key for _locale, key in rows]
        assert len(set(keys)) == len(keys) and all(isinstance(k, uuid.UUID) for k in keys)

    revision = current_apps.get_model("wagtailcore.Revision").objects.get(object_str="Toets")
    own = current_apps.get_model("quizzes.Question").objects.get(text="Eigen vraag")
    serialized = revision.content["questions"][0]
    assert serialized["translation_key"] == str(own.translation_key)
    assert serialized["locale"] == dutch.pk
