"""Reads for organisations: manager access, the dashboard, reports and learners' assignments.

Every manager view reaches an organisation through `organisation_for_manager`, so that the
rule 'a manager sees only their own organisations' lives in one place. The dashboard and
the exports show status, dates and pass or fail only: nothing here reads answers,
reflections or scenario choices. Each concern has its module; everything is importable
from `organisations.selectors`.
"""

from .access import (
    colleague_ids,
    organisation_for_manager,
    organisation_member_ids,
    organisations_managed_by,
    region_for_user,
)
from .dashboard import (
    DASHBOARD_PAGE_SIZE,
    Cell,
    DashboardCell,
    DashboardFilters,
    ManagerDashboard,
    PersonRow,
    TeamTotal,
    assigned_courses,
    dashboard_rows,
    kept_status_grid,
    learner_memberships,
    manager_dashboard,
    person_rows,
    status_grid,
    team_totals,
)
from .learners import (
    LearnerAssignment,
    PersonDetail,
    QuizOutcome,
    learner_assignments,
    person_detail,
    quiz_outcomes,
)
from .reminders import (
    OverdueAssignment,
    PersonModule,
    assignment_applies,
    assignment_of,
    learner_membership_of,
    overdue_assignments,
    person_modules,
)
from .reports import (
    REPORT_CHUNK_SIZE,
    certificates_of,
    report_header,
    report_rows,
)
from .status import (
    Status,
    applicable_assignments,
    assignments_of,
    due_dates_for,
    status_for,
    status_from,
)

__all__ = [
    "Cell",
    "DASHBOARD_PAGE_SIZE",
    "DashboardCell",
    "DashboardFilters",
    "LearnerAssignment",
    "ManagerDashboard",
    "OverdueAssignment",
    "PersonDetail",
    "PersonModule",
    "PersonRow",
    "QuizOutcome",
    "REPORT_CHUNK_SIZE",
    "Status",
    "TeamTotal",
    "applicable_assignments",
    "assigned_courses",
    "assignment_applies",
    "assignment_of",
    "assignments_of",
    "certificates_of",
    "colleague_ids",
    "dashboard_rows",
    "due_dates_for",
    "kept_status_grid",
    "learner_assignments",
    "learner_membership_of",
    "learner_memberships",
    "manager_dashboard",
    "organisation_for_manager",
    "organisation_member_ids",
    "organisations_managed_by",
    "overdue_assignments",
    "person_detail",
    "person_modules",
    "person_rows",
    "quiz_outcomes",
    "region_for_user",
    "report_header",
    "report_rows",
    "status_for",
    "status_from",
    "status_grid",
    "team_totals",
]
