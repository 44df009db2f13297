"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the pages people use."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from website.models import HelpPage, Region, RegionContact, StandardPage

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.fixture
def site_pages(transactional_db, home_page) -> dict[str, str]:
    region = Region.objects.create(name="Gemeente Testdorp", slug="testdorp")
    RegionContact.objects.create(
        region=region, role=RegionContact.Role.VEILIG_THUIS, name="Veilig Thuis", phone="0800-2000"
    )
    home_page.add_child(
        instance=HelpPage(title="Hulp en melden", slug="hulp", default_region=region)
    )
    home_page.add_child(
        instance=StandardPage(
            title="Voor leraren",
            slug="leraren",
            introduction="Wat je in de klas kunt zien.",
            body=[
                ("paragraph", "<p>Een leerling verzuimt vaker.</p>"),
                ("callout", {"tone": "help", "heading": "Twijfel je?", "text": "<p>Bel.</p>"}),
            ],
        )
    )
    return {
        "home": "/",
        "standard page": "/leraren/",
        "help page": "/hulp/",
        "login": "/account/login/",
        "sign-up": "/account/signup/",
        "password reset": "/account/password/reset/",
        "home in English": "/en/",
    }


@pytest.mark.parametrize("width", [375, 1280])
def test_site_pages_have_no_blocking_violations(site_pages, live_server, page: Page, width):
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    for name, path in site_pages.items():
        page.goto(f"{live_server.url}{path}")
        violations = blocking_violations(page)
        if violations:
            found[name] = violations
    assert found == {}
