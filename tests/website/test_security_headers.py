import re
from base64 import b64encode
from hashlib import sha256

import pytest

from accounts.models import User

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@pytest.mark.django_db
def test_public_pages_forbid_inline_and_third_party_scripts(client, home_page):
    response = client.get("/")
    directives = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    # The one inline script is the quick exit's guard, allowed by the hash of its text.
    inline = INLINE_SCRIPT.findall(response.content.decode())
    assert len(inline) == 1
    digest = b64encode(sha256(inline[0].encode()).digest()).decode()
    assert directives["script-src"] == f"'self' 'sha256-{digest}'"
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
