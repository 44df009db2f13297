"""Reads for organisations: manager access, the dashboard, reports and learners' assignments.

Every manager view reaches an organisation through `organisation_for_manager`, so that the
rule 'a manager sees only their own organisations' lives in one place. The dashboard and
the exports show status, dates and pass or fail only: nothing here reads answers,
reflections or scenario choices.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.models import Certificate, CoursePage, Enrolment
from courses.selectors import EnrolmentStatus, enrolment_status_map
from website.models import Region

from .dashboard_cache import kept_grid
from .models import Assignment, Membership, Organisation, Team

# Rows fetched per database round trip in reports; memory stays bounded by this.
REPORT_CHUNK_SIZE = 500
DASHBOARD_PAGE_SIZE = 50


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


# Access


def organisations_managed_by(user) -> QuerySet:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.MANAGER
    ).order_by("name")


def organisation_for_manager(user, slug: str) -> Organisation:
    """The organisation with this slug, if the user manages it; else 404 for everyone else."""
    organisation = (
        organisations_managed_by(user).select_related("region").filter(slug=slug[:80]).first()
    )
    if organisation is None:
        raise Http404
    return organisation


def region_for_user(user) -> Region | None:
    """The region of the learner's organisation, whose reporting route they should follow."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user=user, organisation__region__isnull=False)
        .select_related("organisation__region")
        .order_by("role", "joined_at")
        .first()
    )
    return membership.organisation.region if membership else None


def colleague_ids(user) -> QuerySet | None:
    """Ids of everyone sharing an organisation with this learner, or None without one."""
    organisation_ids = list(
        Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    if not organisation_ids:
        return None
    return (
        Membership.objects.filter(organisation_id__in=organisation_ids)
        .values_list("user_id", flat=True)
        .distinct()
    )


def organisation_member_ids(organisation: Organisation) -> QuerySet:
    """Ids of the learners of an organisation, for analytics of that group."""
    return Membership.objects.filter(
        organisation=organisation, role=Membership.Role.LEARNER
    ).values_list("user_id", flat=True)


# Assignments


def assignments_of(organisation: Organisation) -> list[Assignment]:
    return list(
        Assignment.objects.filter(organisation=organisation)
        .select_related("course", "team")
        .order_by("due_date", "course__title", "pk")
    )


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


# Dashboard


@dataclass(frozen=True)
class Cell:
    assignment_course: CoursePage
    status: str
    due_date: datetime.date | None
    enrolment: EnrolmentStatus | None

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def completed_at(self):
        return self.enrolment.enrolment.completed_at if self.enrolment else None

    @property
    def certificate(self):
        return self.enrolment.certificate if self.enrolment else None


@dataclass(frozen=True)
class DashboardCell:
    """One learner in one module on the dashboard: the status and the due date only, with
    their labels ready (the table has hundreds of cells and a handful of distinct labels).
    The markup is written out in the dashboard's table rather than included per cell."""

    status: str
    status_label: str
    due_date: datetime.date
    due_label: str


@dataclass(frozen=True)
class PersonRow:
    membership: Membership
    cells: list

    @property
    def user(self):
        return self.membership.user

    @property
    def team(self) -> Team | None:
        return self.membership.team

    def has_status(self, status: str) -> bool:
        return any(cell is not None and cell.status == status for cell in self.cells)


@dataclass
class TeamTotal:
    name: str
    people: int = 0
    assigned: int = 0
    completed: int = 0
    overdue: int = 0

    @property
    def percentage(self) -> int:
        return round(100 * self.completed / self.assigned) if self.assigned else 0


@dataclass(frozen=True)
class DashboardFilters:
    team: Team | None = None
    course: CoursePage | None = None
    status: str = ""
    search: str = ""


@dataclass
class ManagerDashboard:
    organisation: Organisation
    courses: list
    teams: list
    rows: list
    totals: list = field(default_factory=list)
    page: Page | None = None


def learner_memberships(organisation: Organisation) -> QuerySet:
    return (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.LEARNER)
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name", "user__email", "pk")
    )


def assigned_courses(assignments: list[Assignment]) -> list[CoursePage]:
    courses = {}
    for assignment in assignments:
        courses.setdefault(assignment.course_id, assignment.course)
    return sorted(courses.values(), key=lambda course: course.title)


