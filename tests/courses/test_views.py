import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from courses import services
from courses.models import Certificate, LessonProgress, Reflection, StatementAnswer
from courses.views import INVALID_ANSWER, UNKNOWN_BLOCK
from tests.factories import (
    AssessedLessonPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SignalFactory,
    SignalLibraryPageFactory,
    block,
    requirements_meet,
    statement_block,
)
from website.models import Region, RegionContact

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    """Queries of a repeat view: the first fills what the worker keeps of the content."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def image_create():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "#0b5563").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="Testbeeld", file=ImageFile(buffer, name="test.png")
    )


def region_create(slug="utrecht") -> Region:
    region = Region.objects.create(name=f"Regio {slug}", slug=slug)
    RegionContact.objects.create(region=region, role="veilig_thuis", name="Veilig Thuis")
    RegionContact.objects.create(region=region, role="police", name="Politie", phone="0900-8844")
    return region


BLOCK_MAKERS = {
    "paragraph": lambda ctx: block("paragraph", "<p>Tekst</p>"),
    "signal_cards": lambda ctx: block(
        "signal_cards", {"heading": "Let op", "signals": [s.pk for s in ctx["signals"]]}
    ),
    "statement": lambda ctx: statement_block(),
    "reflection": lambda ctx: block("reflection", {"question": "Wat zag je?", "hint": ""}),
    "route_chosen": lambda ctx: block(
        "reporting_route", {"heading": "Bellen", "region": ctx["region"].pk}
    ),
    "route_visitor": lambda ctx: block("reporting_route", {"heading": "Jouw regio"}),
    "case": lambda ctx: block("case", {"title": "Casus", "text": "<p>Een rit.</p>"}),
    "image": lambda ctx: block(
        "image", {"image": ctx["image"].pk, "alt_text": "Een taxi", "caption": ""}
    ),
    "callout": lambda ctx: block(
        "callout", {"tone": "info", "heading": "Tip", "text": "<p>Overleg altijd.</p>"}
    ),
    "video": lambda ctx: block(
        "video",
        {"title": "Uitleg", "external_url": "https://example.org/v", "transcript": "<p>T</p>"},
    ),
}


@pytest.mark.parametrize(
    "kinds",
    [
        ("paragraph", "signal_cards", "statement"),
        ("reflection", "route_chosen", "route_visitor"),
        ("case", "image", "callout"),
        ("video", "statement", "signal_cards"),
    ],
)
def test_a_lesson_page_costs_the_same_queries_with_3_and_30_blocks(
    client, home_page, course, learner, kinds
):
    SignalLibraryPageFactory(parent=home_page)
    ctx = {
        "signals": [SignalFactory(slug=f"signaal-{i}") for i in range(3)],
        "image": image_create(),
        "region": region_create(),
    }
    short = LessonPageFactory(
        parent=course, slug="kort", body=[BLOCK_MAKERS[kind](ctx) for kind in kinds]
    )
    long = LessonPageFactory(
        parent=course, slug="lang", body=[BLOCK_MAKERS[kind](ctx) for kind in kinds * 10]
    )
    services.lesson_complete(user=learner, lesson=short)
    for lesson in (short, long):
        for raw in lesson.body.raw_data:
            if raw["type"] == "statement":
                services.statement_answer(
                    user=learner, lesson=lesson, block_id=raw["id"], agrees=True
                )
    client.force_login(learner)
    # The first view of an image creates its rendition; count from the second view on.
    client.get(short.url + "?regio=utrecht")
    client.get(long.url + "?regio=utrecht")

    short_count = count_queries(client, short.url + "?regio=utrecht")
    long_count = count_queries(client, long.url + "?regio=utrecht")

    assert short_count == long_count
    assert long_count <= 30


def test_a_module_page_costs_the_same_queries_with_3_and_30_lessons(client, course_index, learner):
    small = CoursePageFactory(parent=course_index, slug="klein")
    large = CoursePageFactory(parent=course_index, slug="groot")
    for course, count in ((small, 3), (large, 30)):
        lessons = LessonPageFactory.create_numbered(course, count)
        services.lesson_complete(user=learner, lesson=lessons[0])
    client.force_login(learner)
    client.get(small.url)

    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_module_page_offers_continue_where_you_left_off(client, course, learner):
    first, second, _third = LessonPageFactory.create_numbered(course, 3)
    services.lesson_complete(user=learner, lesson=first)
    client.force_login(learner)

    response = client.get(course.url)

    overview = response.context["overview"]
    assert overview.continue_row.lesson == second
    assert second.url in response.content.decode()


def test_starting_a_module_enrols_and_opens_the_first_lesson(client, course, learner):
    first, _second = LessonPageFactory.create_numbered(course, 2)
    client.force_login(learner)

    response = client.post(reverse("courses:course_start", args=[course.pk]))

    assert response.status_code == 302 and response.url == first.url
    assert learner.enrolments.filter(course=course).exists()


def test_marking_a_lesson_done_moves_on_to_the_next(client, course, learner):
    first, second = LessonPageFactory.create_numbered(course, 2)
    client.force_login(learner)

    response = client.post(reverse("courses:lesson_complete", args=[first.pk]))

    assert response.status_code == 302 and response.url == second.url
    assert LessonProgress.objects.filter(lesson=first, completed_at__isnull=False).exists()


def test_completing_the_last_lesson_shows_the_certificate(client, course, learner):
    (reading,) = LessonPageFactory.create_numbered(course, 1)
    test = AssessedLessonPageFactory(parent=course)
    requirements_meet(learner, test)
    client.force_login(learner)

    client.post(reverse("courses:lesson_complete", args=[reading.pk]))
    response = client.get(course.url)

    certificate = Certificate.objects.get(user=learner)
    assert response.context["overview"].certificate == certificate
    assert reverse("courses:certificate_pdf", args=[certificate.code]) in response.content.decode()


def test_lessons_of_a_closed_module_ask_anonymous_visitors_to_log_in(client, course):
    (lesson,) = LessonPageFactory.create_numbered(course, 1)
    response = client.get(lesson.url)
    assert response.status_code == 302 and "login" in response.url
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert response.status_code == 302 and "login" in response.url
    assert not LessonProgress.objects.exists()


def test_anonymous_progress_in_a_public_module_is_claimed_at_login(client, public_course, learner):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    first, second = LessonPageFactory.create_numbered(public_course, 2)
    assert client.get(first.url).status_code == 200

    client.post(reverse("courses:lesson_complete", args=[first.pk]))
    overview = client.get(public_course.url).context["overview"]
    assert overview.continue_row.lesson == second
    assert not LessonProgress.objects.exists()

    response = client.post(
        reverse("account_login"),
        {"login": learner.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert list(
        LessonProgress.objects.filter(enrolment__user=learner).values_list("lesson", flat=True)
    ) == [first.pk]


def test_statement_answer_form_records_and_changes_one_answer(client, course, learner):
    statement = statement_block()
    lesson = LessonPageFactory(parent=course, slug="stelling", body=[statement])
    url = reverse("courses:statement_answer", args=[lesson.pk, statement["id"]])
    client.force_login(learner)

    client.post(url, {"answer": "agree"})
    response = client.post(url, {"answer": "disagree"})

    assert response.status_code == 302
    assert StatementAnswer.objects.get().agrees is False
    page = client.get(lesson.url)
    result = page.context["learner_states"][statement["id"]]
    assert (result.answered, result.agrees, result.total) == (True, False, 1)
    assert "Dat valt tegen." in page.content.decode()


def test_statement_answers_refuse_bad_input_without_writing(client, course, learner):
    statement = statement_block()
    lesson = LessonPageFactory(parent=course, slug="stelling", body=[statement])
    client.force_login(learner)

    with translation.override("en"):
        bad_answer = client.post(
            reverse("courses:statement_answer", args=[lesson.pk, statement["id"]]),
            {"answer": "misschien"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        unknown = client.post(
            reverse("courses:statement_answer", args=[lesson.pk, "bestaat-niet"]),
            {"answer": "agree"},
        )

    assert bad_answer.status_code == 400
    assert bad_answer.context["message"] == INVALID_ANSWER
    assert unknown.status_code == 400
    assert unknown.context["message"] == UNKNOWN_BLOCK
    assert not StatementAnswer.objects.exists()


def test_reflections_are_shown_to_their_author_only(client, course, learner, django_user_model):
    question = block("reflection", {"question": "Wat zag je?", "hint": ""})
    lesson = LessonPageFactory(parent=course, slug="reflectie", body=[question])
    client.force_login(learner)
    response = client.post(
        reverse("courses:reflection_save", args=[lesson.pk, question["id"]]),
        {"text": "Mijn eigen gedachte"},
    )
    assert response.status_code == 302
    assert "Mijn eigen gedachte" in client.get(lesson.url).content.decode()

    other = django_user_model.objects.create_user(email="collega@example.org")
    client.force_login(other)
    assert "Mijn eigen gedachte" not in client.get(lesson.url).content.decode()

    empty = client.post(
        reverse("courses:reflection_save", args=[lesson.pk, question["id"]]), {"text": ""}
    )
    assert empty.status_code == 400
    assert Reflection.objects.count() == 1


def test_reporting_route_shows_the_region_the_visitor_picks(client, home_page, public_course):
    region = region_create("rotterdam")
    lesson = LessonPageFactory(
        parent=public_course,
        slug="melden",
        body=[block("reporting_route", {"heading": "Bellen", "region": None})],
    )

    picked = client.get(lesson.url, {"regio": "rotterdam"})
    unknown = client.get(lesson.url, {"regio": "atlantis"})

    assert picked.status_code == 200
    assert "0900-8844" in picked.content.decode()
    route = picked.context["state"].reporting_route(None)
    assert route.region == region
    assert unknown.status_code == 200
    assert unknown.context["state"].request_region.unknown_requested


def test_dashboard_lists_modules_in_progress_completed_and_certificates(
    client, course_index, learner
):
    busy = CoursePageFactory(parent=course_index, slug="bezig")
    done = CoursePageFactory(parent=course_index, slug="klaar")
    LessonPageFactory.create_numbered(busy, 2)
    services.lesson_complete(user=learner, lesson=busy.get_children().first().specific)
    requirements_meet(learner, AssessedLessonPageFactory(parent=done))
    client.force_login(learner)

    response = client.get(reverse("organisations:my_learning"))

    dashboard = response.context["dashboard"]
    assert [s.course for s in dashboard.in_progress] == [busy]
    assert dashboard.in_progress[0].percentage == 50
    assert [s.course for s in dashboard.completed] == [done]
    assert [c.course for c in dashboard.certificates] == [done]


def test_dashboard_requires_login(client):
    response = client.get(reverse("organisations:my_learning"))
    assert response.status_code == 302


def test_certificate_verification_page_and_pdf(client, course, learner, django_user_model):
    requirements_meet(learner, AssessedLessonPageFactory(parent=course))
    certificate = Certificate.objects.get(user=learner)
    verify = reverse("courses:certificate_verify", args=[certificate.code])

    response = client.get(verify)
    assert response.status_code == 200
    assert response.context["status"] == Certificate.Status.VALID
    assert "Sanne" in response.content.decode()
    assert learner.email not in response.content.decode()

    services.certificate_revoke(certificate=certificate)
    assert client.get(verify).context["status"] == Certificate.Status.REVOKED
    assert client.get(reverse("courses:certificate_verify", args=["x" * 32])).status_code == 404

    pdf_url = reverse("courses:certificate_pdf", args=[certificate.code])
    client.force_login(django_user_model.objects.create_user(email="ander@example.org"))
    assert client.get(pdf_url).status_code == 404
    client.force_login(learner)
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_signal_library_filters_and_signal_pages(client, home_page):
    from website.models import Sector

    taxi = Sector.objects.get(slug="taxi")
    library = SignalLibraryPageFactory(parent=home_page)
    ride = SignalFactory(slug="kort-bezoek", phase="exploiting", category="context")
    ride.sectors.set([taxi])
    ride.save()
    SignalFactory(slug="laag-zelfbeeld", phase="grooming", kind="risk_factor")

    everything = client.get(library.url)
    for_taxi = client.get(library.url, {"sector": "taxi", "phase": "exploiting"})
    unknown = client.get(library.url, {"sector": "ruimtevaart"})

    assert everything.context["listing"].total == 2
    assert [s.slug for s in for_taxi.context["listing"].signals] == ["kort-bezoek"]
    assert unknown.status_code == 200
    assert unknown.context["listing"].total == 2
    detail = client.get(library.url + "kort-bezoek/")
    assert detail.status_code == 200 and detail.context["signal"] == ride
    assert client.get(library.url + "bestaat-niet/").status_code == 404


def test_pocket_card_is_a_pdf_per_sector(client, home_page):
    from website.models import Sector

    library = SignalLibraryPageFactory(parent=home_page)
    signal = SignalFactory(slug="kort-bezoek")
    signal.sectors.set([Sector.objects.get(slug="taxi")])
    signal.save()

    response = client.get(library.url + "zakkaart/taxi/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(library.url + "zakkaart/onbekend/").status_code == 404
    chosen = client.get(library.url + "zakkaart/", {"sector": "taxi"})
    assert chosen.status_code == 302 and chosen.url.endswith("zakkaart/taxi/")
    assert client.get(library.url + "zakkaart/", {"sector": "a b/c"}).status_code == 404


def test_anonymous_progress_is_claimed_when_the_visitor_signs_up(client, public_course):
    from accounts.models import User

    first, _second = LessonPageFactory.create_numbered(public_course, 2)
    client.post(reverse("courses:lesson_complete", args=[first.pk]))

    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Noor",
            "last_name": "Bakker",
            "email": "noor@example.org",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )

    assert response.status_code == 302
    noor = User.objects.get(email="noor@example.org")
    assert list(
        LessonProgress.objects.filter(enrolment__user=noor).values_list("lesson", flat=True)
    ) == [first.pk]


def test_marking_done_names_the_requirement_that_is_missing(client, course, learner, monkeypatch):
    from django.contrib.messages import get_messages

    from courses.blocks import StatementBlock
    from library.completion import Requirement

    monkeypatch.setattr(
        StatementBlock,
        "completion_requirement",
        lambda self, value: Requirement(
            label="Haal de quiz", is_met=lambda *, user, session=None: False
        ),
        raising=False,
    )
    lesson = LessonPageFactory(parent=course, slug="met-eis", body=[statement_block()])
    client.force_login(learner)

    with translation.override("en"):
        response = client.post(
            reverse("courses:lesson_complete", args=[lesson.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )

    assert response.status_code == 302 and response.url.endswith("#lesson-done")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Not done yet: Haal de quiz"]
    assert not LessonProgress.objects.exists()
