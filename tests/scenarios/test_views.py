import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scenarios.editing import PREVIEW_OVERVIEW
from scenarios.models import Choice, ScenarioRun, ScenarioStep, Scene
from scenarios.services import SESSION_RUNS_KEY
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ScenarioPageFactory,
    block,
    linear_spec,
)
from website.models import Region, RegionContact

pytestmark = pytest.mark.django_db


def choice_pk(page, scene_key, label):
    return Choice.objects.get(scene__page=page, scene__key=scene_key, label=label).pk


def post_choice(client, page, pk, *, attempt=1, position=0):
    return client.post(
        page.url,
        {"action": "choose", "choice_id": pk, "attempt": attempt, "position": position},
    )


@pytest.fixture
def player(client, learner):
    client.force_login(learner)
    return client


def test_intro_then_start_then_scene(player, scenario):
    intro = player.get(scenario.url)
    assert intro.status_code == 200
    assert intro.context["state"] == "intro"
    response = player.post(scenario.url, {"action": "start"})
    assert response.status_code == 302
    scene = player.get(scenario.url)
    assert scene.context["state"] == "scene"
    assert scene.context["scene"].key == "start"
    html = scene.content.decode()
    assert 'name="choice_id"' in html and "Consult Veilig Thuis" in html


def test_choices_whose_flags_are_missing_are_not_shown(player, scenario):
    player.post(scenario.url, {"action": "start"})
    post_choice(player, scenario, choice_pk(scenario, "start", "Ignore it"))
    post_choice(player, scenario, choice_pk(scenario, "later", "Talk now"), position=1)
    response = player.get(scenario.url)
    labels = [c.label for c in response.context["choices"]]
    assert labels == ["Wait and see"]
    assert "Report together" not in response.content.decode()


def test_a_move_the_scene_does_not_lead_to_is_a_400_and_writes_nothing(player, scenario):
    player.post(scenario.url, {"action": "start"})
    response = post_choice(player, scenario, choice_pk(scenario, "talk", "Wait and see"))
    assert response.status_code == 400
    assert ScenarioStep.objects.count() == 0
    assert ScenarioRun.objects.get().current_scene == "start"


@pytest.mark.parametrize(
    "data",
    [
        {"action": "choose", "choice_id": "x", "attempt": 1, "position": 0},
        {"action": "choose", "attempt": 1, "position": 0},
        {"action": "fly"},
        {"action": "back", "attempt": "-1", "position": 0},
    ],
)
def test_malformed_requests_are_a_400(player, scenario, data):
    player.post(scenario.url, {"action": "start"})
    assert player.post(scenario.url, data).status_code == 400
    assert ScenarioStep.objects.count() == 0


def test_a_double_submit_is_recorded_once(player, scenario):
    player.post(scenario.url, {"action": "start"})
    pk = choice_pk(scenario, "start", "Ignore it")
    assert post_choice(player, scenario, pk).status_code == 302
    assert post_choice(player, scenario, pk).status_code == 302
    assert ScenarioStep.objects.count() == 1


def test_back_and_restart(player, scenario):
    player.post(scenario.url, {"action": "start"})
    post_choice(player, scenario, choice_pk(scenario, "start", "Ignore it"))
    player.post(scenario.url, {"action": "back", "attempt": 1, "position": 1})
    assert player.get(scenario.url).context["scene"].key == "start"
    post_choice(player, scenario, choice_pk(scenario, "start", "Ignore it"))
    player.post(scenario.url, {"action": "restart", "attempt": 1})
    run = ScenarioRun.objects.get()
    assert (run.attempt, run.current_scene) == (2, "start")


def test_an_unfinished_run_resumes_in_a_new_session(client, learner, scenario):
    client.force_login(learner)
    client.post(scenario.url, {"action": "start"})
    post_choice(client, scenario, choice_pk(scenario, "start", "Ignore it"))
    client.logout()
    client.force_login(learner)
    assert client.get(scenario.url).context["scene"].key == "later"


@pytest.mark.parametrize("signed_in", [True, False])
def test_a_choice_before_the_start_is_a_400_that_says_so(client, learner, scenario, signed_in):
    if signed_in:
        client.force_login(learner)

    response = post_choice(client, scenario, choice_pk(scenario, "start", "Ignore it"))

    assert response.status_code == 400
    assert response.context["state"] == "intro"
    assert not ScenarioRun.objects.exists() and not ScenarioStep.objects.exists()


def test_another_visitors_run_is_not_moved(client, learner, django_user_model, scenario):
    client.force_login(django_user_model.objects.create_user(email="ander@example.org"))
    client.post(scenario.url, {"action": "start"})
    client.force_login(learner)

    response = post_choice(client, scenario, choice_pk(scenario, "start", "Ignore it"))

    assert response.status_code == 400
    assert ScenarioRun.objects.get().position == 0
    assert not ScenarioStep.objects.exists()


def test_anonymous_visitor_can_play(client, scenario):
    client.post(scenario.url, {"action": "start"})
    post_choice(client, scenario, choice_pk(scenario, "start", "Ignore it"))
    run = ScenarioRun.objects.get()
    assert run.user is None and run.session_key
    assert client.session[SESSION_RUNS_KEY] == [run.pk]
    assert client.get(scenario.url).context["scene"].key == "later"


