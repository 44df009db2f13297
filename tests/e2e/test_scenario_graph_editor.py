"""A trainer builds a case on the scenario graph, once with the mouse and once with the keyboard
alone, publishes it, and a learner plays it to its good ending.

The case has four scenes and two endings: the start scene offers two choices, one to a scene
that leads on to a good ending, one straight to a harmful ending. Everything is done on the
graph editor above the scene forms, in a new scenario made from nothing in the Dutch admin
at 1280 by 900 pixels. Node positions are read from the Cytoscape instance the editor
exposes (`window.signaalGraph`), as a mouse user sees them on screen.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Locator, Page, expect
from wagtail.users.models import UserProfile

from accounts.models import User
from demo.accounts import LEARNER, TRAINER
from scenarios.models import ScenarioPage, ScenarioRun
from website.models import HomePage

from .conftest import log_in
from .test_journey_learner import DESKTOP, FOCUS_IS_VISIBLE, tab_to

TITLE = "Een meisje in de taxi"
START = "Een meisje stapt in"
TALK = "Je vraagt door"
HELP = "Hulp komt op gang"
GONE = "Ze is verdwenen"
SCENES = [START, TALK, HELP, GONE]
# (from, to, the text of the choice); the mouse variant keeps the text the editor proposes.
LINKS = [
    (START, TALK, "Ik vraag waar ze heen moet"),
    (START, GONE, "Ik rijd haar naar het adres"),
    (TALK, HELP, "Ik bel de politie"),
]
ENDINGS = {HELP: "good", GONE: "harmful"}

SCENE_CENTRE = """([title]) => {
    const { cy, editor } = window.signaalGraph;
    const scene = editor.model.scenes.find((candidate) => candidate.title === title);
    const node = cy.getElementById(scene.prefix);
    const box = cy.container().getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
}"""
GRAPH_SIZE = "() => [window.signaalGraph.cy.nodes().length, window.signaalGraph.cy.edges().length]"


def nl(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


@pytest.fixture
def trainer_page(demo_site, live_server, page: Page) -> Page:
    """The trainer, logged in through the admin's form, on a new scenario under the home page."""
    trainer = User.objects.get(email=TRAINER.email)
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "nl"
    profile.save()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("E-mailadres").fill(TRAINER.email)
    page.locator("input[name=password]").fill(TRAINER.password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name=TRAINER.first_name)).to_be_visible()
    home = HomePage.objects.get(depth=2)
    page.goto(f"{live_server.url}/admin/pages/{home.pk}/add_subpage/")
    page.get_by_role("main").get_by_role("link", name="Casus", exact=True).click()
    expect(page.locator("[data-scenario-graph][data-graph-ready=true]")).to_be_attached()
    return page


def graph(page: Page) -> Locator:
    return page.locator("[data-scenario-graph]")


def control(page: Page, role: str, name: str) -> Locator:
    return graph(page).get_by_role(role, name=nl(name), exact=True)


def expect_graph_size(page: Page, nodes: int, edges: int) -> None:
    page.wait_for_function(f"() => ({GRAPH_SIZE})().join() === '{nodes},{edges}'")


def scene_centre(page: Page, title: str) -> dict:
    return page.evaluate(SCENE_CENTRE, [title])


# Resolves once the page has not scrolled for five frames: Wagtail scrolls smoothly to a
# scene form it adds, and a drag must not start while the canvas is still moving.
SCROLL_SETTLED = """() => new Promise((done) => {
  let last = null, calm = 0;
  const tick = () => {
    calm = window.scrollY === last ? calm + 1 : 0;
    last = window.scrollY;
    if (calm >= 5) { done(); } else { requestAnimationFrame(tick); }
  };
  tick();
})"""


def canvas_in_view(page: Page) -> None:
    page.evaluate(SCROLL_SETTLED)
    page.locator("[data-graph-canvas]").evaluate("el => el.scrollIntoView({block: 'center'})")
    page.evaluate(SCROLL_SETTLED)


# The graph holds still: no pan, zoom or node is being animated.
GRAPH_AT_REST = """() => {
    const { cy } = window.signaalGraph;
    return !cy.animated() && !cy.nodes().some((node) => node.animated());
}"""
EVERY_SCENE_IN_VIEW = """() => {
    const { cy } = window.signaalGraph;
    return cy.nodes().every((node) => {
        const box = node.renderedBoundingBox();
        return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height();
    });
}"""
SCENE_PREFIX = """([title]) => window.signaalGraph.editor.model.scenes
    .find((candidate) => candidate.title === title).prefix"""
