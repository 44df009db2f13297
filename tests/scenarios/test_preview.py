"""The editor's preview played as a learner: the unsaved draft, flags and score, nothing kept.

Each test goes the way the editor's preview panel does: the edit form's fields are posted
to the preview view (Wagtail keeps them for the preview), then the preview is fetched.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from bench.editor import form_fields
from scenarios.editing import PREVIEW_OVERVIEW
from scenarios.models import ScenarioPage, ScenarioRun, ScenarioStep
from scenarios.preview import INTRO, SESSION_KEY, path_read, preview_play
from tests.factories import ScenarioPageFactory
from tests.scenarios.test_graph_state import score_case_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(client, editor):
    client.force_login(editor)
    return client


def edit_form_data(client, page) -> dict[str, list[str]]:
    """The edit view's form as a browser submits it when nothing was changed."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data: dict[str, list[str]] = {}
    for name, value in form_fields(response.content.decode()):
        data.setdefault(name, []).append(value)
    return data


def preview_url(page) -> str:
    return reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])


def send_form(client, page, data) -> None:
    """Hand the editor's form, saved or not, to the preview, as the preview panel does."""
    response = client.post(preview_url(page), data)
    assert response.json() == {"is_valid": True, "is_available": True}


def show(client, page, path=None, mode=""):
    query = {"mode": mode} if path is None else {"mode": mode, "path": path}
    response = client.get(preview_url(page), query)
    assert response.status_code == 200
    return response


def links(response) -> dict[str, str]:
    """The preview's links by their text."""
    html = response.content.decode()
    return {
        re.sub(r"\s+", " ", text).strip(): href.replace("&amp;", "&")
        for href, text in re.findall(
            r'<a class="utrecht-button-link[^"]*" href="([^"]*)">([^<]*)</a>', html
        )
    }


def in_dutch(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.fixture
def previewing(author, scenario):
    send_form(author, scenario, edit_form_data(author, scenario))
    return author


def test_the_preview_plays_the_draft_as_a_learner_and_stores_nothing(previewing, scenario):
    intro = show(previewing, scenario)
    assert intro.context["play"].started is False
    start_link = links(intro)[in_dutch("Start the scenario")]
    assert "path=" in start_link and "mode=" in start_link

    first = previewing.get(preview_url(scenario) + start_link)
    play = first.context["play"]
    assert (play.scene.key, play.score, play.flags) == ("start", 0, [])
    choices = links(first)
    assert {"Consult Veilig Thuis", "Ignore it"} <= set(choices)

    consulted = previewing.get(preview_url(scenario) + choices["Consult Veilig Thuis"])
    play = consulted.context["play"]
    assert (play.scene.key, play.score, play.flags) == ("talk", 3, ["consulted"])
    assert [choice.label for _index, choice in play.offered] == ["Report together", "Wait and see"]
    html = consulted.content.decode()
    assert "consulted" in html  # the flags beside the scene
    assert "A pupil changes: Consult Veilig Thuis" in html  # the path so far

    back = previewing.get(preview_url(scenario) + links(consulted)[in_dutch("Go back one step")])
    assert back.context["play"].scene.key == "start"

    ending = show(previewing, scenario, "0.0")
    play = ending.context["play"]
    assert (play.scene.key, play.score, play.highest) == ("good", 3, 3)
    html = ending.content.decode()
    assert "Meldcode followed." in html  # the expert commentary
    assert "Good: advice first." in html  # the feedback on the choice made
    assert {signal.title for signal in ending.context["noticed"]} == {"Truancy", "Expensive gifts"}
    assert in_dutch("What an expert says") in html

    again = previewing.get(preview_url(scenario) + links(ending)[in_dutch("Start again")])
    assert (again.context["play"].scene.key, again.context["play"].steps) == ("start", [])
    assert ScenarioRun.objects.count() == 0 and ScenarioStep.objects.count() == 0


def test_choices_missing_a_flag_are_hidden_and_named_beside_the_scene(previewing, scenario):
    response = show(previewing, scenario, "1.1")  # ignore it, then talk now
    play = response.context["play"]
    assert play.scene.key == "talk" and play.flags == [] and play.score == -3
    assert [choice.label for _index, choice in play.offered] == ["Wait and see"]
    [hidden] = play.hidden
    assert (hidden.choice.label, hidden.missing_flags) == ("Report together", ["consulted"])
    assert "Report together" not in links(response)
    with translation.override("nl"):
        reason = translation.ngettext(
            "the flag %(flags)s is not set", "the flags %(flags)s are not set", 1
        ) % {"flags": "consulted"}
    assert reason in response.content.decode()


def test_choices_are_offered_by_score_as_in_play(author, home_page):
    page = ScenarioPageFactory(parent=home_page, spec=score_case_spec(), slug="score-case")
    send_form(author, page, edit_form_data(author, page))
    poor = show(author, page, "1").context["play"]
    assert poor.score == -2
    assert [choice.label for _index, choice in poor.offered] == ["Second chance"]
    assert [(h.choice.label, h.score_unmet) for h in poor.hidden] == [("Earned", True)]
    good = show(author, page, "0").context["play"]
    assert [choice.label for _index, choice in good.offered] == ["Earned"]
    # Asking for a choice that is not offered stops the path where it went wrong.
    refused = show(author, page, "1.0")
    assert refused.context["play"].cut_short and refused.context["play"].scene.key == "mid"
    with translation.override("nl"):
        condition = translation.gettext("needs a score of at least %(low)s") % {"low": 3}
    assert condition in refused.content.decode()


def test_the_preview_shows_the_unsaved_form_and_keeps_its_place_after_an_edit(previewing, scenario):
    show(previewing, scenario, "0")
    data = edit_form_data(previewing, scenario)
    title_field = next(name for name, values in data.items() if values == ["A conversation"])
    send_form(previewing, scenario, {**data, title_field: ["A first talk"]})
    # The preview panel reloads without a path: the preview stays in the scene it showed.
    reloaded = show(previewing, scenario)
    assert reloaded.context["play"].scene.title == "A first talk"
    assert reloaded.context["play"].indexes == [0]
    assert (
        ScenarioPage.objects.get(pk=scenario.pk)
        .get_latest_revision_as_object()
        .scenes.get(key="talk")
        .title
        == "A conversation"
    )  # nothing was saved
    assert list(previewing.session[SESSION_KEY].values()) == ["0"]


def test_the_overview_mode_lists_every_scene_with_flag_and_score_conditions(author, home_page):
    page = ScenarioPageFactory(parent=home_page, spec=score_case_spec(), slug="score-case")
    assert [mode for mode, _label in page.preview_modes] == ["", PREVIEW_OVERVIEW]
    send_form(author, page, edit_form_data(author, page))
    html = show(author, page, mode=PREVIEW_OVERVIEW).content.decode()
    assert 'id="scene-mid"' in html and 'href="#scene-good"' in html
    with translation.override("nl"):
        at_least = translation.gettext("needs a score of at least %(low)s") % {"low": 3}
        at_most = translation.gettext("needs a score of at most %(high)s") % {"high": 0}
    assert at_least in html and at_most in html


@pytest.mark.parametrize(
    ("value", "path"),
    [(None, None), (INTRO, None), ("", []), ("0.2.1", [0, 2, 1]), ("x", None), ("1..2", None)],
)
def test_paths_are_read_strictly(value, path):
    assert path_read(value) == path


def test_a_draft_without_its_start_scene_cannot_be_played(scenario):
    draft = scenario.get_latest_revision_as_object()
    draft.start_scene = "gone"
    play = preview_play(draft, [])
    assert play.started and play.scene is None
