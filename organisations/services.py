"""Writes for organisations: joining, invitations, staff imports, assignments and reminders.

Every function is safe to call twice and when two requests race: unique constraints decide
and the loser of an insert race reads the winner's row.
"""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import OuterRef
from django.utils import timezone

from accounts.models import User
from courses.models import Certificate, CoursePage, Enrolment
from courses.selectors import enrolment_status_map

from .dashboard_cache import organisations_changed
from .models import (
    Assignment,
    Invitation,
    ManualReminder,
    Membership,
    Organisation,
    Reminder,
    Team,
)
from .selectors import Status, due_dates_for, status_for
from .tasks import added_email, invitation_email, manual_reminder_email, reminder_email

INVITATION_SALT = "organisations.invitation"
JOIN_MAX_FAILURES = 10
JOIN_FAILURE_WINDOW_SECONDS = 15 * 60
INVITATION_MAX_AGE = datetime.timedelta(days=14)

# A learner hears about a deadline this many days before it, and once more when it passed.
REMINDER_DAYS_BEFORE_DUE = 7
# A certificate holder hears this many days before the certificate expires.
CERTIFICATE_REMINDER_DAYS = 30


def _get_or_create(model, *, defaults=None, **lookup):
    """`get_or_create` that also recovers when a concurrent request inserted the row first."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(defaults=defaults, **lookup)
    except IntegrityError:
        return model.objects.get(**lookup), False


# Join codes


def join_code_normalise(code: str) -> str:
    """Upper case without spaces or dashes, so 'abcd-efgh' and 'ABCD EFGH' both work."""
    return "".join(ch for ch in code.upper() if ch not in " -_.")[:32]


def join_attempts_exhausted(*, user) -> bool:
    """Count a failed code for this person; True once they tried too many in a short time.

    Codes are short enough to type on a phone, so guessing is slowed down here. The count
    lives in the shared cache, so it holds across servers.
    """
    key = f"organisations:join-failures:{user.pk}"
    cache.add(key, 0, timeout=JOIN_FAILURE_WINDOW_SECONDS)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=JOIN_FAILURE_WINDOW_SECONDS)
        failures = 1
    return failures > JOIN_MAX_FAILURES


def join_blocked(*, user) -> bool:
    return cache.get(f"organisations:join-failures:{user.pk}", 0) >= JOIN_MAX_FAILURES


def organisation_join(*, user, code: str) -> tuple[Membership | None, bool]:
    """Join the organisation whose code this is, as a learner.

    Returns (membership, created); (None, False) when no organisation accepts the code.
    """
    code = join_code_normalise(code)
    organisation = Organisation.objects.filter(join_code=code, join_code_enabled=True).first()
    if organisation is None:
        return None, False
    return membership_ensure(user=user, organisation=organisation)


def membership_ensure(
    *,
    user,
    organisation: Organisation,
    role: str = Membership.Role.LEARNER,
    team: Team | None = None,
) -> tuple[Membership, bool]:
    """Make the person a member; an existing membership keeps its role and gains a team."""
    membership, created = _get_or_create(
        Membership, user=user, organisation=organisation, defaults={"role": role, "team": team}
    )
    if not created and team is not None and membership.team_id is None:
        Membership.objects.filter(pk=membership.pk, team__isnull=True).update(team=team)
        organisations_changed([organisation.pk])
        membership.team = team
    return membership, created


# Invitations


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT)


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation behind a token, or None when forged, expired or used."""
    try:
        data = signing.loads(
            token[:500], salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE.total_seconds()
        )
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("organisation", "team")
        .filter(pk=data.get("i"), email=data.get("e"), accepted_at__isnull=True)
        .first()
    )


def invitation_send(
    *, organisation: Organisation, email: str, team: Team | None, invited_by, accept_url
) -> Invitation:
    """Create or renew the invitation for this address and e-mail the link.

    `accept_url` turns a token into an absolute link; it comes from the request.
    """
    email = email.strip().lower()
    invitation, created = _get_or_create(
        Invitation,
        organisation=organisation,
        email=email,
        defaults={"team": team, "invited_by": invited_by},
    )
    if not created:
        invitation.team = team
        invitation.invited_by = invited_by
        invitation.created_at = timezone.now()
        invitation.accepted_at = None
        invitation.save(update_fields=["team", "invited_by", "created_at", "accepted_at"])
    link = accept_url(invitation_token(invitation))
    transaction.on_commit(lambda: invitation_email.enqueue(invitation_id=invitation.pk, link=link))
    return invitation


