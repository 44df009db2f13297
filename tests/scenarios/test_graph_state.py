"""Validation that follows what a learner holds on each path: flags and score conditions."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from scenarios import selectors, services
from scenarios.graph import ChoiceEdge, ProblemKind, ScenarioGraph, SceneNode, find_problems
from scenarios.graph_state import FLAG_LIMIT, analyse_states, state_problems
from scenarios.graph_state import highest_score as graph_highest_score
from scenarios.models import Choice, ScenarioPage, Scene
from tests.factories import ScenarioPageFactory, scene
from tests.scenarios.test_admin import choice as admin_choice
from tests.scenarios.test_admin import create_url, post_data, scene_form


def to(target, label=None, *, score=0, sets=(), needs=(), low=None, high=None):
    return ChoiceEdge(
        label=label or f"to {target}",
        target=target,
        score=score,
        sets_flags=tuple(sets),
        requires_flags=tuple(needs),
        score_min=low,
        score_max=high,
    )


def graph(begin="start", **scenes):
    """Scenes by key: an outcome string for an ending, else a list of choices."""
    return ScenarioGraph(
        start=begin,
        scenes=[
            SceneNode(key=key, title=key.title(), outcome=spec)
            if isinstance(spec, str)
            else SceneNode(key=key, title=key.title(), outcome="", choices=tuple(spec))
            for key, spec in scenes.items()
        ],
    )


def kinds(problems):
    return [(problem.kind, problem.scene_key) for problem in problems]


def english(problem):
    with translation.override("en"):
        return problem.message


# Flags -----------------------------------------------------------------------------------
def test_only_way_out_needing_a_flag_nothing_sets_is_a_problem():
    problems = find_problems(
        graph(start=[to("end", "Report", needs=["consulted"])], end="good"),
    )
    assert kinds(problems) == [
        (ProblemKind.FLAG_NEVER_SET, "start"),
        (ProblemKind.STUCK, "start"),
        (ProblemKind.UNREACHABLE_BY_CONDITIONS, "end"),
    ]
    assert english(problems[0]) == (
        "In scene 'Start', the choice 'Report' needs flag 'consulted', which no path to this "
        "scene sets."
    )
    assert "The ending 'End' cannot be reached once flags and score count" in english(problems[2])


def test_a_flag_set_on_another_path_than_the_one_to_the_choice_is_a_problem():
    problems = find_problems(
        graph(
            start=[to("consult"), to("wait")],
            consult=[to("partial", sets=["consulted"])],
            wait=[to("talk")],
            talk=[to("good", "Report together", needs=["consulted"]), to("partial")],
            good="good",
            partial="partial",
        )
    )
    assert kinds(problems) == [
        (ProblemKind.FLAG_NEVER_SET, "talk"),
        (ProblemKind.UNREACHABLE_BY_CONDITIONS, "good"),
    ]
    assert "the choice 'Report together' needs flag 'consulted'" in english(problems[0])


def test_a_flag_set_on_one_of_two_paths_is_sound_when_there_is_another_way_on():
    problems = find_problems(
        graph(
            start=[to("talk", sets=["consulted"]), to("talk")],
            talk=[to("good", needs=["consulted"]), to("partial")],
            good="good",
            partial="partial",
        )
    )
    assert problems == []


def test_a_learner_without_the_flag_gets_stuck_where_it_is_the_only_way_on():
    problems = find_problems(
        graph(
            start=[to("talk", sets=["consulted"]), to("talk", sets=["waited"])],
            talk=[to("good", needs=["consulted"])],
            good="good",
        )
    )
    assert kinds(problems) == [(ProblemKind.STUCK, "talk")]
    assert "for example when holding no flags" in english(problems[0])


def test_a_loop_whose_way_out_needs_a_flag_the_loop_never_gives():
    problems = find_problems(
        graph(
            start=[to("hall", sets=["key"]), to("hall")],
            hall=[to("door", needs=["key"]), to("hall", "wander")],
            door="good",
        )
    )
    assert kinds(problems) == [(ProblemKind.NO_ENDING_BY_CONDITIONS, "hall")]
    assert "goes round and round" in english(problems[0])


def test_choices_that_need_two_flags_never_held_together():
    problems = find_problems(
        graph(
            start=[to("talk", sets=["a"]), to("talk", sets=["b"])],
            talk=[to("good", "Both", needs=["a", "b"]), to("good")],
            good="good",
        )
    )
    assert kinds(problems) == [(ProblemKind.NEVER_OFFERED, "talk")]
    assert "the choice 'Both' is never offered" in english(problems[0])


def test_more_flags_than_the_bound_are_refused_naming_count_and_bound():
    flags = [f"flag-{number}" for number in range(FLAG_LIMIT + 1)]
    problems = find_problems(graph(start=[to("end", sets=flags)], end="good"))
    assert kinds(problems) == [(ProblemKind.TOO_MANY_FLAGS, "")]
    assert english(problems[0]) == (
        "This scenario uses too many different flags to check: 13, while at most 12 are "
        "allowed. Use fewer flags."
    )


def test_the_bound_is_said_in_the_form_help_text():
    with translation.override("nl"):
        assert "hoogstens 12 verschillende kenmerken" in str(
            Choice._meta.get_field("requires_flags").help_text
        )


# Score -----------------------------------------------------------------------------------
def scored(**conditions):
    """Points +3 or -2 first; then a choice with `conditions` and one without."""
    return graph(
        start=[to("mid", score=3), to("mid", score=-2)],
        mid=[to("good", "Conditional", **conditions), to("bad")],
        good="good",
        bad="harmful",
    )


@pytest.mark.parametrize("conditions", [{"low": 3}, {"high": -2}, {"low": -2, "high": 3}])
def test_score_conditions_that_some_path_meets(conditions):
    assert find_problems(scored(**conditions)) == []


@pytest.mark.parametrize(
    ("conditions", "text"),
    [
        ({"low": 4}, "needs a score of at least 4, and no path to this scene has that score"),
        ({"high": -3}, "needs a score of at most -3, and no path"),
        ({"low": 0, "high": 2}, "needs a score from 0 to 2, and no path"),
    ],
)
def test_score_conditions_that_no_path_meets(conditions, text):
    problems = find_problems(scored(**conditions))
    assert kinds(problems) == [
        (ProblemKind.SCORE_NEVER_MET, "mid"),
        (ProblemKind.UNREACHABLE_BY_CONDITIONS, "good"),
    ]
    assert text in english(problems[0])


def test_a_score_that_falls_and_rises_again_is_followed_exactly():
    # -8 then +9 is 1: clamping the score near the threshold (2) on the way down would
    # wrongly let it rise past it.
    problems = find_problems(
        graph(
            start=[to("low", score=-8)],
            low=[to("high", score=9)],
            high=[to("good", needs=(), low=2), to("bad")],
            good="good",
            bad="harmful",
        )
    )
    assert (ProblemKind.SCORE_NEVER_MET, "high") in kinds(problems)


def test_a_loop_that_raises_the_score_reaches_the_threshold_in_few_states():
    g = graph(
        start=[to("ask", "ask again", score=1), to("decide")],
        ask=[to("start")],
        decide=[to("good", low=5), to("bad", high=4)],
        good="good",
        bad="harmful",
    )
    assert find_problems(g) == []
    # The score is clamped just above the threshold, not counted up without end.
    assert analyse_states(g).state_count <= 3 * 8 + 2


# Scale -----------------------------------------------------------------------------------
def long_case(scenes: int, *, score_condition: bool = False) -> ScenarioGraph:
    """A chain of scenes using all 12 flags, spread over the case: a scene sets one, which
    the scene three further on can ask for, as a case's threads open and close."""
    spacing = scenes // FLAG_LIMIT
    spec = {}
    for number in range(scenes):
        thread, step = divmod(number, spacing)
        flag = f"flag-{thread}"
        following = f"s{number + 1}" if number + 1 < scenes else "end"
        act = to(following, "act", score=1)
        if thread < FLAG_LIMIT and step == 0:
            act = to(following, "act", score=1, sets=[flag])
        elif thread < FLAG_LIMIT and step == 3:
            act = to(following, "follow up", score=1, needs=[flag])
        spec[f"s{number}"] = [act, to(following, "wait", score=-1)]
    if score_condition:
        spec[f"s{scenes - 1}"] = [to("end", "well done", low=10), to("end", "wait")]
    spec["end"] = "good"
    return graph(begin="s0", **spec)


