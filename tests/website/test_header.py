"""The header's account links: 'Mijn organisatie' only for someone who manages one."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/organisatie/het-baken-college/"
LINK = re.compile(r'<a class="signaal-nav__link" href="([^"]+)">Mijn organisatie</a>')


def header_for(user, **context) -> str:
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    request.user = user
    return render_to_string(
        "includes/header.html", {"request": request, "user": user, "page": None, **context}
    )


def test_a_manager_gets_a_link_to_the_dashboard_next_to_my_learning(home_page, learner):
    header = header_for(learner, manager_dashboard_url=DASHBOARD)
    assert LINK.findall(header) == [DASHBOARD]
    assert header.index("Mijn leren") < header.index("Mijn organisatie") < header.index("Uitloggen")


@pytest.mark.parametrize("context", [{"manager_dashboard_url": None}, {}], ids=["none", "missing"])
def test_someone_who_manages_nothing_gets_no_link(home_page, learner, context):
    assert "Mijn organisatie" not in header_for(learner, **context)


def test_the_link_is_not_kept_in_the_shared_part_of_the_header(
    home_page, learner, django_user_model
):
    other = django_user_model.objects.create_user(email="collega@example.org")
    header_for(learner, manager_dashboard_url=DASHBOARD)
    assert "Mijn organisatie" not in header_for(other, manager_dashboard_url=None)
    assert LINK.findall(header_for(other, manager_dashboard_url="/organisatie/ander/")) == [
        "/organisatie/ander/"
    ]
