import pytest
from django.test import Client

from tests.organisations.factories import manager_create, organisation_create


@pytest.fixture
def learner_client(learner) -> Client:
    client = Client()
    client.force_login(learner)
    return client


@pytest.fixture
def staff_manager(home_page):
    organisation = organisation_create("school")
    client = Client()
    client.force_login(manager_create(organisation))
    return organisation, client