def test_a_200_scene_case_with_12_flags_stays_within_a_few_states_per_scene():
    g = long_case(200)
    analysis = analyse_states(g)
    assert analysis.flag_count == FLAG_LIMIT
    # Each flag matters only until the choice that asks for it: never 2^12 states a scene.
    assert analysis.state_count <= 2 * 201
    assert find_problems(g) == []


def test_a_200_scene_case_with_a_score_condition_at_the_end_is_checked_in_bounds():
    g = long_case(200, score_condition=True)
    analysis = analyse_states(g)
    assert not analysis.too_many_states
    # The score is kept only within reach of the threshold (the points the scenes left can
    # still add or take away), not every one of the 20,000 scores the paths collect.
    assert analysis.state_count <= 15_000
    assert find_problems(g) == []


def test_past_the_state_limit_the_search_stops_with_a_problem():
    g = long_case(40, score_condition=True)
    analysis = analyse_states(g, state_limit=50)
    assert analysis.too_many_states
    [problem], by_scene = state_problems(g, analysis)
    assert (problem.kind, by_scene) == (ProblemKind.TOO_MANY_STATES, {})
    assert "too many combinations of scene, flags and score to check (more than 50)" in (
        english(problem)
    )


# The model, the admin and playing ----------------------------------------------------------
def test_at_least_above_at_most_is_refused_by_model_and_database(scenario):
    choice = Choice.objects.filter(scene__page=scenario).first()
    choice.requires_score_min, choice.requires_score_max = 5, 2
    with pytest.raises(ValidationError) as refused:
        choice.full_clean()
    assert "requires_score_max" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        choice.save()


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_publishing_is_refused_when_the_way_out_needs_a_flag_nothing_sets(admin_client, home_page):
    needs = {**admin_choice("Melden", "end"), "requires_flags": "overlegd"}
    scenes = [
        scene_form("start", "Begin", choices=[needs]),
        scene_form("end", "Einde", outcome="good"),
    ]
    with translation.override("en"):
        response = admin_client.post(create_url(home_page), post_data(scenes, publish=True))
    page = ScenarioPage.objects.get(slug="casus-klas")
    assert not page.live
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "needs flag 'overlegd', which no path to this scene sets" in message


