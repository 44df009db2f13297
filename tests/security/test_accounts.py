"""Login and password reset resist guessing and do not reveal who has an account."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User

PASSWORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def account(db) -> User:
    user = User.objects.create_user(email="docent@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_repeated_failed_logins_for_one_account_are_throttled(client, home_page, account):
    with translation.override("en"):
        for attempt in range(6):
            response = client.post(
                reverse("account_login"), {"login": account.email, "password": f"fout-{attempt}"}
            )
        assert "Too many failed login attempts" in str(response.context["form"].non_field_errors())

        # While the account is throttled even the right password does not get in.
        client.post(reverse("account_login"), {"login": account.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failed_login_says_the_same_for_unknown_and_known_addresses(client, home_page, account):
    known = client.post(reverse("account_login"), {"login": account.email, "password": "fout"})
    unknown = client.post(
        reverse("account_login"), {"login": "niemand@example.org", "password": "fout"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


@pytest.mark.django_db
def test_password_reset_requests_are_throttled(client, home_page, account):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": account.email}).status_code
        for _ in range(8)
    ]
    assert statuses[0] == 302
    assert 429 in statuses


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example"]
)
def test_login_never_redirects_off_site(client, home_page, account, target):
    response = client.post(
        f"{reverse('account_login')}?next={target}",
        {"login": account.email, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith("//")
    assert "evil.example" not in location


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name,data",
    [
        ("account_login", {"login": "docent@example.org", "password": PASSWORD}),
        (
            "account_signup",
            {"email": "a@example.org", "password1": PASSWORD, "password2": PASSWORD},
        ),
        ("account_reset_password", {"email": "docent@example.org"}),
        ("account_logout", {}),
    ],
)
def test_account_forms_need_a_csrf_token(home_page, account, url_name, data):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse(url_name), data)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_by_get_does_not_log_out(client, home_page, account):
    client.force_login(account)
    client.get(reverse("account_logout"))
    assert client.session.get("_auth_user_id") == str(account.pk)
