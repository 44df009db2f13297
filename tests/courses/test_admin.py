"""Trainers write modules and lessons in the Wagtail admin, with preview."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CoursePage, LessonPage
from scenarios.models import ScenarioPage
from tests.factories import (
    AssessedLessonPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    QuizFactory,
    requirements_meet,
)
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


def course_form(*, publish=True, **overrides):
    data = {
        "title": "Signalen in de jeugdzorg",
        "slug": "jeugdzorg",
        "introduction": "Voor jeugdwerkers.",
        "duration_minutes": "20",
        "is_public": "",
        "certificate_validity_months": "24",
        "learning_goals": streamfield([("goal", "Je herkent signalen van isolatie.")]),
        "content_warning": "",
    }
    if publish:
        data["action-publish"] = "publish"
    data.update(overrides)
    form = nested_form_data(data)
    # A multiple choice: a list of values under one name, which nested_form_data would split.
    form["sectors"] = [str(Sector.objects.get(slug="jeugd-en-wijkteams").pk)]
    return form


def quiz_value(quiz, *, must_pass=True) -> dict:
    value = {"quiz": quiz.pk, "heading": ""}
    if must_pass:
        value["must_pass"] = "on"
    return value


def lesson_body(quiz=None):
    """The lesson's text and statement, and a quiz block with this value if one is given."""
    blocks = [
        ("paragraph", rich_text("<p>Isoleren is een vaste fase.</p>")),
        (
            "statement",
            {
                "statement": "Een jongere die zich terugtrekt, wil gewoon rust.",
                "expert_view": rich_text("<p>Soms. Vraag door.</p>"),
            },
        ),
    ]
    if quiz is not None:
        blocks.append(("quiz", quiz))
    return streamfield(blocks)


def lesson_form(**overrides):
    data = {
        "title": "Isoleren",
        "slug": "isoleren",
        "introduction": "Hoe een loverboy haar losmaakt van haar omgeving.",
        "duration_minutes": "5",
        "is_required": "on",
        "content_warning": "",
        "body": lesson_body(),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_trainer_creates_a_module_and_a_lesson_in_the_admin(trainer_client, course_index):
    quiz = QuizFactory(questions=[QuestionFactory()])
    # A module with a certificate is built as a draft until it holds its assessment.
    response = trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", course_index.pk]),
        course_form(publish=False),
    )
    assert response.status_code == 302
    course = CoursePage.objects.get(slug="jeugdzorg")
    assert not course.live
    assert [s.slug for s in course.sectors.all()] == ["jeugd-en-wijkteams"]
    assert [goal.value for goal in course.learning_goals] == ["Je herkent signalen van isolatie."]

    response = trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk]),
        lesson_form(body=lesson_body(quiz_value(quiz))),
    )
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="isoleren")
    assert lesson.live and lesson.get_parent().pk == course.pk
    assert [child.block_type for child in lesson.body] == ["paragraph", "statement", "quiz"]
    assert lesson.body[2].value["must_pass"] is True

    response = trainer_client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]), course_form()
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.live


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

    lesson = AssessedLessonPageFactory(parent=course, slug="enige")
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


def admin_messages(response) -> list[str]:
    from django.contrib.messages import get_messages

    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_a_certificate_module_without_an_assessed_activity_is_refused(
    trainer_client, course_index
):
    from courses.publishing import KEPT_AS_DRAFT, NO_ASSESSMENT

    response = trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", course_index.pk]),
        course_form(),
    )

    course = CoursePage.objects.get(slug="jeugdzorg")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[course.pk])
    assert not course.live and course.latest_revision is not None
    with translation.override("nl"):
        problem = str(NO_ASSESSMENT) % {"title": "Signalen in de jeugdzorg"}
        expected = str(KEPT_AS_DRAFT) % {"problem": problem}
    assert expected.startswith("Een module met een certificaat heeft in een verplichte les")
    assert admin_messages(response) == [expected]

    # A lesson without an assessment under the draft module changes nothing.
    trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk]), lesson_form()
    )
    response = trainer_client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]), course_form()
    )
    course.refresh_from_db()
    assert not course.live
    assert admin_messages(response)[-1] == expected


def test_a_module_without_a_certificate_publishes_without_an_assessment(
    trainer_client, course_index
):
    response = trainer_client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", course_index.pk]),
        course_form(certificate_validity_months="0"),
    )
    assert response.status_code == 302
    assert CoursePage.objects.get(slug="jeugdzorg").live


def test_publishing_a_lesson_that_takes_away_the_last_assessment_is_refused(trainer_client, course):
    from courses.publishing import LAST_ASSESSMENT

    quiz = QuizFactory(questions=[QuestionFactory()])
    lesson = AssessedLessonPageFactory(parent=course, slug="isoleren", quiz=quiz)
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])

    without_quiz = trainer_client.post(edit, lesson_form(body=lesson_body()))
    optional = trainer_client.post(edit, lesson_form(is_required=""))

    lesson.refresh_from_db()
    assert [child.block_type for child in lesson.body] == ["quiz"]
    assert lesson.is_required
    with translation.override("nl"):
        problem = str(LAST_ASSESSMENT) % {"lesson": "Isoleren", "title": course.title}
    for response in (without_quiz, optional):
        assert response.status_code == 302
        assert admin_messages(response)[-1].startswith(problem)

    kept = trainer_client.post(edit, lesson_form(body=lesson_body(quiz_value(quiz))))
    assert kept.status_code == 302
    lesson.refresh_from_db()
    assert [child.block_type for child in lesson.body] == ["paragraph", "statement", "quiz"]


def test_publishing_from_the_page_listing_is_refused_too(trainer_client, course_index):
    from courses.publishing import NO_ASSESSMENT

    course = CoursePageFactory(
        parent=course_index, slug="verdieping", certificate_validity_months=0
    )
    LessonPageFactory(parent=course, slug="lezen")
    draft = course.get_latest_revision_as_object()
    draft.certificate_validity_months = 12
    draft.save_revision()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    response = trainer_client.post(f"{url}?id={course.pk}")

    assert response.status_code == 302
    course.refresh_from_db()
    assert course.certificate_validity_months == 0
    with translation.override("nl"):
        expected = str(NO_ASSESSMENT) % {"title": course.title}
    assert admin_messages(response) == [expected]
