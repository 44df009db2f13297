"""With the production settings, every kind of page carries the security headers.

The settings that production adds are read from `website.settings.production` itself, in a
subprocess with the environment a deployment sets, and applied to the test settings; so a
change in production.py is tested here without copying its values. The site runs behind a
proxy that ends TLS and says so in X-Forwarded-Proto, which is what the client sends.
(`manage.py check --deploy` is run in tests/website/test_settings.py.)
"""

import json
import subprocess
import sys
from base64 import b64encode
from hashlib import sha256
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from accounts.models import User
from website.quick_exit import SCRIPT as QUICK_EXIT_SCRIPT

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_SECURITY_SETTINGS = [
    "DEBUG",
    "MIDDLEWARE",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL",
]
ONE_YEAR = 365 * 24 * 60 * 60
PASSWORD = "een-lang-wachtwoord-2026"
# Referrer policies that never send a path of this site to another site.
PRIVATE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin"}
# Wagtail's editor needs inline scripts (see website/middleware.py); elsewhere only the
# quick exit's guard may run inline, allowed by the hash of its exact text.
ADMIN_SCRIPT_SRC = "'self' 'unsafe-inline'"
QUICK_EXIT_DIGEST = b64encode(sha256(QUICK_EXIT_SCRIPT.encode()).digest()).decode()
PUBLIC_SCRIPT_SRC = f"'self' 'sha256-{QUICK_EXIT_DIGEST}'"


@pytest.fixture(scope="module")
def production_values() -> dict:
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"names = {PRODUCTION_SECURITY_SETTINGS!r}; "
        "print(json.dumps({name: getattr(settings, name) for name in names}))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "k7Gq2xV9pLmN4rTz8wYb3cHs6dJf1eUa5iOo0PgQvRlSnXtZyWuBe-_HkMjCd",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_values, home_page):
    """The test settings with production's security settings on top."""
    for name, value in production_values.items():
        setattr(settings, name, value)
    return production_values


def https_client() -> Client:
    return Client(headers={"X-Forwarded-Proto": "https"})


@pytest.fixture
def learner(db) -> User:
    user = User.objects.create_user(email="leerling@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def admin(db) -> User:
    return User.objects.create_superuser(email="admin@example.org", password=PASSWORD)


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )


def test_production_really_differs_from_the_test_settings(production_values):
    """The fixture applies what production sets, not what the tests already had."""
    assert production_values["DEBUG"] is False
    assert production_values["SECURE_SSL_REDIRECT"] is True
    assert production_values["SESSION_COOKIE_SECURE"] is True
    assert production_values["CSRF_COOKIE_SECURE"] is True
    assert production_values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(production):
    response = Client().get("/leren/", follow=False)
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/leren/"
    # No HSTS over plain HTTP: a man in the middle could have added it.
    assert "Strict-Transport-Security" not in response


def _page(production, who, path, learner, admin):
    client = https_client()
    if who == "learner":
        client.force_login(learner)
    elif who == "admin":
        client.force_login(admin)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


PAGES = [
    ("public page", None, "/"),
    ("public page in English", None, "/en/"),
    ("login page", None, "/account/login/"),
    ("logged-in page", "learner", "/leren/"),
    ("logged-in page with data", "learner", "/mijn-gegevens/"),
    ("admin login", None, "/admin/login/"),
    ("admin", "admin", "/admin/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who,path", [page[1:] for page in PAGES], ids=[p[0] for p in PAGES])
def test_every_kind_of_page_carries_the_security_headers(production, learner, admin, who, path):
    response = _page(production, who, path, learner, admin)

    hsts = dict(
        (item.strip().split("=", 1) + [""])[:2]
        for item in response["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= ONE_YEAR
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in PRIVATE_REFERRER_POLICIES
    assert response["X-Frame-Options"] == "DENY"

    policy = directives(response)
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    expected = ADMIN_SCRIPT_SRC if path.startswith("/admin/") else PUBLIC_SCRIPT_SRC
    assert policy["script-src"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        # Near misses: only the admin itself gets the exception, not look-alike addresses.
        "/en/admin/",
        "/administratie/",
        "/admin",
        "/documents/1/x.pdf",
        "/quiz/trainer/marking/",
    ],
)
def test_the_inline_script_exception_is_the_admin_only(production, admin, path):
    client = https_client()
    client.force_login(admin)
    response = client.get(path)
    assert directives(response)["script-src"] == PUBLIC_SCRIPT_SRC, (path, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,path",
    [("learner", "/leren/"), ("learner", "/mijn-gegevens/"), ("admin", "/admin/")],
)
def test_logged_in_pages_are_never_stored(production, learner, admin, who, path):
    response = _page(production, who, path, learner, admin)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_session_and_csrf_cookies_only_travel_over_https(production, learner):
    client = https_client()
    form = client.get("/account/login/")
    csrf_cookie = form.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True

    response = client.post("/account/login/", {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
