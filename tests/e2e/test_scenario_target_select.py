"""A choice's target, picked in the scene forms below the graph: the list opened from the
form offers every scene of the scenario, and the scene picked is the one saved.

The edit screen sends each target with only its chosen scene (a large case would carry
100,000 options otherwise); the editor's script lists the scenes when the list gets the
focus or is pressed. Both ways are tried: the keyboard (Tab, then typing a title) and the
mouse (pressing the list, then choosing).
"""

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from demo.accounts import TRAINER
from scenarios.models import ScenarioPage
from tests.factories import ScenarioPageFactory, branching_spec
from website.models import HomePage

from .conftest import log_in
from .test_journey_learner import DESKTOP
from .test_scenario_graph_editor import tab_to_control

SCENE_TITLES = [scene["title"] for scene in branching_spec().values()]


@pytest.fixture
def scenario(demo_site) -> ScenarioPage:
    return ScenarioPageFactory(parent=HomePage.objects.get(depth=2), slug="doelen-kiezen")


@pytest.fixture
def editor_page(scenario, live_server, page: Page) -> Page:
    page.set_viewport_size(DESKTOP)
    log_in(page.context, User.objects.get(email=TRAINER.email), live_server)
    page.goto(f"{live_server.url}/admin/pages/{scenario.pk}/edit/")
    expect(page.locator("[data-scenario-graph][data-graph-ready=true]")).to_be_attached()
    return page


def option_texts(select) -> list[str]:
    return select.evaluate("el => Array.from(el.options, (option) => option.text)")


def saved_targets(scenario) -> dict[str, str]:
    draft = ScenarioPage.objects.get(pk=scenario.pk).get_latest_revision_as_object()
    return {
        f"{scene.key}/{choice.label}": choice.target
        for scene in draft.scenes.all()
        for choice in scene.choices.all()
    }


def save_draft(page: Page) -> None:
    page.locator("footer button.action-save").first.click()
    expect(page.locator(".messages .success")).to_be_visible()


def test_a_target_lists_the_scenes_when_reached_with_the_keyboard(editor_page, scenario):
    page = editor_page
    target = page.locator("#id_scenes-0-choices-0-target")
    assert len(option_texts(target)) == 2  # the blank and the chosen scene, as sent
    page.locator("#id_scenes-0-choices-0-label").focus()
    tab_to_control(page, target)
    assert option_texts(target)[1:] == SCENE_TITLES
    expect(target).to_have_value("talk")  # still the scene it had
    page.keyboard.type("She")
    expect(target).to_have_value("harmful")
    save_draft(page)
    assert saved_targets(scenario)["start/Consult Veilig Thuis"] == "harmful"


def test_a_target_lists_the_scenes_when_pressed_with_the_mouse(editor_page, scenario):
    page = editor_page
    target = page.locator("#id_scenes-1-choices-1-target")
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()
    page.keyboard.press("Escape")  # close the list the press opened
    assert option_texts(target)[1:] == SCENE_TITLES
    target.select_option(label="Help arrives")
    save_draft(page)
    assert saved_targets(scenario)["talk/Wait and see"] == "good"
