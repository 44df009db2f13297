"""The graph editor's server side: scene selects in the form, and the live problem check."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from scenarios.forms import SceneOptions
from scenarios.graph import MAX_DATA_SCENES, GraphDataError, ScenarioGraph
from scenarios.problems import ProblemKind
from tests.factories import ScenarioPageFactory, UserFactory, linear_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def sound_graph() -> dict:
    return {
        "start": "begin",
        "scenes": [
            {
                "key": "begin",
                "title": "Begin",
                "outcome": "",
                "choices": [
                    {"label": "Bellen", "target": "goed", "score": "2", "sets_flags": "gebeld"},
                    {"label": "Wachten", "target": "slecht", "requires_score_max": ""},
                ],
            },
            {"key": "goed", "title": "Goed", "outcome": "good", "choices": []},
            {"key": "slecht", "title": "Slecht", "outcome": "harmful", "choices": []},
        ],
    }


def post_json(client, url, data):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json")


# The scene select -------------------------------------------------------------------------
def test_scene_options_list_every_scene_by_title_and_keep_the_chosen_key():
    options = SceneOptions([("begin", "Begin <hier>"), ("eind", ""), ("begin", "Dubbel")])
    html = options.html("eind")
    with translation.override("en"):
        assert options.html("").startswith('<option value="" selected>(choose a scene)</option>')
        missing = options.html("weg")
    assert '<option value="begin">Begin &lt;hier&gt;</option>' in html
    assert '<option value="eind" selected>eind</option>' in html
    assert html.count("<option") == 3  # blank, begin, eind: the second 'begin' is left out
    # A key that names no scene stays chosen, marked, so saving does not drop it.
    assert '<option value="weg" selected>&#x27;weg&#x27; (does not exist)</option>' in missing


def test_edit_view_offers_the_scenes_in_every_target_and_the_start_select(admin_client, scenario):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[scenario.pk])).content
    html = html.decode()
    start = html.split('name="start_scene"')[1].split("</select>")[0]
    assert '<option value="start" selected>A pupil changes</option>' in start
    target = html.split('name="scenes-0-choices-0-target"')[1].split("</select>")[0]
    assert "data-scene-select" in target
    assert '<option value="talk" selected>A conversation</option>' in target
    # A target shows its chosen scene; the editor's script lists the others when opened.
    assert '<option value="harmful">' not in target
    assert target.count("<option") == 2  # the blank and the chosen scene
    assert f'data-problems-url="/admin/scenarios/{scenario.pk}/problems/"' in html
    assert "vendor/cytoscape/cytoscape.min.js" in html


def test_create_view_checks_problems_under_the_parent(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["scenarios", "scenariopage", home_page.pk])
    html = admin_client.get(url).content.decode()
    assert f'data-problems-url="/admin/scenarios/new/{home_page.pk}/problems/"' in html


# The live check ---------------------------------------------------------------------------
def test_a_sound_graph_has_no_problems(admin_client, scenario):
    url = reverse("scenarios_admin:graph_problems", args=[scenario.pk])
    response = post_json(admin_client, url, sound_graph())
    assert response.status_code == 200
    assert response.json() == {"problems": []}


def test_problems_of_the_unsaved_graph_are_named_by_scene(admin_client, scenario):
    data = sound_graph()
    data["scenes"][0]["choices"][1]["target"] = ""
    data["scenes"][0]["choices"][0]["requires_flags"] = "nooit"
    data["scenes"].append({"key": "eiland", "title": "Eiland", "outcome": "good"})
    url = reverse("scenarios_admin:graph_problems", args=[scenario.pk])
    with translation.override("en"):
        problems = post_json(admin_client, url, data).json()["problems"]
    assert [(p["kind"], p["scene"]) for p in problems] == [
        (ProblemKind.MISSING_TARGET, "begin"),
        (ProblemKind.FLAG_NEVER_SET, "begin"),
        (ProblemKind.UNREACHABLE_BY_CONDITIONS, "goed"),
        (ProblemKind.UNREACHABLE, "slecht"),
        (ProblemKind.UNREACHABLE, "eiland"),
    ]
    assert problems[0]["message"] == (
        "In scene 'Begin', the choice 'Wachten' leads nowhere yet: choose the scene it leads to."
    )


def test_a_choice_to_another_scenarios_scene_is_named(admin_client, scenario, home_page):
    other = ScenarioPageFactory(parent=home_page, slug="andere", spec=linear_spec(3))
    data = sound_graph()
    data["scenes"][0]["choices"][1]["target"] = "s1"  # a scene of the linear scenario
    url = reverse("scenarios_admin:graph_problems", args=[scenario.pk])
    problems = post_json(admin_client, url, data).json()["problems"]
    assert (problems[0]["kind"], problems[0]["scene"]) == (ProblemKind.FOREIGN_TARGET, "begin")
    assert other.title in problems[0]["message"]


def test_a_new_scenario_is_checked_under_its_parent(admin_client, home_page):
    url = reverse("scenarios_admin:new_graph_problems", args=[home_page.pk])
    assert post_json(admin_client, url, sound_graph()).json() == {"problems": []}
    empty = post_json(admin_client, url, {"start": "", "scenes": []}).json()["problems"]
    assert [problem["kind"] for problem in empty] == [ProblemKind.NO_START]


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[1, 2]",
        '{"scenes": "all"}',
        '{"scenes": [1]}',
        '{"scenes": [{"key": "a", "choices": "none"}]}',
        '{"scenes": [{"key": "a", "choices": [7]}]}',
    ],
)
def test_unreadable_input_gets_a_message(admin_client, scenario, body):
    url = reverse("scenarios_admin:graph_problems", args=[scenario.pk])
    with translation.override("en"):
        response = post_json(admin_client, url, body)
    assert response.status_code == 400
    assert response.json()["error"].startswith("The scenario sent for checking")


def test_too_many_scenes_are_refused(admin_client, scenario):
    data = {"start": "s0", "scenes": [{"key": f"s{n}"} for n in range(MAX_DATA_SCENES + 1)]}
    url = reverse("scenarios_admin:graph_problems", args=[scenario.pk])
    with translation.override("en"):
        response = post_json(admin_client, url, data)
    assert response.status_code == 400
    assert "more than 1000 scenes" in response.json()["error"]


def test_numbers_being_typed_count_as_none():
    data = sound_graph()
    data["scenes"][0]["choices"][0].update(
        {"score": "-", "requires_score_min": "x", "requires_score_max": True}
    )
    graph = ScenarioGraph.from_data(data)
    choice = graph.by_key["begin"].choices[0]
    assert (choice.score, choice.score_min, choice.score_max) == (0, None, None)
    assert choice.sets_flags == ("gebeld",)
    with pytest.raises(GraphDataError):
        ScenarioGraph.from_data({"start": "a"})


def test_only_editors_may_check(client, scenario, learner, home_page):
    url = reverse("scenarios_admin:graph_problems", args=[scenario.pk])
    new_url = reverse("scenarios_admin:new_graph_problems", args=[home_page.pk])
    anonymous = post_json(client, url, sound_graph())
    assert anonymous.status_code == 302  # to the admin's login
    staff = UserFactory(email="kijker@example.org", is_staff=True)
    client.force_login(staff)
    assert post_json(client, url, sound_graph()).status_code in (302, 403)
    assert post_json(client, new_url, sound_graph()).status_code in (302, 403)
    client.force_login(learner)
    assert post_json(client, url, sound_graph()).status_code in (302, 403)


def test_the_check_needs_a_post_with_the_csrf_token(editor, scenario):
    url = reverse("scenarios_admin:graph_problems", args=[scenario.pk])
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.get(url).status_code == 405
    assert post_json(strict, url, sound_graph()).status_code == 403
