"""Search indexes and searches each language with its own PostgreSQL text search
configuration (website/search_backend.py); SQLite keeps Wagtail's own backend."""

import pytest
from django.db import connection
from django.utils import translation
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from tests.factories import CoursePageFactory, LessonPageFactory, block
from website.search_backend import (
    LanguageAwarePostgresSearchBackend,
    searching_in,
    text_search_config,
)

pytestmark = pytest.mark.django_db


def test_each_language_has_its_configuration_and_others_match_words_as_written():
    assert [text_search_config(code) for code in ("nl", "en", "tr", "ar", "pl")] == [
        "dutch",
        "english",
        "turkish",
        "arabic",
        "simple",
    ]
    assert text_search_config("en-gb") == "english"
    assert text_search_config("xx") == "simple"
    assert text_search_config(None) == "dutch"  # the site's own language


def test_the_backend_fits_the_database():
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        assert isinstance(backend, LanguageAwarePostgresSearchBackend)
    else:
        assert not isinstance(backend, PostgresSearchBackend)
        assert backend.__class__.__module__.startswith("modelsearch.backends.database")


@pytest.fixture
def lessons(home_page):
    """The same lesson in Dutch and in English, each with a word the other lacks."""
    course = CoursePageFactory(parent=home_page, slug="onderweg", title="Onderweg", is_public=True)
    dutch = LessonPageFactory(
        parent=course,
        slug="rijden",
        title="Wat zie je onderweg?",
        body=[block("paragraph", "<p>Ze rijdt met steeds andere klanten mee.</p>")],
    )
    english = dutch.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0], copy_parents=True
    )
    english.title = "What do you see on the road?"
    english.body = [block("paragraph", "<p>She keeps driving along with different clients.</p>")]
    english.save_revision().publish()
    return {"nl": dutch, "en": Page.objects.get(pk=english.pk).specific}


def found(query: str, language: str) -> set[str]:
    with searching_in(language):
        return {page.title for page in Page.objects.live().specific().search(query)}


def test_each_language_finds_its_own_pages(lessons):
    assert found("klanten", "nl") == {"Wat zie je onderweg?"}
    assert found("clients", "en") == {"What do you see on the road?"}
    assert "What do you see on the road?" not in found("klanten", "nl")


def test_on_postgresql_each_page_is_stemmed_in_its_own_language(lessons):
    if connection.vendor != "postgresql":
        # SQLite's backend matches words as written: no stemming in either language.
        assert found("drives", "en") == set()
        return
    # 'driving' and 'drives' share the English stem 'drive'; the Dutch rules do not make them one.
    assert found("drives", "en") == {"What do you see on the road?"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('dutch', 'driving') = to_tsvector('dutch', 'drives')")
        assert cursor.fetchone() == (False,)
    # The searcher's language is the active one unless a search names another.
    with translation.override("en"):
        assert {page.title for page in Page.objects.live().search("drives")} == {
            "What do you see on the road?"
        }