def person_rows(
    memberships: Iterable[Membership], *, assignments: list[Assignment], courses: list
) -> list[PersonRow]:
    """Rows of learners × assigned modules, with the status map loaded in one go."""
    memberships = list(memberships)
    statuses = enrolment_status_map(users=[m.user_id for m in memberships], courses=courses)
    today = timezone.localdate()
    rows = []
    for membership in memberships:
        due = due_dates_for(membership, assignments)
        cells = []
        for course in courses:
            if course.pk not in due:
                cells.append(None)
                continue
            status = statuses.get((membership.user_id, course.pk))
            cells.append(
                Cell(
                    assignment_course=course,
                    status=status_for(status, due_date=due[course.pk], today=today),
                    due_date=due[course.pk],
                    enrolment=status,
                )
            )
        rows.append(PersonRow(membership=membership, cells=cells))
    return rows


def dashboard_rows(
    memberships: Iterable[Membership], *, grid: dict, assignments: list[Assignment], courses: list
) -> list[PersonRow]:
    """The people on one page of the dashboard, their statuses read from the grid."""
    status_labels = {status: str(label) for status, label in Status.LABELS.items()}
    due_labels = {}

    def due_label(due: datetime.date) -> str:
        if due not in due_labels:
            due_labels[due] = gettext("due %(due)s") % {"due": date_format(due, "j M Y")}
        return due_labels[due]

    rows = []
    for membership in memberships:
        due = due_dates_for(membership, assignments)
        _team_id, statuses = grid[membership.user_id]
        cells = [
            None
            if status is None
            else DashboardCell(
                status=status,
                status_label=status_labels[status],
                due_date=due[course.pk],
                due_label=due_label(due[course.pk]),
            )
            for course, status in zip(courses, statuses, strict=True)
        ]
        rows.append(PersonRow(membership=membership, cells=cells))
    return rows


def status_grid(
    memberships: QuerySet, *, assignments: list[Assignment], courses: list
) -> dict[int, tuple[int | None, list[str | None]]]:
    """Every member's status in each module, as (team id, statuses) by user id.

    Read as plain rows, not objects, so that the totals of an organisation of thousands
    stay quick; the same rules as `status_for` apply.
    """
    members = list(memberships.order_by().values_list("user_id", "team_id"))
    user_ids = memberships.order_by().values("user_id")
    course_ids = [course.pk for course in courses]
    # Whether each enrolment is complete, and each certificate's status, are worked out by
    # the database: converting thousands of dates in Python would cost more than the rest.
    completed = {
        (user_id, course_id): done
        for user_id, course_id, done in Enrolment.objects.filter(
            user_id__in=user_ids, course_id__in=course_ids
        )
        .annotate(
            done=ExpressionWrapper(Q(completed_at__isnull=False), output_field=BooleanField())
        )
        .values_list("user_id", "course_id", "done")
    }
    now = timezone.now()
    certificate_status = {
        (user_id, course_id): state
        for user_id, course_id, state in Certificate.objects.filter(
            user_id__in=user_ids, course_id__in=course_ids
        )
        .order_by("issued_at")
        .annotate(
            state=Case(
                When(revoked_at__isnull=False, then=Value(Certificate.Status.REVOKED)),
                When(expires_at__lte=now, then=Value(Certificate.Status.EXPIRED)),
                default=Value(Certificate.Status.VALID),
            ),
        )
        .values_list("user_id", "course_id", "state")
    }
    today = timezone.localdate()
    grid = {}
    # Due dates depend on the team alone: worked out once per team, not once per member.
    due_by_team = {
        team_id: due_dates_for(Membership(team_id=team_id), assignments)
        for team_id in {team_id for _user_id, team_id in members}
    }
    for user_id, team_id in members:
        due = due_by_team[team_id]
        statuses = []
        for course_id in course_ids:
            if course_id not in due:
                statuses.append(None)
                continue
            key = (user_id, course_id)
            statuses.append(
                status_from(
                    enrolled=key in completed,
                    completed=completed.get(key, False),
                    certificate_status=certificate_status.get(key),
                    due_date=due[course_id],
                    today=today,
                )
            )
        grid[user_id] = (team_id, statuses)
    return grid


