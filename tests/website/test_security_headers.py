import pytest

from accounts.models import User


@pytest.mark.django_db
def test_public_pages_forbid_inline_and_third_party_scripts(client, home_page):
    response = client.get("/")
    directives = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_of_logged_in_users_are_not_stored_by_caches(client, home_page):
    user = User.objects.create_user(email="docent@example.org", password="x-long-password")
    client.force_login(user)
    assert "no-store" in client.get("/")["Cache-Control"]


@pytest.mark.django_db
def test_anonymous_pages_may_be_cached(client, home_page):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
