"""A trainer's journey: build a scenario in the Wagtail admin, see publishing refused, fix it.

Runs against the demo content through the admin's own login form, with the admin in Dutch.
The scenario is built in the form-based editor below the graph (the graph itself is tested
in test_scenario_graph_editor.py). Inline scenes and choices are found by their panel ids,
the only stable handle Wagtail gives them; everything else by role and label, as an author
sees it.
"""

import re

from django.utils import translation
from playwright.sync_api import Locator, Page, expect
from wagtail.users.models import UserProfile

from accounts.models import User
from demo.accounts import TRAINER
from scenarios.graph import Problem, ProblemKind
from scenarios.models import ScenarioPage
from scenarios.selectors import scenario_problems
from scenarios.views import PUBLISH_REFUSED
from website.models import HomePage

TITLE = "Een buurvrouw maakt zich zorgen"
INTRODUCTION = "Je bent wijkagent. Een buurvrouw vertelt over het meisje van nummer 12."
# (key, title, text, ending, [(choice label, target key)])
SCENES = [
    (
        "begin",
        "De buurvrouw aan de deur",
        "Ze ziet steeds andere mannen het huis in en uit gaan.",
        "",
        [("Ik vraag Veilig Thuis om advies", "advies"), ("Ik wacht af", "afwachten")],
    ),
    ("advies", "Advies van Veilig Thuis", "Samen maak je een plan.", "good", []),
    ("afwachten", "Weken later", "Het meisje is niet meer te vinden.", "harmful", []),
]
# The deliberate slip: the second choice of the first scene is not pointed at a scene.
FORGOTTEN = ""


def in_dutch(text) -> str:
    with translation.override("nl"):
        return str(text)


def publish(page: Page) -> None:
    """Open the footer's action menu and choose Publish, as an author does."""
    page.locator("footer .w-dropdown__toggle").click()
    publish_button = page.locator("button[name=action-publish]")
    expect(publish_button).to_be_visible()
    publish_button.click()


def scene_panel(page: Page, index: int) -> Locator:
    return page.locator(f"#inline_child_scenes-{index}")


def fill_scene(page: Page, index: int, scene) -> None:
    key, title, text, ending, _choices = scene
    panel = scene_panel(page, index)
    panel.get_by_role("textbox", name="Code").fill(key)
    panel.get_by_role("textbox", name="Titel").fill(title)
    panel.locator("[data-contentpath=text] [role=textbox]").fill(text)
    if ending:
        panel.get_by_role("combobox", name="Einde", exact=True).select_option(ending)


def add_choices(page: Page, index: int, scene) -> None:
    """The choices of a scene, each pointed at its scene in the list of the scenario's scenes
    (once every scene exists, as a choice can only lead to a scene that is there)."""
    panel = scene_panel(page, index)
    for number, (label, target) in enumerate(scene[4]):
        panel.get_by_role("button", name="Voeg Keuze toe").click()
        choice = panel.locator(f"#inline_child_scenes-{index}-choices-{number}")
        choice.get_by_role("textbox", name="Tekst op de knop").fill(label)
        if target:
            leads_to = choice.get_by_role("combobox", name="Leidt naar")
            leads_to.focus()  # the editor lists the scenes when the list is used
            leads_to.select_option(target)


def test_trainer_builds_a_scenario_that_is_refused_until_its_problem_is_fixed(
    demo_site, live_server, page: Page
):
    home = HomePage.objects.get(depth=2)
    # The labels below are the Dutch ones; say so rather than rely on the default.
    profile = UserProfile.get_for_user(User.objects.get(email=TRAINER.email))
    profile.preferred_language = "nl"
    profile.save()
    page.set_viewport_size({"width": 1400, "height": 1000})

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("E-mailadres").fill(TRAINER.email)
    # Wagtail's login form leaves its password field without a translatable label ('Password').
    page.locator("input[name=password]").fill(TRAINER.password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name=TRAINER.first_name)).to_be_visible()

    # Add a scenario under the home page, choosing the page type as an author does.
    page.goto(f"{live_server.url}/admin/pages/{home.pk}/add_subpage/")
    page.get_by_role("main").get_by_role("link", name="Casus", exact=True).click()
    page.get_by_placeholder("Paginatitel*").fill(TITLE)
    page.locator("[data-contentpath=introduction] [role=textbox]").fill(INTRODUCTION)
    first_key, first_title, first_text, _ending, choices = SCENES[0]
    (_advice, _target), (wait, _target) = choices
    slipped = (first_key, first_title, first_text, "", [choices[0], (wait, FORGOTTEN)])
    built = [slipped, *SCENES[1:]]
    for index, scene in enumerate(built):
        page.get_by_role("button", name="Voeg Scène toe").click()
        fill_scene(page, index, scene)
    page.get_by_role("combobox", name="Startscène").select_option("begin")
    for index, scene in enumerate(built):
        add_choices(page, index, scene)
    publish(page)

    # Refused: kept as a draft, with the first problem named and all of them listed.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    draft = ScenarioPage.objects.get(title=TITLE)
    assert page.url == f"{live_server.url}/admin/pages/{draft.pk}/edit/"
    missing = Problem(
        kind=ProblemKind.MISSING_TARGET,
        scene_key=first_key,
        scene_title=first_title,
        choice_label=wait,
        target=FORGOTTEN,
    )
    unreachable = Problem(
        kind=ProblemKind.UNREACHABLE, scene_key="afwachten", scene_title="Weken later"
    )
    refusal = in_dutch(PUBLISH_REFUSED % {"problem": in_dutch(missing.message), "count": 2})
    expect(page.locator(".messages")).to_contain_text(refusal)
    problem_list = page.locator(".scenario-graph__problems")
    expect(problem_list).to_contain_text(in_dutch(missing.message))
    expect(problem_list).to_contain_text(in_dutch(unreachable.message))
    assert not draft.live
    assert draft.first_published_at is None
    assert len(scenario_problems(draft.get_latest_revision_as_object())) == 2

    # Correct the target in the form and publish again.
    choice = scene_panel(page, 0).locator("#inline_child_scenes-0-choices-1")
    expect(choice.get_by_role("combobox", name="Leidt naar")).to_have_value(FORGOTTEN)
    leads_to = choice.get_by_role("combobox", name="Leidt naar")
    leads_to.focus()  # the editor lists the scenes when the list is used
    leads_to.select_option("afwachten")
    publish(page)

    expect(page.locator(".messages .success")).to_contain_text(TITLE)
    scenario = ScenarioPage.objects.get(title=TITLE)
    assert scenario.live
    assert not scenario.has_unpublished_changes
    assert scenario_problems(scenario) == []
    assert [scene.key for scene in scenario.scenes.all()] == [s[0] for s in SCENES]

    # Anyone can now play it: the public page leads into the first scene.
    visitor = page.context.browser.new_context()
    try:
        public = visitor.new_page()
        public.goto(f"{live_server.url}{scenario.url}")
        expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(public.get_by_text(INTRODUCTION)).to_be_visible()
        public.get_by_role("button", name="Begin met de casus").click()
        expect(public.get_by_role("heading", level=1)).to_have_text(first_title)
        expect(public.get_by_text(first_text)).to_be_visible()
        for label, _target in choices:
            expect(public.get_by_role("button", name=label)).to_be_visible()
    finally:
        visitor.close()
