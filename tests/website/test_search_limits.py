"""Every search box, on our pages and in the admin, answers a huge query with a page or a 400.

The admin's list of search boxes is not written out here: every admin address without a
parameter in its path is asked, so a search box that a new snippet or viewset brings is
covered without anyone adding it. Run on SQLite and on PostgreSQL: the two fail differently.
"""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from accounts.models import User
from quizzes.models import Question
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    QuestionFactory,
    QuizFactory,
    SignalFactory,
    SignalLibraryPageFactory,
)
from website.middleware import MAX_SEARCH_LENGTH
from website.models import HelpPage

HUGE = "x" * 200_000
# The worst a query within the limit can be: as many one-letter words as fit.
LONGEST_ALLOWED = ("a " * MAX_SEARCH_LENGTH)[:MAX_SEARCH_LENGTH]
SEARCH_PARAMETERS = ("q", "search", "term")
# Addresses that are no search: Wagtail's page that fails on purpose, and signing out.
NOT_SEARCHES = ("/admin/failwhale/", "/admin/logout/")


def admin_addresses() -> list[str]:
    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    routes = {
        "/" + route.lstrip("^").rstrip("$")
        for route in walk(get_resolver().url_patterns, "")
        if route.startswith("admin/") and "<" not in route and "(?P" not in route
    }
    return sorted(routes - set(NOT_SEARCHES))


@pytest.fixture
def site_with_content(home_page):
    """A little of everything the searches look through, and the people who search."""
    library = SignalLibraryPageFactory(parent=home_page)
    home_page.add_child(instance=HelpPage(title="Hulp en melden", slug="hulp-en-melden"))
    SignalFactory(
        slug="laag-zelfbeeld", title="Dure spullen", summary="Nieuwe kleding en telefoons."
    )
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, is_public=True)
    LessonPageFactory(parent=course, slug="wat-zie-je", title="Wat zie je?")
    quiz = QuizFactory(
        questions=[
            QuestionFactory(text="Wat doe je eerst?"),
            QuestionFactory(kind=Question.Kind.ESSAY, text="Beschrijf wat je zag."),
        ]
    )
    organisation = OrganisationFactory(slug="school")
    MembershipFactory.create_learners(organisation, 3)
    return {
        "library": library.url,
        "modules": index.url,
        "dashboard": f"/organisatie/{organisation.slug}/",
        "manager": ManagerFactory(organisation=organisation),
        "quiz": quiz,
        "admin": User.objects.create_superuser(
            email="beheer@example.org", password="correct-horse-battery"
        ),
    }


def site_searches(content) -> list[tuple[Client, str]]:
    """Our own search boxes and filters, each with who may use it."""
    manager, admin = Client(), Client()
    manager.force_login(content["manager"])
    admin.force_login(content["admin"])
    return [
        (Client(), content["library"]),
        (Client(), content["modules"]),
        (Client(), "/hulp-en-melden/"),
        (manager, content["dashboard"]),
        (admin, "/quiz/trainer/marking/"),
        (admin, "/quiz/trainer/results/"),
    ]


def status_codes(client: Client, url: str, value: str, parameters) -> dict[str, int]:
    return {name: client.get(url, {name: value}).status_code for name in parameters}


@pytest.mark.django_db
def test_a_huge_query_on_our_own_pages_gets_a_page_or_bad_request(site_with_content):
    for client, url in site_searches(site_with_content):
        for value in (HUGE, LONGEST_ALLOWED):
            for name, code in status_codes(
                client, url, value, ("q", "learner", "sector", "regio")
            ).items():
                assert code in (200, 400), (url, name, len(value), code)


@pytest.mark.django_db
def test_a_huge_query_is_refused_with_our_bad_request_page(site_with_content):
    admin = Client()
    admin.force_login(site_with_content["admin"])
    for url in ("/admin/pages/search/", site_with_content["dashboard"]):
        response = admin.get(url, {"q": HUGE})
        assert response.status_code == 400
        assert "Er klopte iets niet in je verzoek" in response.content.decode()


@pytest.mark.django_db
def test_every_admin_search_answers_a_huge_query_and_the_longest_allowed_one(
    site_with_content,
):
    admin = Client(raise_request_exception=False)
    admin.force_login(site_with_content["admin"])
    addresses = admin_addresses()
    # The boxes that matter most must be among those asked.
    assert {
        "/admin/pages/search/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        "/admin/snippets/library/signal/",
        "/admin/snippets/quizzes/question/",
        "/admin/workflows/list/",
    } <= set(addresses)
    failures = []
    for url in addresses:
        for value in (HUGE, LONGEST_ALLOWED):
            for name, code in status_codes(admin, url, value, SEARCH_PARAMETERS).items():
                if code >= 500:
                    failures.append((url, name, len(value), code))
    assert failures == []


@pytest.mark.django_db
def test_the_admins_searches_still_find_things(site_with_content):
    """The snippets' searches complete words of the titles on either database."""
    admin = Client()
    admin.force_login(site_with_content["admin"])
    found = {
        "/admin/snippets/library/signal/": ("spul", "Dure spullen"),
        "/admin/snippets/quizzes/question/": ("eers", "Wat doe je eerst?"),
        "/admin/pages/search/": ("zie", "Wat zie je?"),
    }
    for url, (term, title) in found.items():
        response = admin.get(url, {"q": term})
        assert response.status_code == 200, url
        assert title in response.content.decode(), url
