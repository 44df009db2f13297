"""Racing requests: a double tap on 'join', a reminder run started twice by cron."""

import pytest

from accounts.models import User
from organisations.models import Invitation, Membership, Organisation, Reminder
from organisations.services import invitation_accept, organisation_join, reminders_send
from tests.courses.test_services import run_at_once
from tests.factories import (
    AssignmentFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    ManagerFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_joining_twice_at_once_makes_one_membership():
    organisation = Organisation.objects.create(name="Race", slug="race")
    user = User.objects.create_user(email="race@example.org")

    errors = run_at_once(6, lambda: organisation_join(user=user, code=organisation.join_code))

    assert errors == []
    assert Membership.objects.filter(user=user).count() == 1


def test_an_invitation_accepted_twice_at_once_is_used_once():
    organisation = Organisation.objects.create(name="Race", slug="race")
    invitation = Invitation.objects.create(organisation=organisation, email="race@example.org")
    invitee = User.objects.create_user(email="race@example.org")
    accepted = []

    def accept():
        if invitation_accept(invitation=invitation, user=invitee) is not None:
            accepted.append(invitee)

    errors = run_at_once(4, accept)

    assert errors == []
    assert len(accepted) == 1
    assert Membership.objects.count() == 1


def test_two_reminder_runs_at_once_send_each_reminder_once(home_page):
    organisation = Organisation.objects.create(name="Race", slug="race")
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="race")
    MembershipFactory.create_learners(organisation, 3)
    AssignmentFactory(organisation=organisation, course=course, due_in_days=2)
    counts = []

    errors = run_at_once(3, lambda: counts.append(reminders_send()))

    assert errors == []
    assert sum(counts) == 3
    assert Reminder.objects.count() == 3


def test_two_managers_reminding_at_once_send_one_email(home_page):
    from django.core import mail

    from organisations.models import ManualReminder
    from organisations.services import manual_reminders_send, manual_reminders_send_overdue

    organisation = Organisation.objects.create(name="Race", slug="race")
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="race")
    learner = MembershipFactory.create_learners(organisation, 1)[0]
    assignment = AssignmentFactory(organisation=organisation, course=course, due_in_days=-2)
    managers = [
        ManagerFactory(organisation=organisation, email=f"manager{i}@example.org") for i in range(4)
    ]
    sent = []

    def remind():
        manager = managers.pop()
        # Half of them press 'everyone who is late', the other half this one person.
        if manager.email in ("manager0@example.org", "manager2@example.org"):
            outcome = manual_reminders_send_overdue(assignment=assignment, sent_by=manager)
        else:
            outcome = manual_reminders_send(
                assignment=assignment, memberships=[learner], sent_by=manager
            )
        sent.extend(outcome.sent)

    errors = run_at_once(4, remind)

    assert errors == []
    assert len(sent) == 1
    assert ManualReminder.objects.count() == 1
    assert [message.to for message in mail.outbox] == [[learner.user.email]]
