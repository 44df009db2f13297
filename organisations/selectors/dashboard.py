"""The manager dashboard: people x assigned modules, a page at a time, with totals per
team worked out for everyone from plain rows and kept between views."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.models import Certificate, CoursePage, Enrolment
from courses.selectors import EnrolmentStatus, enrolment_status_map

from ..dashboard_cache import kept_grid
from ..models import Assignment, Membership, Organisation, Team
from .status import (
    Status,
    applicable_assignments,
    assignments_of,
    due_dates_for,
    status_for,
    status_from,
)

DASHBOARD_PAGE_SIZE = 50


@dataclass(frozen=True)
class Cell:
    assignment_course: CoursePage
    status: str
    due_date: datetime.date | None
    enrolment: EnrolmentStatus | None
    assignment_id: int | None = None

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
    assignment_id: int | None = None
    course_title: str = ""


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
        applicable = applicable_assignments(membership, assignments)
        cells = []
        for course in courses:
            if course.pk not in applicable:
                cells.append(None)
                continue
            assignment = applicable[course.pk]
            status = statuses.get((membership.user_id, course.pk))
            cells.append(
                Cell(
                    assignment_course=course,
                    status=status_for(status, due_date=assignment.due_date, today=today),
                    due_date=assignment.due_date,
                    enrolment=status,
                    assignment_id=assignment.pk,
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
            due_labels[due] = gettext("due %(due)s") % {"due": date_format(due, "j F Y")}
        return due_labels[due]

    rows = []
    for membership in memberships:
        applicable = applicable_assignments(membership, assignments)
        _team_id, statuses = grid[membership.user_id]
        cells = [
            None
            if status is None
            else DashboardCell(
                status=status,
                status_label=status_labels[status],
                due_date=applicable[course.pk].due_date,
                due_label=due_label(applicable[course.pk].due_date),
                assignment_id=applicable[course.pk].pk,
                course_title=course.title,
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


def kept_status_grid(
    *,
    organisation: Organisation,
    memberships: QuerySet,
    team: Team | None,
    assignments: list[Assignment],
    courses: list,
    teams: list[Team] | None = None,
) -> tuple[dict, list[TeamTotal]]:
    """The status grid and team totals of these members (everyone, or one team's), kept
    between views; `teams` is read only when the grid has to be built."""

    def build() -> tuple[dict, list[TeamTotal]]:
        grid = status_grid(memberships, assignments=assignments, courses=courses)
        all_teams = list(organisation.teams.order_by("name")) if teams is None else teams
        return grid, team_totals(grid, all_teams)

    return kept_grid(
        organisation_id=organisation.pk,
        variant=(team.pk if team else "all", *[c.pk for c in courses]),
        user_ids=memberships.order_by().values("user_id"),
        course_ids=[c.pk for c in courses],
        build=build,
    )


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

    if filters.search:
        grid = status_grid(memberships, assignments=assignments, courses=shown_courses)
        totals = team_totals(grid, teams)
    else:
        grid, totals = kept_status_grid(
            organisation=organisation,
            memberships=memberships,
            team=filters.team,
            assignments=assignments,
            courses=shown_courses,
            teams=teams,
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
