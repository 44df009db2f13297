"""Where each role lands after logging in, and the header's link to the manager area."""

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import trainer_group_ensure
from organisations.context_processors import manager_links
from organisations.models import Membership
from tests.factories import ManagerFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(client, user, next_url=None):
    url = reverse("account_login")
    if next_url is not None:
        url += f"?next={next_url}"
    response = client.post(url, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


@pytest.fixture
def school(db):
    return OrganisationFactory(slug="school")


@pytest.fixture
def learner_account(school):
    user = verified(UserFactory(email="leerling@example.org"))
    Membership.objects.create(user=user, organisation=school)
    return user


@pytest.fixture
def manager_account(school):
    return verified(ManagerFactory(organisation=school))


@pytest.fixture
def trainer_account(home_page):
    user = verified(UserFactory(email="trainer@example.org", is_staff=True))
    user.groups.add(trainer_group_ensure())
    return user


def test_a_learner_lands_on_my_learning(client, home_page, learner_account):
    assert log_in(client, learner_account) == reverse("organisations:my_learning") == "/leren/"


def test_someone_without_an_organisation_lands_on_my_learning(client, home_page):
    user = verified(UserFactory(email="los@example.org"))
    assert log_in(client, user) == "/leren/"


def test_a_manager_lands_on_the_organisations_dashboard(client, home_page, manager_account, school):
    assert log_in(client, manager_account) == reverse("organisations:dashboard", args=[school.slug])


def test_a_manager_of_two_organisations_lands_on_the_list_of_both(
    client, home_page, manager_account
):
    other = OrganisationFactory(slug="taxi", teams=())
    Membership.objects.create(
        user=manager_account, organisation=other, role=Membership.Role.MANAGER
    )
    assert log_in(client, manager_account) == reverse("organisations:manager_home")


def test_a_trainer_lands_in_the_admin(client, trainer_account):
    assert log_in(client, trainer_account) == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_platform_administrator_lands_in_the_admin(client, home_page):
    admin = verified(UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True))
    assert log_in(client, admin) == "/admin/"


@pytest.mark.parametrize("role", ["learner_account", "manager_account", "trainer_account"])
def test_a_safe_next_wins_for_every_role(client, home_page, role, request):
    user = request.getfixturevalue(role)
    assert log_in(client, user, next_url="/hulp-en-melden/") == "/hulp-en-melden/"


@pytest.mark.parametrize("role", ["learner_account", "manager_account", "trainer_account"])
def test_an_unsafe_next_is_ignored(client, home_page, role, request, school):
    user = request.getfixturevalue(role)
    expected = {
        "learner_account": "/leren/",
        "manager_account": reverse("organisations:dashboard", args=[school.slug]),
        "trainer_account": "/admin/",
    }[role]
    assert log_in(client, user, next_url="https://elders.example.org/") == expected


def test_the_login_form_fills_in_the_address_a_link_carries(client, home_page):
    html = client.get(reverse("account_login") + "?email=nieuw@example.org").content.decode()
    assert 'value="nieuw@example.org"' in html
    html = client.get(reverse("account_login") + "?email=geen-adres").content.decode()
    assert 'value="geen-adres"' not in html


# The context processor behind the header's link


def processed(user):
    request = RequestFactory().get("/")
    request.user = user
    return request, manager_links(request)["manager_dashboard_url"]


def test_a_visitor_gets_no_manager_link_and_costs_no_query():
    from django.contrib.auth.models import AnonymousUser

    with CaptureQueriesContext(connection) as queries:
        _request, url = processed(AnonymousUser())
    assert url is None
    assert len(queries) == 0


def test_a_learner_gets_no_manager_link(learner_account):
    _request, url = processed(learner_account)
    assert not url
    assert url == None  # noqa: E711 - the value is lazy: it equals None, it is not None


def test_a_manager_gets_the_dashboard_for_one_query_per_request(manager_account, school):
    request, url = processed(manager_account)
    with CaptureQueriesContext(connection) as queries:
        assert url == reverse("organisations:dashboard", args=[school.slug])
        # A second template rendered for the same request reads nothing again.
        again = manager_links(request)["manager_dashboard_url"]
        assert str(again) == str(url)
    assert len(queries) == 1


def test_every_template_rendered_for_a_request_has_the_link(client, manager_account, school):
    request, _url = processed(manager_account)
    template = engines["django"].from_string(
        '{% if manager_dashboard_url %}<a href="{{ manager_dashboard_url }}">x</a>{% endif %}'
    )
    html = template.render({}, request)
    assert html == f'<a href="{reverse("organisations:dashboard", args=[school.slug])}">x</a>'
    learner_request, _url = processed(UserFactory(email="los@example.org"))
    assert template.render({}, learner_request) == ""
