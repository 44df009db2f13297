"""What the page editor reads of a scenario costs the same queries whatever its size.

Reading the version being edited (the latest draft, or the page itself) with all its
scenes, choices and signals is pinned here. The edit view as a whole still makes about one
query per scene and choice form (the signals picker per scene form, the formsets' id
checks on save); that is open work, not pinned yet.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scenarios.models import ScenarioPage
from tests.factories import ScenarioPageFactory, linear_spec

pytestmark = pytest.mark.django_db


def with_signals(spec: dict, signals) -> dict:
    """Every scene tagged with the signals, as the scenes of a real case are."""
    for scene in spec.values():
        scene["signals"] = signals
    return spec


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
    pages = [
        ScenarioPageFactory(
            parent=home_page, spec=with_signals(linear_spec(size), signals), slug=f"s{size}"
        )
        for size in (5, 40)
    ]
    if with_draft:
        for page in pages:
            page.title = "Casus, bijgewerkt"
            page.save_revision()
    small, large = (read_everything(ScenarioPage.objects.get(pk=page.pk)) for page in pages)
    assert small == large
