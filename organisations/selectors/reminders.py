"""Reads for the reminders a manager sends by hand: who is late on which assignment, and
what was sent to a person already."""

from collections import Counter
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from ..models import Assignment, ManualReminder, Membership, Organisation
from .dashboard import assigned_courses, kept_status_grid, learner_memberships
from .learners import PersonDetail
from .status import Status


def assignment_applies(assignment: Assignment, membership: Membership) -> bool:
    return assignment.team_id is None or assignment.team_id == membership.team_id


def assignment_of(organisation: Organisation, assignment_id: int) -> Assignment:
    """The organisation's assignment with this id; 404 for any other."""
    assignment = (
        Assignment.objects.filter(organisation=organisation, pk=assignment_id)
        .select_related("course", "team")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def learner_membership_of(organisation: Organisation, membership_id: int) -> Membership:
    """A learner of this organisation; 404 for a member of another one, or a manager."""
    membership = (
        Membership.objects.filter(
            organisation=organisation, pk=membership_id, role=Membership.Role.LEARNER
        )
        .select_related("user", "team")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


@dataclass(frozen=True)
class OverdueAssignment:
    assignment: Assignment
    overdue: int


def overdue_assignments(
    *, organisation: Organisation, assignments: list[Assignment]
) -> list[OverdueAssignment]:
    """Each assignment whose due date passed, with how many of its learners are late.

    Read from the kept status grid of everyone, the one the unfiltered dashboard shows:
    whoever an assignment applies to and is overdue in its module is late on it, since
    their earliest due date passed too.
    """
    today = timezone.localdate()
    past = [assignment for assignment in assignments if assignment.due_date < today]
    if not past:
        return []
    courses = assigned_courses(assignments)
    grid, _totals = kept_status_grid(
        organisation=organisation,
        memberships=learner_memberships(organisation),
        team=None,
        assignments=assignments,
        courses=courses,
    )
    column = {course.pk: index for index, course in enumerate(courses)}
    # One pass over the grid (2,000 people in a large organisation) for all assignments:
    # late people per team and module, then per assignment the sum over the teams it covers.
    late = Counter(
        (team_id, index)
        for team_id, statuses in grid.values()
        for index, status in enumerate(statuses)
        if status == Status.OVERDUE
    )
    late_in_module = Counter()
    for (_team_id, index), count in late.items():
        late_in_module[index] += count
    return [
        OverdueAssignment(
            assignment=assignment,
            overdue=(
                late_in_module[column[assignment.course_id]]
                if assignment.team_id is None
                else late[(assignment.team_id, column[assignment.course_id])]
            ),
        )
        for assignment in past
    ]


@dataclass(frozen=True)
class PersonModule:
    """One assigned module on a person's page, with the last reminder sent by hand."""

    cell: object
    last_reminder: ManualReminder | None
    reminded_today: bool
    can_remind: bool


def person_modules(*, detail: PersonDetail) -> list[PersonModule]:
    """The person's assigned modules with the reminders sent to them by hand, one query."""
    today = timezone.localdate()
    membership = detail.membership
    last = {}
    for reminder in (
        ManualReminder.objects.filter(
            learner_id=membership.user_id, assignment__organisation_id=membership.organisation_id
        )
        .select_related("sent_by")
        .order_by("-sent_at")
    ):
        last.setdefault(reminder.assignment_id, reminder)
    modules = []
    for cell in detail.cells:
        reminder = last.get(cell.assignment_id)
        reminded_today = reminder is not None and reminder.sent_on == today
        modules.append(
            PersonModule(
                cell=cell,
                last_reminder=reminder,
                reminded_today=reminded_today,
                can_remind=membership.role == Membership.Role.LEARNER
                and cell.status != Status.COMPLETED
                and not reminded_today,
            )
        )
    return modules
