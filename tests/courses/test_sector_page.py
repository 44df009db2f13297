"""A sector page is the start of a path: modules, cases, pocket card and reporting route."""

import pytest

from courses.models import SectorPage
from courses.services import lesson_complete
from tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ScenarioPageFactory,
    SignalLibraryPageFactory,
    linear_spec,
)
from website.models import HelpPage, Region, RegionContact, Sector


@pytest.fixture
def taxi_page(home_page):
    page = SectorPage(
        title="Voor taxichauffeurs",
        slug="taxichauffeurs",
        sector=Sector.objects.get(slug="taxi"),
        introduction="Jij ziet wie er instapt.",
    )
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def region(home_page):
    region = Region.objects.create(name="Gemeente Utrecht", slug="utrecht")
    RegionContact.objects.create(
        region=region, role=RegionContact.Role.VEILIG_THUIS, name="Veilig Thuis", phone="0800-2000"
    )
    home_page.add_child(
        instance=HelpPage(title="Hulp en melden", slug="hulp-en-melden", default_region=region)
    )
    return region


@pytest.fixture
def modules(course_index):
    taxi = CoursePageFactory(
        parent=course_index, slug="onderweg", title="Signalen onderweg", is_public=True
    )
    taxi.sectors.set([Sector.objects.get(slug="taxi")])
    taxi.save_revision().publish()
    school = CoursePageFactory(parent=course_index, slug="school", title="Signalen op school")
    school.sectors.set([Sector.objects.get(slug="onderwijs")])
    school.save_revision().publish()
    basics = CoursePageFactory(parent=course_index, slug="basis", title="De basis", is_public=True)
    return {"taxi": taxi, "school": school, "basics": basics}


def test_lists_the_sectors_modules_first_then_the_general_ones(client, taxi_page, modules):
    response = client.get(taxi_page.url)
    assert response.status_code == 200
    titles = [card.course.title for card in response.context["path"].modules]
    assert titles == ["Signalen onderweg", "De basis"]
    html = response.content.decode()
    assert modules["taxi"].url in html
    assert modules["school"].url not in html
    assert "geen account nodig" in html


def test_lists_its_cases_the_pocket_card_and_the_route(client, taxi_page, modules, region):
    SignalLibraryPageFactory(parent=taxi_page.get_parent())
    ScenarioPageFactory(
        parent=taxi_page, spec=linear_spec(3), slug="casus-rit", title="Casus: een rit"
    )
    html = client.get(taxi_page.url).content.decode()
    assert "/taxichauffeurs/casus-rit/" in html
    assert "/signalen/zakkaart/taxi/" in html
    assert 'href="tel:08002000"' in html
    # In order of importance: modules, cases, pocket card, route.
    positions = [html.index(text) for text in ("Modules", "casus-rit", "zakkaart", "tel:08002000")]
    assert positions == sorted(positions)


def test_shows_a_learners_progress(client, learner, taxi_page, modules):
    first = LessonPageFactory(parent=modules["taxi"], slug="een")
    LessonPageFactory(parent=modules["taxi"], slug="twee")
    lesson_complete(user=learner, lesson=first)
    client.force_login(learner)
    html = client.get(taxi_page.url).content.decode()
    assert 'value="50"' in html
    assert "Ga verder" in html


def test_shows_a_visitors_progress_in_a_public_module(client, taxi_page, modules):
    first = LessonPageFactory(parent=modules["taxi"], slug="een")
    LessonPageFactory(parent=modules["taxi"], slug="twee")
    session = client.session
    session["courses:completed_lessons"] = {str(modules["taxi"].pk): [first.pk]}
    session.save()
    cards = client.get(taxi_page.url).context["path"].modules
    assert cards[0].percentage == 50
