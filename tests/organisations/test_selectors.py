import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate
from courses.services import lesson_complete
from organisations.models import Membership
from organisations.selectors import (
    DASHBOARD_PAGE_SIZE,
    DashboardFilters,
    Status,
    learner_assignments,
    manager_dashboard,
    region_for_user,
)
from tests.factories import AssignmentFactory, MembershipFactory, complete_course
from website.models import Region

pytestmark = pytest.mark.django_db


def _queries(work) -> int:
    with CaptureQueriesContext(connection) as context:
        work()
    return len(context.captured_queries)


def _populate(organisation, course, lessons, count):
    teams = list(organisation.teams.all())
    memberships = MembershipFactory.create_learners(organisation, count)
    for index, membership in enumerate(memberships):
        membership.team = teams[index % len(teams)]
        membership.save()
        if index % 3 == 0:
            lesson_complete(user=membership.user, lesson=lessons[0], course=course)
        if index % 5 == 0:
            complete_course(membership.user, lessons, course)
    return memberships


def test_the_dashboard_costs_the_same_queries_for_20_and_200_learners(
    client, organisation, other_organisation, manager, other_manager, course, lessons
):
    AssignmentFactory(organisation=organisation, course=course)
    AssignmentFactory(organisation=other_organisation, course=course)
    AssignmentFactory(
        organisation=organisation, course=course, team=organisation.teams.first(), due_in_days=3
    )
    _populate(organisation, course, lessons, 20)
    _populate(other_organisation, course, lessons, 200)

    # The whole page, template included, so that no lazy attribute hides a query per row.
    def page_queries(org, manager) -> int:
        client.force_login(manager)
        url = reverse("organisations:dashboard", args=[org.slug])
        client.get(url)  # warm the session, site and settings caches
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    small = page_queries(organisation, manager)
    large = page_queries(other_organisation, other_manager)
    assert small == large
    dashboard = manager_dashboard(organisation=other_organisation)
    assert len(dashboard.rows) == DASHBOARD_PAGE_SIZE
    assert dashboard.page.paginator.count == 200
    assert sum(total.people for total in dashboard.totals) == 200


def test_the_dashboard_shows_a_page_of_people_and_totals_for_everyone(
    organisation, course, lessons
):
    AssignmentFactory(organisation=organisation, course=course)
    memberships = _populate(organisation, course, lessons, DASHBOARD_PAGE_SIZE + 10)
    everyone = {membership.user_id for membership in memberships}

    first = manager_dashboard(organisation=organisation, page_number=1)
    last = manager_dashboard(organisation=organisation, page_number=2)
    beyond = manager_dashboard(organisation=organisation, page_number="99")

    shown = {row.membership.user_id for row in first.rows + last.rows}
    assert shown == everyone
    assert len(last.rows) == 10
    assert [row.membership.pk for row in beyond.rows] == [row.membership.pk for row in last.rows]
    for dashboard in (first, last):
        assert sum(total.people for total in dashboard.totals) == len(everyone)
    # The status filter works over everyone, not over the page shown.
    completed = manager_dashboard(
        organisation=organisation, filters=DashboardFilters(status=Status.COMPLETED)
    )
    done = [row for row in first.rows + last.rows if row.has_status(Status.COMPLETED)]
    assert completed.page.paginator.count == len(done) > 0
    assert all(row.has_status(Status.COMPLETED) for row in completed.rows)


def test_status_per_learner_and_totals_per_team(organisation, course, lessons):
    today = datetime.date.today()
    team_a, team_b = organisation.teams.order_by("name")
    done = MembershipFactory(
        organisation=organisation, user__email="klaar@example.org", team=team_a
    )
    busy = MembershipFactory(
        organisation=organisation, user__email="bezig@example.org", team=team_a
    )
    MembershipFactory(organisation=organisation, user__email="niets@example.org", team=team_b)
    complete_course(done.user, lessons, course)
    lesson_complete(user=busy.user, lesson=lessons[0], course=course)
    AssignmentFactory(organisation=organisation, course=course, due_in_days=5, today=today)

    dashboard = manager_dashboard(organisation=organisation)
    statuses = {row.user.email: row.cells[0].status for row in dashboard.rows}
    assert statuses == {
        "klaar@example.org": Status.COMPLETED,
        "bezig@example.org": Status.IN_PROGRESS,
        "niets@example.org": Status.NOT_STARTED,
    }
    totals = {total.name: (total.people, total.completed) for total in dashboard.totals}
    assert totals == {team_a.name: (2, 1), team_b.name: (1, 0)}

    # Time passes: the due date, then the certificate's end (the grid kept between views
    # must not hide either).
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
        dashboard = manager_dashboard(organisation=organisation)
    statuses = {row.user.email: row.cells[0].status for row in dashboard.rows}
    assert statuses["bezig@example.org"] == Status.OVERDUE
    assert statuses["klaar@example.org"] == Status.COMPLETED

    expires_at = Certificate.objects.get().expires_at
    with time_machine.travel(expires_at + datetime.timedelta(seconds=1)):
        dashboard = manager_dashboard(organisation=organisation)
    assert {row.user.email: row.cells[0].status for row in dashboard.rows}[
        "klaar@example.org"
    ] == Status.EXPIRED