class InvitationForSomeoneElse(Exception):
    """The account is not the one the invitation was sent to: a forwarded link, say."""


def invitation_is_for(invitation: Invitation, user) -> bool:
    """Whether the invitation was sent to this account: its address, or another address of
    the account that was verified, compared without regard to capitals."""
    if not user.is_authenticated:
        return False
    if user.email.lower() == invitation.email.lower():
        return True
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def invitation_accept(*, invitation: Invitation, user) -> Membership | None:
    """Use an invitation once: the invitee becomes a learner in its organisation and team.

    Returns None when it was already used; raises InvitationForSomeoneElse for any other
    account, and the invitation stays open for the person it was sent to.
    """
    if not invitation_is_for(invitation, user):
        raise InvitationForSomeoneElse
    with transaction.atomic():
        used = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        if not used:
            return None
        membership, _created = membership_ensure(
            user=user, organisation=invitation.organisation, team=invitation.team
        )
    return membership


# Staff import


def staff_import(*, organisation: Organisation, rows: list) -> list[Membership]:
    """Add every row (first and last name, e-mail, team name) as a learner, all in one
    transaction.

    People without an account get one without a password; they sign in with a code sent to
    their address or set a password through the reset page.
    """
    teams = {team.name.casefold(): team for team in organisation.teams.all()}
    memberships = []
    with transaction.atomic():
        for row in rows:
            user = User.objects.filter(email__iexact=row.email).first()
            if user is None:
                user = User.objects.create_user(
                    email=row.email, first_name=row.first_name, last_name=row.last_name
                )
                EmailAddress.objects.get_or_create(
                    user=user, email=user.email, defaults={"primary": True, "verified": False}
                )
            membership, created = membership_ensure(
                user=user, organisation=organisation, team=teams.get(row.team.casefold())
            )
            if created:
                memberships.append(membership)
        for membership in memberships:
            transaction.on_commit(lambda pk=membership.pk: added_email.enqueue(membership_id=pk))
    return memberships


# Assignments


def assignment_save(
    *, organisation: Organisation, course: CoursePage, team: Team | None, due_date, created_by
) -> Assignment:
    """Assign a module to the organisation or one team; assigning again moves the due date."""
    if team is not None and team.organisation_id != organisation.pk:
        raise ValueError("The team belongs to another organisation.")
    assignment, created = _get_or_create(
        Assignment,
        organisation=organisation,
        team=team,
        course=course,
        defaults={"due_date": due_date, "created_by": created_by},
    )
    if not created and assignment.due_date != due_date:
        assignment.due_date = due_date
        assignment.save(update_fields=["due_date"])
        # A new deadline deserves its own reminders.
        assignment.reminders.all().delete()
    return assignment


def assignment_delete(*, organisation: Organisation, assignment_id: int) -> bool:
    deleted, _details = Assignment.objects.filter(
        organisation=organisation, pk=assignment_id
    ).delete()
    return bool(deleted)


# Reminders


