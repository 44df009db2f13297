"""What the page editor costs in queries is the same whatever the size of the scenario.

Pinned here: reading the version being edited (the latest draft, or the page itself) with
all its scenes, choices and signals; opening the edit view; and saving it as a draft with
the form exactly as the edit view rendered it. Each is counted at 5 and at 40 scenes, every
scene tagged with signals and every choice with a target, and must take the same queries.
(Updating the reference index after a save is a worker's task and not counted here.)
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.editor import form_fields
from scenarios.models import ScenarioPage
from tests.factories import ScenarioPageFactory, linear_spec

pytestmark = pytest.mark.django_db

SIZES = (5, 40)


def with_signals(spec: dict, signals) -> dict:
    """Every scene tagged with the signals, as the scenes of a real case are."""
    for scene in spec.values():
        scene["signals"] = signals
    return spec


def scenarios(home_page, signals, *, with_draft: bool) -> list[ScenarioPage]:
    pages = [
        ScenarioPageFactory(
            parent=home_page, spec=with_signals(linear_spec(size), signals), slug=f"s{size}"
        )
        for size in SIZES
    ]
    if with_draft:
        for page in pages:
            page.title = "Casus, bijgewerkt"
            page.save_revision()
    return pages


def read_everything(page) -> int:
    """The queries of reading a page's version for editing with all its scenes, choices
    and signals, as the editor's forms, its graph and the preview do."""
    with CaptureQueriesContext(connection) as read:
        draft = page.get_latest_revision_as_object()
        for scene in draft.scenes.all():
            list(scene.signals.all())
            [choice.scene.key for choice in scene.choices.all()]
    return len(read.captured_queries)


@pytest.mark.parametrize("with_draft", [False, True])
def test_a_version_for_editing_is_read_in_the_same_queries_at_5_and_40_scenes(
    home_page, signals, with_draft
):
    pages = scenarios(home_page, signals, with_draft=with_draft)
    small, large = (read_everything(ScenarioPage.objects.get(pk=page.pk)) for page in pages)
    assert small == large


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_editor(client, page) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as opened:
        response = client.get(edit_url(page))
    assert response.status_code == 200
    return len(opened.captured_queries), response.content.decode()


def save_draft(client, page, html: str) -> int:
    """Post the form as a browser would from the edit view's HTML, without JavaScript."""
    data: dict[str, list[str]] = {}
    for name, value in form_fields(html):
        data.setdefault(name, []).append(value)
    with CaptureQueriesContext(connection) as saved:
        response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return len(saved.captured_queries)


@pytest.mark.parametrize("with_draft", [False, True])
def test_the_edit_view_opens_in_the_same_queries_at_5_and_40_scenes(
    admin_client, home_page, signals, with_draft
):
    pages = scenarios(home_page, signals, with_draft=with_draft)
    for page in pages:
        # The first visit subscribes the editor to the page's comments, and reads what the
        # admin keeps between requests.
        open_editor(admin_client, page)
    small, large = (open_editor(admin_client, page)[0] for page in pages)
    assert small == large


@pytest.mark.parametrize("with_draft", [False, True])
def test_saving_a_draft_takes_the_same_queries_at_5_and_40_scenes(
    admin_client, home_page, signals, with_draft, settings
):
    # Saving queues the page's reference index for a worker (`ScenarioPage.save`), as in
    # production; the tests' own backend would run it inside the request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    pages = scenarios(home_page, signals, with_draft=with_draft)
    for page in pages:
        # The first visit and save subscribe the editor and read what the admin keeps.
        save_draft(admin_client, page, open_editor(admin_client, page)[1])
    if not with_draft:
        for page in pages:
            ScenarioPage.objects.get(pk=page.pk).get_latest_revision().publish()
    forms = [open_editor(admin_client, page)[1] for page in pages]
    small, large = (
        save_draft(admin_client, page, html) for page, html in zip(pages, forms, strict=True)
    )
    assert small == large
    for page in pages:
        draft = ScenarioPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert len(draft.scenes.all()) == len(page.scenes.all())