def test_debrief_shows_path_signals_score_commentary_and_route(player, scenario, signals):
    region = Region.objects.create(name="Utrecht", slug="utrecht")
    RegionContact.objects.create(
        region=region, role=RegionContact.Role.VEILIG_THUIS, name="Veilig Thuis Utrecht"
    )
    player.post(scenario.url, {"action": "start"})
    post_choice(player, scenario, choice_pk(scenario, "start", "Ignore it"))
    post_choice(player, scenario, choice_pk(scenario, "later", "Talk now"), position=1)
    post_choice(player, scenario, choice_pk(scenario, "talk", "Wait and see"), position=2)
    response = player.get(scenario.url)
    assert response.context["state"] == "debrief"
    debrief = response.context["debrief"]
    assert [item.step.choice_label for item in debrief.steps] == [
        "Ignore it",
        "Talk now",
        "Wait and see",
    ]
    assert debrief.noticed == []
    assert {s.slug for s in debrief.missed} == {"spijbelen", "dure-cadeaus"}
    html = response.content.decode()
    assert "Risky." in html  # feedback on a choice
    assert "Veilig Thuis Utrecht" in html
    assert "scenario-outcome--partial" in html and response.context["run"].outcome == "partial"


def test_debrief_counts_signals_acted_on_as_noticed(player, scenario):
    player.post(scenario.url, {"action": "start"})
    post_choice(player, scenario, choice_pk(scenario, "start", "Consult Veilig Thuis"))
    post_choice(player, scenario, choice_pk(scenario, "talk", "Report together"), position=1)
    debrief = player.get(scenario.url).context["debrief"]
    assert {s.slug for s in debrief.noticed} == {"spijbelen", "dure-cadeaus"}
    assert debrief.missed == []
    assert "Meldcode followed." in player.get(scenario.url).content.decode()


def scenario_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if '"scenarios_' in query["sql"]]


def play_one_scene(client, page) -> tuple[list, list]:
    """The queries of showing the current scene, and of making its first choice."""
    client.post(page.url, {"action": "start"})
    client.get(page.url)  # warm the site and session caches
    run = ScenarioRun.objects.get(page=page)
    act = Choice.objects.get(scene__page=page, scene__key="start", label="Act").pk
    with CaptureQueriesContext(connection) as shown:
        assert client.get(page.url).status_code == 200
    with CaptureQueriesContext(connection) as chosen:
        response = post_choice(client, page, act, attempt=run.attempt, position=0)
    assert response.status_code == 302
    return shown.captured_queries, chosen.captured_queries


def test_playing_a_scene_costs_the_same_queries_at_10_and_200_scenes(client, learner, home_page):
    client.force_login(learner)
    small = play_one_scene(
        client, ScenarioPageFactory(parent=home_page, spec=linear_spec(10), slug="klein")
    )
    large = play_one_scene(
        client, ScenarioPageFactory(parent=home_page, spec=linear_spec(200), slug="groot")
    )

    assert [len(queries) for queries in small] == [len(queries) for queries in large]
    # Of those, the scenario's own (the page is kept in memory since the first view): showing
    # reads the run, the scene, its choices and its signals; choosing finds the run with the
    # read that locks it, reads the choice and the target scene, inserts the step and
    # updates the run.
    assert [len(scenario_queries(queries)) for queries in large] == [4, 5]


def test_the_overview_preview_lists_every_scene_of_the_draft(rf, scenario, learner):
    draft = scenario.get_latest_revision_as_object()
    draft.scenes.add(Scene(key="extra", title="Draft-only scene"))
    request = rf.get("/")
    request.user = learner
    response = draft.serve_preview(request, PREVIEW_OVERVIEW)
    html = response.render().content.decode()
    assert 'id="scene-extra"' in html
    assert 'href="#scene-talk"' in html
    assert 'name="action"' not in html  # nothing to submit in a preview
    assert ScenarioRun.objects.count() == 0


def test_other_methods_are_refused(client, scenario):
    assert client.put(scenario.url).status_code == 405
    assert ScenarioRun.objects.count() == 0


def play_to_an_ending(client, scenario):
    client.post(scenario.url, {"action": "start"})
    post_choice(client, scenario, choice_pk(scenario, "start", "Ignore it"))
    post_choice(client, scenario, choice_pk(scenario, "later", "Too late"), position=1)
    return client.get(scenario.url)


def test_the_debrief_leads_back_to_the_lesson_that_holds_the_scenario(player, scenario, home_page):
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), slug="module", is_public=True
    )
    holding = LessonPageFactory(
        parent=course,
        slug="de-casus",
        title="De casus van Noor",
        body=[block("scenario", {"scenario": scenario.pk, "requirement": "finished"})],
    )
    LessonPageFactory(parent=course, slug="andere-les", title="Een andere les")

    response = play_to_an_ending(player, scenario)

    assert response.context["state"] == "debrief"
    assert [lesson.url for lesson in response.context["lessons"]] == [holding.url]
    assert f'href="{holding.url}"' in response.text
    assert "De casus van Noor" in response.text


def test_a_scenario_in_no_lesson_has_no_way_back_link(player, scenario):
    response = play_to_an_ending(player, scenario)

    assert response.context["state"] == "debrief"
    assert response.context["lessons"] == []
