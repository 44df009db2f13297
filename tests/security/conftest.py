import pytest
from django.test import Client

from tests.factories import ManagerFactory, OrganisationFactory


@pytest.fixture
def learner_client(learner) -> Client:
    client = Client()
    client.force_login(learner)
    return client


@pytest.fixture
def staff_manager(home_page):
    organisation = OrganisationFactory(slug="school")
    client = Client()
    client.force_login(ManagerFactory(organisation=organisation))
    return organisation, client
