"""'Mijn leren' shows a learner's assignments, and managers find their staff overview there."""

import pytest
from django.urls import reverse

from organisations.models import Membership
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def test_learner_dashboard_lists_assignments_with_due_dates(client, organisation, course, learner):
    Membership.objects.create(user=learner, organisation=organisation)
    assignment = AssignmentFactory(organisation=organisation, course=course, due_in_days=10)
    client.force_login(learner)

    html = client.get(reverse("organisations:my_learning")).content.decode()

    assert course.title in html
    assert assignment.due_date.strftime("%Y") in html
    assert reverse("organisations:join") in html
    assert reverse("accounts:privacy") in html
    assert reverse("organisations:dashboard", args=[organisation.slug]) not in html


def test_managers_find_their_staff_overview_on_the_dashboard(client, organisation, manager):
    client.force_login(manager)
    html = client.get(reverse("organisations:my_learning")).content.decode()
    assert reverse("organisations:dashboard", args=[organisation.slug]) in html