def test_the_admin_form_saves_score_conditions_and_refuses_a_reversed_range(
    admin_client, home_page
):
    bounded = {**admin_choice("Verder", "end"), "requires_score_min": "-3"}
    reversed_range = {**bounded, "requires_score_min": "4", "requires_score_max": "1"}
    end = scene_form("end", "Einde", outcome="good")
    start = scene_form("start", "Begin", choices=[reversed_range])
    response = admin_client.post(create_url(home_page), post_data([start, end]))
    assert response.status_code == 200  # the form again, with the error
    assert not ScenarioPage.objects.filter(slug="casus-klas").exists()

    admin_client.post(
        create_url(home_page), post_data([scene_form("start", "Begin", choices=[bounded]), end])
    )
    draft = ScenarioPage.objects.get(slug="casus-klas").get_latest_revision_as_object()
    assert draft.scenes.first().choices.first().requires_score_min == -3


def score_case_spec():
    return {
        "start": scene(
            "Start",
            choices=[
                {"label": "Good", "target": "mid", "score": 3},
                {"label": "Poor", "target": "mid", "score": -2},
            ],
        ),
        "mid": scene(
            "Middle",
            choices=[
                {"label": "Earned", "target": "good", "requires_score_min": 3},
                {"label": "Second chance", "target": "partial", "requires_score_max": 0},
            ],
        ),
        "good": scene("Good end", outcome="good"),
        "partial": scene("Partial end", outcome="partial"),
    }


@pytest.fixture
def score_case(home_page):
    return ScenarioPageFactory(parent=home_page, spec=score_case_spec(), slug="score-case")


def play(page, user, label):
    run = services.run_start(page=page, user=user)
    chosen = Choice.objects.get(scene__page=page, label=label)
    services.run_choose(run=run, choice_id=chosen.pk, attempt=run.attempt, position=run.position)
    run.refresh_from_db()
    return run