# The round handle is shown for this scene, so pressing it starts a link from there.
HANDLE_FOR = """([prefix]) => window.signaalGraph.editor.handleNode === prefix
    && !document.querySelector('.scenario-graph__handle').hidden"""
# Edgehandles has snapped the link being drawn onto this scene.
SNAPPED_TO = "([prefix]) => window.signaalGraph.cy.getElementById(prefix).hasClass('eh-target')"


def drag_link(page: Page, source: str, target: str) -> None:
    """Hover a scene, take its round handle and drop it on the other scene.

    Each step waits for the editor's own state (handle shown for the source, the target
    snapped) instead of a fixed pause, so a busy machine only makes the drag slower.
    """
    canvas_in_view(page)
    page.wait_for_function(GRAPH_AT_REST)
    source_prefix = page.evaluate(SCENE_PREFIX, [source])
    target_prefix = page.evaluate(SCENE_PREFIX, [target])
    start = scene_centre(page, source)
    page.mouse.move(start["x"], start["y"])
    page.wait_for_function(HANDLE_FOR, arg=[source_prefix])
    box = page.locator(".scenario-graph__handle").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    end = scene_centre(page, target)
    page.mouse.move(end["x"], end["y"], steps=12)
    # Snapping is throttled and waits a hover delay; a small move asks it to look again.
    for nudge in range(40):
        if page.evaluate(SNAPPED_TO, [target_prefix]):
            break
        page.mouse.move(end["x"] + nudge % 2, end["y"])
        page.wait_for_timeout(50)
    assert page.evaluate(SNAPPED_TO, [target_prefix]), f"the link did not snap to {target}"
    page.mouse.up()


def expect_no_problems(page: Page) -> None:
    problems = page.locator("[data-graph-problems]")
    expect(problems).to_have_attribute("data-problem-count", "0")
    expect(problems).to_contain_text(
        nl("No problems found: every scene can be reached and leads to an ending.")
    )


def assert_published_case(*, labels: dict) -> ScenarioPage:
    """The published scenario holds the four scenes, their endings and the three choices."""
    scenario = ScenarioPage.objects.get(title=TITLE)
    # The page's own rows are the published version. An autosave of the last change may
    # still land just after publishing as a draft of the same content, so a draft is not
    # checked for here.
    assert scenario.live
    scenes = {scene.title: scene for scene in scenario.scenes.all()}
    assert list(scenes) == SCENES
    assert scenario.start_scene == scenes[START].key
    assert {title: scene.outcome for title, scene in scenes.items()} == {
        START: "",
        TALK: "",
        **ENDINGS,
    }
    by_key = {scene.key: title for title, scene in scenes.items()}
    choices = {
        (title, choice.label, by_key.get(choice.target))
        for title, scene in scenes.items()
        for choice in scene.choices.all()
    }
    assert choices == {(source, labels[source, target], target) for source, target, _ in LINKS}
    return scenario


def play_to_the_good_ending(browser: Browser, live_server, scenario, labels: dict) -> None:
    learner = User.objects.get(email=LEARNER.email)
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        log_in(context, learner, live_server)
        player = context.new_page()
        player.goto(f"{live_server.url}{scenario.url}")
        player.get_by_role("button", name=nl("Start the scenario")).click()
        expect(player.get_by_role("heading", level=1)).to_have_text(START)
        player.get_by_role("button", name=labels[START, TALK]).click()
        expect(player.get_by_role("heading", level=1)).to_have_text(TALK)
        player.get_by_role("button", name=labels[TALK, HELP]).click()
        expect(player.get_by_role("heading", level=1)).to_have_text(HELP)
        expect(player.locator(".scenario-outcome")).to_contain_text(nl("Good"))
    finally:
        context.close()
    run = ScenarioRun.objects.get(page=scenario, user=learner)
    assert (run.is_finished, run.outcome, run.current_scene) == (
        True,
        "good",
        scenario.scenes.get(title=HELP).key,
    )


def publish_with_the_mouse(page: Page) -> None:
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages .success")).to_contain_text(TITLE)


