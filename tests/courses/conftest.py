import pytest

from tests.factories import CourseIndexPageFactory, CoursePageFactory


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(course_index):
    return CoursePageFactory(parent=course_index, slug="basis")


@pytest.fixture
def public_course(course_index):
    return CoursePageFactory(parent=course_index, slug="open", is_public=True)
