import pytest

from tests.courses.factories import (
    assessed_lesson_create,
    course_create,
    course_index_create,
    lesson_create,
)

from .factories import manager_create, organisation_create


@pytest.fixture
def course_index(home_page):
    return course_index_create(home_page)


@pytest.fixture
def course(course_index):
    course = course_create(course_index, slug="basis", title="Basis")
    lesson_create(course, slug="les-1")
    # The certificate needs an assessment: the second lesson's quiz must be passed.
    assessed_lesson_create(course, slug="les-2")
    return course


@pytest.fixture
def lessons(course):
    return list(course.get_children().specific().order_by("path"))


@pytest.fixture
def organisation(db):
    return organisation_create("school")


@pytest.fixture
def other_organisation(db):
    return organisation_create("taxi", name="Taxi Centraal", teams=("Dag",))


@pytest.fixture
def manager(organisation):
    return manager_create(organisation)


@pytest.fixture
def other_manager(other_organisation):
    return manager_create(other_organisation, email="andere-manager@example.org")