def test_trainer_builds_a_case_on_the_graph_with_the_mouse(
    trainer_page: Page, live_server, browser: Browser
):
    page = trainer_page
    page.get_by_placeholder("Paginatitel*").fill(TITLE)
    add = control(page, "button", "Add scene")
    rename = control(page, "textbox", "Title")
    for number, title in enumerate(SCENES, start=1):
        add.click()
        expect_graph_size(page, number, 0)
        # A new scene is selected; its proposed title is replaced by the trainer's.
        expect(rename).to_have_value(nl("New scene %(number)s") % {"number": number})
        rename.fill(title)
    control(page, "button", "Arrange again").click()
    # Arranging straight after adding a scene still shows every scene: the glide towards
    # the new scene must not land after the fit and pan the graph out of view.
    page.wait_for_function(GRAPH_AT_REST)
    assert page.evaluate(EVERY_SCENE_IN_VIEW), "a scene lies outside the canvas"

    for count, (source, target, _text) in enumerate(LINKS, start=1):
        drag_link(page, source, target)
        expect_graph_size(page, len(SCENES), count)

    for title, outcome in ENDINGS.items():
        canvas_in_view(page)
        centre = scene_centre(page, title)
        page.mouse.click(centre["x"], centre["y"])
        expect(rename).to_have_value(title)  # the clicked scene is the selected one
        control(page, "combobox", "Ending").select_option(outcome)

    # The first scene added became the start; nothing is left to fix before publishing.
    expect(page.get_by_role("combobox", name="Startscène")).not_to_have_value("")
    expect_no_problems(page)
    publish_with_the_mouse(page)

    # A dragged link proposes the title of the scene it leads to as the text of the choice.
    labels = {(source, target): target for source, target, _text in LINKS}
    scenario = assert_published_case(labels=labels)
    play_to_the_good_ending(browser, live_server, scenario, labels)


def tab_to_control(page: Page, locator: Locator, max_presses: int = 400) -> None:
    """Press Tab until `locator` has the focus, or Shift+Tab when it comes before the focus
    (the toolbar's fields are closer backwards than round the whole scene form)."""
    backwards = locator.evaluate(
        "el => Boolean(document.activeElement) && Boolean("
        "el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    key = "Shift+Tab" if backwards else "Tab"
    for _press in range(max_presses):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press(key)
    pytest.fail(f"{locator} is not reachable with {key} within {max_presses} presses")


def choose_by_typing(page: Page, select: Locator, text: str) -> None:
    """Focus a list with the keyboard and pick an option by typing its first word (a space
    would open the list instead)."""
    tab_to_control(page, select)
    word = text.split()[0]
    page.keyboard.type(word)
    selected = select.evaluate("el => el.options[el.selectedIndex].text")
    assert selected == text, f"typing {word!r} chose {selected!r}, not {text!r}"


def test_trainer_builds_a_case_on_the_graph_with_the_keyboard(
    trainer_page: Page, live_server, browser: Browser
):
    page = trainer_page
    tab_to(page, page.get_by_placeholder("Paginatitel*"))
    page.keyboard.type(TITLE)

    new_title = control(page, "textbox", "New scene")
    tab_to_control(page, new_title)
    assert new_title.evaluate(FOCUS_IS_VISIBLE), "the focus in the toolbar is not visible"
    for number, title in enumerate(SCENES, start=1):
        page.keyboard.type(title)
        page.keyboard.press("Enter")
        expect_graph_size(page, number, 0)
        assert new_title.evaluate("el => el === document.activeElement"), "focus left the field"

    scene = control(page, "combobox", "Selected scene")
    link = control(page, "combobox", "Link the selected scene to")
    for count, (source, target, text) in enumerate(LINKS, start=1):
        choose_by_typing(page, scene, source)
        choose_by_typing(page, link, target)
        tab_to_control(page, control(page, "textbox", "Text of the choice"))
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        expect_graph_size(page, len(SCENES), count)
        expect(graph(page).locator("[data-graph-status]")).to_contain_text(text)

    ending_labels = {"good": nl("Good"), "harmful": nl("Harmful")}
    for title, outcome in ENDINGS.items():
        choose_by_typing(page, scene, title)
        choose_by_typing(page, control(page, "combobox", "Ending"), ending_labels[outcome])
    expect_no_problems(page)

    # Publish from the footer's menu with the keyboard as well.
    toggle = page.locator("footer .w-dropdown__toggle")
    tab_to_control(page, toggle)
    page.keyboard.press("Enter")
    publish = page.locator("button[name=action-publish]")
    expect(publish).to_be_visible()
    tab_to_control(page, publish)
    page.keyboard.press("Enter")
    expect(page.locator(".messages .success")).to_contain_text(TITLE)

    labels = {(source, target): text for source, target, text in LINKS}
    scenario = assert_published_case(labels=labels)
    play_to_the_good_ending(browser, live_server, scenario, labels)
