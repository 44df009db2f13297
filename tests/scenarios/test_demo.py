import pytest

from courses.demo import signals_load
from scenarios import demo
from scenarios.models import Choice, ScenarioPage, Scene
from scenarios.selectors import scenario_problems
from website.demo import load as website_load

pytestmark = pytest.mark.django_db


def test_demo_scenarios_are_sound_and_load_twice_without_duplicates():
    website_load()
    signals_load()
    first = demo.load()
    scene_pks = set(Scene.objects.values_list("pk", flat=True))
    choice_pks = set(Choice.objects.values_list("pk", flat=True))
    demo.load()

    assert ScenarioPage.objects.count() == 2
    assert set(Scene.objects.values_list("pk", flat=True)) == scene_pks
    assert set(Choice.objects.values_list("pk", flat=True)) == choice_pks
    for page in first:
        page = ScenarioPage.objects.get(pk=page.pk)
        assert page.live
        scenes = list(page.scenes.all())
        assert len(scenes) >= 10
        assert {scene.outcome for scene in scenes if scene.outcome} == {
            "good",
            "partial",
            "harmful",
        }
        assert Choice.objects.filter(scene__page=page).exclude(requires_flags="").exists()
        assert Scene.objects.filter(page=page, signals__isnull=False).exists()
        assert scenario_problems(page) == []