def _reminder_record(**lookup) -> Reminder | None:
    """Record that a reminder goes out; None when this stage was already sent."""
    reminder, created = _get_or_create(Reminder, **lookup)
    return reminder if created else None


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue every reminder that is due today, each stage once; returns how many.

    Deadline reminders go to learners who have not completed the module; certificate
    reminders go for the current round's certificate of a module, before it expires.
    """
    today = today or timezone.localdate()
    reminders = []
    soon = today + datetime.timedelta(days=REMINDER_DAYS_BEFORE_DUE)
    assignments = (
        Assignment.objects.filter(due_date__lte=soon)
        .select_related("course", "organisation")
        .order_by("pk")
    )
    for assignment in assignments:
        stage = (
            Reminder.Stage.BEFORE_DUE if assignment.due_date >= today else Reminder.Stage.OVERDUE
        )
        already = set(
            Reminder.objects.filter(assignment=assignment, stage=stage).values_list(
                "user_id", flat=True
            )
        )
        members = Membership.objects.filter(
            organisation=assignment.organisation_id, role=Membership.Role.LEARNER
        ).exclude(user_id__in=already)
        if assignment.team_id:
            members = members.filter(team_id=assignment.team_id)
        members = list(members.filter(user__is_active=True))
        statuses = enrolment_status_map(
            users=[m.user_id for m in members], courses=[assignment.course_id]
        )
        for membership in members:
            due = due_dates_for(membership, [assignment])[assignment.course_id]
            status = status_for(
                statuses.get((membership.user_id, assignment.course_id)),
                due_date=due,
                today=today,
            )
            if status == Status.COMPLETED:
                continue
            reminder = _reminder_record(
                assignment=assignment, user_id=membership.user_id, stage=stage
            )
            if reminder is not None:
                reminders.append(reminder.pk)

    now = timezone.now()
    expiring = Certificate.objects.filter(
        revoked_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + datetime.timedelta(days=CERTIFICATE_REMINDER_DAYS),
        user__is_active=True,
        # Only the current round's certificate: after a restart the old one needs no reminder.
        cycle=Enrolment.objects.filter(pk=OuterRef("enrolment_id")).values("cycle")[:1],
    ).exclude(reminders__stage=Reminder.Stage.CERTIFICATE_EXPIRY)
    for certificate in expiring.only("pk", "user_id"):
        reminder = _reminder_record(
            certificate=certificate,
            user_id=certificate.user_id,
            stage=Reminder.Stage.CERTIFICATE_EXPIRY,
        )
        if reminder is not None:
            reminders.append(reminder.pk)

    for reminder_id in reminders:
        reminder_email.enqueue(reminder_id=reminder_id)
    return len(reminders)


# Reminders a manager sends by hand


@dataclass(frozen=True)
class ManualRemindersOutcome:
    """Who got a reminder now, who had one today already, and who has completed the module."""

    sent: list = field(default_factory=list)
    already_today: list = field(default_factory=list)
    done: list = field(default_factory=list)


def manual_reminders_send(
    *, assignment: Assignment, memberships: list[Membership], sent_by
) -> ManualRemindersOutcome:
    """E-mail these learners a reminder of the assignment, each at most once a day and
    none who completed the module; each reminder is recorded with its sender.

    Two managers (or two clicks) sending at once send one e-mail: the day's row for the
    learner can be inserted once, and only its inserter queues the mail, after commit.
    """
    today = timezone.localdate()
    statuses = enrolment_status_map(
        users=[membership.user_id for membership in memberships], courses=[assignment.course_id]
    )
    sent, already_today, done = [], [], []
    with transaction.atomic():
        reminded = set(
            ManualReminder.objects.filter(
                assignment=assignment,
                sent_on=today,
                learner_id__in=[membership.user_id for membership in memberships],
            ).values_list("learner_id", flat=True)
        )
        for membership in memberships:
            status = status_for(
                statuses.get((membership.user_id, assignment.course_id)),
                due_date=assignment.due_date,
                today=today,
            )
            if status == Status.COMPLETED:
                done.append(membership)
                continue
            if membership.user_id in reminded:
                already_today.append(membership)
                continue
            try:
                with transaction.atomic():
                    reminder = ManualReminder.objects.create(
                        assignment=assignment,
                        learner_id=membership.user_id,
                        sent_by=sent_by,
                        sent_on=today,
                    )
            except IntegrityError:
                already_today.append(membership)
                continue
            sent.append(membership)
            transaction.on_commit(
                lambda pk=reminder.pk: manual_reminder_email.enqueue(manual_reminder_id=pk)
            )
    return ManualRemindersOutcome(sent=sent, already_today=already_today, done=done)


def manual_reminders_send_overdue(*, assignment: Assignment, sent_by) -> ManualRemindersOutcome:
    """Remind every learner who is late on the assignment (see `manual_reminders_send`)."""
    today = timezone.localdate()
    if assignment.due_date >= today:
        return ManualRemindersOutcome()
    members = Membership.objects.filter(
        organisation_id=assignment.organisation_id,
        role=Membership.Role.LEARNER,
        user__is_active=True,
    )
    if assignment.team_id:
        members = members.filter(team_id=assignment.team_id)
    members = list(members)
    statuses = enrolment_status_map(
        users=[membership.user_id for membership in members], courses=[assignment.course_id]
    )
    late = [
        membership
        for membership in members
        if status_for(
            statuses.get((membership.user_id, assignment.course_id)),
            due_date=assignment.due_date,
            today=today,
        )
        == Status.OVERDUE
    ]
    return manual_reminders_send(assignment=assignment, memberships=late, sent_by=sent_by)