def test_play_offers_only_choices_whose_score_condition_holds(score_case, learner):
    assert selectors.scenario_problems(score_case) == []
    run = play(score_case, learner, "Poor")
    middle = selectors.scene_for_play(page=score_case, key="mid")
    offered = selectors.available_choices(scene=middle, flags=run.flags, score=run.score)
    assert [choice.label for choice in offered] == ["Second chance"]

    earned = Choice.objects.get(scene__page=score_case, label="Earned")
    with pytest.raises(services.MoveRefused):
        services.run_choose(run=run, choice_id=earned.pk, attempt=run.attempt, position=1)
    run.refresh_from_db()
    assert (run.current_scene, run.position) == ("mid", 1)


def test_play_lets_a_learner_with_the_score_take_the_choice(score_case, learner):
    run = play(score_case, learner, "Good")
    middle = Scene.objects.get(page=score_case, key="mid")
    offered = selectors.available_choices(scene=middle, flags=run.flags, score=run.score)
    assert [choice.label for choice in offered] == ["Earned"]
    earned = Choice.objects.get(scene__page=score_case, label="Earned")
    services.run_choose(run=run, choice_id=earned.pk, attempt=run.attempt, position=1)
    run.refresh_from_db()
    assert (run.outcome, run.score) == ("good", 3)


# The debrief's highest score --------------------------------------------------------------
def test_the_highest_score_leaves_out_choices_a_missing_flag_hides():
    # Counting by the shape alone, 'a' then 'end' gives 5; but no path sets 'x'.
    g = graph(
        start=[to("a", score=5), to("b", score=1)],
        a=[to("end", needs=["x"]), to("end", score=-5)],
        b=[to("end", score=1)],
        end="good",
    )
    assert graph_highest_score(g) == 2


def test_the_highest_score_follows_score_conditions():
    # The bonus needs at least 5 points, which no path has: 13 is out of reach.
    assert graph_highest_score(scored(low=5)) == 3
    # With 'at most -2' the bonus is open only to the learner who lost points first.
    g = graph(
        start=[to("mid", score=3), to("mid", score=-2)],
        mid=[to("good", "Bonus", score=10, high=-2), to("good")],
        good="good",
    )
    assert graph_highest_score(g) == 8


def test_the_highest_score_counts_a_flag_fetched_on_a_loop():
    # The door needs the key, which costs a point to fetch: 3, not the 4 of going straight.
    g = graph(
        start=[to("hall", "Fetch the key", score=-1, sets=["key"]), to("door", needs=["key"])],
        hall=[to("start")],
        door=[to("end", score=4)],
        end="good",
    )
    assert graph_highest_score(g) == 3


def test_a_loop_that_adds_points_has_no_highest_score():
    g = graph(
        start=[to("ask", "ask again", score=1), to("end")],
        ask=[to("start")],
        end="good",
    )
    assert graph_highest_score(g) is None
    # A loop that gains nothing has one.
    assert (
        graph_highest_score(
            graph(start=[to("ask"), to("end", score=2)], ask=[to("start")], end="good")
        )
        == 2
    )


def test_the_highest_score_of_a_200_scene_case_with_flags_and_a_score_condition():
    # Every scene's 'act' gives a point and the last needs ten: 200 points in all.
    assert graph_highest_score(long_case(200, score_condition=True)) == 199


def test_the_debrief_shows_the_highest_score_that_flags_allow(home_page, learner):
    spec = {
        "start": scene(
            "Start",
            choices=[
                {"label": "Rush", "target": "mid", "score": 1},
                {"label": "Consult", "target": "mid", "sets_flags": "consulted"},
            ],
        ),
        "mid": scene(
            "Middle",
            choices=[
                {"label": "Report", "target": "end", "score": 5, "requires_flags": "consulted"},
                {"label": "Leave", "target": "end"},
            ],
        ),
        "end": scene("End", outcome="good"),
    }
    page = ScenarioPageFactory(parent=home_page, spec=spec, slug="flag-score")
    run = play(page, learner, "Rush")
    leave = Choice.objects.get(scene__page=page, label="Leave")
    services.run_choose(run=run, choice_id=leave.pk, attempt=1, position=1)
    run.refresh_from_db()
    # By the shape alone it would be 6 (rush, then report); reporting needs the flag.
    assert selectors.debrief_for_run(run=run).highest_score == 5
