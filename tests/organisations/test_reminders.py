import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from courses.models import Certificate
from organisations.models import Reminder
from organisations.services import reminders_send
from tests.factories import AssignmentFactory, MembershipFactory, complete_course

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def at(days: int):
    return time_machine.travel(START + datetime.timedelta(days=days), tick=False)


@pytest.fixture
def setup(organisation, course):
    with at(0):
        learners = MembershipFactory.create_learners(organisation, 2)
        assignment = AssignmentFactory(
            organisation=organisation, course=course, due_in_days=14, today=START.date()
        )
    return learners, assignment


def sent_to():
    return sorted(message.to[0] for message in mail.outbox)


def test_nothing_is_sent_long_before_the_due_date(setup):
    with at(1):
        call_command("send_reminders", stdout=None)
    assert mail.outbox == []


def test_a_reminder_goes_out_before_the_due_date_once_per_learner(setup):
    learners, _assignment = setup
    with at(8):
        assert reminders_send() == 2
    with at(9):
        assert reminders_send() == 0
    assert sent_to() == sorted(m.user.email for m in learners)
    assert all("Basis" in message.subject for message in mail.outbox)


def test_overdue_learners_get_one_more_reminder(setup):
    with at(8):
        reminders_send()
    with at(15):
        assert reminders_send() == 2
    with at(30):
        assert reminders_send() == 0
    stages = Reminder.objects.values_list("stage", flat=True)
    assert sorted(stages) == ["before_due"] * 2 + ["overdue"] * 2
    assert len(mail.outbox) == 4


def test_learners_who_completed_get_no_reminder(setup, course, lessons):
    learners, _assignment = setup
    with at(2):
        complete_course(learners[0].user, lessons, course)
    with at(8):
        reminders_send()
    with at(20):
        reminders_send()
    assert sent_to() == [learners[1].user.email, learners[1].user.email]


def test_a_team_assignment_reminds_only_that_team(organisation, course):
    team = organisation.teams.first()
    with at(0):
        in_team = MembershipFactory.create_learners(organisation, 1, prefix="team", team=team)
        MembershipFactory.create_learners(organisation, 1, prefix="ander")
        AssignmentFactory(
            organisation=organisation, course=course, team=team, due_in_days=3, today=START.date()
        )
        reminders_send()
    assert sent_to() == [in_team[0].user.email]


def test_moving_the_due_date_allows_new_reminders(setup, course, organisation, manager):
    from organisations.services import assignment_save

    learners, assignment = setup
    with at(8):
        reminders_send()
        assignment_save(
            organisation=organisation,
            course=course,
            team=None,
            due_date=START.date() + datetime.timedelta(days=12),
            created_by=manager,
        )
        assert reminders_send() == 2


def test_a_certificate_holder_is_reminded_once_before_it_expires(organisation, course, lessons):
    with at(0):
        learner = MembershipFactory.create_learners(organisation, 1)[0].user
        complete_course(learner, lessons, course)
    certificate = Certificate.objects.get()
    expires = certificate.expires_at
    with time_machine.travel(expires - datetime.timedelta(days=40), tick=False):
        assert reminders_send() == 0
    with time_machine.travel(expires - datetime.timedelta(days=20), tick=False):
        assert reminders_send() == 1
    with time_machine.travel(expires - datetime.timedelta(days=10), tick=False):
        assert reminders_send() == 0
    assert sent_to() == [learner.email]
    assert Reminder.objects.get().stage == Reminder.Stage.CERTIFICATE_EXPIRY
