"""Pages kept for cookie-less visitors: served without Wagtail, never to the wrong person."""

import time

import pytest
from django.test import Client

from courses.models import Enrolment
from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from website.cache.content import VERSION_KEY
from website.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(home_page):
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="open", is_public=True
    )
    return LessonPageFactory(
        parent=course,
        slug="les-1",
        title="Wat zie je?",
        body=[{"type": "paragraph", "value": "<p>Eerste versie van de les.</p>"}],
    )


def test_a_second_visitor_gets_the_kept_page_without_a_query(lesson, django_assert_num_queries):
    first = Client().get(lesson.url)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        second = Client().get(lesson.url)

    assert second.status_code == 200
    assert "Eerste versie van de les." in second.text
    assert "Cookie" in second["Vary"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_every_visitor_gets_their_own_working_csrf_token(lesson):
    first = Client(enforce_csrf_checks=True)
    first.get(lesson.url)
    second = Client(enforce_csrf_checks=True)
    kept = second.get(lesson.url)

    token = kept.context is None and kept.text.split('name="csrfmiddlewaretoken" value="')[1]
    token = token.split('"')[0]
    assert "__signaal_csrf_token__" not in kept.text
    assert "csrftoken" in kept.cookies
    # The token fits this visitor's own cookie: marking the lesson done is accepted.
    done = second.post(f"/leren/les/{lesson.pk}/klaar/", {"csrfmiddlewaretoken": token})
    assert done.status_code == 302
    assert second.cookies.get("sessionid")


def test_publishing_shows_at_once(lesson):
    Client().get(lesson.url)
    lesson.body = [{"type": "paragraph", "value": "<p>Tweede versie van de les.</p>"}]
    lesson.save_revision().publish()

    page = Client().get(lesson.url)

    assert "Tweede versie van de les." in page.text
    assert "Eerste versie" not in page.text


def test_a_snippet_change_clears_the_cache_but_learner_records_do_not(lesson, learner):
    from django.core.cache import cache

    Client().get(lesson.url)
    version = cache.get(VERSION_KEY)
    Enrolment.objects.create(user=learner, course=lesson.get_parent().specific)
    assert cache.get(VERSION_KEY) == version

    Region.objects.create(name="Gemeente Testdorp", slug="testdorp")
    assert cache.get(VERSION_KEY) != version


def test_visitors_with_a_session_always_get_a_fresh_page(lesson, learner):
    Client().get(lesson.url)
    client = Client()
    client.force_login(learner)
    Enrolment.objects.create(user=learner, course=lesson.get_parent().specific)

    page = client.get(lesson.url)

    assert page.context is not None  # rendered now, not taken from the cache
    assert "no-store" in page["Cache-Control"]
    assert "Your progress is kept in this browser only" not in page.text


def test_languages_are_kept_apart(lesson):
    dutch = Client().get(lesson.url, HTTP_ACCEPT_LANGUAGE="en")
    english = Client().get(f"/en{lesson.url}", HTTP_ACCEPT_LANGUAGE="nl")
    dutch_again = Client().get(lesson.url, HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="nl"' in dutch.text
    assert '<html lang="en"' in english.text
    assert dutch_again.text == dutch.text.replace(
        dutch.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0],
        dutch_again.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0],
    )


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"data": {"utm": "x"}},
        {"HTTP_HX_REQUEST": "true"},
        {"HTTP_COOKIE": "regio=utrecht"},
    ],
    ids=["query string", "htmx", "other cookie"],
)
def test_requests_that_may_differ_are_never_served_from_the_cache(lesson, request_kwargs):
    Client().get(lesson.url)

    response = Client().get(lesson.url, **request_kwargs)

    assert response.context is not None


def test_pages_that_are_not_plain_wagtail_pages_are_not_kept(home_page):
    Client().get("/account/login/")
    assert Client().get("/account/login/").context is not None
    Client().get("/bestaat-niet/")
    assert Client().get("/bestaat-niet/").context is not None


def test_addresses_wagtail_does_not_serve_never_ask_the_cache(home_page, monkeypatch):
    from django.core.cache import cache

    asked = []
    original_get = cache.get
    monkeypatch.setattr(
        cache,
        "get",
        lambda key, *args, **kwargs: asked.append(key) or original_get(key, *args, **kwargs),
    )

    Client().get("/account/login/")

    assert not [key for key in asked if key.startswith("page-cache:")]


def test_a_kept_page_is_served_from_the_workers_memory_until_it_expires(lesson, monkeypatch):
    from django.core.cache import cache

    from website.cache import middleware as page_cache

    Client().get(lesson.url)
    cache.clear()  # the shared copy is gone; the worker still has its own
    assert "Eerste versie van de les." in Client().get(lesson.url).text

    clock = time.monotonic() + page_cache._seconds() + 1
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock)
    assert page_cache._in_memory(next(iter(page_cache._memory))) is None


def test_each_host_has_its_own_kept_pages(lesson):
    Client().get(lesson.url)  # testserver

    other_host = Client(HTTP_HOST="localhost").get(lesson.url)

    assert other_host.context is not None  # rendered for this host, not taken from the cache


@pytest.mark.parametrize(
    ("environment", "prefix"), [({}, "signaal"), ({"CACHE_KEY_PREFIX": "b"}, "b")]
)
def test_deployments_sharing_a_redis_keep_their_own_keys(monkeypatch, environment, prefix):
    import runpy
    from pathlib import Path

    from django.conf import settings

    monkeypatch.delenv("CACHE_KEY_PREFIX", raising=False)
    for name, value in {"REDIS_URL": "redis://127.0.0.1:6379/9", **environment}.items():
        monkeypatch.setenv(name, value)

    caches = runpy.run_path(str(Path(settings.BASE_DIR) / "website/settings/base.py"))["CACHES"]

    assert caches["default"]["KEY_PREFIX"] == prefix
