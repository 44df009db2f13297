import pytest

from .factories import course_create, course_index_create


@pytest.fixture
def course_index(home_page):
    return course_index_create(home_page)


@pytest.fixture
def course(course_index):
    return course_create(course_index, slug="basis")


@pytest.fixture
def public_course(course_index):
    return course_create(course_index, slug="open", public=True)
