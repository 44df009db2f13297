import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User

PASSWORD = "een-lang-wachtwoord-2026"


def signup(client, email="nieuw@example.org"):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Fatima",
            "last_name": "Yilmaz",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


@pytest.mark.django_db
def test_user_logs_in_with_email_and_has_no_username():
    user = User.objects.create_user(email="Docent@Example.org", password=PASSWORD)
    assert user.email == "docent@example.org"
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None


@pytest.mark.django_db
def test_signup_creates_an_unverified_account_and_mails_a_confirmation_link(client, home_page):
    response = signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert (user.first_name, user.last_name) == ("Fatima", "Yilmaz")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "nieuw@example.org" in mail.outbox[0].to


@pytest.mark.django_db
def test_confirmation_link_verifies_the_address_and_logs_in(client, home_page):
    signup(client)
    link = re.search(
        r"https?://[^/\s]+(/\S*/account/confirm-email/\S+/|/account/confirm-email/\S+/)",
        mail.outbox[0].body,
    )
    assert link is not None, mail.outbox[0].body
    confirm_path = link.group(1)

    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nieuw@example.org").verified
    assert client.get(reverse("account_email")).status_code == 200


@pytest.mark.django_db
def test_signup_mail_is_in_dutch(client, home_page):
    signup(client)
    assert "Bevestig" in mail.outbox[0].subject or "bevestig" in mail.outbox[0].body


@pytest.mark.django_db
def test_verified_user_logs_in_and_out(client, home_page):
    user = User.objects.create_user(email="docent@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    response = client.post(
        reverse("account_login"), {"login": "docent@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_password_shows_a_message_not_an_error(client, home_page):
    User.objects.create_user(email="docent@example.org", password=PASSWORD)
    with translation.override("en"):
        response = client.post(
            reverse("account_login"), {"login": "docent@example.org", "password": "fout"}
        )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, home_page):
    user = User.objects.create_user(email="docent@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    known = client.post(reverse("account_reset_password"), {"email": "docent@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    reset_mail = [m for m in mail.outbox if "docent@example.org" in m.to]
    assert len(reset_mail) == 1
    assert "/account/password/reset/key/" in reset_mail[0].body


@pytest.mark.django_db
def test_account_pages_render_in_dutch_by_default(client, home_page):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert '<html lang="nl"' in response.content.decode()
    assert "Wachtwoord" in response.content.decode()


@pytest.mark.django_db
def test_a_field_error_is_shown_at_its_field(client, home_page):
    with translation.override("en"):
        response = client.post(
            "/en/account/signup/",
            {
                "first_name": "Fatima",
                "last_name": "Yilmaz",
                "email": "geen-adres",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in html
    assert html.index('id="id_email_error"') < html.index('name="email"')


def test_the_admin_log_in_labels_both_fields_in_dutch(client, django_user_model):
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="nl").text
    labels = [
        " ".join(re.sub(r"<[^>]+>", " ", label).split())
        for label in re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)
    ]

    assert "E-mailadres *" in labels and "Wachtwoord *" in labels
    assert not any("Password" in label for label in labels)


def test_a_trainer_logs_in_to_the_admin(client, django_user_model):
    django_user_model.objects.create_superuser(email="beheer@example.org", password="geheim-123-x")

    response = client.post(
        "/admin/login/", {"username": "beheer@example.org", "password": "geheim-123-x"}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
