"""A manager nudges a late colleague, or everyone late on an assignment, at most daily."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from organisations.models import ManualReminder, Membership
from organisations.selectors import overdue_assignments
from tests.factories import (
    AssignmentFactory,
    CoursePageFactory,
    LessonPageFactory,
    MembershipFactory,
    complete_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(course_index):
    # Without a certificate, a module is complete once its lessons are done.
    course = CoursePageFactory(
        parent=course_index, slug="kort", title="Kort", certificate_validity_months=0
    )
    return course, LessonPageFactory.create_numbered(course, 2)


@pytest.fixture
def late(organisation, module):
    """Five learners three days past the due date; the first has completed the module."""
    course, lessons = module
    learners = MembershipFactory.create_learners(organisation, 5)
    complete_course(learners[0].user, lessons, course)
    assignment = AssignmentFactory(organisation=organisation, course=course, due_in_days=-3)
    return learners, assignment


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def remind_one(client, organisation, membership, assignment, **data):
    url = reverse(
        "organisations:remind_person", args=[organisation.slug, membership.pk, assignment.pk]
    )
    return client.post(url, data)


def remind_late(client, organisation, assignment, **data):
    url = reverse("organisations:remind_overdue", args=[organisation.slug, assignment.pk])
    return client.post(url, data)


def messages_of(response) -> list[str]:
    """The messages this response added (earlier ones wait unread in the same session)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1:]


def dutch_date(date) -> str:
    with translation.override("nl"):
        return date_format(date, "j F Y")


def test_a_manager_reminds_one_person_and_it_is_recorded_with_the_sender(
    manager_client, manager, organisation, late, django_capture_on_commit_callbacks
):
    learners, assignment = late
    person = learners[1]

    with django_capture_on_commit_callbacks(execute=True):
        response = remind_one(manager_client, organisation, person, assignment)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisations:person", args=[organisation.slug, person.pk]
    )
    assert messages_of(response) == ["Herinnering verstuurd naar Naam1 Leerling."]
    assert [message.to for message in mail.outbox] == [[person.user.email]]
    assert mail.outbox[0].subject == 'Herinnering van Organisatie school: rond "Kort" af'
    assert f"De deadline was {dutch_date(assignment.due_date)}." in mail.outbox[0].body
    assert 'stuurt je een herinnering over de module "Kort"' in mail.outbox[0].body
    reminder = ManualReminder.objects.get()
    assert (reminder.learner, reminder.assignment, reminder.sent_by) == (
        person.user,
        assignment,
        manager,
    )
    assert reminder.sent_on == timezone.localdate()


def test_a_second_reminder_the_same_day_is_refused_with_a_message(
    manager_client, organisation, late, django_capture_on_commit_callbacks
):
    learners, assignment = late
    person = learners[1]
    with django_capture_on_commit_callbacks(execute=True):
        remind_one(manager_client, organisation, person, assignment)
        response = remind_one(manager_client, organisation, person, assignment)

    assert messages_of(response) == [
        "Naam1 Leerling kreeg vandaag al een herinnering over Kort. Morgen kun je weer een "
        "herinnering sturen."
    ]
    assert len(mail.outbox) == 1
    assert ManualReminder.objects.count() == 1

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        with django_capture_on_commit_callbacks(execute=True):
            response = remind_one(manager_client, organisation, person, assignment)
        assert messages_of(response) == ["Herinnering verstuurd naar Naam1 Leerling."]
    assert len(mail.outbox) == 2


def test_nobody_who_completed_the_module_is_reminded(
    manager_client, organisation, late, django_capture_on_commit_callbacks
):
    learners, assignment = late
    with django_capture_on_commit_callbacks(execute=True):
        response = remind_one(manager_client, organisation, learners[0], assignment)

    assert messages_of(response) == [
        "Naam0 Leerling heeft Kort al afgerond. Er is geen herinnering verstuurd."
    ]
    assert mail.outbox == []
    assert not ManualReminder.objects.exists()


