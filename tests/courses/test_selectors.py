import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from courses import block_state, selectors, services
from courses.block_state import PEER_GROUP_MIN_ANSWERS, statement_results
from courses.models import LessonProgress, Reflection, StatementAnswer
from courses.selectors import enrolment_status_map
from tests.factories import CoursePageFactory, LessonPageFactory, block, statement_block

pytestmark = pytest.mark.django_db


def users(count: int, prefix: str) -> list[User]:
    return [User.objects.create_user(email=f"{prefix}{i}@example.org") for i in range(count)]


@pytest.fixture
def statement_lesson(course):
    block = statement_block()
    return LessonPageFactory(parent=course, slug="stelling", body=[block]), block["id"]


def answer(people, lesson, block_id, agrees):
    for person in people:
        services.statement_answer(user=person, lesson=lesson, block_id=block_id, agrees=agrees)


def test_statement_share_is_platform_wide_without_an_organisation(statement_lesson, learner):
    lesson, block_id = statement_lesson
    answer(users(3, "ja"), lesson, block_id, True)
    answer(users(1, "nee"), lesson, block_id, False)
    answer([learner], lesson, block_id, False)

    result = statement_results(lesson=lesson, block_ids=[block_id], user=learner)[block_id]

    assert (result.answered, result.agrees) == (True, False)
    assert (result.total, result.agreed, result.agree_percentage()) == (5, 3, 60)
    assert result.within_organisation is False


@pytest.mark.parametrize(
    "colleagues_answering", [PEER_GROUP_MIN_ANSWERS - 1, PEER_GROUP_MIN_ANSWERS]
)
def test_statement_share_within_the_organisation_from_five_answers(
    statement_lesson, learner, monkeypatch, colleagues_answering
):
    lesson, block_id = statement_lesson
    colleagues = users(colleagues_answering, "collega")
    answer(colleagues, lesson, block_id, False)
    answer(users(6, "elders"), lesson, block_id, True)
    answer([learner], lesson, block_id, False)
    colleague_ids = User.objects.filter(pk__in=[c.pk for c in colleagues]).values("pk")
    monkeypatch.setattr(block_state, "peer_group_providers", [lambda user: colleague_ids])

    result = statement_results(lesson=lesson, block_ids=[block_id], user=learner)[block_id]

    if colleagues_answering >= PEER_GROUP_MIN_ANSWERS:
        assert (result.within_organisation, result.total, result.agreed) == (True, 5, 0)
    else:
        assert (result.within_organisation, result.total, result.agreed) == (False, 11, 6)


def test_statement_share_waits_for_the_learners_own_answer(statement_lesson, learner):
    """The share is shown beside the learner's answer only, so before it nothing is counted."""
    lesson, block_id = statement_lesson
    answer(users(6, "ja"), lesson, block_id, True)

    with CaptureQueriesContext(connection) as queries:
        result = statement_results(lesson=lesson, block_ids=[block_id], user=learner)[block_id]

    assert (result.answered, result.total, result.agreed) == (False, 0, 0)
    assert len(queries) == 1  # the learner's own answers, no count


def status_map_queries(people, courses) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        statuses = enrolment_status_map(users=people, courses=courses)
    return len(queries), statuses


def test_status_of_learners_in_modules_costs_the_same_queries_for_2_and_20(course_index):
    courses = [CoursePageFactory(parent=course_index, slug=f"module-{i}") for i in range(4)]
    for course in courses:
        LessonPageFactory.create_numbered(course, 2)
    people = users(20, "leerling")
    for person in people:
        for course in courses:
            services.lesson_complete(user=person, lesson=course.get_children().first().specific)

    few_count, few = status_map_queries(people[:2], courses[:2])
    many_count, many = status_map_queries(people, courses)

    assert few_count == many_count <= 4
    assert len(few) == 4 and len(many) == 80
    status = many[(people[0].pk, courses[0].pk)]
    assert (status.completed_required, status.required, status.percentage) == (1, 2, 50)


def test_completed_lessons_read_as_sql_match_the_orm(course, learner):
    """Only the learner's own completions in this module count: not another learner's, not
    another module's, not a lesson marked incomplete."""
    lessons = LessonPageFactory.create_numbered(course, 3)
    other_course = CoursePageFactory(parent=course.get_parent(), slug="ander")
    other_lesson = LessonPageFactory(parent=other_course, slug="elders")
    someone_else = users(1, "ander")[0]
    services.lesson_complete(user=learner, lesson=lessons[0])
    services.lesson_complete(user=learner, lesson=lessons[2])
    services.lesson_complete(user=learner, lesson=other_lesson)
    services.lesson_complete(user=someone_else, lesson=lessons[1])
    LessonProgress.objects.filter(enrolment__user=learner, lesson=lessons[2]).update(
        completed_at=None
    )
    orm = set(
        LessonProgress.objects.filter(
            enrolment__user=learner, enrolment__course=course, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )

    assert selectors.completed_lesson_ids(user=learner, course=course) == orm == {lessons[0].pk}


def test_own_statement_answers_read_as_sql_match_the_orm(course, learner):
    first, second, unanswered = statement_block(), statement_block(), statement_block()
    lesson = LessonPageFactory(parent=course, slug="stellingen", body=[first, second, unanswered])
    other = users(1, "ander")[0]
    services.statement_answer(user=learner, lesson=lesson, block_id=first["id"], agrees=True)
    services.statement_answer(user=learner, lesson=lesson, block_id=second["id"], agrees=False)
    services.statement_answer(user=other, lesson=lesson, block_id=unanswered["id"], agrees=True)
    block_ids = [first["id"], second["id"], unanswered["id"]]
    orm = dict(
        StatementAnswer.objects.filter(
            user=learner, lesson=lesson, block_id__in=block_ids
        ).values_list("block_id", "agrees")
    )

    answers = block_state.own_statement_answers(user=learner, lesson=lesson, block_ids=block_ids)

    assert answers == orm == {first["id"]: True, second["id"]: False}
    assert all(type(agrees) is bool for agrees in answers.values())
    assert block_state.own_statement_answers(user=learner, lesson=lesson, block_ids=[]) == {}


def test_own_reflections_read_as_sql_match_the_orm(course, learner):
    written, unwritten = (block("reflection", {"question": "Wat viel je op?"}) for _ in range(2))
    lesson = LessonPageFactory(parent=course, slug="reflecties", body=[written, unwritten])
    services.reflection_save(user=learner, lesson=lesson, block_id=written["id"], text="Mijn les")
    other = users(1, "ander")[0]
    services.reflection_save(
        user=other, lesson=lesson, block_id=unwritten["id"], text="Niet van mij"
    )
    block_ids = [written["id"], unwritten["id"]]
    orm = {
        reflection.block_id: (reflection.pk, reflection.text, reflection.updated_at)
        for reflection in Reflection.objects.filter(
            user=learner, lesson=lesson, block_id__in=block_ids
        )
    }

    found = block_state.reflections(lesson=lesson, block_ids=block_ids, user=learner)

    assert {key: (r.pk, r.text, r.updated_at) for key, r in found.items()} == orm
    assert list(orm) == [written["id"]]
    # The template formats the date: it must come back as an aware datetime on both databases.
    assert timezone.is_aware(found[written["id"]].updated_at)
    assert block_state.reflections(lesson=lesson, block_ids=[], user=learner) == {}
