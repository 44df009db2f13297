"""Trainers find live sessions in the admin, and keep sets of statements there."""

import pytest
from django.urls import reverse

from accounts.models import User
from demo.loaders.people import accounts_load
from live.models import StatementSet

pytestmark = pytest.mark.django_db

TRAINER = {
    "key": "trainer",
    "role": "Trainer",
    "email": "ingrid@example.org",
    "password": "schrijf-met-signaal",
    "first_name": "Ingrid",
    "last_name": "Bakker",
    "is_staff": True,
    "trainer": True,
}


@pytest.fixture
def demo_trainer(home_page):
    users = accounts_load([TRAINER])
    return User.objects.get(pk=users["trainer"].pk)


def test_the_demo_trainer_may_run_sessions_and_edit_sets(demo_trainer):
    assert demo_trainer.has_perm("live.run_session")
    assert demo_trainer.has_perm("live.add_statementset")


def test_the_admin_menu_leads_to_live_sessions(client, demo_trainer):
    client.force_login(demo_trainer)
    admin = client.get(reverse("wagtailadmin_home"))
    assert admin.status_code == 200
    assert reverse("live:index") in admin.content.decode()
    assert client.get(reverse("live:index")).status_code == 200


def test_a_trainer_makes_a_set_of_statements_in_the_admin(client, demo_trainer):
    client.force_login(demo_trainer)
    add = reverse("wagtailsnippets_live_statementset:add")
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "title": "Tien stellingen",
            "statements-count": "1",
            "statements-0-type": "statement",
            "statements-0-deleted": "",
            "statements-0-order": "0",
            "statements-0-value-statement": "Loverboys werken alleen online.",
            "statements-0-value-expert_view": '{"blocks": [{"key": "a", "type": "unstyled", '
            '"text": "Nee.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
            '"entityMap": {}}',
        },
    )
    assert response.status_code == 302
    (statement_set,) = StatementSet.objects.all()
    assert statement_set.statements[0].value["statement"] == "Loverboys werken alleen online."
