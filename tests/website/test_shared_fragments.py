"""`{% shared %}`: parts of a page that every visitor sees alike, rendered once per worker."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from website.cache import content_changed

pytestmark = pytest.mark.django_db


class Counter:
    """Counts how often a template asks for it, i.e. how often the fragment is rendered."""

    def __init__(self):
        self.renders = 0

    def __str__(self):
        self.renders += 1
        return f"render {self.renders}"


def render(text: str, request, **values) -> str:
    template = Template("{% load signaal_tags %}" + text)
    return template.render(Context({"request": request, **values}))


@pytest.fixture
def request_(home_page):
    return RequestFactory().get("/", HTTP_HOST="localhost")


def test_a_fragment_is_rendered_once_for_the_same_name_and_values(request_):
    counter = Counter()
    text = '{% shared "kop" number %}{{ counter }}{% endshared %}'

    first = render(text, request_, counter=counter, number=1)
    again = render(text, request_, counter=counter, number=1)
    other = render(text, request_, counter=counter, number=2)

    assert first == again == "render 1"
    assert other == "render 2"
    assert counter.renders == 2


def test_each_language_has_its_own_fragment(request_):
    counter = Counter()
    text = '{% load i18n %}{% shared "voet" %}{% translate "Sign In" %}{% endshared %}'

    with translation.override("nl"):
        dutch = render(text, request_, counter=counter)
    with translation.override("en"):
        english = render(text, request_, counter=counter)

    assert (dutch, english) == ("Inloggen", "Sign In")


def test_a_content_change_renders_it_afresh(request_):
    counter = Counter()
    text = '{% shared "kop" %}{{ counter }}{% endshared %}'
    render(text, request_, counter=counter)

    content_changed()

    assert render(text, request_, counter=counter) == "render 2"


def test_a_preview_is_never_kept(request_):
    counter = Counter()
    text = '{% shared "kop" %}{{ counter }}{% endshared %}'
    request_.is_preview = True

    render(text, request_, counter=counter)
    render(text, request_, counter=counter)

    assert counter.renders == 2


def logout_token(page: str) -> str | None:
    form = re.search(r'<form method="post" action="/account/logout/".*?</form>', page, re.S)
    if form is None:
        return None
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)


def test_the_header_keeps_each_visitors_own_part(home_page, client, learner, django_user_model):
    """The menu is shared; sign-in links, the sign-out form and its token are not."""
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="open", is_public=True
    )
    lesson = LessonPageFactory(parent=course, slug="les-1")
    other = django_user_model.objects.create_user(email="tweede@example.org")
    client.force_login(learner)
    learner_page = client.get(lesson.url).text
    client.force_login(other)
    other_page = client.get(lesson.url).text
    client.logout()
    client.cookies.clear()
    visitor_page = client.get(lesson.url).text

    assert logout_token(learner_page) and logout_token(other_page)
    assert logout_token(learner_page) != logout_token(other_page)
    assert "Mijn leren" in learner_page and "Inloggen" not in learner_page
    assert logout_token(visitor_page) is None
    assert "Inloggen" in visitor_page and "Mijn leren" not in visitor_page
