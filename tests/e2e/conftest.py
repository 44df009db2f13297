"""Shared pieces of the browser tests: the demo site, logging in, and axe."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.management import call_command
from playwright.sync_api import BrowserContext, Page

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page: Page) -> list[str]:
    """The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page."""
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.fixture
def demo_site(transactional_db) -> None:
    """The demo content, as `make run` serves it, in the test database: in Dutch, as the
    journeys walk it (loading the translations takes most of a full load's time)."""
    call_command("load_demo", "--languages", "nl", stdout=io.StringIO())


def session_cookie_for(user, live_server) -> dict:
    """A session cookie for `user`, to skip the login form where it is not under test."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"name": "sessionid", "value": session.session_key, "url": live_server.url}


def log_in(context: BrowserContext, user, live_server) -> None:
    context.add_cookies([session_cookie_for(user, live_server)])
