"""The stamped scene and choice forms (`scenarios.panels_stamped`) and the fast widgets
(`scenarios.widgets`) make the same edit screen as Wagtail's own rendering."""

import re

import pytest
from django.urls import reverse

from bench.editor import form_fields
from scenarios.panels_stamped import StampedInlinePanel
from tests.factories import ScenarioPageFactory, linear_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def comparable(html: str) -> str:
    """The scene forms of an edit screen, without what differs on every request."""
    html = html[html.index('id="id_scenes-FORMS"') : html.index('id="id_scenes-ADD"')]
    html = re.sub(r"&quot;key&quot;: &quot;\w+&quot;", "", html)  # Draftail's block keys
    html = re.sub(r"scene-[0-9a-f]{6}", "scene-new", html)  # the new scene form's own key
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"> <", "><", html)


def edit_screen(client, page, *, stamping: bool, monkeypatch) -> str:
    monkeypatch.setattr(StampedInlinePanel, "stamping", stamping)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_stamped_forms_are_the_forms_wagtail_renders(
    admin_client, home_page, signals, scenario, monkeypatch
):
    spec = linear_spec(4)
    spec["start"]["signals"] = signals
    spec["start"]["choices"][0]["feedback"] = 'Goed <gedaan> & "netjes"'
    spec["start"]["choices"][0]["acts_on_signals"] = True
    spec["s1"]["choices"][1]["target"] = "weg"  # a key that names no scene
    page = ScenarioPageFactory(parent=home_page, spec=spec, slug="vier")
    for subject in (page, scenario):
        usual = edit_screen(admin_client, subject, stamping=False, monkeypatch=monkeypatch)
        stamped = edit_screen(admin_client, subject, stamping=True, monkeypatch=monkeypatch)
        assert comparable(stamped) == comparable(usual)
        assert "__stamp" not in stamped and "\x00" not in stamped
    page_html = edit_screen(admin_client, page, stamping=True, monkeypatch=monkeypatch)
    assert "Goed &lt;gedaan&gt; &amp; &quot;netjes&quot;</textarea>" in page_html


def test_a_choice_with_an_error_shows_it_at_its_field(admin_client, scenario):
    url = reverse("wagtailadmin_pages:edit", args=[scenario.pk])
    data: dict[str, list[str]] = {}
    for name, value in form_fields(admin_client.get(url).content.decode()):
        data.setdefault(name, []).append(value)
    data["scenes-0-choices-0-score"] = ["99"]
    response = admin_client.post(url, data)
    assert response.status_code == 200  # not saved: the form comes back
    body = response.content.decode()
    score = re.search(r'<input[^>]*id="id_scenes-0-choices-0-score"[^>]*>', body).group(0)
    assert 'value="99"' in score and 'aria-invalid="true"' in score
    field = body.split('data-contentpath="score"')[1].split("</div>")[0]
    assert "less than or equal to 10" in field
