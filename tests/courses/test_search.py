"""Site search from the header: what it finds, what each hit says, and what it keeps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.search import site_search
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SignalFactory,
    SignalLibraryPageFactory,
    block,
)
from website.models import Sector, StandardPage

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")


def paragraph(text: str) -> dict:
    return block("paragraph", f"<p>{text}</p>")


@pytest.fixture
def content(home_page):
    index = CourseIndexPageFactory(parent=home_page)
    taxi = Sector.objects.get(slug="taxi")
    course = CoursePageFactory(
        parent=index, slug="onderweg", title="Signalen onderweg", is_public=True
    )
    course.sectors.set([taxi])
    course.save_revision().publish()
    lesson = LessonPageFactory(
        parent=course,
        slug="wat-zie-je",
        title="Wat zie je in je taxi?",
        body=[paragraph("Een loverboy brengt een meisje naar steeds andere adressen.")],
    )
    help_page = StandardPage(
        title="Hulp bij het gebruik",
        slug="hulp",
        introduction="Zo gebruik je Signaal, ook als je een loverboy vermoedt.",
    )
    home_page.add_child(instance=help_page)
    SignalLibraryPageFactory(parent=home_page)
    signal = SignalFactory(
        slug="nieuwe-vriend", title="Een oudere vriend", summary="Een loverboy als vriend."
    )
    signal.sectors.set([taxi])
    signal.save()  # a snippet with parental relations keeps them on save
    return {"course": course, "lesson": lesson, "help": help_page, "signal": signal}


def hits_for(client, query: str, prefix: str = "") -> str:
    response = client.get(f"{prefix}{SEARCH}", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_word_finds_lessons_help_and_signals_each_saying_what_it_is_and_for_whom(client, content):
    hits = site_search(query="loverboy")

    by_title = {hit.title: hit for hit in hits}
    assert set(by_title) == {"Wat zie je in je taxi?", "Hulp bij het gebruik", "Een oudere vriend"}
    assert (
        by_title["Wat zie je in je taxi?"].kind,
        by_title["Wat zie je in je taxi?"].sectors,
    ) == (
        "Les",
        ("Taxi en vervoer",),
    )
    assert (by_title["Hulp bij het gebruik"].kind, by_title["Hulp bij het gebruik"].sectors) == (
        "Hulp",
        (),
    )
    assert by_title["Een oudere vriend"].url.endswith("/signalen/nieuwe-vriend/")
    assert by_title["Een oudere vriend"].sectors == ("Taxi en vervoer",)
    html = hits_for(client, "loverboy")
    assert "3 resultaten voor 'loverboy'" in html
    assert html.count("voor Taxi en vervoer") == 2 and html.count("voor elke sector") == 1
    assert f'href="{content["lesson"].url}"' in html


def test_a_module_is_found_by_its_title(content):
    [hit] = site_search(query="onderweg")
    assert (hit.kind, hit.title, hit.sectors) == (
        "Module",
        "Signalen onderweg",
        ("Taxi en vervoer",),
    )


def test_drafts_and_restricted_pages_are_not_found(content):
    lesson = content["lesson"]
    lesson.unpublish()
    PageViewRestriction.objects.create(
        page=content["help"], restriction_type=PageViewRestriction.LOGIN
    )
    assert [hit.title for hit in site_search(query="loverboy")] == ["Een oudere vriend"]


def test_the_header_has_a_search_box_that_works_without_javascript(client, content):
    home = client.get("/").content.decode()
    assert f'<form class="signaal-search" method="get" action="{SEARCH}" role="search">' in home
    assert 'name="q"' in home
    assert "Wat zie je in je taxi?" in hits_for(client, "loverboy")


def test_an_empty_search_shows_the_form_and_no_results(client, content):
    html = hits_for(client, "   ")
    assert 'id="search-page-q"' in html
    assert "resultaten" not in html


def test_an_over_long_search_gets_a_message_not_an_error(client, content):
    response = client.get(SEARCH, {"q": "loverboy " * 30})
    assert response.status_code == 400
    assert "kon niet worden gebruikt" in response.content.decode()


def test_the_search_terms_are_not_stored(client, content, learner):
    client.force_login(learner)
    with CaptureQueriesContext(connection) as queries:
        hits_for(client, "loverboy")
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []


def test_english_visitors_find_the_dutch_content_marked_as_dutch(client, content):
    html = hits_for(client, "loverboy", prefix="/en")
    assert "3 results for 'loverboy'" in html
    assert html.count('<li class="courses-search__hit" lang="nl">') == 3


def test_postgresql_stems_dutch_words_and_sqlite_matches_them_as_written(content):
    LessonPageFactory(parent=content["course"], slug="signaal", title="Wat is een signaal?")
    found = {hit.title for hit in site_search(query="signalen")}
    # 'signalen' and 'signaal' share the stem 'signal' in PostgreSQL's Dutch configuration.
    stems = connection.vendor == "postgresql"
    assert ("Wat is een signaal?" in found) is stems
    assert "Wat is een signaal?" in {hit.title for hit in site_search(query="signaal")}
