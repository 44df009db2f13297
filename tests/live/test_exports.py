"""The summary a trainer keeps: on the page, as CSV and as PDF."""

import pytest
from django.urls import reverse

from live import services

from .conftest import join, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended_session(open_session):
    phones = [join(open_session) for _ in range(4)]
    for phone, value in zip(phones, ["agree", "agree", "agree", "disagree"], strict=True):
        vote(phone, open_session, value)
    services.item_next(session_id=open_session.pk)
    vote(phones[0], open_session, "disagree")
    return services.session_end(session_id=open_session.pk)


def test_the_summary_shows_counts_and_percentages(trainer_client, ended_session):
    response = trainer_client.get(reverse("live:summary", args=[ended_session.pk]))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.participants == 4
    first, second, third = summary.items
    assert [(row.value, row.count, row.percentage) for row in first.tally.rows] == [
        ("agree", 3, 75),
        ("disagree", 1, 25),
    ]
    assert [(row.value, row.count, row.percentage) for row in second.tally.rows] == [
        ("agree", 0, 0),
        ("disagree", 1, 100),
    ]
    assert third.tally.total == 0
    assert "4 deelnemers" in response.content.decode()


def test_the_summary_downloads_as_csv(trainer_client, ended_session):
    response = trainer_client.get(reverse("live:summary_csv", args=[ended_session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Nummer;Soort;Onderdeel;Antwoord;Stemmen;Percentage;Gevolgd"
    assert lines[1] == "1;Stelling;Stelling 1;Bril op: eens;3;75;"
    assert lines[2] == "1;Stelling;Stelling 1;Bril af: oneens;1;25;"
    assert len(lines) == 7


def test_the_summary_downloads_as_pdf(trainer_client, ended_session):
    response = trainer_client.get(reverse("live:summary_pdf", args=[ended_session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_only_the_trainer_downloads_the_summary(client, ended_session):
    assert client.get(reverse("live:summary_csv", args=[ended_session.pk])).status_code == 302
