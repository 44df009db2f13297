"""An invitation link belongs to the person it was sent to, whoever else opens it."""

import html as html_module
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from organisations.models import Invitation, Membership
from organisations.services import InvitationForSomeoneElse, invitation_accept, invitation_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/\S*account/confirm-email/\S+/)")


@pytest.fixture
def invitation(organisation, manager):
    return Invitation.objects.create(
        organisation=organisation,
        email="Nieuw@Example.org",
        team=organisation.teams.first(),
        invited_by=manager,
    )


@pytest.fixture
def url(invitation):
    return reverse("organisations:invitation_accept", args=[invitation_token(invitation)])


def unused(invitation) -> bool:
    invitation.refresh_from_db()
    return invitation.accepted_at is None


def test_another_account_is_told_whose_invitation_it_is_and_it_stays_unused(
    client, home_page, invitation, url
):
    client.force_login(UserFactory(email="doorgestuurd@example.org"))

    for method in ("get", "post"):
        response = getattr(client, method)(url)
        html = response.content.decode()
        assert response.status_code == 403
        assert (
            "Deze uitnodiging is voor Nieuw@Example.org. Log uit en log in met dat adres, of "
            "vraag je leidinggevende om een nieuwe uitnodiging." in html
        )
        assert 'action="/account/logout/"' in html
    assert unused(invitation)
    assert not Membership.objects.filter(user__email="doorgestuurd@example.org").exists()


def test_the_invitee_joins_whatever_the_capitals_of_the_address(client, home_page, invitation, url):
    invitee = UserFactory(email="nieuw@example.org")
    client.force_login(invitee)

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    assert Membership.objects.get(user=invitee).team == invitation.team
    assert not unused(invitation)


def test_a_verified_second_address_of_the_account_counts_and_an_unverified_one_does_not(
    client, home_page, invitation, url
):
    user = UserFactory(email="werk@example.org")
    address = EmailAddress.objects.create(user=user, email="nieuw@example.org", verified=False)
    client.force_login(user)
    assert client.post(url).status_code == 403
    assert unused(invitation)

    address.verified = True
    address.save()
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(user=user).exists()


def test_the_service_refuses_any_other_account(invitation):
    with pytest.raises(InvitationForSomeoneElse):
        invitation_accept(invitation=invitation, user=UserFactory(email="ander@example.org"))
    assert unused(invitation)


def test_a_visitor_is_led_to_sign_up_or_log_in_with_the_invited_address(
    client, home_page, invitation, url
):
    response = client.get(url)
    assert response.status_code == 200
    links = {
        urlsplit(link).path: parse_qs(urlsplit(link).query)
        for link in map(
            html_module.unescape, re.findall(r'href="([^"]+\?[^"]+)"', response.content.decode())
        )
    }
    expected = {"email": ["Nieuw@Example.org"], "next": [url]}
    assert links[reverse("account_signup")] == expected
    assert links[reverse("account_login")] == expected

    signup = client.get(reverse("account_signup"), expected).content.decode()
    assert 'value="Nieuw@Example.org"' in signup
    login = client.get(reverse("account_login"), expected).content.decode()
    assert 'value="Nieuw@Example.org"' in login

    # A visitor's POST joins nobody: it leads to the login page, and back.
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [url]
    assert unused(invitation)


def test_a_visitor_signs_up_confirms_and_comes_back_to_the_invitation(
    client, home_page, invitation, url
):
    password = "een-lang-wachtwoord-2026"
    response = client.post(
        f"{reverse('account_signup')}?next={url}",
        {
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "nieuw@example.org",
            "password1": password,
            "password2": password,
            "next": url,
        },
    )
    assert response.status_code == 302
    confirm = CONFIRM_LINK.search(mail.outbox[-1].body).group(1)
    response = client.post(confirm)

    assert response.status_code == 302
    assert response["Location"] == url
    assert client.post(url).status_code == 302
    assert Membership.objects.filter(
        user__email="nieuw@example.org", organisation=invitation.organisation
    ).exists()


def test_the_wrong_account_logs_out_and_sees_the_invitation_again(
    client, home_page, invitation, url
):
    client.force_login(UserFactory(email="doorgestuurd@example.org"))
    response = client.post(reverse("account_logout"), {"next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    visitor_page = client.get(url).content.decode()
    assert f'href="{reverse("account_signup")}?email=' in visitor_page
    assert unused(invitation)
