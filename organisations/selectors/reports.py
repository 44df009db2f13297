"""The report behind the CSV and XLSX exports, and the certificates for the zip."""

from collections.abc import Iterator
from itertools import islice

from django.db.models import (
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Certificate

from ..models import Membership, Organisation
from .dashboard import assigned_courses, learner_memberships, person_rows
from .status import assignments_of

# Rows fetched per database round trip in reports; memory stays bounded by this.
REPORT_CHUNK_SIZE = 500


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
