"""Authoring in the Wagtail admin: drafts always save, publishing waits for a sound graph."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from scenarios import services
from scenarios.models import ScenarioPage, Scene

pytestmark = pytest.mark.django_db


def choice(label, target):
    return {
        "label": label,
        "target": target,
        "feedback": "",
        "score": "0",
        "sets_flags": "",
        "requires_flags": "",
    }


def scene_form(key, title, *, outcome="", choices=()):
    return {
        "key": key,
        "title": title,
        "text": rich_text("<p>Tekst.</p>"),
        "image": "",
        "outcome": outcome,
        "debrief": rich_text(""),
        "choices": inline_formset(list(choices)),
    }


def post_data(scenes, *, start="start", publish=False):
    data = nested_form_data(
        {
            "title": "Casus uit de klas",
            "slug": "casus-klas",
            "introduction": rich_text("<p>Intro.</p>"),
            "content_warning": "",
            "start_scene": start,
            "scenes": inline_formset(scenes),
            "comments": inline_formset([]),
        }
    )
    if publish:
        data["action-publish"] = "publish"
    return data


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def create_url(home_page):
    return reverse("wagtailadmin_pages:add", args=["scenarios", "scenariopage", home_page.pk])


BROKEN = [
    scene_form("start", "Begin", choices=[choice("Verder", "end"), choice("Nergens", "gone")]),
    scene_form("end", "Einde", outcome="good"),
]
SOUND = [
    scene_form("start", "Begin", choices=[choice("Verder", "end")]),
    scene_form("end", "Einde", outcome="good"),
]


def test_broken_scenario_saves_as_draft(admin_client, home_page):
    response = admin_client.post(create_url(home_page), post_data(BROKEN))
    assert response.status_code == 302
    page = ScenarioPage.objects.get(slug="casus-klas")
    assert not page.live
    assert page.get_latest_revision_as_object().scenes.count() == 2


def test_publishing_a_broken_scenario_is_refused_naming_the_scene(admin_client, home_page):
    with translation.override("en"):
        response = admin_client.post(create_url(home_page), post_data(BROKEN, publish=True))
    page = ScenarioPage.objects.get(slug="casus-klas")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.latest_revision is not None
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "In scene 'Begin', the choice 'Nergens' leads to a scene that does not exist" in message


def test_publishing_a_sound_scenario_works_and_edit_screen_shows_graph(admin_client, home_page):
    response = admin_client.post(create_url(home_page), post_data(SOUND, publish=True))
    page = ScenarioPage.objects.get(slug="casus-klas")
    assert response.status_code == 302
    assert page.live
    assert list(Scene.objects.filter(page=page).values_list("key", flat=True)) == ["start", "end"]

    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = edit.content.decode()
    assert "<svg" in html
    assert 'href="#inline_child_scenes-1"' in html
    assert 'id="inline_child_scenes-1"' in html  # the node links to the scene's panel
    assert "scenario-graph__node--good" in html
    # Choices and the start name their scene from a list of the scenario's scenes.
    assert '<option value="start" selected>Begin</option>' in html


def test_edit_screen_marks_problem_scenes(admin_client, home_page):
    admin_client.post(create_url(home_page), post_data(BROKEN))
    page = ScenarioPage.objects.get(slug="casus-klas")
    with translation.override("en"):
        html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "scenario-graph__node--problem" in html
    assert "leads to a scene that does not exist" in html


def test_duplicate_keys_are_a_form_error(admin_client, home_page):
    scenes = [scene_form("start", "Een", choices=[choice("x", "end")]), scene_form("start", "Twee")]
    response = admin_client.post(create_url(home_page), post_data(scenes))
    assert response.status_code == 200
    assert not ScenarioPage.objects.filter(slug="casus-klas").exists()


def test_analytics_view_needs_edit_permission(client, admin_client, scenario, learner):
    url = reverse("organisations_admin:scenario_analytics", args=[scenario.pk])
    assert admin_client.get(url).status_code == 200
    client.force_login(learner)
    assert client.get(url).status_code in (302, 403)


def test_bulk_publishing_refuses_a_scenario_with_problems(admin_client, home_page, scenario):
    draft = scenario.get_latest_revision_as_object()
    draft.scenes.add(Scene(key="island", title="Island", outcome="good"))
    draft.save_revision()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = admin_client.post(f"{url}?id={scenario.pk}")
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Scene 'Island' cannot be reached from the start scene." in message
    assert not Scene.objects.filter(page=scenario, key="island").exists()


def test_scenario_index_lists_editable_scenarios_with_learners(admin_client, scenario, learner):
    services.run_start(page=scenario, user=learner)
    response = admin_client.get(reverse("scenarios_admin:index"))
    assert response.status_code == 200
    [listed] = response.context["scenarios"]
    assert (listed.pk, listed.learners) == (scenario.pk, 1)


def test_analytics_per_organisation_only_for_groups_of_five(admin_client, scenario):
    from accounts.models import User
    from organisations.models import Membership, Organisation

    school = Organisation.objects.create(name="Het Baken", slug="het-baken", join_code="ABCDEFGH")
    for number in range(5):
        user = User.objects.create_user(email=f"docent{number}@example.org")
        Membership.objects.create(user=user, organisation=school)
        if number < 4:
            services.run_start(page=scenario, user=user)
    url = reverse("organisations_admin:scenario_analytics", args=[scenario.pk])

    with translation.override("en"):
        too_few = admin_client.get(url, {"organisation": school.pk})
    assert too_few.status_code == 200
    assert too_few.context["analytics"] is None
    assert "Fewer than 5 learners" in too_few.content.decode()

    services.run_start(page=scenario, user=User.objects.get(email="docent4@example.org"))
    enough = admin_client.get(url, {"organisation": school.pk})
    assert enough.context["analytics"].learners == 5
    assert admin_client.get(url, {"organisation": "x' OR 1=1"}).status_code == 200
