import pytest
from django.db import IntegrityError, transaction

from scenarios.models import Choice, ScenarioPage, Scene, flag_list
from scenarios.selectors import scenario_problems
from tests.factories import ScenarioPageFactory, linear_spec, scene

pytestmark = pytest.mark.django_db


def test_scenario_keeps_scenes_choices_and_signals(scenario, signals):
    start = scenario.scenes.get(key="start")
    assert list(start.choices.values_list("label", flat=True)) == [
        "Consult Veilig Thuis",
        "Ignore it",
    ]
    assert set(start.signals.all()) == set(signals)
    assert scenario_problems(scenario) == []


def test_draft_revision_round_trips_nested_scenes(scenario):
    draft = scenario.get_latest_revision_as_object()
    new_scene = Scene(key="extra", title="Extra", choices=[Choice(label="Go", target="good")])
    draft.scenes.add(new_scene)
    draft.save_revision()

    reloaded = ScenarioPage.objects.get(pk=scenario.pk).get_latest_revision_as_object()
    extra = next(s for s in reloaded.scenes.all() if s.key == "extra")
    assert [c.target for c in extra.choices.all()] == ["good"]
    # The published scenario is untouched by the draft.
    assert not Scene.objects.filter(page=scenario, key="extra").exists()
    assert [p.kind for p in scenario_problems(reloaded)] == ["unreachable"]


def test_scene_keys_are_unique_within_a_scenario(scenario):
    with pytest.raises(IntegrityError), transaction.atomic():
        Scene.objects.create(page=scenario, key="start", title="Again")


def test_choice_to_a_scene_of_another_scenario_is_named(home_page, scenario):
    other = ScenarioPageFactory(
        parent=home_page,
        spec={
            "start": scene("Start", choices=[("Go", "good"), ("Borrowed", "talk")]),
            "good": scene("End", outcome="good"),
        },
        slug="ander",
        title="Other case",
    )
    problems = scenario_problems(other)
    assert [(p.kind, p.scene_key, p.other) for p in problems] == [
        ("foreign_target", "start", "Casus")
    ]


def test_flag_list_parses_commas_and_drops_repeats():
    assert flag_list(" a, b-c ,a,, ") == ["a", "b-c"]
    assert flag_list("") == []


def test_saving_a_large_scenario_indexes_its_references_once(home_page, monkeypatch):
    enqueued = []

    class RecordingTask:
        def enqueue(self, *args):
            enqueued.append(args)

    # Wagtail's save signal and the scenario page both look the task up by these names.
    monkeypatch.setattr("wagtail.signal_handlers.update_reference_index_task", RecordingTask())
    monkeypatch.setattr("wagtail.tasks.update_reference_index_task", RecordingTask())
    page = ScenarioPageFactory(parent=home_page, spec=linear_spec(30))

    page_entries = [args for args in enqueued if args[1] == "scenariopage"]
    child_entries = [args for args in enqueued if args[1] in {"scene", "choice"}]
    assert child_entries == []
    assert page_entries and all(args[2] == str(page.pk) for args in page_entries)
