"""Votes arriving at the same moment are each counted once (SQLite and PostgreSQL)."""

import threading
from collections import Counter

import pytest
from django.db import close_old_connections, connection

from live import services
from live.models import Vote

from .conftest import statements

THREADS = 6
PER_THREAD = 8


def in_threads(work, chunks):
    barrier = threading.Barrier(len(chunks))
    results, errors = [], []

    def run(chunk):
        try:
            barrier.wait(timeout=10)
            results.extend(work(chunk))
        except Exception as error:  # collected, so the test fails with the error
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.fixture
def voting(transactional_db, trainer):
    session = services.session_start_statements(
        user=trainer, title="Druk", statements=statements(2)
    )
    session = services.session_open(session_id=session.pk)
    participants = [services.participant_join(session=session) for _ in range(THREADS * PER_THREAD)]
    return session, participants


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_and_changes_tally_exactly(voting):
    session, participants = voting
    chunks = [participants[n::THREADS] for n in range(THREADS)]

    def work(chunk):
        sent = []
        for number, participant in enumerate(chunk):
            first = "agree" if number % 2 else "disagree"
            services.vote_cast(session_id=session.pk, token=participant.token, value=first)
            final = first
            if number % 3 == 0:  # a third change their mind straight away
                final = "agree" if first == "disagree" else "disagree"
                services.vote_cast(session_id=session.pk, token=participant.token, value=final)
            sent.append(final)
        return sent

    results, errors = in_threads(work, chunks)

    assert errors == []
    assert len(results) == len(participants)
    counts = services.item_counts([session.current_item_id])[session.current_item_id]
    assert counts == dict(Counter(results))
    assert Vote.objects.count() == len(participants)


@pytest.mark.django_db(transaction=True)
def test_votes_racing_the_close_are_counted_when_accepted_and_only_then(voting):
    session, participants = voting
    chunks = [participants[n::THREADS] for n in range(THREADS)] + [["close"]]

    def work(chunk):
        if chunk == ["close"]:
            services.voting_close(session_id=session.pk)
            return []
        accepted = []
        for participant in chunk:
            try:
                services.vote_cast(session_id=session.pk, token=participant.token, value="agree")
            except services.LiveRefused as refused:
                assert refused.message == services.VOTING_CLOSED
            else:
                accepted.append(participant.pk)
        return accepted

    results, errors = in_threads(work, chunks)

    assert errors == []
    assert sorted(Vote.objects.values_list("participant_id", flat=True)) == sorted(results)
    assert services.item_counts([session.current_item_id])[session.current_item_id] == (
        {"agree": len(results)} if results else {}
    )
