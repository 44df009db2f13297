"""The content version listens to content models only, so learners' records delete in bulk."""

import pytest
from django.db.models.signals import post_delete, pre_delete

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    Reflection,
)
from scenarios.models import ScenarioPage, ScenarioRun, ScenarioStep
from website.cache.content import NOT_CONTENT, content_models

pytestmark = pytest.mark.django_db

LEARNER_RECORDS = [LessonProgress, Reflection, ScenarioStep]


@pytest.fixture
def lessons(home_page) -> list[LessonPage]:
    index = home_page.add_child(instance=CourseIndexPage(title="Modules", slug="modules"))
    course = index.add_child(instance=CoursePage(title="Basis", slug="basis"))
    return [
        course.add_child(instance=LessonPage(title=f"Les {number}", slug=f"les-{number}"))
        for number in range(3)
    ]


def test_every_content_model_moves_the_version_and_no_learner_record_does():
    labels = {model._meta.label_lower for model in content_models()}

    assert {"courses.lessonpage", "library.signal", "wagtailcore.page"} <= labels
    assert "website.sitesettings" in labels
    assert labels.isdisjoint(NOT_CONTENT)


@pytest.mark.parametrize("model", LEARNER_RECORDS, ids=str)
def test_nothing_listens_to_the_deletion_of_learner_records(model):
    assert not post_delete.has_listeners(model)
    assert not pre_delete.has_listeners(model)


def test_lesson_progress_and_reflections_are_deleted_with_one_query_each(
    lessons, learner, django_assert_num_queries
):
    enrolment = Enrolment.objects.create(user=learner, course=lessons[0].get_parent().specific)
    for lesson in lessons:
        LessonProgress.objects.create(enrolment=enrolment, lesson=lesson)
        Reflection.objects.create(user=learner, lesson=lesson, block_id="vraag", text="Zo.")

    # No SELECT of the rows first: nothing listens to their deletion.
    with django_assert_num_queries(2):
        LessonProgress.objects.filter(enrolment=enrolment).delete()
        Reflection.objects.filter(user=learner).delete()

    assert not LessonProgress.objects.exists()
    assert not Reflection.objects.exists()


def test_scenario_steps_are_deleted_with_one_query(home_page, learner, django_assert_num_queries):
    page = home_page.add_child(instance=ScenarioPage(title="Casus", slug="casus"))
    run = ScenarioRun.objects.create(page=page, user=learner, current_scene="start")
    for position in range(3):
        ScenarioStep.objects.create(
            run=run, attempt=1, position=position, scene_key="a", target_key="b", choice_label="x"
        )

    with django_assert_num_queries(1):
        ScenarioStep.objects.filter(run=run).delete()

    assert not ScenarioStep.objects.exists()
