"""Two requests with the same choice at the same moment record it once (SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import close_old_connections, connection

from scenarios import services
from scenarios.models import Choice, ScenarioRun, ScenarioStep
from tests.factories import ScenarioPageFactory, branching_spec

THREADS = 4


def in_threads(target):
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def work():
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except Exception as error:  # collected, so the test fails with the error
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_racing_identical_choices_are_recorded_once(home_page, learner):
    page = ScenarioPageFactory(parent=home_page, spec=branching_spec())
    run = services.run_start(page=page, user=learner)
    pk = Choice.objects.get(scene__page=page, scene__key="start", label="Ignore it").pk

    results, errors = in_threads(
        lambda: services.run_choose(run=run, choice_id=pk, attempt=1, position=0).pk
    )

    assert errors == []
    assert len(set(results)) == 1
    assert ScenarioStep.objects.count() == 1
    run = ScenarioRun.objects.get()
    assert (run.position, run.score, run.current_scene) == (1, -3, "later")


@pytest.mark.django_db(transaction=True)
def test_racing_choices_found_by_the_visitor_are_recorded_once(home_page, learner):
    """The page's own path: the run is found by the same read that locks it."""
    page = ScenarioPageFactory(parent=home_page, spec=branching_spec())
    services.run_start(page=page, user=learner)
    pk = Choice.objects.get(scene__page=page, scene__key="start", label="Ignore it").pk

    results, errors = in_threads(
        lambda: (
            services.run_choose_for_visitor(
                page=page, user=learner, choice_id=pk, attempt=1, position=0
            ).pk
        )
    )

    assert errors == []
    assert len(set(results)) == 1
    assert ScenarioStep.objects.count() == 1
    assert ScenarioRun.objects.get().position == 1


@pytest.mark.django_db(transaction=True)
def test_racing_starts_create_one_run(home_page, learner):
    page = ScenarioPageFactory(parent=home_page, spec=branching_spec())
    results, errors = in_threads(lambda: services.run_start(page=page, user=learner).pk)
    assert errors == []
    assert len(set(results)) == 1
    assert ScenarioRun.objects.count() == 1