def test_filters_and_search(organisation, course, lessons):
    team = organisation.teams.first()
    MembershipFactory(
        organisation=organisation,
        user__email="a@example.org",
        user__first_name="Fatima",
        user__last_name="Bakker",
        team=team,
    )
    MembershipFactory(
        organisation=organisation,
        user__email="b@example.org",
        user__first_name="Joost",
        user__last_name="Visser",
    )
    done = MembershipFactory(
        organisation=organisation,
        user__email="c@example.org",
        user__first_name="Eva",
        user__last_name="Smit",
    )
    complete_course(done.user, lessons, course)
    AssignmentFactory(organisation=organisation, course=course)

    def emails(**filters):
        dashboard = manager_dashboard(
            organisation=organisation, filters=DashboardFilters(**filters)
        )
        return sorted(row.user.email for row in dashboard.rows)

    assert emails(search="bakk") == ["a@example.org"]
    assert emails(team=team) == ["a@example.org"]
    assert emails(status=Status.COMPLETED) == ["c@example.org"]
    assert emails(status=Status.NOT_STARTED) == ["a@example.org", "b@example.org"]
    assert emails(course=course) == ["a@example.org", "b@example.org", "c@example.org"]


def test_managers_are_not_listed_as_learners(organisation, manager, course):
    AssignmentFactory(organisation=organisation, course=course)
    assert manager_dashboard(organisation=organisation).rows == []


def test_learners_see_their_assignments_with_the_earliest_due_date(
    organisation, other_organisation, course, learner
):
    team = organisation.teams.first()
    Membership.objects.create(user=learner, organisation=organisation, team=team)
    Membership.objects.create(user=learner, organisation=other_organisation)
    AssignmentFactory(organisation=organisation, course=course, due_in_days=30)
    AssignmentFactory(organisation=organisation, course=course, team=team, due_in_days=10)
    AssignmentFactory(organisation=other_organisation, course=course, due_in_days=20)
    rows = learner_assignments(user=learner)
    assert len(rows) == 1
    assert rows[0].due_date == datetime.date.today() + datetime.timedelta(days=10)
    assert rows[0].status == Status.NOT_STARTED


def test_the_region_of_the_learners_organisation(organisation, learner):
    assert region_for_user(learner) is None
    region = Region.objects.create(name="Utrecht", slug="utrecht-test")
    organisation.region = region
    organisation.save()
    Membership.objects.create(user=learner, organisation=organisation)
    assert region_for_user(learner) == region


def test_a_status_filter_skips_modules_not_assigned_to_a_person(organisation, course):
    team = organisation.teams.first()
    MembershipFactory(organisation=organisation, user__email="in-team@example.org", team=team)
    MembershipFactory(organisation=organisation, user__email="elders@example.org")
    AssignmentFactory(organisation=organisation, course=course, team=team)
    dashboard = manager_dashboard(
        organisation=organisation, filters=DashboardFilters(status=Status.NOT_STARTED)
    )
    assert [row.user.email for row in dashboard.rows] == ["in-team@example.org"]


def test_statement_answers_compare_with_colleagues_of_the_organisation(organisation, learner):
    from courses.block_state import learner_peers

    assert learner_peers(learner) is None
    colleague = MembershipFactory(organisation=organisation, user__email="collega@example.org").user
    Membership.objects.create(user=learner, organisation=organisation)
    assert set(learner_peers(learner)) == {learner.pk, colleague.pk}


def test_reporting_routes_use_the_region_of_the_learners_organisation(organisation, learner):
    from website.selectors import learner_region

    region = Region.objects.create(name="Utrecht", slug="utrecht-route")
    organisation.region = region
    organisation.save()
    Membership.objects.create(user=learner, organisation=organisation)
    assert learner_region(learner) == region
