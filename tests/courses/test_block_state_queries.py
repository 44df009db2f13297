"""A lesson costs the same queries with one quiz, scenario, statement and reflection as with
five of each: the blocks load the learner's state once per block type
(`library.learner_state`), and the lesson's requirements are answered from that state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.session_progress import session_statement_answer
from library.completion import RequirementStatus
from library.learner_state import requirement_statuses_for
from quizzes.models import Attempt
from quizzes.selectors import VISITOR_SESSION_KEY, QuizStatus
from quizzes.services import Taker, attempt_start
from scenarios.models import ScenarioRun
from scenarios.services import run_start
from tests.factories import (
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    ScenarioPageFactory,
    block,
    linear_spec,
    quiz_block,
    statement_block,
)

pytestmark = pytest.mark.django_db

VISITOR_KEY = "bezoeker-1"


def learner_block_lesson(course, home, *, slug: str, count: int):
    """A lesson with `count` quizzes that must be passed, scenarios that must be finished,
    statements and reflections, each block about a quiz or scenario of its own."""
    quizzes = [
        QuizFactory(questions=[QuestionFactory()], is_public=True, title=f"Toets {slug} {i}")
        for i in range(count)
    ]
    scenarios = [
        ScenarioPageFactory(
            parent=home, spec=linear_spec(3), slug=f"casus-{slug}-{i}", title=f"Casus {i}"
        )
        for i in range(count)
    ]
    body = []
    for quiz, scenario in zip(quizzes, scenarios, strict=True):
        body += [
            quiz_block(quiz),
            block("scenario", {"scenario": scenario.pk, "requirement": "finished"}),
            statement_block(),
            block("reflection", {"question": "Wat zag je?", "hint": ""}),
        ]
    lesson = LessonPageFactory(parent=course, slug=slug, body=body)
    return lesson, quizzes, scenarios


def block_ids(lesson, kind: str) -> list[str]:
    return [raw["id"] for raw in lesson.body.raw_data if raw["type"] == kind]


def repeat_view_queries(client, url) -> tuple[int, object]:
    """Queries of a repeat view: the first fills what the worker keeps of the content."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_a_learner_pays_the_same_queries_for_1_and_5_blocks_of_each_kind(
    client, home_page, public_course, learner
):
    lessons = {}
    for slug, count in (("een", 1), ("vijf", 5)):
        lesson, quizzes, scenarios = learner_block_lesson(
            public_course, home_page, slug=slug, count=count
        )
        for quiz in quizzes:
            attempt_start(quiz=quiz, taker=Taker(user=learner))  # open, so not yet passed
        for scenario in scenarios:
            run_start(page=scenario, user=learner)  # started, not finished
        for block_id in block_ids(lesson, "statement"):
            services.statement_answer(user=learner, lesson=lesson, block_id=block_id, agrees=True)
        for block_id in block_ids(lesson, "reflection"):
            services.reflection_save(user=learner, lesson=lesson, block_id=block_id, text="Veel.")
        lessons[count] = lesson
    client.force_login(learner)

    one, one_response = repeat_view_queries(client, lessons[1].url)
    five, five_response = repeat_view_queries(client, lessons[5].url)

    assert one == five
    states = five_response.context["learner_states"]
    assert len(states) == 20
    quiz_states = [states[block_id] for block_id in block_ids(lessons[5], "quiz")]
    assert all(isinstance(s, QuizStatus) and s.open_attempt for s in quiz_states)
    runs = [states[block_id] for block_id in block_ids(lessons[5], "scenario")]
    assert all(isinstance(run, ScenarioRun) and run.user == learner for run in runs)
    assert all(states[block_id].answered for block_id in block_ids(lessons[5], "statement"))
    assert all(states[block_id].text == "Veel." for block_id in block_ids(lessons[5], "reflection"))
    # Nothing is met yet, so the page lists all ten requirements.
    requirements = five_response.context["state"].requirements
    assert len(requirements) == 10 and not any(status.is_met for status in requirements)


def test_a_visitor_with_a_session_pays_the_same_queries_for_1_and_5_blocks_of_each_kind(
    client, home_page, public_course
):
    session = client.session  # made and saved by the test client, with a session key
    session[VISITOR_SESSION_KEY] = VISITOR_KEY
    lessons = {}
    for slug, count in (("een", 1), ("vijf", 5)):
        lesson, quizzes, scenarios = learner_block_lesson(
            public_course, home_page, slug=slug, count=count
        )
        for quiz in quizzes:
            attempt_start(quiz=quiz, taker=Taker(visitor_key=VISITOR_KEY))
        for scenario in scenarios:
            run_start(page=scenario, session_key=session.session_key)
        for block_id in block_ids(lesson, "statement"):
            session_statement_answer(session, lesson_id=lesson.pk, block_id=block_id, agrees=False)
        lessons[count] = lesson
    session.save()

    one, one_response = repeat_view_queries(client, lessons[1].url)
    five, five_response = repeat_view_queries(client, lessons[5].url)

    assert one == five
    states = five_response.context["learner_states"]
    # Visitors write no reflections, so those blocks have no state.
    assert len(states) == 15
    assert all(states[block_id].open_attempt for block_id in block_ids(lessons[5], "quiz"))
    runs = [states[block_id] for block_id in block_ids(lessons[5], "scenario")]
    assert all(run.session_key == session.session_key for run in runs)
    statements = [states[block_id] for block_id in block_ids(lessons[5], "statement")]
    assert all(result.answered and result.agrees is False for result in statements)


def test_requirements_answered_from_state_agree_with_their_own_check(
    home_page, public_course, learner
):
    lesson, quizzes, scenarios = learner_block_lesson(public_course, home_page, slug="les", count=2)
    passed = attempt_start(quiz=quizzes[0], taker=Taker(user=learner))
    Attempt.objects.filter(pk=passed.pk).update(
        status=Attempt.Status.COMPLETED, score=100, passed=True
    )
    finished = run_start(page=scenarios[1], user=learner)
    ScenarioRun.objects.filter(pk=finished.pk).update(first_finished_at=finished.started_at)

    statuses = requirement_statuses_for(lesson.body, page=lesson, user=learner)

    assert all(isinstance(status, RequirementStatus) for status in statuses)
    assert [status.is_met for status in statuses] == [
        status.requirement.is_met(user=learner) for status in statuses
    ]
    assert [status.is_met for status in statuses] == [True, False, False, True]