def team_totals(grid: dict, teams: list[Team]) -> list[TeamTotal]:
    totals = {team.pk: TeamTotal(name=team.name) for team in teams}
    no_team = TeamTotal(name=str(_("No team")))
    for team_id, statuses in grid.values():
        total = totals.get(team_id, no_team)
        total.people += 1
        for status in statuses:
            if status is None:
                continue
            total.assigned += 1
            total.completed += status == Status.COMPLETED
            total.overdue += status == Status.OVERDUE
    team_totals = [total for total in totals.values() if total.people]
    if no_team.people:
        team_totals.append(no_team)
    return team_totals


def manager_dashboard(
    *,
    organisation: Organisation,
    filters: DashboardFilters | None = None,
    page_number: str | int | None = 1,
    assignments: list[Assignment] | None = None,
) -> ManagerDashboard:
    """People × assigned modules with status, a page at a time, and totals per team.

    Totals and the status filter cover everyone and are worked out from plain rows, kept
    between views (`dashboard_cache`); only the people on the page shown are loaded.
    """
    filters = filters or DashboardFilters()
    teams = list(organisation.teams.order_by("name"))
    if assignments is None:
        assignments = assignments_of(organisation)
    courses = assigned_courses(assignments)
    memberships = learner_memberships(organisation)
    if filters.team is not None:
        memberships = memberships.filter(team=filters.team)
    if filters.search:
        for word in filters.search.split()[:5]:
            memberships = memberships.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
            )
    shown_courses = [c for c in courses if filters.course is None or c.pk == filters.course.pk]

    def build() -> tuple[dict, list[TeamTotal]]:
        grid = status_grid(memberships, assignments=assignments, courses=shown_courses)
        return grid, team_totals(grid, teams)

    if filters.search:
        grid, totals = build()
    else:
        grid, totals = kept_grid(
            organisation_id=organisation.pk,
            variant=(filters.team.pk if filters.team else "all", *[c.pk for c in shown_courses]),
            user_ids=memberships.order_by().values("user_id"),
            course_ids=[c.pk for c in shown_courses],
            build=build,
        )
    if filters.status:
        grid = {user_id: cells for user_id, cells in grid.items() if filters.status in cells[1]}
        totals = team_totals(grid, teams)
        memberships = memberships.filter(user_id__in=list(grid))
    page = Paginator(memberships, DASHBOARD_PAGE_SIZE).get_page(page_number)
    rows = dashboard_rows(
        page.object_list, grid=grid, assignments=assignments, courses=shown_courses
    )
    return ManagerDashboard(
        organisation=organisation,
        courses=shown_courses,
        teams=teams,
        rows=rows,
        totals=totals,
        page=page,
    )


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
    from quizzes.models import Attempt

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


# Reports


def _chunks(iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def report_header() -> list[str]:
    return [
        str(_("Name")),
        str(_("E-mail address")),
        str(_("Team")),
        str(_("Module")),
        str(_("Status")),
        str(_("Due date")),
        str(_("Completed on")),
        str(_("Certificate valid until")),
    ]


def report_rows(*, organisation: Organisation, chunk_size: int = REPORT_CHUNK_SIZE) -> Iterator:
    """One row per learner and assigned module, read in chunks so memory stays flat.

    Dates are dates (or None): each file format writes them its own way.
    """
    assignments = assignments_of(organisation)
    courses = assigned_courses(assignments)
    memberships = learner_memberships(organisation).iterator(chunk_size=chunk_size)
    for chunk in _chunks(memberships, chunk_size):
        for row in person_rows(chunk, assignments=assignments, courses=courses):
            for cell in row.cells:
                if cell is None:
                    continue
                certificate = cell.certificate
                yield [
                    row.user.get_full_name(),
                    row.user.email,
                    row.team.name if row.team else "",
                    cell.assignment_course.title,
                    str(cell.status_label),
                    cell.due_date,
                    timezone.localtime(cell.completed_at).date() if cell.completed_at else None,
                    timezone.localtime(certificate.expires_at).date()
                    if certificate and certificate.expires_at
                    else None,
                ]


def certificates_of(organisation: Organisation) -> QuerySet:
    """Certificates of the organisation's learners in the modules it assigned."""
    return (
        Certificate.objects.filter(
            user__memberships__organisation=organisation,
            user__memberships__role=Membership.Role.LEARNER,
            course__assignments__organisation=organisation,
            revoked_at__isnull=True,
        )
        .select_related("course")
        .distinct()
        .order_by("course__title", "learner_name", "pk")
    )
