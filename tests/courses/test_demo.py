import pytest
from django.core.management import call_command

from courses import demo
from courses.blocks import LessonBodyBlock
from courses.models import CoursePage, LessonPage, Signal, SignalLibraryPage


@pytest.mark.django_db
def test_demo_signals_cover_the_library_and_load_twice_without_duplicates():
    demo.signals_load()
    demo.signals_load()

    assert Signal.objects.count() == len(demo.SIGNALS) >= 20
    assert Signal.objects.filter(kind=Signal.Kind.RISK_FACTOR).count() == 8
    assert set(Signal.objects.values_list("category", flat=True)) == set(Signal.Category.values)
    assert set(Signal.objects.exclude(phase="").values_list("phase", flat=True)) == set(
        Signal.Phase.values
    )
    taxi_signal = Signal.objects.get(slug="kort-bezoek-aan-adres")
    assert set(taxi_signal.sectors.values_list("slug", flat=True)) == {"taxi", "hotel-en-horeca"}


@pytest.mark.django_db
def test_signal_snippet_listing_filters_by_kind(admin_client):
    demo.signals_load()
    response = admin_client.get("/admin/snippets/courses/signal/", {"kind": "risk_factor"})
    assert response.status_code == 200
    titles = [str(obj) for obj in response.context["object_list"]]
    assert "LHBTI+" in titles
    assert "Vals paspoort of geen eigen identiteitsbewijs" not in titles


@pytest.mark.django_db
def test_load_demo_runs_twice_and_builds_three_modules_using_every_block(home_page):
    call_command("load_demo")
    first_ids = sorted(LessonPage.objects.values_list("pk", flat=True))
    call_command("load_demo")

    assert Signal.objects.count() == len(demo.SIGNALS)
    assert sorted(LessonPage.objects.values_list("pk", flat=True)) == first_ids
    courses = CoursePage.objects.live()
    assert courses.count() == 3
    for course in courses:
        assert LessonPage.objects.child_of(course).live().count() >= 4
    used = {raw["type"] for lesson in LessonPage.objects.all() for raw in lesson.body.raw_data}
    assert used == set(LessonBodyBlock().child_blocks)
    assert SignalLibraryPage.objects.live().count() == 1
