import pytest

from organisations.models import Organisation

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
