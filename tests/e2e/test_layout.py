"""Every public page fits a 320-pixel-wide phone without sideways scrolling."""

import pytest
from playwright.sync_api import Page

from website.models import HelpPage, Region, RegionContact, StandardPage


@pytest.fixture
def public_paths(transactional_db, home_page) -> list[str]:
    region = Region.objects.create(name="Gemeente Testdorp", slug="testdorp")
    RegionContact.objects.create(
        region=region, role=RegionContact.Role.VEILIG_THUIS, name="Veilig Thuis", phone="0800-2000"
    )
    home_page.add_child(
        instance=HelpPage(title="Hulp en melden", slug="hulp", default_region=region)
    )
    home_page.add_child(
        instance=StandardPage(
            title="Voor taxichauffeurs",
            slug="taxi",
            introduction="Ook een lang woord als mensenhandelbestrijdingsprogramma past.",
        )
    )
    return ["/", "/hulp/", "/taxi/", "/account/login/", "/account/signup/", "/en/"]


@pytest.mark.parametrize("width", [320, 375])
def test_public_pages_fit_a_small_phone(public_paths, live_server, page: Page, width):
    page.set_viewport_size({"width": width, "height": 700})
    for path in public_paths:
        page.goto(f"{live_server.url}{path}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} is {scroll_width}px wide at {width}px"
