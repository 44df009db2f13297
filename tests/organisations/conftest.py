import pytest

from tests.factories import (
    AssessedLessonPageFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ManagerFactory,
    OrganisationFactory,
)


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(course_index):
    course = CoursePageFactory(parent=course_index, slug="basis", title="Basis")
    LessonPageFactory(parent=course, slug="les-1")
    # The certificate needs an assessment: the second lesson's quiz must be passed.
    AssessedLessonPageFactory(parent=course, slug="les-2")
    return course


@pytest.fixture
def lessons(course):
    return list(course.get_children().specific().order_by("path"))


@pytest.fixture
def organisation(db):
    return OrganisationFactory(slug="school")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(slug="taxi", name="Taxi Centraal", teams=("Dag",))


@pytest.fixture
def manager(organisation):
    return ManagerFactory(organisation=organisation)


@pytest.fixture
def other_manager(other_organisation):
    return ManagerFactory(organisation=other_organisation, email="andere-manager@example.org")
