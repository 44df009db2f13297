import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from website.models import (
    AccessibilityStatementPage,
    HelpPage,
    HomePage,
    Region,
    RegionContact,
    SiteSettings,
    StandardPage,
)


@pytest.fixture
def region(db) -> Region:
    region = Region.objects.create(name="Gemeente Testdorp", slug="testdorp")
    RegionContact.objects.create(
        region=region,
        role=RegionContact.Role.VEILIG_THUIS,
        name="Veilig Thuis Testdorp",
        phone="0800-2000",
        sort_order=0,
    )
    RegionContact.objects.create(
        region=region,
        role=RegionContact.Role.POLICE,
        name="Wijkagent Testdorp",
        phone="0900-8844",
        sort_order=1,
    )
    return region


@pytest.fixture
def help_page(home_page, region) -> HelpPage:
    page = HelpPage(title="Hulp en melden", slug="hulp", default_region=region)
    home_page.add_child(instance=page)
    return page


@pytest.mark.django_db
def test_home_page_renders_in_dutch(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert "Snel weg" in html
    assert "Naar de inhoud" in html


@pytest.mark.django_db
def test_home_page_renders_in_english_with_dutch_content_marked(client, home_page):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "Leave this site quickly" in html
    # No English translation of the page exists yet: its content is marked as Dutch.
    assert 'lang="nl"' in html


@pytest.mark.django_db
def test_language_switch_links_to_the_same_page_in_the_other_language(client, help_page):
    html = client.get(help_page.url).content.decode()
    assert 'href="/en/hulp/"' in html
    english = client.get("/en/hulp/").content.decode()
    assert 'href="/hulp/"' in english


@pytest.mark.django_db
def test_quick_exit_is_the_first_focusable_element_on_every_public_page(client, help_page):
    standard = StandardPage(title="Over", slug="over")
    help_page.get_parent().add_child(instance=standard)
    urls = [
        "/",
        "/en/",
        help_page.url,
        standard.url,
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for url in urls:
        html = client.get(url).content.decode()
        body = html[html.index("<body") :]
        first_link = body.index("<a ")
        assert body[first_link:].startswith('<a id="quick-exit"'), url
        assert f'href="{settings.quick_exit_url}"' in body[first_link : first_link + 200], url


@pytest.mark.django_db
def test_quick_exit_target_is_a_site_setting(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = "https://weer.example.org/"
    settings.save()
    assert 'href="https://weer.example.org/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_help_page_shows_the_reporting_route_of_its_region(client, help_page):
    html = client.get(help_page.url).content.decode()
    assert "Veilig Thuis Testdorp" in html
    assert "Wijkagent Testdorp" in html
    assert 'href="tel:08002000"' in html
    assert html.index("Veilig Thuis Testdorp") < html.index("Wijkagent Testdorp")


@pytest.mark.django_db
def test_help_page_shows_the_region_a_visitor_chooses(client, help_page):
    other = Region.objects.create(name="Gemeente Anderstad", slug="anderstad")
    RegionContact.objects.create(
        region=other,
        role=RegionContact.Role.SAFETY_HOUSE,
        name="Zorg- en Veiligheidshuis Anderstad",
    )
    html = client.get(help_page.url, {"regio": "anderstad"}).content.decode()
    assert "Zorg- en Veiligheidshuis Anderstad" in html
    assert "Veilig Thuis Testdorp" not in html


@pytest.mark.django_db
def test_help_page_explains_an_unknown_region_instead_of_failing(client, help_page):
    response = client.get(help_page.url, {"regio": "x" * 500})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "Veilig Thuis Testdorp" in response.content.decode()


@pytest.mark.django_db
def test_accessibility_statement_is_linked_from_the_footer(client, home_page):
    statement = AccessibilityStatementPage(
        title="Toegankelijkheidsverklaring",
        slug="toegankelijkheid",
        status="B",
        last_reviewed="2026-11-01",
        contact_email="a11y@example.org",
        body="<p>Tekst</p>",
    )
    home_page.add_child(instance=statement)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accessibility_page = statement
    settings.save()

    footer = client.get("/").content.decode().split("<footer")[1]
    assert 'href="/toegankelijkheid/"' in footer
    assert client.get("/toegankelijkheid/").status_code == 200


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_help_and_accessibility_pages_sit_under_the_home_page(self):
        self.assertAllowedParentPageTypes(HelpPage, {HomePage})
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
        self.assertAllowedSubpageTypes(HelpPage, set())


@pytest.mark.django_db
def test_demo_content_loads_twice_without_duplicates():
    call_command("load_demo", "--languages", "nl", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Page.objects.count(), Region.objects.count(), RegionContact.objects.count())
    call_command("load_demo", "--languages", "nl", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Page.objects.count(), Region.objects.count(), RegionContact.objects.count()) == counts
    assert HomePage.objects.count() == 1
    assert HelpPage.objects.get().default_region is not None


@pytest.mark.django_db
def test_header_menu_lists_the_pages_marked_for_menus(client, help_page):
    help_page.show_in_menus = True
    help_page.save()
    hidden = StandardPage(title="Verborgen", slug="verborgen", show_in_menus=False)
    help_page.get_parent().add_child(instance=hidden)

    header = client.get("/").content.decode().split("<header")[1].split("</header>")[0]
    assert 'href="/hulp/"' in header
    assert "Verborgen" not in header


@pytest.mark.django_db
def test_help_page_shows_a_learners_own_region_first(client, help_page, learner, monkeypatch):
    own = Region.objects.create(name="Gemeente Eigenstad", slug="eigenstad")
    RegionContact.objects.create(
        region=own, role=RegionContact.Role.POLICE, name="Wijkagent Eigenstad"
    )
    monkeypatch.setattr(
        "website.selectors.learner_region_providers",
        [lambda user: own if user == learner else None],
    )
    client.force_login(learner)

    assert "Wijkagent Eigenstad" in client.get(help_page.url).content.decode()
    chosen = client.get(help_page.url, {"regio": "testdorp"}).content.decode()
    assert "Veilig Thuis Testdorp" in chosen
