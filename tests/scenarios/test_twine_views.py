"""The admin pages for Twine: upload a story under a page you may add to, download Twee."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Revision

from scenarios.models import ScenarioPage, Scene
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    ScenarioPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("scenarios_admin:twine_import")
STORY = b""":: StoryTitle
Een ritje

:: Start
Een meisje stapt in.
[[Vraag waarheen->Vraag]]
[[Rijd door]]

:: Vraag [ending-good]
Ze vertelt het.

:: Rijd door
Niets gezien.
"""


def upload(content: bytes = STORY, name: str = "ritje.twee") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


@pytest.fixture
def course(home_page):
    return CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page))


@pytest.fixture
def trainer(course):
    """May use the admin and add and edit pages under the module list, nowhere else."""
    trainers = Group.objects.create(name="Trainers")
    trainers.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=trainers,
            page=course.get_parent(),
            permission=Permission.objects.get(codename=codename),
        )
    user = UserFactory(email="trainer@example.org")
    user.groups.add(trainers)
    return user


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def counts() -> tuple[int, int, int]:
    return Page.objects.count(), Scene.objects.count(), Revision.objects.count()


def test_import_page_offers_only_parents_the_trainer_can_add_to(trainer_client, course):
    response = trainer_client.get(IMPORT_URL)
    assert response.status_code == 200
    choices = list(response.context["form"].fields["parent"].choices)[1:]
    assert [label for _value, label in choices] == ["Signaal › Modules › Module basis"]
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "Importeer uit Twine" in html and "Twine-bestand" in html


def test_upload_makes_a_draft_and_opens_its_editor_naming_what_is_left(trainer_client, course):
    response = trainer_client.post(IMPORT_URL, {"parent": course.pk, "file": upload()})
    page = ScenarioPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == course.pk and not page.live
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert (
        messages[0] == "'Een ritje' is geïmporteerd als conceptscenario met 3 scènes en 2 keuzes."
    )
    assert messages[1] == (
        "Dit einde heeft nog een uitkomst nodig (goed, gedeeltelijk of schadelijk) voordat je "
        "kunt publiceren: 'Rijd door'."
    )
    assert trainer_client.get(response["Location"]).status_code == 200  # its owner may edit


def test_a_malformed_file_is_refused_with_its_reasons_and_nothing_written(trainer_client, course):
    before = counts()
    broken = b":: Start\n[[Bel de politie->Politie]]\n::\n"
    response = trainer_client.post(IMPORT_URL, {"parent": course.pk, "file": upload(broken)})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [
        "Regel 3: de kop van een passage mist een naam.",
        "Passage 'Start': de link [[Bel de politie->Politie]] wijst naar 'Politie', een "
        "passage die niet bestaat.",
    ]
    assert "Regel 3: de kop van een passage mist een naam." in response.content.decode()
    assert counts() == before


def test_a_parent_outside_the_trainers_pages_is_refused(trainer_client, home_page):
    before = counts()
    response = trainer_client.post(IMPORT_URL, {"parent": home_page.pk, "file": upload()})
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert counts() == before


def test_a_page_type_that_holds_no_scenarios_is_not_offered(admin_client, course):
    index = course.get_parent()
    response = admin_client.post(IMPORT_URL, {"parent": index.pk, "file": upload()})
    assert "parent" in response.context["form"].errors
    assert not ScenarioPage.objects.exists()


def test_someone_without_pages_to_add_to_is_told_so(client, home_page):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert "Er is geen pagina waaronder je een scenario mag toevoegen." in response.content.decode()
    assert client.post(IMPORT_URL, {"parent": home_page.pk, "file": upload()}).status_code == 200
    assert not ScenarioPage.objects.exists()


def test_learners_cannot_reach_the_import(client, learner, home_page):
    client.force_login(learner)
    response = client.post(IMPORT_URL, {"parent": home_page.pk, "file": upload()})
    assert response.status_code in (302, 403)
    assert not ScenarioPage.objects.exists()


def test_export_downloads_the_scenario_as_twee(admin_client, home_page):
    page = ScenarioPageFactory(parent=home_page, slug="klas")
    response = admin_client.get(reverse("scenarios_admin:twee_export", args=[page.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="klas.twee"'
    text = response.content.decode()
    assert text.startswith(":: StoryTitle\nCasus\n")
    assert "[[Consult Veilig Thuis->A conversation]]" in text


def test_export_needs_permission_to_edit_the_scenario(trainer_client, home_page, course):
    elsewhere = ScenarioPageFactory(parent=home_page)
    url = reverse("scenarios_admin:twee_export", args=[elsewhere.pk])
    refused = trainer_client.get(url)
    # Wagtail's admin answers a refused permission by sending the user to the dashboard.
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    own = ScenarioPageFactory(parent=course, slug="eigen")
    allowed = trainer_client.get(reverse("scenarios_admin:twee_export", args=[own.pk]))
    assert allowed.status_code == 200


def test_an_exported_story_uploads_again(admin_client, home_page, course):
    page = ScenarioPageFactory(parent=home_page)
    exported = admin_client.get(reverse("scenarios_admin:twee_export", args=[page.pk])).content
    response = admin_client.post(
        IMPORT_URL, {"parent": course.pk, "file": upload(exported, "casus.twee")}
    )
    assert response.status_code == 302
    copy = ScenarioPage.objects.child_of(course).get().get_latest_revision_as_object()
    assert [scene.title for scene in copy.scenes.all()] == [
        scene.title for scene in page.scenes.all()
    ]


def test_index_links_to_import_and_to_each_export(admin_client, home_page):
    page = ScenarioPageFactory(parent=home_page)
    html = admin_client.get(reverse("scenarios_admin:index")).content.decode()
    assert f'href="{IMPORT_URL}"' in html
    assert reverse("scenarios_admin:twee_export", args=[page.pk]) in html


def test_the_scenario_editor_links_to_its_export(admin_client, home_page):
    page = ScenarioPageFactory(parent=home_page)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("scenarios_admin:twee_export", args=[page.pk]) in html
