import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from library.completion import Requirement
from library.learner_state import CONTEXT_KEY as LEARNER_STATES
from scenarios import services
from scenarios.blocks import CompletionChoiceBlock, ScenarioBlock
from scenarios.models import Choice

pytestmark = pytest.mark.django_db


def value(scenario, requirement):
    block = ScenarioBlock()
    return block, block.to_python({"scenario": scenario.pk, "requirement": requirement})


def finish(scenario, user, labels):
    run = services.run_start(page=scenario, user=user)
    for scene_key, label in labels:
        run.refresh_from_db()
        services.run_choose(
            run=run,
            choice_id=Choice.objects.get(
                scene__page=scenario, scene__key=scene_key, label=label
            ).pk,
            attempt=run.attempt,
            position=run.position,
        )


def test_optional_scenario_asks_nothing(scenario):
    block, val = value(scenario, CompletionChoiceBlock.NONE)
    assert block.completion_requirement(val) is None


def test_finished_requirement(scenario, learner):
    block, val = value(scenario, CompletionChoiceBlock.FINISHED)
    with translation.override("en"):
        requirement = block.completion_requirement(val)
    assert isinstance(requirement, Requirement)
    assert requirement.label == "Finish the scenario 'Casus'"
    assert requirement.is_met(user=learner) is False
    finish(scenario, learner, [("start", "Ignore it"), ("later", "Too late")])
    assert requirement.is_met(user=learner) is True


def test_good_outcome_requirement(scenario, learner):
    block, val = value(scenario, CompletionChoiceBlock.GOOD)
    requirement = block.completion_requirement(val)
    finish(scenario, learner, [("start", "Ignore it"), ("later", "Too late")])
    assert requirement.is_met(user=learner) is False
    run = learner.scenario_runs.get()
    services.run_restart(run=run, attempt=1)
    finish(scenario, learner, [("start", "Consult Veilig Thuis"), ("talk", "Report together")])
    assert requirement.is_met(user=learner) is True


def test_a_visitor_meets_a_requirement_by_the_run_in_their_session(scenario):
    from django.contrib.sessions.backends.db import SessionStore

    block, val = value(scenario, CompletionChoiceBlock.FINISHED)
    requirement = block.completion_requirement(val)
    session, stranger = SessionStore(), SessionStore()
    session.create()
    stranger.create()
    assert requirement.is_met(user=AnonymousUser()) is False

    run = services.run_start(page=scenario, session_key=session.session_key)
    for scene_key, label in [("start", "Ignore it"), ("later", "Too late")]:
        run.refresh_from_db()
        choice = Choice.objects.get(scene__page=scenario, scene__key=scene_key, label=label)
        services.run_choose(
            run=run, choice_id=choice.pk, attempt=run.attempt, position=run.position
        )

    assert requirement.is_met(user=AnonymousUser(), session=session) is True
    assert requirement.is_met(user=AnonymousUser(), session=stranger) is False


def test_block_renders_a_link_and_the_learners_progress(scenario, learner):
    block, val = value(scenario, CompletionChoiceBlock.GOOD)
    request = RequestFactory().get("/")
    request.user = learner
    finish(scenario, learner, [("start", "Ignore it")])
    states = block.learner_states({"b1": val}, page=None, user=learner, session=None)
    context = {"request": request, "block_id": "b1", LEARNER_STATES: states}
    with translation.override("en"):
        html = block.render(val, context=context)
    assert scenario.url in html
    assert "Continue the scenario" in html
    assert "Reach a good ending" in html
