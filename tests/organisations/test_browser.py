"""The manager area and joining in Chromium: accessible, fits 320 pixels, works without JS."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore
from playwright.sync_api import expect

from tests.factories import (
    AssignmentFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


def logged_in_context(browser, live_server, user, *, javascript=True):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 320, "height": 800}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
    )
    return context


def serious_violations(page) -> list:
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_the_manager_dashboard_is_accessible_and_fits_a_phone(browser, live_server, home_page):

    organisation = OrganisationFactory(slug="school")
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page),
        slug="basis",
        title="De basis: mensenhandel",
    )
    MembershipFactory.create_learners(organisation, 5, team=organisation.teams.first())
    AssignmentFactory(organisation=organisation, course=course, due_in_days=-1)
    context = logged_in_context(browser, live_server, ManagerFactory(organisation=organisation))
    page = context.new_page()
    for path in ("", "toewijzingen/", "uitnodigen/", "importeren/"):
        page.goto(f"{live_server.url}/en/organisatie/school/{path}")
        assert serious_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path

    page.goto(f"{live_server.url}/en/organisatie/school/")
    page.get_by_label("Status").select_option("overdue")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table .organisations-status--overdue")).to_have_count(5)
    context.close()


def test_joining_with_a_code_works_without_javascript(browser, live_server, home_page):

    learner = UserFactory(email="leerling@example.org")
    organisation = OrganisationFactory(slug="school")
    # axe needs JavaScript in the page, so the join page is checked with it first.
    context = logged_in_context(browser, live_server, learner)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/aansluiten/")
    assert serious_violations(page) == []
    context.close()

    context = logged_in_context(browser, live_server, learner, javascript=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/aansluiten/")
    code = organisation.join_code
    page.get_by_label("Join code").fill(f"{code[:4].lower()}-{code[4:].lower()}")
    page.get_by_role("button", name="Join").click()
    assert page.url.endswith("/en/leren/")
    assert organisation.memberships.filter(user=learner).exists()
    context.close()


def test_a_manager_reminds_late_people_without_javascript(browser, live_server, home_page):
    from django.core import mail

    from organisations.models import ManualReminder

    organisation = OrganisationFactory(slug="school")
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="basis", title="De basis"
    )
    learners = MembershipFactory.create_learners(organisation, 3)
    AssignmentFactory(organisation=organisation, course=course, due_in_days=-2)
    manager = ManagerFactory(organisation=organisation)

    context = logged_in_context(browser, live_server, manager)
    page = context.new_page()
    page.goto(f"{live_server.url}/organisatie/school/mensen/{learners[0].pk}/")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()

    context = logged_in_context(browser, live_server, manager, javascript=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/organisatie/school/mensen/{learners[0].pk}/")
    page.get_by_role("button", name="Herinnering sturen").click()
    expect(page.get_by_text("Herinnering verstuurd naar Naam0 Leerling.")).to_be_visible()

    page.goto(f"{live_server.url}/organisatie/school/")
    page.get_by_role("button", name="Stuur deze 3 mensen een herinnering").click()
    expect(
        page.get_by_text(
            "Herinnering verstuurd naar 2 mensen. 1 persoon kreeg vandaag al een herinnering."
        )
    ).to_be_visible()
    assert page.url == f"{live_server.url}/organisatie/school/"
    assert ManualReminder.objects.filter(sent_by=manager).count() == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        membership.user.email for membership in learners
    )
    context.close()
