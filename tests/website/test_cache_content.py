"""Content kept in a worker's memory: found without queries, never stale after a change."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from accounts.models import User
from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory, block
from website.cache import content, content_changed, remember
from website.cache.content import VERSION_KEY
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home_page):
    return CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="open", is_public=True
    )


@pytest.fixture
def lesson(course):
    return LessonPageFactory(parent=course, slug="les-1", title="Wat zie je?")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def tree_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if any(table in query["sql"] for table in ('"wagtailcore_page"', '"wagtailcore_site"'))
    ]


def test_a_repeat_view_finds_the_lesson_without_reading_the_page_tree(learner_client, lesson):
    assert tree_queries(learner_client, lesson.url)  # the first view walks the tree

    assert tree_queries(learner_client, lesson.url) == []


def test_a_published_change_shows_on_the_next_view(learner_client, course, lesson):
    learner_client.get(lesson.url)
    lesson.title = "Wat hoor je?"
    lesson.save_revision().publish()
    LessonPageFactory(parent=course, slug="les-2", title="Een nieuwe les")

    page = learner_client.get(lesson.url).text

    assert "Wat hoor je?" in page
    assert "Wat zie je?" not in page
    assert "Een nieuwe les" in page  # the module's list of lessons is read again


def test_an_unpublished_lesson_is_gone_at_once(learner_client, lesson):
    learner_client.get(lesson.url)

    lesson.unpublish()

    assert learner_client.get(lesson.url).status_code == 404


def test_a_moved_lesson_is_found_at_its_new_address(learner_client, course, lesson):
    other = CoursePageFactory(parent=course.get_parent(), slug="andere")
    old_url = lesson.url
    learner_client.get(old_url)

    lesson.move(other, pos="last-child")
    lesson.refresh_from_db()

    old = learner_client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, lesson.url)  # Wagtail's redirect
    assert learner_client.get(lesson.url).status_code == 200


def test_an_unknown_address_is_not_kept(learner_client, course):
    assert learner_client.get(course.url + "later/").status_code == 404

    LessonPageFactory(parent=course, slug="later", title="Later toegevoegd")

    assert "Later toegevoegd" in learner_client.get(course.url + "later/").text


def test_a_change_to_the_site_settings_shows_on_the_next_view(learner_client, lesson):
    learner_client.get(lesson.url)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://weer.example.org/"
    settings.save()

    assert "https://weer.example.org/" in learner_client.get(lesson.url).text


def test_the_version_moves_again_when_the_change_is_committed(django_capture_on_commit_callbacks):
    from django.core.cache import cache

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        content_changed()
    moved = cache.get(VERSION_KEY)

    # A worker that read the moved version before the commit may have kept the old rows;
    # the second move at the commit drops them.
    for callback in callbacks:
        callback()

    assert callbacks
    assert cache.get(VERSION_KEY) != moved


def test_what_a_worker_keeps_is_dropped_on_a_new_version_and_bounded(monkeypatch):
    builds = []

    def build(value):
        builds.append(value)
        return value

    assert remember(("a",), lambda: build(1)) == 1
    assert remember(("a",), lambda: build(2)) == 1
    content_changed()
    assert remember(("a",), lambda: build(3)) == 3

    monkeypatch.setattr(content, "MAX_KEPT", 2)
    for key in "bcd":
        remember((key,), lambda key=key: build(key))
    assert len(content._kept) <= 2
    assert remember(("missing",), lambda: None) is None
    assert ("missing",) not in content._kept
    assert builds == [1, 3, "b", "c", "d"]


def test_a_changed_paragraph_shows_and_a_draft_preview_never_lingers(learner_client, course):
    lesson = LessonPageFactory(
        parent=course, slug="tekst", body=[block("paragraph", "<p>Eerste versie van de tekst.</p>")]
    )
    assert "Eerste versie" in learner_client.get(lesson.url).text

    paragraph = block("paragraph", "<p>Tweede versie van de tekst.</p>")
    lesson.body = [paragraph]
    lesson.save_revision().publish()
    assert "Tweede versie" in learner_client.get(lesson.url).text

    # An editor previews a draft of the same block: the preview shows it, learners keep
    # the published text.
    lesson.body = [paragraph | {"value": "<p>Een concept dat nog niet af is.</p>"}]
    revision = lesson.save_revision()
    request = RequestFactory().get(lesson.url)
    request.user = User.objects.get(email="leerling@example.org")
    request.session = learner_client.session
    preview = revision.as_object().make_preview_request(request)
    assert "Een concept" in preview.content.decode()
    page = learner_client.get(lesson.url).text
    assert "Tweede versie" in page
    assert "Een concept" not in page


def test_the_redis_cache_shares_one_client_per_pool():
    from website.cache.backends import RedisCache

    redis_cache = RedisCache("redis://127.0.0.1:6379/9", {})
    redis_cache.set("signaal-test", {"a": 1}, timeout=5)

    assert redis_cache.get("signaal-test") == {"a": 1}
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client()
    redis_cache.delete("signaal-test")


def test_another_worker_sees_a_change_within_a_second(monkeypatch):
    """A worker goes by the version it read for up to a second, then reads it again."""
    from django.core.cache import cache

    clock = [1000.0]
    monkeypatch.setattr(content.time, "monotonic", lambda: clock[0])
    seen = content.content_version()
    cache.set(VERSION_KEY, seen + 1)  # another worker published something

    clock[0] += 0.5
    assert content.content_version() == seen
    clock[0] += 0.6
    assert content.content_version() == seen + 1
