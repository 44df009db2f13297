"""One learner's assignments, as they see them on 'Mijn leren' and as their manager sees
them on the person's page."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    IntegerField,
    Max,
    Q,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from courses.models import Certificate, CoursePage
from courses.selectors import enrolment_status_map
from quizzes.models import Attempt

from ..models import Assignment, Membership, Organisation
from .dashboard import assigned_courses, person_rows
from .status import Status, assignments_of, due_dates_for, status_for


@dataclass(frozen=True)
class LearnerAssignment:
    course: CoursePage
    due_date: datetime.date
    organisation: Organisation
    status: str

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def is_overdue(self) -> bool:
        return self.status == Status.OVERDUE


def learner_assignments(*, user) -> list[LearnerAssignment]:
    """The modules the learner's organisations assigned to them, soonest due first."""
    if not user.is_authenticated:
        return []
    memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
    if not memberships:
        return []
    assignments = list(
        Assignment.objects.filter(
            Q(team__isnull=True) | Q(team__in=[m.team_id for m in memberships if m.team_id]),
            organisation__in=[m.organisation_id for m in memberships],
        ).select_related("course")
    )
    earliest: dict[int, tuple[datetime.date, Organisation, CoursePage]] = {}
    for membership in memberships:
        for course_id, due in due_dates_for(membership, assignments).items():
            if course_id not in earliest or due < earliest[course_id][0]:
                course = next(a.course for a in assignments if a.course_id == course_id)
                earliest[course_id] = (due, membership.organisation, course)
    statuses = enrolment_status_map(users=[user], courses=list(earliest))
    today = timezone.localdate()
    rows = [
        LearnerAssignment(
            course=course,
            due_date=due,
            organisation=organisation,
            status=status_for(statuses.get((user.pk, course_id)), due_date=due, today=today),
        )
        for course_id, (due, organisation, course) in earliest.items()
    ]
    return sorted(rows, key=lambda row: (row.status == Status.COMPLETED, row.due_date))


@dataclass(frozen=True)
class QuizOutcome:
    """Whether a learner passed a quiz, and when: never their answers or score per question."""

    title: str
    passed: bool
    finished_at: datetime.datetime | None


@dataclass(frozen=True)
class PersonDetail:
    membership: Membership
    cells: list
    certificates: list
    quizzes: list = field(default_factory=list)


def quiz_outcomes(*, user_id: int) -> list[QuizOutcome]:
    """Per quiz the learner finished: passed if any attempt passed, with the latest date."""
    rows = (
        Attempt.objects.filter(user_id=user_id, status=Attempt.Status.COMPLETED)
        .order_by()
        .values("quiz_id", "quiz__title")
        .annotate(passed=Max(Cast("passed", IntegerField())), finished_at=Max("finished_at"))
        .order_by("quiz__title")
    )
    return [
        QuizOutcome(
            title=row["quiz__title"], passed=bool(row["passed"]), finished_at=row["finished_at"]
        )
        for row in rows
    ]


def person_detail(*, organisation: Organisation, membership_id: int) -> PersonDetail:
    """One learner of this organisation: status and dates per assigned module, certificates."""
    membership = (
        Membership.objects.filter(organisation=organisation, pk=membership_id)
        .select_related("user", "team")
        .first()
    )
    if membership is None:
        raise Http404
    assignments = assignments_of(organisation)
    courses = assigned_courses(assignments)
    row = person_rows([membership], assignments=assignments, courses=courses)[0]
    certificates = list(
        Certificate.objects.filter(user_id=membership.user_id)
        .select_related("course")
        .order_by("-issued_at")
    )
    return PersonDetail(
        membership=membership,
        cells=[cell for cell in row.cells if cell is not None],
        certificates=certificates,
        quizzes=quiz_outcomes(user_id=membership.user_id),
    )
