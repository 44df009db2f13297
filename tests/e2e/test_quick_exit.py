"""The quick exit replaces the page with a neutral site, and Back does not return."""

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Site

from website.models import SiteSettings, StandardPage

NEUTRAL_SITE = "https://neutraal.example.org/"


@pytest.fixture
def platform_page(transactional_db, home_page, live_server, page: Page) -> Page:
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.quick_exit_url = NEUTRAL_SITE
    settings.save()
    long_page = StandardPage(
        title="Lange pagina",
        slug="lang",
        introduction="Een pagina om langs te scrollen.",
        body=[("paragraph", "<p>Tekst.</p>" * 200)],
    )
    home_page.add_child(instance=long_page)
    # The neutral site is outside this machine's reach: answer it from the test.
    page.route(
        f"{NEUTRAL_SITE}**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Het weer</title><p>Zonnig</p>"
        ),
    )
    page.goto(f"{live_server.url}/lang/")
    return page


def assert_left_for_good(page: Page, platform_url: str) -> None:
    expect(page).to_have_url(NEUTRAL_SITE)
    page.go_back()
    assert not page.url.startswith(platform_url)


def test_quick_exit_is_the_first_tab_stop(platform_page: Page):
    platform_page.keyboard.press("Tab")
    focused = platform_page.evaluate("document.activeElement.id")
    assert focused == "quick-exit"


def test_click_leaves_the_platform(platform_page: Page, live_server):
    platform_page.locator("#quick-exit").click()
    assert_left_for_good(platform_page, live_server.url)


def test_escape_leaves_the_platform(platform_page: Page, live_server):
    platform_page.keyboard.press("Escape")
    assert_left_for_good(platform_page, live_server.url)


def test_shift_three_times_leaves_the_platform(platform_page: Page, live_server):
    for _ in range(3):
        platform_page.keyboard.press("Shift")
    assert_left_for_good(platform_page, live_server.url)


def test_two_shift_presses_do_not_leave(platform_page: Page, live_server):
    platform_page.keyboard.press("Shift")
    platform_page.keyboard.press("Shift")
    platform_page.wait_for_timeout(300)
    assert platform_page.url.startswith(live_server.url)


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_quick_exit_stays_visible_and_uncovered_while_scrolling(platform_page: Page, width):
    platform_page.set_viewport_size({"width": width, "height": 640})
    platform_page.mouse.wheel(0, 5000)
    platform_page.wait_for_timeout(200)
    assert platform_page.evaluate("window.scrollY") > 1000
    button = platform_page.locator("#quick-exit")
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    topmost_id = platform_page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('#quick-exit')?.id",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert topmost_id == "quick-exit"
