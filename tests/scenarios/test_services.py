import pytest
from allauth.account.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore

from scenarios import services
from scenarios.models import Choice, ScenarioRun, ScenarioStep

pytestmark = pytest.mark.django_db


def choice_id(page, scene_key, label):
    return Choice.objects.get(scene__page=page, scene__key=scene_key, label=label).pk


def choose(run, page, scene_key, label):
    run.refresh_from_db()
    return services.run_choose(
        run=run,
        choice_id=choice_id(page, scene_key, label),
        attempt=run.attempt,
        position=run.position,
    )


def test_start_is_idempotent(scenario, learner):
    first = services.run_start(page=scenario, user=learner)
    again = services.run_start(page=scenario, user=learner)
    assert first.pk == again.pk
    assert first.current_scene == "start"


def test_anonymous_runs_belong_to_the_session(scenario):
    run = services.run_start(page=scenario, session_key="abc")
    assert run.user is None
    assert services.run_start(page=scenario, session_key="abc").pk == run.pk
    assert services.run_start(page=scenario, session_key="xyz").pk != run.pk


def test_choices_move_the_run_and_compute_flags_and_score(scenario, learner):
    run = services.run_start(page=scenario, user=learner)
    choose(run, scenario, "start", "Consult Veilig Thuis")
    run.refresh_from_db()
    assert (run.current_scene, run.flags, run.score, run.position) == ("talk", ["consulted"], 3, 1)
    choose(run, scenario, "talk", "Report together")
    run.refresh_from_db()
    assert run.is_finished
    assert (run.outcome, run.best_outcome) == ("good", "good")
    assert run.first_finished_at is not None


def test_a_repeated_choice_is_recorded_once(scenario, learner):
    run = services.run_start(page=scenario, user=learner)
    pk = choice_id(scenario, "start", "Ignore it")
    first = services.run_choose(run=run, choice_id=pk, attempt=1, position=0)
    repeat = services.run_choose(run=run, choice_id=pk, attempt=1, position=0)
    assert first.pk == repeat.pk
    assert ScenarioStep.objects.count() == 1
    run.refresh_from_db()
    assert (run.position, run.score) == (1, -3)


@pytest.mark.parametrize(
    "scene_key,label,position",
    [
        ("talk", "Wait and see", 1),  # a choice of a scene the learner is not in
        ("start", "Consult Veilig Thuis", 0),  # a stale form: the run is already past it
    ],
)
def test_moves_the_current_scene_does_not_allow_are_refused(
    scenario, learner, scene_key, label, position
):
    run = services.run_start(page=scenario, user=learner)
    choose(run, scenario, "start", "Ignore it")
    run.refresh_from_db()
    before = (run.current_scene, run.position, run.score, run.flags)
    with pytest.raises(services.MoveRefused):
        services.run_choose(
            run=run,
            choice_id=choice_id(scenario, scene_key, label),
            attempt=1,
            position=position,
        )
    run.refresh_from_db()
    assert (run.current_scene, run.position, run.score, run.flags) == before
    assert ScenarioStep.objects.count() == 1


def test_a_choice_whose_flags_are_not_set_is_refused(scenario, learner):
    run = services.run_start(page=scenario, user=learner)
    choose(run, scenario, "start", "Ignore it")
    choose(run, scenario, "later", "Talk now")
    with pytest.raises(services.MoveRefused):
        choose(run, scenario, "talk", "Report together")
    assert ScenarioStep.objects.count() == 2


def test_back_takes_the_last_choice_back_and_recomputes_state(scenario, learner):
    run = services.run_start(page=scenario, user=learner)
    choose(run, scenario, "start", "Consult Veilig Thuis")
    run.refresh_from_db()
    run = services.run_back(run=run, attempt=1, position=1)
    assert (run.current_scene, run.position, run.flags, run.score) == ("start", 0, [], 0)
    # Repeating the same back request changes nothing.
    assert services.run_back(run=run, attempt=1, position=1).position == 0
    choose(run, scenario, "start", "Ignore it")
    steps = ScenarioStep.objects.order_by("pk")
    assert [(s.choice_label, s.retracted) for s in steps] == [
        ("Consult Veilig Thuis", True),
        ("Ignore it", False),
    ]


def test_restart_starts_a_new_attempt_and_keeps_the_best_outcome(scenario, learner):
    run = services.run_start(page=scenario, user=learner)
    choose(run, scenario, "start", "Consult Veilig Thuis")
    choose(run, scenario, "talk", "Report together")
    run.refresh_from_db()
    run = services.run_restart(run=run, attempt=1)
    assert (run.attempt, run.position, run.current_scene, run.status) == (
        2,
        0,
        "start",
        ScenarioRun.Status.ACTIVE,
    )
    assert services.run_restart(run=run, attempt=1).attempt == 2  # a repeated restart
    choose(run, scenario, "start", "Ignore it")
    choose(run, scenario, "later", "Too late")
    run.refresh_from_db()
    assert (run.outcome, run.best_outcome) == ("harmful", "good")


def test_no_choice_after_an_ending(scenario, learner):
    run = services.run_start(page=scenario, user=learner)
    choose(run, scenario, "start", "Ignore it")
    choose(run, scenario, "later", "Too late")
    with pytest.raises(services.MoveRefused):
        choose(run, scenario, "later", "Too late")


def test_anonymous_runs_move_to_the_account_on_login(scenario, learner, rf):
    session = SessionStore()
    session.create()
    run = services.run_start(page=scenario, session_key=session.session_key)
    services.session_run_remember(session=session, run=run)
    request = rf.get("/")
    request.session = session

    user_logged_in.send(sender=learner.__class__, request=request, user=learner)

    run.refresh_from_db()
    assert (run.user, run.session_key) == (learner, "")
    assert services.SESSION_RUNS_KEY not in session


def test_claiming_keeps_the_run_the_account_already_has(scenario, learner):
    own = services.run_start(page=scenario, user=learner)
    anonymous = services.run_start(page=scenario, session_key="abc")
    session = {services.SESSION_RUNS_KEY: [anonymous.pk]}
    assert services.session_runs_claim(user=learner, session=session) == 0
    assert ScenarioRun.objects.get(user=learner).pk == own.pk
