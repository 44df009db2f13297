"""The status grid kept between dashboard views is never older than the records it shows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Certificate
from courses.services import certificate_revoke, enrolment_restart
from organisations import dashboard_cache
from organisations.selectors import Status, manager_dashboard
from organisations.services import membership_ensure
from tests.factories import AssignmentFactory, MembershipFactory, complete_course

pytestmark = pytest.mark.django_db


def totals(organisation) -> dict:
    return {
        total.name: (total.people, total.assigned, total.completed, total.overdue)
        for total in manager_dashboard(organisation=organisation).totals
    }


def statuses(organisation) -> list[str]:
    return [row.cells[0].status for row in manager_dashboard(organisation=organisation).rows]


@pytest.fixture
def team_of_three(organisation, course):
    AssignmentFactory(organisation=organisation, course=course)
    team = organisation.teams.get(name="Onderbouw")
    return MembershipFactory.create_learners(organisation, 3, team=team)


def test_a_repeat_view_reads_no_enrolment_or_certificate(organisation, team_of_three):
    manager_dashboard(organisation=organisation)

    with CaptureQueriesContext(connection) as queries:
        manager_dashboard(organisation=organisation)

    # The statuses of the people shown and the totals all come from the kept grid.
    record_reads = [
        query["sql"]
        for query in queries.captured_queries
        if "courses_enrolment" in query["sql"] or "courses_certificate" in query["sql"]
    ]
    assert record_reads == []


def test_a_completed_module_shows_at_once(organisation, course, lessons, team_of_three):
    assert totals(organisation)["Onderbouw"] == (3, 3, 0, 0)

    complete_course(team_of_three[0].user, lessons, course)

    assert totals(organisation)["Onderbouw"] == (3, 3, 1, 0)


def test_a_revoked_certificate_and_a_restart_show_at_once(
    organisation, course, lessons, team_of_three
):
    learner = team_of_three[0].user
    complete_course(learner, lessons, course)
    assert Status.COMPLETED in statuses(organisation)

    certificate_revoke(certificate=Certificate.objects.get(user=learner))
    assert Status.COMPLETED not in statuses(organisation)

    enrolment_restart(user=learner, course=course)
    assert Status.IN_PROGRESS in statuses(organisation)


def test_a_new_member_a_team_and_an_assignment_show_at_once(organisation, course, team_of_three):
    assert totals(organisation)["Onderbouw"][0] == 3

    newcomer = MembershipFactory.create_learners(organisation, 1, prefix="nieuw")[0]
    assert sum(people for people, *_rest in totals(organisation).values()) == 4

    membership_ensure(
        user=newcomer.user, organisation=organisation, team=organisation.teams.get(name="Bovenbouw")
    )
    assert totals(organisation)["Bovenbouw"][0] == 1

    bovenbouw = organisation.teams.get(name="Bovenbouw")
    AssignmentFactory(organisation=organisation, course=course, due_in_days=-1, team=bovenbouw)
    assert totals(organisation)["Bovenbouw"] == (1, 1, 0, 1)  # now overdue


def test_a_grid_is_kept_no_longer_than_until_its_first_certificate_expires(
    organisation, course, lessons, team_of_three
):
    learner = team_of_three[0].user
    complete_course(learner, lessons, course)
    soon = timezone.now() + datetime.timedelta(seconds=90)
    Certificate.objects.filter(user=learner).update(expires_at=soon)

    seconds = dashboard_cache._seconds_kept([learner.pk], [course.pk])

    assert 0 < seconds <= 90
    assert dashboard_cache._seconds_kept([], [course.pk]) == dashboard_cache.GRID_SECONDS