def test_everyone_late_is_reminded_at_once_except_who_is_done_or_had_one_today(
    manager_client, manager, organisation, late, django_capture_on_commit_callbacks
):
    learners, assignment = late
    with django_capture_on_commit_callbacks(execute=True):
        remind_one(manager_client, organisation, learners[1], assignment)
        response = remind_late(
            manager_client, organisation, assignment, next=f"/organisatie/{organisation.slug}/?q=x"
        )

    assert messages_of(response) == [
        "Herinnering verstuurd naar 3 mensen. 1 persoon kreeg vandaag al een herinnering."
    ]
    assert response["Location"] == f"/organisatie/{organisation.slug}/?q=x"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        membership.user.email for membership in learners[1:]
    )
    assert set(ManualReminder.objects.values_list("sent_by", flat=True)) == {manager.pk}
    assert not ManualReminder.objects.filter(learner=learners[0].user).exists()

    # Again the same day: nobody gets a second one, and the message says so.
    with django_capture_on_commit_callbacks(execute=True):
        response = remind_late(manager_client, organisation, assignment)
    assert messages_of(response) == [
        "Er is geen herinnering verstuurd. 4 mensen kregen vandaag al een herinnering."
    ]
    assert response["Location"] == reverse("organisations:dashboard", args=[organisation.slug])
    assert len(mail.outbox) == 4


def test_a_team_assignment_reminds_only_that_teams_late_learners(
    manager_client, organisation, module, django_capture_on_commit_callbacks
):
    course, _lessons = module
    team = organisation.teams.first()
    in_team = MembershipFactory.create_learners(organisation, 2, prefix="team", team=team)
    MembershipFactory.create_learners(organisation, 2, prefix="ander")
    assignment = AssignmentFactory(
        organisation=organisation, course=course, team=team, due_in_days=-1
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = remind_late(manager_client, organisation, assignment)

    assert messages_of(response) == ["Herinnering verstuurd naar 2 mensen."]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.user.email for m in in_team)


def test_nobody_is_reminded_before_the_due_date_has_passed(
    manager_client, organisation, module, django_capture_on_commit_callbacks
):
    course, _lessons = module
    MembershipFactory.create_learners(organisation, 2)
    assignment = AssignmentFactory(organisation=organisation, course=course, due_in_days=5)

    with django_capture_on_commit_callbacks(execute=True):
        response = remind_late(manager_client, organisation, assignment)

    assert messages_of(response) == [
        "Niemand is te laat met Kort. Er is geen herinnering verstuurd."
    ]
    assert mail.outbox == []


def test_a_reminder_before_the_due_date_asks_to_complete_it_by_then(
    manager_client, organisation, module, django_capture_on_commit_callbacks
):
    course, _lessons = module
    person = MembershipFactory.create_learners(organisation, 1)[0]
    assignment = AssignmentFactory(organisation=organisation, course=course, due_in_days=5)
    with django_capture_on_commit_callbacks(execute=True):
        remind_one(manager_client, organisation, person, assignment)
    assert f"Rond de module uiterlijk {dutch_date(assignment.due_date)} af." in mail.outbox[0].body


def test_members_and_assignments_of_another_organisation_give_404(
    manager_client, organisation, other_organisation, late, module
):
    learners, assignment = late
    course, _lessons = module
    foreign = MembershipFactory.create_learners(other_organisation, 1, prefix="chauffeur")[0]
    foreign_assignment = AssignmentFactory(
        organisation=other_organisation, course=course, due_in_days=-3
    )
    other_team_assignment = AssignmentFactory(
        organisation=organisation, course=course, team=organisation.teams.first(), due_in_days=-3
    )
    a_manager = MembershipFactory(
        organisation=organisation, user__email="tweede@example.org", role=Membership.Role.MANAGER
    )

    for response in [
        remind_one(manager_client, organisation, foreign, assignment),
        remind_one(manager_client, organisation, learners[1], foreign_assignment),
        remind_one(manager_client, other_organisation, foreign, foreign_assignment),
        # The team assignment does not apply to a learner without that team.
        remind_one(manager_client, organisation, learners[1], other_team_assignment),
        remind_one(manager_client, organisation, a_manager, assignment),
        remind_late(manager_client, organisation, foreign_assignment),
        remind_late(manager_client, other_organisation, foreign_assignment),
    ]:
        assert response.status_code == 404
    assert not ManualReminder.objects.exists()
    assert mail.outbox == []


