"""The manager's status of a learner in an assigned module, and which assignment sets
a member's due date."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from courses.models import Certificate
from courses.selectors import EnrolmentStatus

from ..models import Assignment, Membership, Organisation


class Status:
    """A learner's state in an assigned module, as the manager sees it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OVERDUE = "overdue"
    EXPIRED = "expired"

    LABELS = {
        NOT_STARTED: _("Not started"),
        IN_PROGRESS: _("In progress"),
        COMPLETED: _("Completed"),
        OVERDUE: _("Overdue"),
        EXPIRED: _("Certificate expired"),
    }
    CHOICES = list(LABELS.items())


def status_for(
    status: EnrolmentStatus | None, *, due_date: datetime.date | None, today: datetime.date
) -> str:
    """Derive the manager's status of one learner in one module."""
    certificate = status.certificate if status is not None else None
    return status_from(
        enrolled=status is not None,
        completed=status is not None and status.is_completed,
        certificate_status=certificate.status() if certificate else None,
        due_date=due_date,
        today=today,
    )


def status_from(
    *,
    enrolled: bool,
    completed: bool,
    certificate_status: str | None,
    due_date: datetime.date | None,
    today: datetime.date,
) -> str:
    """The manager's status from plain facts.

    A completed module whose certificate expired needs a new round, so it shows as expired
    until the learner starts again; a revoked certificate counts as not completed.
    """
    if completed:
        if certificate_status in (None, Certificate.Status.VALID):
            return Status.COMPLETED
        if certificate_status == Certificate.Status.EXPIRED:
            return Status.EXPIRED
    if due_date is not None and due_date < today:
        return Status.OVERDUE
    if not enrolled:
        return Status.NOT_STARTED
    return Status.IN_PROGRESS


def assignments_of(organisation: Organisation) -> list[Assignment]:
    return list(
        Assignment.objects.filter(organisation=organisation)
        .select_related("course", "team")
        .order_by("due_date", "course__title", "pk")
    )


def applicable_assignments(
    membership: Membership, assignments: Iterable[Assignment]
) -> dict[int, Assignment]:
    """Per module, the assignment that sets this member's due date: the earliest of those
    for the whole organisation or their own team."""
    applicable = {}
    for assignment in assignments:
        if assignment.team_id is not None and assignment.team_id != membership.team_id:
            continue
        current = applicable.get(assignment.course_id)
        if current is None or assignment.due_date < current.due_date:
            applicable[assignment.course_id] = assignment
    return applicable


def due_dates_for(
    membership: Membership, assignments: Iterable[Assignment]
) -> dict[int, datetime.date]:
    """Per module, the earliest due date that applies to this member (whole or own team)."""
    due = {}
    for assignment in assignments:
        if assignment.team_id is not None and assignment.team_id != membership.team_id:
            continue
        current = due.get(assignment.course_id)
        if current is None or assignment.due_date < current:
            due[assignment.course_id] = assignment.due_date
    return due
