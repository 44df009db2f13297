"""Trainers write modules and lessons in the Wagtail admin, with preview."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage
from scenarios.models import ScenarioPage
from website.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client, course_index, django_user_model):
    """A trainer: may use the admin and add, edit and publish pages under the module list."""
    trainers = Group.objects.create(name="Trainers")
    trainers.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=trainers,
            page=course_index,
            permission=Permission.objects.get(codename=permission),
        )
    trainer = django_user_model.objects.create_user(email="trainer@example.org")
    trainer.groups.add(trainers)
    client.force_login(trainer)
    return client


def course_form(**overrides):
    data = {
        "title": "Signalen in de jeugdzorg",
        "slug": "jeugdzorg",
        "introduction": "Voor jeugdwerkers.",
        "duration_minutes": "20",
        "is_public": "",
        "certificate_validity_months": "24",
        "learning_goals": streamfield([("goal", "Je herkent signalen van isolatie.")]),
        "content_warning": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    form = nested_form_data(data)
    # A multiple choice: a list of values under one name, which nested_form_data would split.
    form["sectors"] = [str(Sector.objects.get(slug="jeugd-en-wijkteams").pk)]
    return form


def lesson_form(**overrides):
    data = {
        "title": "Isoleren",
        "slug": "isoleren",
        "introduction": "Hoe een loverboy haar losmaakt van haar omgeving.",
        "duration_minutes": "5",
        "is_required": "on",
        "content_warning": "",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Isoleren is een vaste fase.</p>")),
                (
                    "statement",
                    {
                        "statement": "Een jongere die zich terugtrekt, wil gewoon rust.",
                        "expert_view": rich_text("<p>Soms. Vraag door.</p>"),
                    },
                ),
            ]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_trainer_creates_a_module_and_a_lesson_in_the_admin(trainer_client, course_index):
    response = trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", course_index.pk]),
        course_form(),
    )
    assert response.status_code == 302
    course = CoursePage.objects.get(slug="jeugdzorg")
    assert course.live
    assert [s.slug for s in course.sectors.all()] == ["jeugd-en-wijkteams"]
    assert [goal.value for goal in course.learning_goals] == ["Je herkent signalen van isolatie."]

    response = trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk]),
        lesson_form(),
    )
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="isoleren")
    assert lesson.live and lesson.get_parent().pk == course.pk
    assert [child.block_type for child in lesson.body] == ["paragraph", "statement"]


def test_a_trainer_previews_a_lesson_before_publishing(trainer_client, course):
    lesson = LessonPage(title="Concept", slug="concept", body=[])
    course.add_child(instance=lesson)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])

    response = trainer_client.post(preview_url, lesson_form(title="Concept", slug="concept"))
    assert response.json()["is_valid"] is True
    preview = trainer_client.get(preview_url)

    assert preview.status_code == 200
    assert "Een jongere die zich terugtrekt, wil gewoon rust." in preview.content.decode()


def test_a_video_without_captions_or_transcript_is_refused(trainer_client, course):
    body = streamfield(
        [
            (
                "video",
                {
                    "title": "Uitleg",
                    "external_url": "https://example.org/v",
                    "transcript": rich_text(""),
                },
            )
        ]
    )
    response = trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk]),
        lesson_form(body=body),
    )
    assert response.status_code == 200
    assert not LessonPage.objects.filter(slug="isoleren").exists()


def test_page_types_keep_the_module_tree_in_shape(home_page, course_index, course):
    from courses.models import CourseIndexPage, SignalLibraryPage

    assert CourseIndexPage.can_create_at(home_page) is False  # one per site, already there
    assert CoursePage.can_create_at(course_index)
    assert not CoursePage.can_create_at(home_page)
    assert LessonPage.can_create_at(course)
    assert not LessonPage.can_create_at(course_index)
    assert course_index.specific_class.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [LessonPage, ScenarioPage]
    assert LessonPage.allowed_subpage_models() == []
    assert SignalLibraryPage.can_create_at(home_page)
    assert SignalLibraryPage.allowed_subpage_models() == []


def test_admins_find_and_revoke_certificates_but_never_make_them(admin_client, course, learner):
    from courses.models import Certificate
    from tests.courses.factories import assessed_lesson_create, requirements_meet

    lesson = assessed_lesson_create(course, slug="enige")
    requirements_meet(learner, lesson)
    certificate = Certificate.objects.get(user=learner)

    listing = admin_client.get(reverse("certificates:index"), {"q": "Sanne"})
    assert listing.status_code == 200
    assert certificate in listing.context["object_list"]
    assert admin_client.get(reverse("certificates:add")).status_code in (302, 403)
    assert (
        admin_client.get(reverse("certificates:inspect", args=[certificate.pk])).status_code == 200
    )

    response = admin_client.post(
        reverse("certificates:edit", args=[certificate.pk]),
        {"revoked_at": "2026-11-20 10:00"},
    )
    assert response.status_code == 302
    assert Certificate.objects.get().status() == Certificate.Status.REVOKED
