import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from organisations.exports import neutralise
from tests.factories import (
    AssignmentFactory,
    CoursePageFactory,
    LessonPageFactory,
    MembershipFactory,
    complete_course,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value", ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']
)
def test_formula_starts_are_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Sanne", "", "a=b", 12, None])
def test_other_values_pass_unchanged(value):
    assert neutralise(value) == value


@pytest.fixture
def report(organisation, course, lessons, manager, client):
    learners = MembershipFactory.create_learners(organisation, 3)
    MembershipFactory(
        organisation=organisation,
        user__email="evil@example.org",
        user__first_name="=HYPERLINK(1)",
        user__last_name="x",
    )
    complete_course(learners[0].user, lessons, course)
    AssignmentFactory(organisation=organisation, course=course)
    client.force_login(manager)
    return learners


def test_csv_export_streams_every_learner_with_neutralised_cells(report, organisation, client):
    response = client.get(reverse("organisations:export_csv", args=[organisation.slug]))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 4
    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(1) x" in names
    completed = [row for row in rows if row[1] == report[0].user.email][0]
    assert completed[6]  # completed on


def test_the_csv_opens_in_dutch_excel_in_columns(organisation, course_index, manager, client):
    # A module without a certificate is complete once its lessons are done.
    course = CoursePageFactory(
        parent=course_index, slug="kort", title="Kort", certificate_validity_months=0
    )
    lessons = LessonPageFactory.create_numbered(course, 2)
    learners = MembershipFactory.create_learners(organisation, 2)
    complete_course(learners[0].user, lessons, course)
    assignment = AssignmentFactory(organisation=organisation, course=course)
    client.force_login(manager)

    response = client.get(reverse("organisations:export_csv", args=[organisation.slug]))
    content = b"".join(response.streaming_content)

    # Excel reads UTF-8 only with the byte order mark, and splits Dutch files on ';'.
    assert content.startswith(b"\xef\xbb\xbf")
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    assert header == [
        "Naam",
        "E-mailadres",
        "Team",
        "Module",
        "Status",
        "Deadline",
        "Afgerond op",
        "Certificaat geldig tot",
    ]
    assert len(rows) == 2 and all(len(row) == len(header) for row in rows)
    by_email = {row[1]: row for row in rows}
    done, waiting = by_email[learners[0].user.email], by_email[learners[1].user.email]
    assert done[5] == waiting[5] == assignment.due_date.strftime("%d-%m-%Y")
    assert done[6] == timezone.localdate().strftime("%d-%m-%Y")
    assert waiting[6] == ""


def test_the_csv_with_commas_is_plain_utf8_for_other_programs(report, organisation, client):
    url = reverse("organisations:export_csv", args=[organisation.slug])
    content = b"".join(client.get(url, {"separator": "comma"}).streaming_content)

    assert not content.startswith(b"\xef\xbb\xbf")
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8")))
    assert len(header) == 8 and header[0] == "Naam"
    assert len(rows) == 4 and all(len(row) == 8 for row in rows)


def test_xlsx_export_has_every_learner_as_text(report, organisation, client):
    response = client.get(reverse("organisations:export_xlsx", args=[organisation.slug]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 5
    assert [row[0] for row in values if row[1] == "evil@example.org"] == ["'=HYPERLINK(1) x"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_report_rows_are_read_in_chunks(report, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organisations.selectors import report_rows

    # The rows come out the same whatever the chunk size.
    assert list(report_rows(organisation=organisation, chunk_size=2)) == list(
        report_rows(organisation=organisation)
    )
    # The first row is out before later chunks are read: memory holds one chunk at a time.
    rows = report_rows(organisation=organisation, chunk_size=2)
    with CaptureQueriesContext(connection) as first:
        next(rows)
    with CaptureQueriesContext(connection) as rest:
        remaining = list(rows)
    assert len(remaining) == 3
    # The second chunk's learners and their progress are read only after the first row.
    assert any("courses_enrolment" in query["sql"] for query in rest.captured_queries)
    assert any("courses_enrolment" in query["sql"] for query in first.captured_queries)


def test_certificates_download_as_a_zip_of_pdfs(report, organisation, client):
    response = client.get(reverse("organisations:certificates", args=[organisation.slug]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 1
    assert archive.read(names[0]).startswith(b"%PDF")