def test_reminders_are_sent_by_post_with_a_csrf_token_only(manager, organisation, late):
    learners, assignment = late
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    url = reverse(
        "organisations:remind_person", args=[organisation.slug, learners[1].pk, assignment.pk]
    )
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not ManualReminder.objects.exists()


def test_an_unsafe_next_falls_back_to_the_dashboard(manager_client, organisation, late):
    _learners, assignment = late
    response = remind_late(manager_client, organisation, assignment, next="https://elders.example/")
    assert response["Location"] == reverse("organisations:dashboard", args=[organisation.slug])


def test_the_dashboard_offers_a_reminder_per_late_assignment_and_person(
    manager_client, organisation, late
):
    learners, assignment = late
    assert [
        (row.assignment, row.overdue)
        for row in overdue_assignments(organisation=organisation, assignments=[assignment])
    ] == [(assignment, 4)]

    html = manager_client.get(
        reverse("organisations:dashboard", args=[organisation.slug])
    ).content.decode()
    bulk = reverse("organisations:remind_overdue", args=[organisation.slug, assignment.pk])
    assert f'action="{bulk}"' in html
    assert "4 mensen zijn te laat." in html
    assert "Stuur deze 4 mensen een herinnering" in html
    for membership in learners:
        one = reverse(
            "organisations:remind_person",
            args=[organisation.slug, membership.pk, assignment.pk],
        )
        # Only the late ones have a button; the one who is done has none.
        assert (f'action="{one}"' in html) == (membership != learners[0])


def test_the_person_page_shows_the_last_reminder_and_who_sent_it(
    manager_client, manager, organisation, late, django_capture_on_commit_callbacks
):
    learners, assignment = late
    person = learners[1]
    url = reverse("organisations:person", args=[organisation.slug, person.pk])
    action = reverse(
        "organisations:remind_person", args=[organisation.slug, person.pk, assignment.pk]
    )
    assert f'action="{action}"' in manager_client.get(url).content.decode()

    manager.first_name, manager.last_name = "Karim", "El Amrani"
    manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        remind_one(manager_client, organisation, person, assignment)
    html = manager_client.get(url).content.decode()

    assert "door Karim El Amrani" in html
    assert "Vandaag verstuurd. Morgen kan er weer een." in html
    assert f'action="{action}"' not in html
    done_page = manager_client.get(
        reverse("organisations:person", args=[organisation.slug, learners[0].pk])
    ).content.decode()
    assert "organisations:remind_person" not in done_page
    assert "/herinneren/" not in done_page


def test_a_team_assignment_counts_only_its_team_and_one_for_everyone_counts_all(
    organisation, module, course_index
):
    course, lessons = module
    other_course = CoursePageFactory(
        parent=course_index, slug="ander", title="Ander", certificate_validity_months=0
    )
    third_course, later_course = (
        CoursePageFactory(
            parent=course_index, slug=slug, title=slug.title(), certificate_validity_months=0
        )
        for slug in ("derde", "later")
    )
    for extra in (other_course, third_course, later_course):
        LessonPageFactory.create_numbered(extra, 1)
    lower, upper = organisation.teams.order_by("name")
    in_lower = MembershipFactory.create_learners(organisation, 3, prefix="onder", team=lower)
    in_upper = MembershipFactory.create_learners(organisation, 2, prefix="boven", team=upper)
    complete_course(in_lower[0].user, lessons, course)
    everyone = AssignmentFactory(organisation=organisation, course=course, due_in_days=-2)
    upper_only = AssignmentFactory(
        organisation=organisation, course=other_course, team=upper, due_in_days=-1
    )
    lower_only = AssignmentFactory(
        organisation=organisation, course=third_course, team=lower, due_in_days=-4
    )
    not_yet_due = AssignmentFactory(organisation=organisation, course=later_course, due_in_days=5)

    rows = overdue_assignments(
        organisation=organisation, assignments=[everyone, upper_only, lower_only, not_yet_due]
    )

    # Four of five are late on the module for everyone; a team's assignment counts the
    # people of that team only.
    assert [(row.assignment, row.overdue) for row in rows] == [
        (everyone, 4),
        (upper_only, len(in_upper)),
        (lower_only, len(in_lower)),
    ]
