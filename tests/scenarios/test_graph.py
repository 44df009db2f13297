"""One test per kind of problem that keeps a scenario from being published."""

import pytest
from django.utils import translation

from scenarios.graph import (
    ChoiceEdge,
    ProblemKind,
    ScenarioGraph,
    SceneNode,
    find_problems,
    layered_layout,
)


def graph(begin="start", **scenes):
    nodes = [
        SceneNode(
            key=key,
            title=key.title(),
            outcome=outcome,
            choices=tuple(ChoiceEdge(label=f"to {t}", target=t) for t in targets),
        )
        for key, (outcome, targets) in scenes.items()
    ]
    return ScenarioGraph(start=begin, scenes=nodes)


def kinds(problems):
    return [(problem.kind, problem.scene_key) for problem in problems]


def test_a_sound_scenario_has_no_problems():
    sound = graph(
        start=("", ["middle", "bad"]),
        middle=("", ["good", "start"]),
        good=("good", []),
        bad=("harmful", []),
    )
    assert find_problems(sound) == []


def test_no_start_scene():
    problems = find_problems(graph(begin="", only=("good", [])))
    assert kinds(problems) == [(ProblemKind.NO_START, "")]


def test_start_scene_that_does_not_exist():
    problems = find_problems(graph(begin="gone", only=("good", [])))
    assert kinds(problems) == [(ProblemKind.NO_START, "")]
    with translation.override("en"):
        assert "'gone' does not exist" in problems[0].message


def test_unreachable_scene():
    problems = find_problems(graph(start=("", ["end"]), island=("", ["end"]), end=("good", [])))
    assert kinds(problems) == [(ProblemKind.UNREACHABLE, "island")]
    with translation.override("en"):
        assert problems[0].message == "Scene 'Island' cannot be reached from the start scene."


def test_non_ending_scene_without_choices():
    problems = find_problems(graph(start=("", ["stuck", "end"]), stuck=("", []), end=("good", [])))
    assert (ProblemKind.DEAD_END, "stuck") in kinds(problems)


def test_choice_to_a_missing_scene():
    problems = find_problems(graph(start=("", ["end", "nowhere"]), end=("good", [])))
    assert kinds(problems) == [(ProblemKind.MISSING_TARGET, "start")]
    assert problems[0].target == "nowhere"
    with translation.override("en"):
        assert "'to nowhere' leads to a scene that does not exist" in problems[0].message


def test_choice_without_a_target_counts_as_missing():
    problems = find_problems(graph(start=("", ["end", ""]), end=("good", [])))
    assert kinds(problems) == [(ProblemKind.MISSING_TARGET, "start")]


def test_choice_to_another_scenarios_scene():
    def foreign(keys):
        return {key: "Other case" for key in keys if key == "theirs"}

    problems = find_problems(
        graph(start=("", ["end", "theirs"]), end=("good", [])), foreign=foreign
    )
    assert kinds(problems) == [(ProblemKind.FOREIGN_TARGET, "start")]
    with translation.override("en"):
        assert "a scene of another scenario ('Other case')" in problems[0].message


def test_loop_without_exit_has_no_reachable_ending():
    problems = find_problems(
        graph(
            start=("", ["loop-a", "end"]),
            **{"loop-a": ("", ["loop-b"]), "loop-b": ("", ["loop-a"])},
            end=("good", []),
        )
    )
    assert kinds(problems) == [
        (ProblemKind.NO_ENDING, "loop-a"),
        (ProblemKind.NO_ENDING, "loop-b"),
    ]


def test_scenario_without_any_ending():
    problems = find_problems(graph(start=("", ["start"])))
    assert kinds(problems) == [(ProblemKind.NO_ENDING, "start")]


def test_choices_of_an_ending_are_ignored():
    assert find_problems(graph(start=("", ["end"]), end=("good", ["nowhere"]))) == []


@pytest.mark.parametrize("size", [1, 12])
def test_layout_places_every_scene_once_in_rows(size):
    scenes = {f"s{n}": ("", [f"s{n + 1}", "s0"]) for n in range(size)}
    scenes[f"s{size}"] = ("good", [])
    layout = layered_layout(graph(begin="s0", **scenes))
    assert len(layout.nodes) == size + 1
    assert len({(node.x, node.y) for node in layout.nodes}) == size + 1
    assert [node.y for node in layout.nodes] == sorted(node.y for node in layout.nodes)
    assert sum(edge.is_back for edge in layout.edges) == size


def test_layout_marks_problem_and_outcome():
    g = graph(start=("", ["end", "x"]), end=("harmful", []))
    layout = layered_layout(g, find_problems(g))
    start, end = layout.nodes
    assert "scenario-graph__node--problem" in start.css_class
    assert "scenario-graph__node--start" in start.css_class
    assert "scenario-graph__node--harmful" in end.css_class
