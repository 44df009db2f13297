import pytest

from organisations.models import Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_platform_admins_create_an_organisation_with_teams(admin_client):
    url = "/admin/snippets/organisations/organisation/add/"
    assert admin_client.get(url).status_code == 200
    data = {
        "name": "Het Kompas",
        "slug": "het-kompas",
        "kind": "school",
        "region": "",
        "join_code": "",
        "join_code_enabled": "on",
        "teams-TOTAL_FORMS": "2",
        "teams-INITIAL_FORMS": "0",
        "teams-MIN_NUM_FORMS": "0",
        "teams-MAX_NUM_FORMS": "1000",
        "teams-0-name": "Onderbouw",
        "teams-0-ORDER": "1",
        "teams-0-id": "",
        "teams-0-DELETE": "",
        "teams-1-name": "Bovenbouw",
        "teams-1-ORDER": "2",
        "teams-1-id": "",
        "teams-1-DELETE": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="het-kompas")
    assert sorted(organisation.teams.values_list("name", flat=True)) == ["Bovenbouw", "Onderbouw"]
    assert len(organisation.join_code) == 8


def test_a_join_code_with_look_alike_characters_is_refused(admin_client):
    data = {"name": "X", "slug": "x", "kind": "other", "join_code": "OIL01234"}
    data |= {f"teams-{key}": value for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}
    response = admin_client.post("/admin/snippets/organisations/organisation/add/", data)
    assert response.status_code == 200
    assert not Organisation.objects.exists()


def test_a_membership_team_must_belong_to_the_organisation(organisation, other_organisation):
    from django.core.exceptions import ValidationError

    from organisations.models import Membership

    membership = Membership(
        user=UserFactory(email="x@example.org"),
        organisation=organisation,
        team=other_organisation.teams.first(),
    )
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_platform_admins_list_memberships(admin_client, manager):
    response = admin_client.get("/admin/snippets/organisations/membership/")
    assert response.status_code == 200
    assert manager.email in response.content.decode()
