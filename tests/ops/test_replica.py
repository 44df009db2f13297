"""The manager dashboard and the exports read from the replica when there is one, and from
the primary when it is down.

The test settings have a second alias, `replica`, on the same test database (a test mirror),
as a streaming replica holds the same rows; these tests switch reports onto it with
DATABASE_REPLICA. They commit their data (transaction=True), as the replica only sees
what the primary committed.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Organisation
from tests.factories import (
    AssessedLessonPageFactory,
    AssignmentFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    complete_course,
)
from website import replica

REPLICA = "replica"
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
# Tables only the dashboard's grid and the report read.
REPORT_TABLES = ("courses_enrolment", "courses_certificate", "organisations_assignment")


@pytest.fixture
def organisation_with_report(home_page):
    """An organisation with a manager, three learners and an assigned module that one of
    them completed (with a certificate)."""
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, slug="basis", title="Basis")
    LessonPageFactory(parent=course, slug="les-1")
    AssessedLessonPageFactory(parent=course, slug="les-2")
    lessons = list(course.get_children().specific().order_by("path"))
    organisation = OrganisationFactory(slug="school")
    manager = ManagerFactory(organisation=organisation)
    learners = MembershipFactory.create_learners(organisation, 3)
    complete_course(learners[0].user, lessons, course)
    AssignmentFactory(organisation=organisation, course=course)
    return {"organisation": organisation, "manager": manager, "course": course}


@pytest.fixture
def reports_on_replica(settings):
    settings.DATABASE_REPLICA = REPLICA
    replica.replica_state_reset()
    yield
    replica.replica_state_reset()


@pytest.fixture
def signed_in(client, organisation_with_report):
    client.force_login(organisation_with_report["manager"])
    return client


@pytest.fixture
def unreachable_replica():
    """The replica's address now leads nowhere; yields what brings it back, which also runs
    afterwards."""
    connection = connections[REPLICA]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-directory/replica.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")

    def restore():
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)

    yield restore
    restore()


def reads(alias: str, request):
    """The response to `request()` and the SQL it ran on `alias` and on the primary."""
    with (
        CaptureQueriesContext(connections[alias]) as on_alias,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = request()
        response.content_read = (
            b"".join(response.streaming_content) if response.streaming else response.content
        )
    return response, [q["sql"] for q in on_alias], [q["sql"] for q in on_primary]


def touches_report_tables(statements) -> bool:
    return any(table in sql for sql in statements for table in REPORT_TABLES)


def dashboard(client):
    return client.get(reverse("organisations:dashboard", args=["school"]))


def test_the_dashboard_reads_from_the_replica(reports_on_replica, signed_in):
    response, on_replica, on_primary = reads(REPLICA, lambda: dashboard(signed_in))
    assert response.status_code == 200
    assert "Naam0 Leerling" in response.content.decode()
    assert touches_report_tables(on_replica)
    assert not touches_report_tables(on_primary)


@pytest.mark.parametrize("export", ["export_csv", "export_xlsx", "certificates"])
def test_the_exports_read_from_the_replica(reports_on_replica, signed_in, export):
    url = reverse(f"organisations:{export}", args=["school"])
    response, on_replica, on_primary = reads(REPLICA, lambda: signed_in.get(url))
    assert response.status_code == 200
    assert response.content_read
    assert touches_report_tables(on_replica) or any(
        "courses_certificate" in sql for sql in on_replica
    )
    assert not touches_report_tables(on_primary)
    assert not any("courses_certificate" in sql for sql in on_primary)


def test_the_streamed_csv_has_every_learner_read_from_the_replica(reports_on_replica, signed_in):
    url = reverse("organisations:export_csv", args=["school"])
    response, _on_replica, _on_primary = reads(REPLICA, lambda: signed_in.get(url))
    assert response.content_read.decode("utf-8-sig").count("@school.example.org") == 3


def test_without_a_replica_everything_reads_from_the_primary(signed_in):
    response, on_replica, on_primary = reads(REPLICA, lambda: dashboard(signed_in))
    assert response.status_code == 200
    assert on_replica == []
    assert touches_report_tables(on_primary)


def test_an_unreachable_replica_falls_back_to_the_primary(
    reports_on_replica, signed_in, unreachable_replica, monkeypatch
):
    response, _on_replica, on_primary = reads("default", lambda: dashboard(signed_in))
    assert response.status_code == 200
    assert "Naam0 Leerling" in response.content.decode()
    assert touches_report_tables(on_primary)

    # While it is down it is not tried again: no request waits for its timeout.
    def probe(alias):
        raise AssertionError("the replica was probed while marked down")

    monkeypatch.setattr(replica, "_caught_up", probe)
    assert dashboard(signed_in).status_code == 200


def test_the_replica_is_used_again_once_it_answers(
    reports_on_replica, signed_in, unreachable_replica, monkeypatch
):
    assert dashboard(signed_in).status_code == 200
    unreachable_replica()
    later = replica._clock() + replica.DOWN_SECONDS + 1
    monkeypatch.setattr(replica, "_clock", lambda: later)
    _response, on_replica, on_primary = reads(REPLICA, lambda: dashboard(signed_in))
    assert touches_report_tables(on_replica)
    assert not touches_report_tables(on_primary)


def test_a_replica_that_fails_during_a_request_has_it_served_by_the_primary(
    reports_on_replica, signed_in, unreachable_replica, monkeypatch
):
    # It answered the probe, then went away before the view's first read.
    monkeypatch.setattr(replica, "_caught_up", lambda alias: True)
    response, _on_replica, on_primary = reads("default", lambda: dashboard(signed_in))
    assert response.status_code == 200
    assert "Naam0 Leerling" in response.content.decode()
    assert touches_report_tables(on_primary)


def test_objects_read_from_the_replica_are_written_to_the_primary(
    reports_on_replica, organisation_with_report
):
    with replica.replica_reads(REPLICA):
        organisation = Organisation.objects.get(slug="school")
        assert organisation._state.db == REPLICA
        organisation.name = "Nieuwe naam"
        with CaptureQueriesContext(connections["default"]) as on_primary:
            organisation.save()
    assert any(sql.startswith("UPDATE") for sql in (q["sql"] for q in on_primary))
    assert Organisation.objects.get(slug="school").name == "Nieuwe naam"
